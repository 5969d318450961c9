#include "workflowconstraints.h"

#include "store/subscriptionrepository.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo {

QJsonObject WorkflowAvailability::toJson() const
{
    QJsonObject object {{u"name"_s, name}, {u"description"_s, description}};
    if (reason) {
        QJsonObject r = reason->details;
        r.insert(u"code"_s, reason->code);
        r.insert(u"message"_s, reason->message);
        object.insert(u"reason"_s, r);
    }
    return object;
}

QJsonObject WorkflowConstraints::toJson(const QList<WorkflowAvailability> &workflows)
{
    QJsonObject result;
    for (Target target : {Target::Create, Target::Modify, Target::Terminate, Target::System,
                          Target::Validate, Target::Reconcile}) {
        QJsonArray list;
        for (const WorkflowAvailability &w : workflows) {
            if (w.target == target)
                list.append(w.toJson());
        }
        result.insert(toText(target).toLower(), list);
    }
    return result;
}

std::optional<Refusal> WorkflowConstraints::reasonFor(const QString &workflow, Target target,
                                                      bool isTask, const QJsonObject &subscription,
                                                      const QJsonArray &inUseBy,
                                                      const QJsonArray &dependsOn) const
{
    const bool outOfSyncOk = m_settings.usableOutOfSync(workflow, isTask);
    if (!outOfSyncOk && !subscription.value(u"insync").toBool()) {
        return Refusal {u"subscription.not_in_sync"_s,
                        tr("The subscription is not in sync: a workflow changed it and did not "
                           "finish. Finish or validate it first."),
                        {}};
    }
    if (!outOfSyncOk) {
        QStringList unsynced;
        QJsonArray details;
        for (const QJsonArray &related : {inUseBy, dependsOn}) {
            for (const QJsonValue &value : related) {
                const QJsonObject other = value.toObject();
                if (!other.value(u"insync").toBool()
                    && other.value(u"status").toString() != "terminated"_L1) {
                    unsynced.append(other.value(u"description").toString());
                    details.append(other);
                }
            }
        }
        if (!unsynced.isEmpty())
            return Refusal {
                u"subscription.relations_not_in_sync"_s,
                tr("A related subscription is not in sync: %1.").arg(unsynced.join(u", "_s)),
                {{u"subscriptions"_s, details}}};
    }
    if (isTask)
        return std::nullopt;
    const QStringList usable = m_settings.usableStatuses(workflow, target);
    const QString status = subscription.value(u"status").toString();
    if (!usable.contains(status)) {
        return Refusal {
            u"subscription.no_modify_invalid_status"_s,
            tr("This workflow can only run on a subscription that is %1; this one is "
               "%2.")
                .arg(usable.join(tr(" or ")), status),
            {{u"usable_when"_s, QJsonArray::fromStringList(usable)}, {u"status"_s, status}}};
    }
    if (m_settings.blockedWhileInUse(workflow, target)) {
        QStringList names;
        QJsonArray details;
        for (const QJsonValue &value : inUseBy) {
            const QJsonObject other = value.toObject();
            if (other.value(u"status").toString() == "terminated"_L1)
                continue;
            names.append(u"%1 (%2)"_s.arg(other.value(u"description").toString(),
                                          other.value(u"subscription_id").toString()));
            details.append(other);
        }
        if (!names.isEmpty())
            return Refusal {u"subscription.no_modify_subscription_in_use_by_others"_s,
                            tr("The subscription is in use by %1, which is not terminated.")
                                .arg(names.join(u", "_s)),
                            {{u"subscriptions"_s, details}}};
    }
    return std::nullopt;
}

QList<WorkflowAvailability>
WorkflowConstraints::forSubscription(const store::Database &database,
                                     const QString &subscriptionId) const
{
    store::SubscriptionRepository repository(database);
    const std::optional<QJsonObject> subscription = repository.load(subscriptionId);
    if (!subscription)
        return {};
    return forSubscription(database, *subscription, repository.inUseBy(subscriptionId),
                           repository.dependsOn(subscriptionId));
}

QList<WorkflowAvailability> WorkflowConstraints::forSubscription(const store::Database &database,
                                                                 const QJsonObject &subscription,
                                                                 const QJsonArray &inUseBy,
                                                                 const QJsonArray &dependsOn) const
{
    store::SubscriptionRepository repository(database);
    QList<WorkflowAvailability> result;
    const QString productId =
        subscription.value(u"product").toObject().value(u"product_id").toString();
    for (const QJsonValue &value : repository.productWorkflows(productId)) {
        const QJsonObject row = value.toObject();
        WorkflowAvailability availability;
        availability.name = row.value(u"name").toString();
        availability.target =
            targetFromString(row.value(u"target").toString()).value_or(Target::System);
        availability.isTask = row.value(u"is_task").toBool();
        if (availability.target == Target::Create)
            continue; // a subscription exists already
        const WorkflowPtr code = m_registry ? m_registry->find(availability.name) : nullptr;
        availability.description =
            code ? code->description() : row.value(u"description").toString();
        if (!code) {
            availability.reason = Refusal {u"workflow.not_installed"_s,
                                           tr("The workflow is not installed in this program."),
                                           {}};
        } else {
            availability.reason = reasonFor(availability.name, availability.target,
                                            availability.isTask, subscription, inUseBy, dependsOn);
        }
        result.append(availability);
    }
    return result;
}

std::optional<Refusal> WorkflowConstraints::check(const store::Database &database,
                                                  const QString &workflow,
                                                  const QString &subscriptionId) const
{
    store::SubscriptionRepository repository(database);
    const std::optional<QJsonObject> subscription = repository.load(subscriptionId);
    if (!subscription)
        return Refusal {u"subscription.not_found"_s,
                        tr("There is no subscription '%1'.").arg(subscriptionId),
                        {}};
    const QString productId =
        subscription->value(u"product").toObject().value(u"product_id").toString();
    const QStringList linked = repository.productsOfWorkflow(workflow);
    const WorkflowPtr code = m_registry ? m_registry->find(workflow) : nullptr;
    if (!code)
        return Refusal {u"workflow.not_installed"_s,
                        tr("The workflow '%1' is not installed in this program.").arg(workflow),
                        {}};
    if (!linked.contains(productId) && !code->isTask())
        return Refusal {
            u"workflow.not_for_product"_s,
            tr("The workflow '%1' is not available for product '%2'.")
                .arg(workflow,
                     subscription->value(u"product").toObject().value(u"name").toString()),
            {}};
    return reasonFor(workflow, code->target(), code->isTask(), *subscription,
                     repository.inUseBy(subscriptionId), repository.dependsOn(subscriptionId));
}

} // namespace wfo
