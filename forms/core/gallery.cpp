#include "gallery.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace wfo::forms {

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
    const QList<Choice> roles {
        {u"core"_s, QCoreApplication::translate("wfo::forms::Gallery", "Core")},
        {u"edge"_s, QCoreApplication::translate("wfo::forms::Gallery", "Edge")},
        {u"access"_s, QCoreApplication::translate("wfo::forms::Gallery", "Access")}};
    const QList<Choice> sites {
        {u"ams1"_s, QCoreApplication::translate("wfo::forms::Gallery", "Amsterdam 1")},
        {u"ams2"_s, QCoreApplication::translate("wfo::forms::Gallery", "Amsterdam 2")},
        {u"lon1"_s, QCoreApplication::translate("wfo::forms::Gallery", "London 1")},
        {u"fra1"_s, QCoreApplication::translate("wfo::forms::Gallery", "Frankfurt 1")},
        {u"par1"_s, QCoreApplication::translate("wfo::forms::Gallery", "Paris 1")}};
    const QList<Choice> features {
        {u"bfd"_s, QCoreApplication::translate("wfo::forms::Gallery", "BFD")},
        {u"lldp"_s, QCoreApplication::translate("wfo::forms::Gallery", "LLDP")},
        {u"netflow"_s, QCoreApplication::translate("wfo::forms::Gallery", "NetFlow")},
        {u"macsec"_s, QCoreApplication::translate("wfo::forms::Gallery", "MACsec")}};
    const QList<Choice> regions {
        {u"nl"_s, QCoreApplication::translate("wfo::forms::Gallery", "Netherlands")},
        {u"be"_s, QCoreApplication::translate("wfo::forms::Gallery", "Belgium")},
        {u"de"_s, QCoreApplication::translate("wfo::forms::Gallery", "Germany")},
        {u"fr"_s, QCoreApplication::translate("wfo::forms::Gallery", "France")},
        {u"uk"_s, QCoreApplication::translate("wfo::forms::Gallery", "United Kingdom")},
        {u"dk"_s, QCoreApplication::translate("wfo::forms::Gallery", "Denmark")},
        {u"se"_s, QCoreApplication::translate("wfo::forms::Gallery", "Sweden")}};
    const SummaryData summary {{QCoreApplication::translate("wfo::forms::Gallery", "Current"),
                                QCoreApplication::translate("wfo::forms::Gallery", "After")},
                               {QCoreApplication::translate("wfo::forms::Gallery", "Ports"),
                                QCoreApplication::translate("wfo::forms::Gallery", "Speed")},
                               {{u"24"_s, u"10G"_s}, {u"48"_s, u"100G"_s}}};

    FormPage page(QCoreApplication::translate("wfo::forms::Gallery", "Form gallery"));
    page.add(Field::infoLabel(u"intro"_s,
                              QCoreApplication::translate(
                                  "wfo::forms::Gallery",
                                  "Every field type the forms know, one of each. Nothing here "
                                  "changes anything.")))
        .add(Field::text(u"hostname"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Host name"))
                 .description(QCoreApplication::translate("wfo::forms::Gallery",
                                                          "Lower-case letters, digits and dashes."))
                 .length(3, 30)
                 .pattern(u"[a-z0-9-]+"_s))
        .add(Field::longText(u"notes"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Notes"))
                 .optional())
        .add(Field::integer(u"port_count"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Number of ports"))
                 .range(1, 48))
        .add(Field::number(u"bandwidth"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Bandwidth (Gbit/s)"))
                 .numberRange(0.5, 400))
        .add(Field::boolean(u"monitoring"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Monitoring")))
        .add(Field::choice(u"role"_s, roles)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Role")))
        .add(Field::choice(u"site"_s, sites)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Site")))
        .add(Field::multiChoice(u"features"_s, features)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Features"))
                 .optional())
        .add(Field::multiChoice(u"regions"_s, regions)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Regions"))
                 .items(1, {}))
        .add(Field::list(u"dns_servers"_s,
                         Field::ipAddress(u"dns_server"_s)
                             .label(QCoreApplication::translate("wfo::forms::Gallery", "Server")))
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "DNS servers"))
                 .items(1, 3)
                 .unique())
        .add(Field::divider(u"divider"_s))
        .add(Field::markdown(
            u"help"_s,
            QCoreApplication::translate("wfo::forms::Gallery",
                                        "**Markdown** is shown as *rich text*, with "
                                        "[links](https://example.org) and `code`.")))
        .add(Field::callout(
            u"warning"_s, QCoreApplication::translate("wfo::forms::Gallery", "Maintenance window"),
            QCoreApplication::translate("wfo::forms::Gallery",
                                        "Changes to the core network need an approved change."),
            u"warning"_s))
        .add(Field::summary(u"current_state"_s, summary)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Port summary")))
        .add(Field::accept(
                 u"checks"_s,
                 {{u"cabled"_s,
                   QCoreApplication::translate("wfo::forms::Gallery", "The cabling is done")},
                  {u"labelled"_s,
                   QCoreApplication::translate("wfo::forms::Gallery", "The cables are labelled")}})
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Checklist")))
        .add(Field::readOnlyValue(u"tenant"_s, u"ACME"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Tenant")))
        .add(Field::hidden(u"origin"_s, u"gallery"_s))
        .add(Field::timestamp(u"start_at"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Start at"))
                 .optional())
        .add(Field::date(u"go_live"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Go-live date"))
                 .optional())
        .add(Field::ipAddress(u"loopback"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Loopback address")))
        .add(Field::ipPrefix(u"management_prefix"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Management prefix")))
        .add(Field::vlanRanges(u"vlans"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "VLANs")))
        .add(Field::uuid(u"reference"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Reference"))
                 .optional())
        .add(Field::customer(u"customer_id"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Customer")))
        .add(Field::product(u"product_id"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Product"))
                 .filter(PickerFilter {{galleryProductId()}, {}, {}, {}}))
        .add(Field::subscription(u"subscription_id"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Subscription"))
                 .filter(PickerFilter {{galleryProductId()}, {u"NODE"_s}, {u"active"_s}, {}}))
        .add(Field::contactPerson(u"contact"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Contact person")));
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
        const QList<Choice> sites {
            {u"ams1"_s, QCoreApplication::translate("wfo::forms::Gallery", "Amsterdam 1")},
            {u"ams2"_s, QCoreApplication::translate("wfo::forms::Gallery", "Amsterdam 2")},
            {u"lon1"_s, QCoreApplication::translate("wfo::forms::Gallery", "London 1")}};
        FormPage node(QCoreApplication::translate("wfo::forms::Gallery", "Node"));
        node.add(Field::text(u"node_name"_s)
                     .label(QCoreApplication::translate("wfo::forms::Gallery", "Node name"))
                     .description(QCoreApplication::translate(
                         "wfo::forms::Gallery", "Starts with the site code, e.g. ams1-rt1.")))
            .add(Field::choice(u"site"_s, sites)
                     .label(QCoreApplication::translate("wfo::forms::Gallery", "Site")))
            .add(Field::ipAddress(u"loopback"_s)
                     .label(QCoreApplication::translate("wfo::forms::Gallery", "Loopback address")))
            .validator([](const QJsonObject &values) {
                if (values.value(u"node_name")
                        .toString()
                        .startsWith(values.value(u"site").toString()))
                    return ValidationErrors();
                return ValidationErrors {
                    {QJsonArray {u"node_name"_s},
                     QCoreApplication::translate("wfo::forms::Gallery",
                                                 "The node name must start with the site code."),
                     u"value_error"_s}};
            });
        const QJsonObject first = session.page(node);

        if (first.value(u"site").toString().startsWith(u"ams")) {
            session.page(
                FormPage(QCoreApplication::translate("wfo::forms::Gallery", "Rack position"),
                         {Field::integer(u"rack"_s)
                              .label(QCoreApplication::translate("wfo::forms::Gallery", "Rack"))
                              .range(1, 40),
                          Field::integer(u"unit"_s)
                              .label(QCoreApplication::translate("wfo::forms::Gallery", "Unit"))
                              .range(1, 42)}));
        } else {
            session.page(FormPage(
                QCoreApplication::translate("wfo::forms::Gallery", "Remote hands"),
                {Field::contactPerson(u"remote_contact"_s)
                     .label(QCoreApplication::translate("wfo::forms::Gallery",
                                                        "Remote hands contact")),
                 Field::longText(u"access_notes"_s)
                     .label(QCoreApplication::translate("wfo::forms::Gallery", "Access notes"))
                     .optional()}));
        }

        const QJsonObject values = session.values();
        const SummaryData summary {
            {QCoreApplication::translate("wfo::forms::Gallery", "Value")},
            {QCoreApplication::translate("wfo::forms::Gallery", "Node name"),
             QCoreApplication::translate("wfo::forms::Gallery", "Site"),
             QCoreApplication::translate("wfo::forms::Gallery", "Loopback address")},
            {{values.value(u"node_name").toString(), values.value(u"site").toString(),
              values.value(u"loopback").toString()}}};
        session.page(FormPage(
            QCoreApplication::translate("wfo::forms::Gallery", "Confirm"),
            {Field::summary(u"overview"_s, summary)
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Overview")),
             Field::accept(
                 u"checks"_s,
                 {{u"cabled"_s,
                   QCoreApplication::translate("wfo::forms::Gallery", "The node is cabled")},
                  {u"powered"_s,
                   QCoreApplication::translate("wfo::forms::Gallery", "The node is powered on")}})
                 .label(QCoreApplication::translate("wfo::forms::Gallery", "Before you start")),
             Field::boolean(u"start_now"_s)
                 .label(QCoreApplication::translate("wfo::forms::Gallery",
                                                    "Start the workflow right away"))}));
        return QJsonObject();
    };
}

} // namespace wfo::forms
