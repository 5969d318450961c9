#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"

#include "base/lifecycle.h"
#include "queries/catalogue.h"
#include "queries/jsontext.h"
#include "queries/subscriptionblocks.h"
#include "queries/subscriptiondetail.h"
#include "queries/subscriptionpages.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

QString yesNo(bool value)
{
    return value ? DomainCommands::tr("yes") : DomainCommands::tr("no");
}

// A missing value shows as a dash, so that every line of the detail has a value.
QString text(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return u"-"_s;
    return queries::jsonText(value);
}

// A block and its nested blocks, indented; a block of another subscription says whose it is.
void appendBlock(QStringList &lines, const QString &attribute, const QJsonObject &block,
                 const QString &owner, int depth)
{
    const QString indent(2 * (depth + 1), u' ');
    const QString blockOwner = block.value(u"owner_subscription_id").toString();
    QString header = indent + attribute + u": "_s + block.value(u"name").toString();
    if (!blockOwner.isEmpty() && blockOwner != owner)
        header += DomainCommands::tr(" (of subscription %1)").arg(blockOwner);
    lines.append(header);
    for (auto it = block.begin(); it != block.end(); ++it) {
        if (queries::SubscriptionBlocks::isBlock(it.value()))
            appendBlock(lines, it.key(), it.value().toObject(), blockOwner, depth + 1);
        else if (it.key() != "name"_L1 && it.key() != "owner_subscription_id"_L1
                 && !(it.key() == "label"_L1 && it.value().isNull()))
            lines.append(indent + u"  "_s + it.key() + u": "_s + text(it.value()));
    }
}

void appendRelated(QStringList &lines, const QString &title, const QJsonArray &related)
{
    if (related.isEmpty())
        return;
    lines.append(QString());
    lines.append(title);
    for (const QJsonValue &value : related) {
        const QJsonObject other = value.toObject();
        lines.append(u"  %1  %2  %3"_s.arg(other.value(u"subscription_id").toString(),
                                           other.value(u"status").toString(),
                                           other.value(u"description").toString()));
    }
}

void printDetail(Output &out, const queries::SubscriptionDetail &snapshot)
{
    const QJsonObject detail = snapshot.toJson();
    QStringList lines;
    const QJsonObject product = detail.value(u"product").toObject();
    const QList<std::pair<QString, QString>> general {
        {DomainCommands::tr("Subscription"), text(detail.value(u"id"))},
        {DomainCommands::tr("Description"), text(detail.value(u"description"))},
        {DomainCommands::tr("Product"),
         u"%1 (%2)"_s.arg(product.value(u"name").toString(), product.value(u"tag").toString())},
        {DomainCommands::tr("Customer"), text(detail.value(u"customer_id"))},
        {DomainCommands::tr("Status"), text(detail.value(u"status"))},
        {DomainCommands::tr("In sync"), yesNo(detail.value(u"insync").toBool())},
        {DomainCommands::tr("Start date"), text(detail.value(u"start_date"))},
        {DomainCommands::tr("End date"), text(detail.value(u"end_date"))},
        {DomainCommands::tr("Note"), text(detail.value(u"note"))},
        {DomainCommands::tr("Version"), text(detail.value(u"version"))}};
    for (const auto &[label, value] : general)
        lines.append(QString(label + u':').leftJustified(16) + u' ' + value);

    lines.append(QString());
    lines.append(DomainCommands::tr("Blocks"));
    const QJsonObject blocks = detail.value(u"blocks").toObject();
    for (auto it = blocks.begin(); it != blocks.end(); ++it)
        appendBlock(lines, it.key(), it.value().toObject(), text(detail.value(u"id")), 0);
    appendRelated(lines, DomainCommands::tr("In use by"), detail.value(u"in_use_by").toArray());
    appendRelated(lines, DomainCommands::tr("Depends on"), detail.value(u"depends_on").toArray());
    out.print(lines.join(u'\n'));

    QList<QStringList> rows;
    const QJsonObject workflows = detail.value(u"workflows").toObject();
    for (const QString &target :
         {u"create"_s, u"modify"_s, u"terminate"_s, u"system"_s, u"validate"_s, u"reconcile"_s}) {
        for (const QJsonValue &value : workflows.value(target).toArray()) {
            const QJsonObject workflow = value.toObject();
            const QJsonObject reason = workflow.value(u"reason").toObject();
            rows.append({target.toUpper(), workflow.value(u"name").toString(),
                         reason.isEmpty() ? DomainCommands::tr("available")
                                          : reason.value(u"code").toString(),
                         reason.value(u"message").toString()});
        }
    }
    out.print(QString());
    out.print(Output::table({DomainCommands::tr("TARGET"), DomainCommands::tr("WORKFLOW"),
                             DomainCommands::tr("AVAILABLE"), DomainCommands::tr("REASON")},
                            rows));

    rows.clear();
    for (const QJsonValue &value : detail.value(u"versions").toArray()) {
        const QJsonObject version = value.toObject();
        rows.append({text(version.value(u"version")), text(version.value(u"process_id")),
                     version.value(u"step_name").toString(),
                     version.value(u"created_by").toString(),
                     version.value(u"created_at").toString()});
    }
    out.print(QString());
    out.print(Output::table({DomainCommands::tr("VERSION"), DomainCommands::tr("PROCESS"),
                             DomainCommands::tr("STEP"), DomainCommands::tr("BY"),
                             DomainCommands::tr("AT")},
                            rows));
}

} // namespace

int DomainCommands::products(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"products"_s, tr("List the products with their workflows."));
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        const QJsonArray products = queries::CatalogueQuery::products(store->database());
        if (context.json()) {
            context.out().printJson(products);
            return ExitOk;
        }
        QList<QStringList> rows;
        for (const QJsonValue &value : products) {
            const QJsonObject product = value.toObject();
            QStringList workflows;
            for (const QJsonValue &workflow : product.value(u"workflows").toArray())
                workflows.append(workflow.toObject().value(u"name").toString());
            rows.append({product.value(u"name").toString(), product.value(u"tag").toString(),
                         product.value(u"status").toString(), workflows.join(u", "_s)});
        }
        context.out().print(
            rows.isEmpty()
                ? tr("No products.")
                : Output::table({tr("NAME"), tr("TAG"), tr("STATUS"), tr("WORKFLOWS")}, rows));
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

int DomainCommands::subscriptions(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"subscriptions"_s, tr("List the subscriptions, newest first."));
    parser.addOption({u"search"_s,
                      tr("Only subscriptions matching Q: free text or field:value (status, "
                         "customer, product, tag...), as in the console."),
                      tr("Q")});
    parser.addOption(
        {u"status"_s, tr("Only subscriptions in lifecycle status S (several: S1,S2)."), tr("S")});
    parser.addOption({u"limit"_s, tr("At most N subscriptions (default 100)."), tr("N"), u"100"_s});
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    queries::SubscriptionFilter query;
    query.search = parser.value(u"search"_s);
    for (const QString &status : parser.value(u"status"_s).split(u',', Qt::SkipEmptyParts)) {
        if (!lifecycleFromString(status.trimmed()))
            return parser.usageError(tr("'%1' is not a subscription status; use one of %2.")
                                         .arg(status, lifecycleNames().join(u", "_s)));
        query.statuses.append(status.trimmed());
    }
    bool ok = false;
    query.limit = parser.value(u"limit"_s).toInt(&ok);
    if (!ok || query.limit < 1)
        return parser.usageError(tr("--limit needs a positive number."));

    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        const QJsonArray list = queries::SubscriptionPageQuery::page(store->database(), query);
        if (context.json()) {
            QJsonArray array;
            for (const QJsonValue &value : list)
                array.append(queries::SubscriptionDetail::summaryJson(value.toObject()));
            context.out().printJson(array);
            return ExitOk;
        }
        QList<QStringList> rows;
        for (const QJsonValue &value : list) {
            const QJsonObject s = value.toObject();
            rows.append({s.value(u"subscription_id").toString(),
                         s.value(u"product").toObject().value(u"name").toString(),
                         s.value(u"status").toString(), yesNo(s.value(u"insync").toBool()),
                         s.value(u"customer_id").toString(), s.value(u"description").toString()});
        }
        context.out().print(rows.isEmpty()
                                ? tr("No subscriptions.")
                                : Output::table({tr("ID"), tr("PRODUCT"), tr("STATUS"),
                                                 tr("IN SYNC"), tr("CUSTOMER"), tr("DESCRIPTION")},
                                                rows));
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

int DomainCommands::subscription(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"subscription"_s,
                         tr("Show a subscription: its blocks, relations, versions and the "
                            "workflows that may run on it (with the reasons of the others)."));
    parser.addPositional(u"subscription_id"_s, tr("The subscription."), u"SUBSCRIPTION_ID"_s);
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    const QString id = CtlContext::normalisedId(parser.positional().constFirst());
    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        const queries::SubscriptionDetailQuery query(context.installation().constraintSettings(),
                                                     &context.registry());
        const std::optional<queries::SubscriptionDetail> detail = query.load(store->database(), id);
        if (!detail) {
            context.out().error(tr("There is no subscription '%1'.").arg(id));
            return ExitError;
        }
        if (context.json())
            context.out().printJson(detail->toJson());
        else
            printDetail(context.out(), *detail);
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

} // namespace wfo::ctl
