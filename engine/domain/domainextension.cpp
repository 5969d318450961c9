#include "domainextension.h"

#include "store/subscriptionrepository.h"
#include "store/transaction.h"
#include "workflowconstraints.h"

#include <QJsonArray>
#include <QMap>

using namespace Qt::StringLiterals;

namespace wfo {

DomainExtension::DomainExtension(const DomainCatalogue &catalogue, const WorkflowRegistry *registry)
    : m_catalogue(catalogue)
    , m_registry(registry)
{
    for (const ProductBlockDefinition &block : m_catalogue.blocks)
        m_blocks.insert(block.name, block);
}

void DomainExtension::databaseOpened(const store::Database &database)
{
    store::WriteTransaction transaction(database);
    database.lockCatalogue();
    store::SubscriptionRepository(database).syncCatalogue(
        m_catalogue.products, m_catalogue.blocks, m_catalogue.registrations,
        m_catalogue.settings.defaultProductWorkflows);
    transaction.commit();
}

bool DomainExtension::isSubscriptionModel(const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    return object.contains(u"customer_id")
        && (object.contains(u"product") || object.contains(u"product_id"))
        && object.contains(u"status");
}

std::optional<Refusal> DomainExtension::checkStart(const store::Database &database,
                                                   const Workflow &workflow, QJsonObject &state)
{
    store::SubscriptionRepository repository(database);
    if (workflow.target() == Target::Create) {
        QString product = state.value(u"product").toString();
        if (product.isEmpty()) {
            const QStringList linked = repository.productsOfWorkflow(workflow.name());
            if (linked.size() != 1) {
                QStringList names;
                for (const QString &id : linked)
                    names.append(repository.findProduct(id)
                                     .value_or(QJsonObject())
                                     .value(u"name")
                                     .toString());
                return Refusal {
                    u"product.required"_s,
                    linked.isEmpty()
                        ? tr("The workflow '%1' is not linked to any product.").arg(workflow.name())
                        : tr("Choose the product for '%1': %2.")
                              .arg(workflow.name(), names.join(u", "_s)),
                    {}};
            }
            product = linked.first();
        }
        const std::optional<QJsonObject> found = repository.findProduct(product);
        if (!found)
            return Refusal {
                u"product.not_found"_s, tr("There is no product '%1'.").arg(product), {}};
        const QString productId = found->value(u"product_id").toString();
        if (!repository.productsOfWorkflow(workflow.name()).contains(productId))
            return Refusal {u"workflow.not_for_product"_s,
                            tr("The workflow '%1' is not available for product '%2'.")
                                .arg(workflow.name(), found->value(u"name").toString()),
                            {}};
        state.insert(u"product"_s, productId);
        state.insert(u"product_name"_s, found->value(u"name").toString());
        return std::nullopt;
    }
    const QString subscriptionId = state.value(u"subscription_id").toString();
    if (subscriptionId.isEmpty()) {
        if (workflow.isTask())
            return std::nullopt;
        return Refusal {
            u"subscription.required"_s,
            tr("The workflow '%1' runs on a subscription; say which.").arg(workflow.name()),
            {}};
    }
    return WorkflowConstraints(m_catalogue.settings, m_registry)
        .check(database, workflow.name(), subscriptionId);
}

void DomainExtension::processCreated(const store::Database &database,
                                     const store::ProcessRecord &process)
{
    const QString subscriptionId = process.state.value(u"subscription_id").toString();
    if (subscriptionId.isEmpty())
        return;
    store::SubscriptionRepository(database).linkProcess(
        process.id, subscriptionId, process.state.value(u"workflow_target").toString());
}

void DomainExtension::validateBlock(const QJsonObject &block, const QString &subscriptionId,
                                    Lifecycle status, int depth) const
{
    const QString owner = block.value(u"owner_subscription_id").toString();
    if (depth > 8 || (!owner.isEmpty() && owner != subscriptionId))
        return; // another subscription's block: its own lifecycle applies
    const auto definition = m_blocks.constFind(block.value(u"name").toString());
    if (definition != m_blocks.constEnd()) {
        for (const ResourceDefinition &resource : definition->resources) {
            if (!resource.requiredIn.contains(status))
                continue;
            const QJsonValue value = block.value(resource.name);
            if (value.isUndefined() || value.isNull()
                || (value.isString() && value.toString().isEmpty()))
                throw StepError(tr("The subscription cannot be %1: resource '%2' of block '%3' "
                                   "has no value.")
                                    .arg(toText(status), resource.name, definition->name));
        }
    }
    for (auto it = block.begin(); it != block.end(); ++it) {
        if (it.value().isObject() && it.value().toObject().contains(u"name"))
            validateBlock(it.value().toObject(), subscriptionId, status, depth + 1);
    }
}

void DomainExtension::validateLifecycle(const QJsonObject &model) const
{
    const std::optional<Lifecycle> status = lifecycleFromString(model.value(u"status").toString());
    if (!status)
        throw StepError(
            tr("'%1' is not a subscription status; use one of %2.")
                .arg(model.value(u"status").toString(), lifecycleNames().join(u", "_s)));
    const QString id = model.value(u"subscription_id").toString();
    for (auto it = model.begin(); it != model.end(); ++it) {
        if (it.value().isObject() && it.value().toObject().contains(u"name")
            && it.key() != "product"_L1)
            validateBlock(it.value().toObject(), id, *status, 0);
    }
}

void DomainExtension::mergeConcurrentChanges(store::SubscriptionRepository &repository,
                                             QJsonObject &model) const
{
    // A workflow holds a copy of the subscription from its start. Workflows usable while a
    // subscription is out of sync (modify_note) may have changed it since; keep what they
    // changed unless this workflow changed the same field (a three-way merge against the
    // version the copy was taken from).
    const QString id = model.value(u"subscription_id").toString();
    const int base = model.value(u"version").toInt();
    if (id.isEmpty() || base <= 0)
        return;
    // Most often nothing changed it: its row's version alone says so, without loading it.
    const std::optional<int> stored = repository.storedVersion(id);
    if (!stored || *stored <= base)
        return;
    const std::optional<QJsonObject> current = repository.load(id);
    if (!current)
        return;
    const std::optional<QJsonObject> original = repository.version(id, base);
    if (!original)
        return;
    for (const QString &key : {u"note"_s, u"description"_s, u"customer_id"_s}) {
        if (model.value(key) == original->value(key) && current->value(key) != original->value(key))
            model.insert(key, current->value(key));
    }
}

void DomainExtension::persistStep(const store::Database &database, store::ProcessRecord &process,
                                  store::StepRecord &step)
{
    store::SubscriptionRepository repository(database);
    for (auto it = step.delta.begin(); it != step.delta.end(); ++it) {
        if (!isSubscriptionModel(it.value()))
            continue;
        QJsonObject model = it.value().toObject();
        mergeConcurrentChanges(repository, model);
        validateLifecycle(model);
        const QString id = model.value(u"subscription_id").toString();
        if (model.value(u"status").toString() == "terminated"_L1 && !id.isEmpty()) {
            // Terminating what others still use would leave them pointing at nothing.
            QStringList users;
            for (const QJsonValue &value : repository.inUseBy(id)) {
                const QJsonObject other = value.toObject();
                if (other.value(u"status").toString() != "terminated"_L1)
                    users.append(other.value(u"description").toString());
            }
            if (!users.isEmpty())
                throw StepError(tr("The subscription cannot be terminated: it is in use by %1.")
                                    .arg(users.join(u", "_s)));
        }
        const QJsonObject saved = repository.save(model, process.id, step.name, step.createdBy);
        it.value() = saved;
        process.state.insert(it.key(), saved);
        const QString savedId = saved.value(u"subscription_id").toString();
        if (!process.state.contains(u"subscription_id") && it.key() == "subscription"_L1) {
            // In the delta too: the step log alone rebuilds the state (a reset).
            process.state.insert(u"subscription_id"_s, savedId);
            step.delta.insert(u"subscription_id"_s, savedId);
        }
        repository.linkProcess(process.id, savedId,
                               process.state.value(u"workflow_target").toString());
    }
}

std::optional<Refusal> DomainExtension::processRewound(const store::Database &database,
                                                       const store::ProcessRecord &process,
                                                       const QList<store::StepRecord> &rewound,
                                                       const QString &actor, QJsonObject *detail)
{
    // Per subscription, the versions the rewound steps wrote (the first and the last).
    QMap<QString, std::pair<int, int>> written;
    for (const store::StepRecord &row : rewound) {
        for (const QJsonValue &value : row.delta) {
            if (!isSubscriptionModel(value))
                continue;
            const QJsonObject model = value.toObject();
            const QString id = model.value(u"subscription_id").toString();
            const int version = model.value(u"version").toInt();
            if (id.isEmpty() || version <= 0)
                continue;
            auto it = written.find(id);
            if (it == written.end())
                written.insert(id, {version, version});
            else
                *it = {std::min(it->first, version), std::max(it->second, version)};
        }
    }
    store::SubscriptionRepository repository(database);
    QJsonArray restored;
    QJsonArray removed;
    for (auto it = written.cbegin(); it != written.cend(); ++it) {
        const QString &id = it.key();
        const std::optional<QJsonObject> current = repository.load(id);
        if (!current)
            continue;
        if (it->first > 1) {
            std::optional<QJsonObject> before = repository.version(id, it->first - 1);
            if (!before)
                continue;
            // The process goes on, so the subscription stays out of sync; fields others changed
            // after the rewound steps last wrote them keep their newer value.
            before->insert(u"insync"_s, current->value(u"insync"));
            const std::optional<QJsonObject> last = repository.version(id, it->second);
            for (const QString &key : {u"note"_s, u"description"_s, u"customer_id"_s}) {
                if (last && current->value(key) != last->value(key))
                    before->insert(key, current->value(key));
            }
            before->remove(u"version"_s);
            const QJsonObject saved = repository.save(
                *before, process.id, u"Reset to %1"_s.arg(process.nextStepName), actor);
            restored.append(QJsonObject {{u"subscription_id"_s, id},
                                         {u"restores_version"_s, it->first - 1},
                                         {u"version"_s, saved.value(u"version")}});
            continue;
        }
        // A rewound step created it: before that step it did not exist.
        if (!repository.inUseBy(id).isEmpty())
            return Refusal {u"subscription.in_use"_s,
                            tr("The reset would remove subscription %1, which a rewound step "
                               "created, but other subscriptions use it.")
                                .arg(id),
                            {{u"subscription_id"_s, id}}};
        for (const QJsonValue &other : repository.processes(id)) {
            if (other.toObject().value(u"process_id").toString() != process.id)
                return Refusal {u"subscription.in_use"_s,
                                tr("The reset would remove subscription %1, which a rewound "
                                   "step created, but process %2 also works on it.")
                                    .arg(id, other.toObject().value(u"process_id").toString()),
                                {{u"subscription_id"_s, id}}};
        }
        repository.remove(id);
        removed.append(QJsonObject {{u"subscription_id"_s, id}, {u"last_snapshot"_s, *current}});
    }
    if (!restored.isEmpty())
        detail->insert(u"subscriptions_restored"_s, restored);
    if (!removed.isEmpty())
        detail->insert(u"subscriptions_removed"_s, removed);
    return std::nullopt;
}

} // namespace wfo
