#include "subscriptiondetail.h"

#include "subscriptionblocks.h"

#include "store/subscriptionrepository.h"

using namespace Qt::StringLiterals;

namespace wfo::queries {

QString SubscriptionDetail::id() const
{
    return model.value(u"subscription_id").toString();
}

QJsonObject SubscriptionDetail::product() const
{
    return model.value(u"product").toObject();
}

QJsonObject SubscriptionDetail::blocks() const
{
    return SubscriptionBlocks::blocksOf(model);
}

bool SubscriptionDetail::mayRun(const QString &workflow) const
{
    for (const WorkflowAvailability &w : workflows) {
        if (w.name == workflow)
            return !w.reason;
    }
    return false;
}

QJsonObject SubscriptionDetail::summaryJson(const QJsonObject &model)
{
    const QJsonObject product = model.value(u"product").toObject();
    QJsonObject result {
        {u"id"_s, model.value(u"subscription_id")},
        {u"description"_s, model.value(u"description")},
        {u"status"_s, model.value(u"status")},
        {u"insync"_s, model.value(u"insync")},
        {u"product"_s,
         QJsonObject {{u"name"_s, product.value(u"name")}, {u"tag"_s, product.value(u"tag")}}},
        {u"customer_id"_s, model.value(u"customer_id")},
        {u"note"_s, model.value(u"note")},
        {u"blocks"_s, SubscriptionBlocks::blocksOf(model)}};
    for (const char *key : {"start_date", "end_date", "version"}) {
        const QLatin1StringView name(key);
        if (model.contains(name))
            result.insert(name, model.value(name));
    }
    return result;
}

QJsonObject SubscriptionDetail::toJson() const
{
    QJsonObject json = summaryJson(model);
    json.insert(u"workflows"_s, WorkflowConstraints::toJson(workflows));
    json.insert(u"in_use_by"_s, inUseBy);
    json.insert(u"depends_on"_s, dependsOn);
    json.insert(u"versions"_s, versions);
    json.insert(u"processes"_s, processes);
    return json;
}

std::optional<SubscriptionDetail> SubscriptionDetailQuery::load(const store::Database &database,
                                                                const QString &subscriptionId) const
{
    store::SubscriptionRepository repository(database);
    std::optional<QJsonObject> model = repository.load(subscriptionId);
    if (!model)
        return std::nullopt;
    SubscriptionDetail detail;
    detail.model = std::move(*model);
    detail.inUseBy = repository.inUseBy(subscriptionId);
    detail.dependsOn = repository.dependsOn(subscriptionId);
    detail.processes = repository.processes(subscriptionId);
    detail.versions = repository.versions(subscriptionId);
    detail.workflows =
        WorkflowConstraints(m_settings, m_registry)
            .forSubscription(database, detail.model, detail.inUseBy, detail.dependsOn);
    return detail;
}

QJsonObject SubscriptionDetailQuery::version(const store::Database &database,
                                             const QString &subscriptionId, int version)
{
    return store::SubscriptionRepository(database)
        .version(subscriptionId, version)
        .value_or(QJsonObject());
}

} // namespace wfo::queries
