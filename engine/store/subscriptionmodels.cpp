// SubscriptionRepository: a subscription model in and out of its rows (the subscription, its
// block instances with their values and relations) and its versions. A step that changes a
// subscription comes here inside its commit, so the statements are kept prepared
// (store/preparedstatements.h) and a save writes only what changed (docs/performance.md, "A
// real job at scale").
#include "subscriptionrepository.h"

#include "preparedstatements.h"
#include "records.h"
#include "timestamps.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <array>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

QVariant nullable(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined() || value.toString().isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return value.toString();
}

// Keys of a block model that are not resources or nested blocks.
bool isBlockMeta(const QString &key)
{
    return key == "subscription_instance_id"_L1 || key == "owner_subscription_id"_L1
        || key == "name"_L1 || key == "label"_L1;
}

bool isSubscriptionMeta(const QString &key)
{
    static const QSet<QString> keys {u"subscription_id"_s, u"product"_s,   u"customer_id"_s,
                                     u"description"_s,     u"status"_s,    u"insync"_s,
                                     u"start_date"_s,      u"end_date"_s,  u"note"_s,
                                     u"version"_s,         u"product_id"_s};
    return keys.contains(key);
}

// The root blocks of a subscription model, by attribute: what save() writes as instances.
QJsonObject rootBlocks(const QJsonObject &model)
{
    QJsonObject blocks;
    for (auto it = model.begin(); it != model.end(); ++it) {
        if (!isSubscriptionMeta(it.key()) && it.value().isObject()
            && it.value().toObject().contains(u"name"))
            blocks.insert(it.key(), it.value());
    }
    return blocks;
}

// Whether two parts of models are the same rows: equal, a key whose value is null taken as
// absent. A null resource has no value row and a null label is a NULL column, so a null value
// and an absent key are the same rows. (A model loaded from the rows has every block's label,
// null or not; the snapshot a save wrote may not.) Compared in place: a save asks this of its
// whole subscription on every step that saves it.
bool sameRows(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        const auto nonNull = [](const QJsonObject &object) {
            qsizetype count = 0;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                count += it.value().isNull() ? 0 : 1;
            return count;
        };
        if (nonNull(x) != nonNull(y))
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            const QJsonValue value = it.value();
            if (!value.isNull() && !sameRows(value, y.value(it.key())))
                return false;
        }
        return true;
    }
    if (a.isArray() && b.isArray()) {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameRows(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    return a == b;
}

constexpr int maxDepth = 8; // relations deeper than this are not expanded

} // namespace

QJsonValue SubscriptionRepository::textOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value.toString());
}

QString SubscriptionRepository::encodeValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QJsonValue SubscriptionRepository::decodeValue(const QString &text)
{
    // Numbers, booleans and JSON structures come back typed; anything else is text.
    const QJsonDocument doc = QJsonDocument::fromJson((u"["_s + text + u"]"_s).toUtf8());
    if (doc.isArray() && doc.array().size() == 1 && !doc.array().at(0).isString())
        return doc.array().at(0);
    return text;
}

QJsonObject SubscriptionRepository::loadBlock(const QString &instanceId, int depth)
{
    QJsonObject block;
    execPrepared(m_db,
                 u"SELECT si.subscription_id, si.label, pb.name FROM subscription_instances si "
                 "JOIN product_blocks pb ON pb.product_block_id = si.product_block_id WHERE "
                 "si.subscription_instance_id = ?"_s,
                 {instanceId}, [&](QSqlQuery &q) {
                     if (q.next()) {
                         block = QJsonObject {{u"subscription_instance_id"_s, instanceId},
                                              {u"owner_subscription_id"_s, q.value(0).toString()},
                                              {u"name"_s, q.value(2).toString()},
                                              {u"label"_s, textOrNull(q.value(1))}};
                     }
                 });
    if (block.isEmpty())
        return {};
    execPrepared(m_db,
                 u"SELECT rt.resource_type, v.value FROM subscription_instance_values v JOIN "
                 "resource_types rt ON rt.resource_type_id = v.resource_type_id WHERE "
                 "v.subscription_instance_id = ? ORDER BY v.value_id"_s,
                 {instanceId}, [&block](QSqlQuery &q) {
                     while (q.next())
                         block.insert(q.value(0).toString(), decodeValue(q.value(1).toString()));
                 });
    if (depth >= maxDepth)
        return block;
    QList<std::pair<QString, QString>> relations;
    execPrepared(m_db,
                 u"SELECT depends_on_id, attribute FROM subscription_instance_relations WHERE "
                 "in_use_by_id = ?"_s,
                 {instanceId}, [&relations](QSqlQuery &q) {
                     while (q.next())
                         relations.append({q.value(0).toString(), q.value(1).toString()});
                 });
    // Outside the statements above: the same statements run again for the children.
    for (const auto &[child, attribute] : relations)
        block.insert(attribute, loadBlock(child, depth + 1));
    return block;
}

std::optional<QJsonObject> SubscriptionRepository::load(const QString &subscriptionId)
{
    std::optional<QJsonObject> model;
    QString productId;
    execPrepared(m_db,
                 u"SELECT subscription_id, product_id, customer_id, description, status, insync, "
                 "start_date, end_date, note, version FROM subscriptions WHERE subscription_id = "
                 "?"_s,
                 {subscriptionId}, [&](QSqlQuery &q) {
                     if (!q.next())
                         return;
                     model = QJsonObject {{u"subscription_id"_s, q.value(0).toString()},
                                          {u"customer_id"_s, q.value(2).toString()},
                                          {u"description"_s, q.value(3).toString()},
                                          {u"status"_s, q.value(4).toString()},
                                          {u"insync"_s, q.value(5).toInt() != 0},
                                          {u"start_date"_s, textOrNull(q.value(6))},
                                          {u"end_date"_s, textOrNull(q.value(7))},
                                          {u"note"_s, textOrNull(q.value(8))},
                                          {u"version"_s, q.value(9).toInt()}};
                     productId = q.value(1).toString();
                 });
    if (!model)
        return std::nullopt;
    model->insert(u"product"_s, findProduct(productId).value_or(QJsonObject()));
    QList<std::pair<QString, QString>> roots;
    execPrepared(m_db,
                 u"SELECT subscription_instance_id, attribute FROM subscription_instances si "
                 "WHERE subscription_id = ? AND NOT EXISTS (SELECT 1 FROM "
                 "subscription_instance_relations r JOIN subscription_instances parent ON "
                 "parent.subscription_instance_id = r.in_use_by_id WHERE r.depends_on_id = "
                 "si.subscription_instance_id AND parent.subscription_id = si.subscription_id)"_s,
                 {subscriptionId}, [&roots](QSqlQuery &q) {
                     while (q.next())
                         roots.append({q.value(0).toString(), q.value(1).toString()});
                 });
    for (const auto &[instance, attribute] : roots)
        model->insert(attribute, loadBlock(instance, 0));
    return model;
}

std::optional<int> SubscriptionRepository::storedVersion(const QString &subscriptionId)
{
    std::optional<int> version;
    execPrepared(m_db, u"SELECT version FROM subscriptions WHERE subscription_id = ?"_s,
                 {subscriptionId}, [&version](QSqlQuery &q) {
                     if (q.next())
                         version = q.value(0).toInt();
                 });
    return version;
}

void SubscriptionRepository::saveBlock(const QString &subscriptionId, const QString &attribute,
                                       const QJsonObject &block, QJsonObject *saved)
{
    QString instanceId = block.value(u"subscription_instance_id").toString();
    if (instanceId.isEmpty())
        instanceId = newId();
    const QString productBlockId = blockId(block.value(u"name").toString());
    // Upsert: an instance that other subscriptions depend on survived the clean-up in save().
    execPrepared(
        m_db,
        u"INSERT INTO subscription_instances (subscription_instance_id, subscription_id, "
        "product_block_id, attribute, label) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
        "(subscription_instance_id) DO UPDATE SET product_block_id = "
        "excluded.product_block_id, attribute = excluded.attribute, label = "
        "excluded.label"_s,
        {instanceId, subscriptionId, productBlockId, attribute, nullable(block.value(u"label"))});
    *saved = block;
    saved->insert(u"subscription_instance_id"_s, instanceId);
    saved->insert(u"owner_subscription_id"_s, subscriptionId);
    for (auto it = block.begin(); it != block.end(); ++it) {
        if (isBlockMeta(it.key()) || it.value().isNull() || it.value().isUndefined())
            continue;
        if (it.value().isObject() && it.value().toObject().contains(u"name")) {
            const QJsonObject child = it.value().toObject();
            const QString owner = child.value(u"owner_subscription_id").toString();
            QJsonObject savedChild = child;
            if (owner.isEmpty() || owner == subscriptionId)
                saveBlock(subscriptionId, it.key(), child, &savedChild);
            // Either way the child is related to this block; a child of another subscription
            // makes this subscription depend on that one (and it in use by this one).
            const QString childId = savedChild.value(u"subscription_instance_id").toString();
            if (childId.isEmpty())
                continue;
            execPrepared(m_db,
                         u"INSERT INTO subscription_instance_relations (in_use_by_id, "
                         "depends_on_id, attribute) VALUES (?, ?, ?)"_s,
                         {instanceId, childId, it.key()});
            saved->insert(it.key(), savedChild);
            continue;
        }
        execPrepared(m_db,
                     u"INSERT INTO subscription_instance_values (subscription_instance_id, "
                     "resource_type_id, value) VALUES (?, ?, ?)"_s,
                     {instanceId, resourceTypeId(it.key()), encodeValue(it.value())});
    }
}

QJsonObject SubscriptionRepository::save(const QJsonObject &model, const QString &processId,
                                         const QString &stepName, const QString &actor)
{
    QString id = model.value(u"subscription_id").toString();
    if (id.isEmpty())
        id = newId();
    const QJsonObject product = model.value(u"product").toObject();
    QString productId = product.value(u"product_id").toString();
    if (productId.isEmpty())
        productId = model.value(u"product_id").toString();
    const QString now = Timestamps::now();

    // The row's own columns, as the model gives them (`values` below) and as stored.
    static const std::array<QLatin1StringView, 8> columns {
        "product_id"_L1, "customer_id"_L1, "description"_L1, "status"_L1,
        "insync"_L1,     "start_date"_L1,  "end_date"_L1,    "note"_L1};
    static const QString select = []() -> QString {
        QString sql = u"SELECT version"_s;
        for (QLatin1StringView column : columns)
            sql += u", "_s + column;
        return sql + u" FROM subscriptions WHERE subscription_id = ?"_s;
    }();
    std::optional<int> stored;
    QVariantList storedColumns;
    execPrepared(m_db, select, {id}, [&](QSqlQuery &q) {
        if (!q.next())
            return;
        stored = q.value(0).toInt();
        for (qsizetype i = 1; i <= qsizetype(columns.size()); ++i)
            storedColumns.append(q.value(int(i)));
    });
    const int version = stored.value_or(0) + 1;
    // The block instances are written anew, unless the model's blocks are exactly those of the
    // stored version it was read from (a step that changed only the subscription's own fields,
    // as unsync and resync do): the rows already hold them. Every save leaves the rows as that
    // version's snapshot says, so the snapshot stands for the rows.
    bool blocksAsStored = false;
    if (stored && model.value(u"version").toInt() == *stored) {
        const std::optional<QJsonObject> snapshot = this->version(id, *stored);
        blocksAsStored = snapshot && sameRows(rootBlocks(*snapshot), rootBlocks(model));
    }

    const QVariant status = model.value(u"status").toString(u"initial"_s);
    const QVariant insync = model.value(u"insync").toBool() ? 1 : 0;
    const QVariant customer = model.value(u"customer_id").toString();
    const QVariant description = model.value(u"description").toString();
    if (stored) {
        // Only the columns that changed: each column an UPDATE sets rewrites its entries in
        // every index over it, and this table has many (status, customer, description, dates,
        // in sync; docs/performance.md). Unsync and resync then touch the in-sync and
        // modification-time indexes alone.
        const QVariantList values {productId,
                                   customer,
                                   description,
                                   status,
                                   insync,
                                   nullable(model.value(u"start_date")),
                                   nullable(model.value(u"end_date")),
                                   nullable(model.value(u"note"))};
        QString sql = u"UPDATE subscriptions SET "_s;
        QVariantList bound;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QVariant &was = storedColumns.at(i);
            const QVariant &wanted = values.at(i);
            const bool same = was.isNull() == wanted.isNull()
                && (was.isNull() || was.toString() == wanted.toString());
            if (same)
                continue;
            sql += columns.at(i) + u" = ?, "_s;
            bound.append(wanted);
        }
        sql += u"version = ?, last_modified_at = ? WHERE subscription_id = ?"_s;
        bound.append({version, now, id});
        execPrepared(m_db, sql, bound);
        if (!blocksAsStored) {
            // Instances that others depend on keep their id (saveBlock upserts them).
            execPrepared(m_db,
                         u"DELETE FROM subscription_instance_values WHERE "
                         "subscription_instance_id IN (SELECT subscription_instance_id FROM "
                         "subscription_instances WHERE subscription_id = ?)"_s,
                         {id});
            execPrepared(m_db,
                         u"DELETE FROM subscription_instance_relations WHERE in_use_by_id IN "
                         "(SELECT subscription_instance_id FROM subscription_instances WHERE "
                         "subscription_id = ?)"_s,
                         {id});
            execPrepared(m_db,
                         u"DELETE FROM subscription_instances WHERE subscription_id = ? AND "
                         "subscription_instance_id NOT IN (SELECT depends_on_id FROM "
                         "subscription_instance_relations)"_s,
                         {id});
        }
    } else {
        execPrepared(m_db,
                     u"INSERT INTO subscriptions (subscription_id, product_id, customer_id, "
                     "description, status, insync, start_date, end_date, note, version, "
                     "created_at, last_modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                     {id, productId, customer, description, status, insync,
                      nullable(model.value(u"start_date")), nullable(model.value(u"end_date")),
                      nullable(model.value(u"note")), version, now, now});
    }

    QJsonObject saved = model;
    saved.insert(u"subscription_id"_s, id);
    saved.insert(u"version"_s, version);
    saved.remove(u"product_id"_s);
    if (!product.isEmpty() || !productId.isEmpty())
        saved.insert(u"product"_s, findProduct(productId).value_or(product));
    if (!blocksAsStored) {
        const QJsonObject blocks = rootBlocks(model);
        for (auto it = blocks.begin(); it != blocks.end(); ++it) {
            QJsonObject savedBlock;
            saveBlock(id, it.key(), it.value().toObject(), &savedBlock);
            saved.insert(it.key(), savedBlock);
        }
    }
    execPrepared(m_db,
                 u"INSERT INTO subscription_versions (subscription_id, version, process_id, "
                 "step_name, snapshot, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                 {id, version,
                  processId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : processId,
                  stepName, JsonText::render(saved), actor, now});
    m_db.notifyChange(u"subscription"_s, id);
    return saved;
}

void SubscriptionRepository::remove(const QString &subscriptionId)
{
    m_db.exec(u"DELETE FROM subscription_instance_values WHERE subscription_instance_id IN "
              "(SELECT subscription_instance_id FROM subscription_instances WHERE "
              "subscription_id = :id)"_s,
              {{u"id"_s, subscriptionId}});
    m_db.exec(u"DELETE FROM subscription_instance_relations WHERE in_use_by_id IN (SELECT "
              "subscription_instance_id FROM subscription_instances WHERE subscription_id = "
              ":id)"_s,
              {{u"id"_s, subscriptionId}});
    for (const QString &table : {u"subscription_instances"_s, u"subscription_versions"_s,
                                 u"processes_subscriptions"_s, u"subscriptions"_s}) {
        m_db.exec(u"DELETE FROM %1 WHERE subscription_id = :id"_s.arg(table),
                  {{u"id"_s, subscriptionId}});
    }
    m_db.notifyChange(u"subscription"_s, subscriptionId);
}

void SubscriptionRepository::linkProcess(const QString &processId, const QString &subscriptionId,
                                         const QString &target)
{
    execPrepared(m_db,
                 u"INSERT INTO processes_subscriptions (process_id, subscription_id, "
                 "workflow_target, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (process_id, "
                 "subscription_id) DO NOTHING"_s,
                 {processId, subscriptionId, target, Timestamps::now()});
}

std::optional<QJsonObject> SubscriptionRepository::version(const QString &subscriptionId,
                                                           int version)
{
    std::optional<QJsonObject> snapshot;
    execPrepared(m_db,
                 u"SELECT snapshot FROM subscription_versions WHERE subscription_id = ? AND "
                 "version = ?"_s,
                 {subscriptionId, version}, [&snapshot](QSqlQuery &q) {
                     if (q.next())
                         snapshot =
                             QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
                 });
    return snapshot;
}

} // namespace wfo::store
