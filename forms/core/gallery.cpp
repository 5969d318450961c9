#include "gallery.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wfo::forms::Gallery", text);
}

} // namespace

QString galleryProductId()
{
    return u"5f2b9c3e-8d1a-4e6b-9a7c-1d2e3f4a5b6c"_s;
}

QString gallerySubscriptionId()
{
    return u"0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"_s;
}

QString galleryCustomerId()
{
    return u"acme-networks"_s;
}

FormPage galleryPage()
{
    const QList<Choice> roles { { u"core"_s, tr("Core") },
                                { u"edge"_s, tr("Edge") },
                                { u"access"_s, tr("Access") } };
    const QList<Choice> sites { { u"ams1"_s, tr("Amsterdam 1") },
                                { u"ams2"_s, tr("Amsterdam 2") },
                                { u"lon1"_s, tr("London 1") },
                                { u"fra1"_s, tr("Frankfurt 1") },
                                { u"par1"_s, tr("Paris 1") } };
    const QList<Choice> features { { u"bfd"_s, tr("BFD") },
                                   { u"lldp"_s, tr("LLDP") },
                                   { u"netflow"_s, tr("NetFlow") },
                                   { u"macsec"_s, tr("MACsec") } };
    const QList<Choice> regions { { u"nl"_s, tr("Netherlands") },    { u"be"_s, tr("Belgium") },
                                  { u"de"_s, tr("Germany") },        { u"fr"_s, tr("France") },
                                  { u"uk"_s, tr("United Kingdom") }, { u"dk"_s, tr("Denmark") },
                                  { u"se"_s, tr("Sweden") } };
    const SummaryData summary { { tr("Current"), tr("After") },
                                { tr("Ports"), tr("Speed") },
                                { { u"24"_s, u"10G"_s }, { u"48"_s, u"100G"_s } } };

    FormPage page(tr("Form gallery"));
    page.add(Field::infoLabel(u"intro"_s,
                              tr("Every field type the forms know, one of each. Nothing here "
                                 "changes anything.")))
        .add(Field::text(u"hostname"_s)
                 .label(tr("Host name"))
                 .description(tr("Lower-case letters, digits and dashes."))
                 .length(3, 30)
                 .pattern(u"[a-z0-9-]+"_s))
        .add(Field::longText(u"notes"_s).label(tr("Notes")).optional())
        .add(Field::integer(u"port_count"_s).label(tr("Number of ports")).range(1, 48))
        .add(Field::number(u"bandwidth"_s).label(tr("Bandwidth (Gbit/s)")).numberRange(0.5, 400))
        .add(Field::boolean(u"monitoring"_s).label(tr("Monitoring")))
        .add(Field::choice(u"role"_s, roles).label(tr("Role")))
        .add(Field::choice(u"site"_s, sites).label(tr("Site")))
        .add(Field::multiChoice(u"features"_s, features).label(tr("Features")).optional())
        .add(Field::multiChoice(u"regions"_s, regions).label(tr("Regions")).items(1, {}))
        .add(Field::list(u"dns_servers"_s, Field::ipAddress(u"dns_server"_s).label(tr("Server")))
                 .label(tr("DNS servers"))
                 .items(1, 3)
                 .unique())
        .add(Field::divider(u"divider"_s))
        .add(Field::markdown(u"help"_s,
                             tr("**Markdown** is shown as *rich text*, with "
                                "[links](https://example.org) and `code`.")))
        .add(Field::callout(u"warning"_s, tr("Maintenance window"),
                            tr("Changes to the core network need an approved change."),
                            u"warning"_s))
        .add(Field::summary(u"current_state"_s, summary).label(tr("Port summary")))
        .add(Field::accept(u"checks"_s,
                           { { u"cabled"_s, tr("The cabling is done") },
                             { u"labelled"_s, tr("The cables are labelled") } })
                 .label(tr("Checklist")))
        .add(Field::readOnlyValue(u"tenant"_s, u"ACME"_s).label(tr("Tenant")))
        .add(Field::hidden(u"origin"_s, u"gallery"_s))
        .add(Field::timestamp(u"start_at"_s).label(tr("Start at")).optional())
        .add(Field::date(u"go_live"_s).label(tr("Go-live date")).optional())
        .add(Field::ipAddress(u"loopback"_s).label(tr("Loopback address")))
        .add(Field::ipPrefix(u"management_prefix"_s).label(tr("Management prefix")))
        .add(Field::vlanRanges(u"vlans"_s).label(tr("VLANs")))
        .add(Field::uuid(u"reference"_s).label(tr("Reference")).optional())
        .add(Field::customer(u"customer_id"_s).label(tr("Customer")))
        .add(Field::product(u"product_id"_s)
                 .label(tr("Product"))
                 .filter(PickerFilter { { galleryProductId() }, {}, {} }))
        .add(Field::subscription(u"subscription_id"_s)
                 .label(tr("Subscription"))
                 .filter(PickerFilter { { galleryProductId() }, { u"NODE"_s }, { u"active"_s } }))
        .add(Field::contactPerson(u"contact"_s).label(tr("Contact person")));
    return page;
}

FormGenerator galleryGenerator()
{
    return [](FormSession &session) {
        session.page(galleryPage());
        return QJsonObject();
    };
}

FormGenerator exampleWizardGenerator()
{
    return [](FormSession &session) {
        const QList<Choice> sites { { u"ams1"_s, tr("Amsterdam 1") },
                                    { u"ams2"_s, tr("Amsterdam 2") },
                                    { u"lon1"_s, tr("London 1") } };
        FormPage node(tr("Node"));
        node.add(Field::text(u"node_name"_s)
                     .label(tr("Node name"))
                     .description(tr("Starts with the site code, e.g. ams1-rt1.")))
            .add(Field::choice(u"site"_s, sites).label(tr("Site")))
            .add(Field::ipAddress(u"loopback"_s).label(tr("Loopback address")))
            .validator([](const QJsonObject &values) {
                if (values.value(u"node_name")
                        .toString()
                        .startsWith(values.value(u"site").toString()))
                    return ValidationErrors();
                return ValidationErrors { { QJsonArray { u"node_name"_s },
                                            tr("The node name must start with the site code."),
                                            u"value_error"_s } };
            });
        const QJsonObject first = session.page(node);

        if (first.value(u"site").toString().startsWith(u"ams")) {
            session.page(FormPage(tr("Rack position"),
                                  { Field::integer(u"rack"_s).label(tr("Rack")).range(1, 40),
                                    Field::integer(u"unit"_s).label(tr("Unit")).range(1, 42) }));
        } else {
            session.page(FormPage(
                tr("Remote hands"),
                { Field::contactPerson(u"remote_contact"_s).label(tr("Remote hands contact")),
                  Field::longText(u"access_notes"_s).label(tr("Access notes")).optional() }));
        }

        const QJsonObject values = session.values();
        const SummaryData summary { { tr("Value") },
                                    { tr("Node name"), tr("Site"), tr("Loopback address") },
                                    { { values.value(u"node_name").toString(),
                                        values.value(u"site").toString(),
                                        values.value(u"loopback").toString() } } };
        session.page(FormPage(
            tr("Confirm"),
            { Field::summary(u"overview"_s, summary).label(tr("Overview")),
              Field::accept(u"checks"_s,
                            { { u"cabled"_s, tr("The node is cabled") },
                              { u"powered"_s, tr("The node is powered on") } })
                  .label(tr("Before you start")),
              Field::boolean(u"start_now"_s).label(tr("Start the workflow right away")) }));
        return QJsonObject();
    };
}

} // namespace wfo::forms
