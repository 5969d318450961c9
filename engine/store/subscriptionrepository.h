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

#include "base/definitions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QVariant>

#include <optional>

namespace wfo::store {

struct SqlCondition;

// The order of a subscription list: one of a few columns (each with an index or a small
// result to sort), then the subscription id in the same direction, so that every row has one
// place and a page can start after a row (keyset pagination).
struct SubscriptionOrder
{
    enum class Column {
        LastModified,
        Description,
        Status,
        Customer,
        Product, // the product's name
        StartDate,
        EndDate,
        InSync,
        Id,
    };
    Column column = Column::LastModified;
    Qt::SortOrder direction = Qt::DescendingOrder;

    // By the names of list()'s fields: last_modified_at, description, status, customer_id,
    // product, start_date, end_date, insync, subscription_id; nothing for any other name.
    static std::optional<Column> columnFromName(const QString &name);
    static QString nameOf(Column column);
};

// Where a page starts: after the row with this sort value and id.
struct SubscriptionCursor
{
    QVariant value;
    QString subscriptionId;
};

struct SubscriptionQuery
{
    QString search; // search syntax of the console (see subscriptionsearch.h)
    QStringList statuses;
    QString productId;
    QString tag;
    SubscriptionOrder order; // newest change first unless set
    std::optional<SubscriptionCursor> after; // keyset pagination (see cursorOf)
    int limit = 100;
    int offset = 0; // rows skipped (after `after` when both are set)
};

struct ProductCount
{
    QString productId;
    QString name;
    QString tag;
    qint64 count = 0;
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
    // Every product with the number of its subscriptions in lifecycle `status`, the most
    // subscribed first: one grouped count over the (status, product_id) index.
    QList<ProductCount> productCounts(const QString &status);
    // The statement productCounts() runs (for the index checks of the tests).
    static QString productCountsStatement();
    QJsonArray productBlocks(); // metadata: blocks with resources and relations
    QJsonArray resourceTypes();

    std::optional<QJsonObject> load(const QString &subscriptionId);
    // The stored version of a subscription (its row alone), nothing when there is none.
    std::optional<int> storedVersion(const QString &subscriptionId);
    // Saves a model (new or changed), records a version; returns the saved model.
    QJsonObject save(const QJsonObject &model, const QString &processId, const QString &stepName,
                     const QString &actor);
    void linkProcess(const QString &processId, const QString &subscriptionId,
                     const QString &target);
    // Removes a subscription with its blocks, versions and process links (a reset back to
    // before the step that created it). The caller checks nothing depends on it.
    void remove(const QString &subscriptionId);

    QJsonArray list(const SubscriptionQuery &query); // summaries in query.order
    qint64 count(const SubscriptionQuery &query);
    // The cursor to ask for the rows after `row` (a row of list()) in `order`.
    static SubscriptionCursor cursorOf(const QJsonObject &row, const SubscriptionOrder &order);
    // The statement list() runs, with its values (for measurements against raw SQL).
    QString listStatement(const SubscriptionQuery &query, QVariantMap *values);
    // Subscriptions that use (in_use_by) or are used by (depends_on) this one.
    QJsonArray inUseBy(const QString &subscriptionId);
    QJsonArray dependsOn(const QString &subscriptionId);
    // Of the subscriptions of products tagged `tag`, those another subscription uses whose
    // status is not one of `ignoredStatuses`: id -> the description of such a user (the first
    // by id). One query, for pickers that leave used subscriptions out.
    QMap<QString, QString> usedOfTag(const QString &tag, const QStringList &ignoredStatuses);
    QJsonArray processes(const QString &subscriptionId);
    QJsonArray versions(const QString &subscriptionId);
    std::optional<QJsonObject> version(const QString &subscriptionId, int version);

    // Values of a resource type in subscriptions whose status is not in `exceptStatuses`.
    QStringList resourceValuesInUse(const QString &resourceType, const QStringList &exceptStatuses);

    static QString newId();
    static QString encodeValue(const QJsonValue &value);
    static QJsonValue decodeValue(const QString &text);

    // (subscription id, validate workflow) for every in-sync active subscription whose product
    // has a validate workflow, by subscription id: what task_validate_subscriptions starts.
    QList<std::pair<QString, QString>> validationsDue();

private:
    static QJsonValue textOrNull(const QVariant &value);
    QJsonObject loadBlock(const QString &instanceId, int depth);
    void saveBlock(const QString &subscriptionId, const QString &attribute,
                   const QJsonObject &block, QJsonObject *saved);
    QString blockId(const QString &name);
    QString resourceTypeId(const QString &name);
    QString where(const SubscriptionQuery &query, QVariantMap *values);
    std::optional<QString> searchCandidates(const SqlCondition &search);

    const Database &m_db;
};

} // namespace wfo::store
