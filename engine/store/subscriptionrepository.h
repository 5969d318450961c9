#pragma once
// All SQL about products, product blocks and subscriptions. A subscription travels as a JSON
// model (the shape steps see in the state):
//   {subscription_id, product:{product_id,name,tag,product_type,fixed_inputs}, customer_id,
//    description, status, insync, start_date, end_date, note, version,
//    <attribute>: {subscription_instance_id, owner_subscription_id, name, label,
//                  <resource>: value, ..., <attribute>: {nested block, maybe of another
//                  subscription: a depends_on relation}}}

#include "database.h"
#include "wfo_engine_export.h"

#include "domain/definitions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace wfo::store {

struct SubscriptionQuery
{
    QString search; // search syntax of the console (see subscriptionsearch.h)
    QStringList statuses;
    QString productId;
    QString tag;
    int limit = 100;
    int offset = 0;
};

class WFO_ENGINE_EXPORT SubscriptionRepository
{
public:
    explicit SubscriptionRepository(const Database &database)
        : m_db(database)
    { }

    // Writes the products, blocks and resource types of the packs, and links workflows to
    // products (by tag and search phrase, and the default workflows to every product).
    void syncCatalogue(const QList<ProductDefinition> &products,
                       const QList<ProductBlockDefinition> &blocks,
                       const QList<WorkflowRegistration> &registrations,
                       const QStringList &defaultWorkflows);

    QJsonArray
    products(); // [{product_id,name,description,product_type,tag,status,workflows:[...]}]
    std::optional<QJsonObject> findProduct(const QString &nameOrId);
    QJsonArray productWorkflows(const QString &productId); // [{name,target,description,is_task}]
    QStringList productsOfWorkflow(const QString &workflowName); // product ids
    QJsonArray productBlocks(); // metadata: blocks with resources and relations
    QJsonArray resourceTypes();

    std::optional<QJsonObject> load(const QString &subscriptionId);
    // Saves a model (new or changed), records a version; returns the saved model.
    QJsonObject save(const QJsonObject &model, const QString &processId, const QString &stepName,
                     const QString &actor);
    void linkProcess(const QString &processId, const QString &subscriptionId,
                     const QString &target);

    QJsonArray list(const SubscriptionQuery &query); // summaries, newest first
    qint64 count(const SubscriptionQuery &query);
    // Subscriptions that use (in_use_by) or are used by (depends_on) this one.
    QJsonArray inUseBy(const QString &subscriptionId);
    QJsonArray dependsOn(const QString &subscriptionId);
    QJsonArray processes(const QString &subscriptionId);
    QJsonArray versions(const QString &subscriptionId);
    std::optional<QJsonObject> version(const QString &subscriptionId, int version);

    // Values of a resource type in subscriptions whose status is not in `exceptStatuses`.
    QStringList resourceValuesInUse(const QString &resourceType, const QStringList &exceptStatuses);

    static QString encodeValue(const QJsonValue &value);
    static QJsonValue decodeValue(const QString &text);

private:
    QJsonObject loadBlock(const QString &instanceId, int depth);
    void saveBlock(const QString &subscriptionId, const QString &attribute,
                   const QJsonObject &block, QJsonObject *saved);
    QString blockId(const QString &name);
    QString resourceTypeId(const QString &name);

    const Database &m_db;
};

} // namespace wfo::store
