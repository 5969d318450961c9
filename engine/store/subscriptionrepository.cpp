#include "subscriptionrepository.h"

#include "subscriptionsearch.h"
#include "timestamps.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::store {

QString SubscriptionRepository::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

std::optional<SubscriptionOrder::Column> SubscriptionOrder::columnFromName(const QString &name)
{
    static const QHash<QString, Column> columns {
        {u"last_modified_at"_s, Column::LastModified},
        {u"description"_s, Column::Description},
        {u"status"_s, Column::Status},
        {u"customer_id"_s, Column::Customer},
        {u"product"_s, Column::Product},
        {u"start_date"_s, Column::StartDate},
        {u"end_date"_s, Column::EndDate},
        {u"insync"_s, Column::InSync},
        {u"subscription_id"_s, Column::Id},
    };
    const auto it = columns.constFind(name);
    if (it == columns.constEnd())
        return std::nullopt;
    return *it;
}

QString SubscriptionOrder::nameOf(Column column)
{
    switch (column) {
    case Column::LastModified:
        return u"last_modified_at"_s;
    case Column::Description:
        return u"description"_s;
    case Column::Status:
        return u"status"_s;
    case Column::Customer:
        return u"customer_id"_s;
    case Column::Product:
        return u"product"_s;
    case Column::StartDate:
        return u"start_date"_s;
    case Column::EndDate:
        return u"end_date"_s;
    case Column::InSync:
        return u"insync"_s;
    case Column::Id:
        return u"subscription_id"_s;
    }
    return {};
}

namespace {

// The SQL of a sort column; dates without a value sort as '' so that a cursor can compare them.
QString sortExpression(SubscriptionOrder::Column column)
{
    using Column = SubscriptionOrder::Column;
    switch (column) {
    case Column::LastModified:
        return u"s.last_modified_at"_s;
    case Column::Description:
        return u"s.description"_s;
    case Column::Status:
        return u"s.status"_s;
    case Column::Customer:
        return u"s.customer_id"_s;
    case Column::Product:
        return u"p.name"_s;
    case Column::StartDate:
        return u"COALESCE(s.start_date, '')"_s;
    case Column::EndDate:
        return u"COALESCE(s.end_date, '')"_s;
    case Column::InSync:
        return u"s.insync"_s;
    case Column::Id:
        return u"s.subscription_id"_s;
    }
    return u"s.last_modified_at"_s;
}

// More candidate rows than this and the trigram index is not worth it on SQLite: looking them
// up one by one costs more than walking the sort order until a page is full.
constexpr int maxSearchCandidates = 2000;

} // namespace

SubscriptionCursor SubscriptionRepository::cursorOf(const QJsonObject &row,
                                                    const SubscriptionOrder &order)
{
    using Column = SubscriptionOrder::Column;
    SubscriptionCursor cursor;
    cursor.subscriptionId = row.value(u"subscription_id").toString();
    switch (order.column) {
    case Column::Product:
        cursor.value = row.value(u"product").toObject().value(u"name").toString();
        break;
    case Column::InSync:
        cursor.value = row.value(u"insync").toBool() ? 1 : 0;
        break;
    default:
        cursor.value = row.value(SubscriptionOrder::nameOf(order.column)).toString();
        break;
    }
    // A missing date sorts as '' (see sortExpression); a null QString would be bound as NULL.
    if (cursor.value.typeId() == QMetaType::QString && cursor.value.toString().isNull())
        cursor.value = u""_s;
    return cursor;
}

// SQLite only: the search keys of the rows the free-text terms can match, as a JSON array,
// when the trigram index finds few enough of them; nothing when a full walk is better.
std::optional<QString> SubscriptionRepository::searchCandidates(const SqlCondition &search)
{
    if (search.ftsMatch.isEmpty())
        return std::nullopt;
    QSqlQuery q = m_db.exec(u"SELECT rowid FROM subscription_search WHERE subscription_search "
                            "MATCH :m LIMIT :limit"_s,
                            {{u"m"_s, search.ftsMatch}, {u"limit"_s, maxSearchCandidates + 1}});
    QStringList keys;
    while (q.next())
        keys.append(q.value(0).toString());
    if (keys.size() > maxSearchCandidates)
        return std::nullopt;
    return u"["_s + keys.join(u',') + u"]"_s;
}

QString SubscriptionRepository::where(const SubscriptionQuery &query, QVariantMap *values)
{
    QStringList where;
    const ProductMatcher products = [this](const QString &pattern) {
        QSqlQuery q = m_db.exec(u"SELECT product_id FROM products WHERE LOWER(name) LIKE :p "
                                "ESCAPE '\\' OR LOWER(tag) LIKE :p ESCAPE '\\' ORDER BY "
                                "product_id"_s,
                                {{u"p"_s, pattern}});
        QStringList ids;
        while (q.next())
            ids.append(q.value(0).toString());
        return ids;
    };
    const SqlCondition search =
        SubscriptionSearch::toSql(query.search, m_db.dialect(), u"q"_s, products);
    if (!search.sql.isEmpty()) {
        where.append(search.sql);
        values->insert(search.values);
    }
    if (const std::optional<QString> keys = searchCandidates(search)) {
        // The exact condition above stays: the index finds a superset.
        where.append(u"s.search_key IN (SELECT value FROM json_each(:search_keys))"_s);
        values->insert(u"search_keys"_s, *keys);
    }
    if (!query.statuses.isEmpty()) {
        QStringList names;
        for (int i = 0; i < query.statuses.size(); ++i) {
            names.append(u":st%1"_s.arg(i));
            values->insert(u"st%1"_s.arg(i), query.statuses.at(i));
        }
        where.append(u"s.status IN (%1)"_s.arg(names.join(u", "_s)));
    }
    if (!query.productId.isEmpty()) {
        where.append(u"s.product_id = :product_id"_s);
        values->insert(u"product_id"_s, query.productId);
    }
    if (!query.tag.isEmpty()) {
        where.append(u"p.tag = :tag"_s);
        values->insert(u"tag"_s, query.tag);
    }
    return where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s);
}

QString SubscriptionRepository::listStatement(const SubscriptionQuery &query, QVariantMap *values)
{
    QString condition = where(query, values);
    const QString sort = sortExpression(query.order.column);
    const bool descending = query.order.direction == Qt::DescendingOrder;
    const QString direction = descending ? u"DESC"_s : u"ASC"_s;
    if (query.after) {
        // "After the cursor" as a range on the sort column (which its index serves) narrowed
        // by the id among rows with the same value.
        const QString op = descending ? u"<"_s : u">"_s;
        QString keyset;
        if (query.order.column == SubscriptionOrder::Column::Id) {
            keyset = u"s.subscription_id %1 :after_id"_s.arg(op);
        } else {
            keyset = u"%1 %2= :after_value AND (%1 %2 :after_value OR s.subscription_id %2 "
                     ":after_id)"_s.arg(sort, op);
            values->insert(u"after_value"_s, query.after->value);
        }
        values->insert(u"after_id"_s, query.after->subscriptionId);
        condition =
            condition.isEmpty() ? u"WHERE "_s + keyset : QString(condition + u" AND "_s + keyset);
    }
    values->insert(u"limit"_s, query.limit);
    values->insert(u"offset"_s, query.offset);
    QString order = sort + u' ' + direction;
    if (query.order.column != SubscriptionOrder::Column::Id)
        order += u", s.subscription_id "_s + direction;
    return u"SELECT s.subscription_id, s.description, s.status, s.insync, s.customer_id, "
           "s.start_date, s.end_date, s.note, s.version, p.name, p.tag, p.product_type, "
           "s.last_modified_at, p.product_id FROM subscriptions s JOIN products p ON "
           "p.product_id = s.product_id %1 ORDER BY %2 LIMIT :limit OFFSET :offset"_s.arg(condition,
                                                                                          order);
}

QJsonArray SubscriptionRepository::list(const SubscriptionQuery &query)
{
    QVariantMap values;
    const QString sql = listStatement(query, &values);
    QSqlQuery q = m_db.exec(sql, values);
    QJsonArray result;
    while (q.next()) {
        result.append(QJsonObject {
            {u"subscription_id"_s, q.value(0).toString()},
            {u"description"_s, q.value(1).toString()},
            {u"status"_s, q.value(2).toString()},
            {u"insync"_s, q.value(3).toInt() != 0},
            {u"customer_id"_s, q.value(4).toString()},
            {u"start_date"_s, textOrNull(q.value(5))},
            {u"end_date"_s, textOrNull(q.value(6))},
            {u"note"_s, textOrNull(q.value(7))},
            {u"version"_s, q.value(8).toInt()},
            {u"product"_s,
             QJsonObject {{u"product_id"_s, q.value(13).toString()},
                          {u"name"_s, q.value(9).toString()},
                          {u"tag"_s, q.value(10).toString()},
                          {u"product_type"_s, q.value(11).toString()}}},
            {u"last_modified_at"_s, q.value(12).toString()},
        });
    }
    return result;
}

qint64 SubscriptionRepository::count(const SubscriptionQuery &query)
{
    QVariantMap values;
    const QString condition = where(query, &values);
    QSqlQuery q = m_db.exec(u"SELECT COUNT(*) FROM subscriptions s JOIN products p ON "
                            "p.product_id = s.product_id %1"_s.arg(condition),
                            values);
    return q.next() ? q.value(0).toLongLong() : 0;
}

static QJsonArray relatedSubscriptions(const Database &db, const QString &sql, const QString &id)
{
    QSqlQuery q = db.exec(sql, {{u"id"_s, id}});
    QJsonArray result;
    while (q.next())
        result.append(QJsonObject {{u"subscription_id"_s, q.value(0).toString()},
                                   {u"description"_s, q.value(1).toString()},
                                   {u"status"_s, q.value(2).toString()},
                                   {u"insync"_s, q.value(3).toInt() != 0}});
    return result;
}

QJsonArray SubscriptionRepository::inUseBy(const QString &subscriptionId)
{
    return relatedSubscriptions(
        m_db,
        u"SELECT DISTINCT s.subscription_id, s.description, s.status, s.insync FROM "
        "subscription_instances mine JOIN subscription_instance_relations r ON r.depends_on_id = "
        "mine.subscription_instance_id JOIN subscription_instances theirs ON "
        "theirs.subscription_instance_id = r.in_use_by_id JOIN subscriptions s ON "
        "s.subscription_id = theirs.subscription_id WHERE mine.subscription_id = :id AND "
        "theirs.subscription_id <> :id ORDER BY s.subscription_id"_s,
        subscriptionId);
}

QMap<QString, QString> SubscriptionRepository::usedOfTag(const QString &tag,
                                                         const QStringList &ignoredStatuses)
{
    QVariantMap values {{u"tag"_s, tag}};
    QStringList ignored;
    for (int i = 0; i < ignoredStatuses.size(); ++i) {
        ignored.append(u":ignored%1"_s.arg(i));
        values.insert(u"ignored%1"_s.arg(i), ignoredStatuses.at(i));
    }
    QSqlQuery q = m_db.exec(
        u"SELECT DISTINCT mine.subscription_id, s.subscription_id, s.description FROM products "
        "p JOIN subscriptions used ON used.product_id = p.product_id JOIN "
        "subscription_instances mine ON mine.subscription_id = used.subscription_id JOIN "
        "subscription_instance_relations r ON r.depends_on_id = mine.subscription_instance_id "
        "JOIN subscription_instances theirs ON theirs.subscription_instance_id = r.in_use_by_id "
        "JOIN subscriptions s ON s.subscription_id = theirs.subscription_id WHERE p.tag = :tag "
        "AND s.subscription_id <> used.subscription_id%1 ORDER BY mine.subscription_id, "
        "s.subscription_id"_s.arg(ignored.isEmpty()
                                      ? QString()
                                      : u" AND s.status NOT IN (%1)"_s.arg(ignored.join(u", "_s))),
        values);
    QMap<QString, QString> used;
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (!used.contains(id))
            used.insert(id, q.value(2).toString());
    }
    return used;
}

QJsonArray SubscriptionRepository::dependsOn(const QString &subscriptionId)
{
    return relatedSubscriptions(
        m_db,
        u"SELECT DISTINCT s.subscription_id, s.description, s.status, s.insync FROM "
        "subscription_instances mine JOIN subscription_instance_relations r ON r.in_use_by_id = "
        "mine.subscription_instance_id JOIN subscription_instances theirs ON "
        "theirs.subscription_instance_id = r.depends_on_id JOIN subscriptions s ON "
        "s.subscription_id = theirs.subscription_id WHERE mine.subscription_id = :id AND "
        "theirs.subscription_id <> :id ORDER BY s.subscription_id"_s,
        subscriptionId);
}

QJsonArray SubscriptionRepository::processes(const QString &subscriptionId)
{
    QSqlQuery q = m_db.exec(u"SELECT p.process_id, p.workflow_name, p.status, p.last_step, "
                            "p.created_by, p.started_at, p.last_modified_at, p.is_task, "
                            "ps.workflow_target FROM processes_subscriptions ps JOIN processes p "
                            "ON p.process_id = ps.process_id WHERE ps.subscription_id = :id "
                            "ORDER BY p.started_at"_s,
                            {{u"id"_s, subscriptionId}});
    QJsonArray result;
    while (q.next())
        result.append(QJsonObject {{u"process_id"_s, q.value(0).toString()},
                                   {u"workflow"_s, q.value(1).toString()},
                                   {u"status"_s, q.value(2).toString()},
                                   {u"last_step"_s, q.value(3).toString()},
                                   {u"created_by"_s, q.value(4).toString()},
                                   {u"started_at"_s, q.value(5).toString()},
                                   {u"last_modified_at"_s, q.value(6).toString()},
                                   {u"is_task"_s, q.value(7).toInt() != 0},
                                   {u"workflow_target"_s, q.value(8).toString()}});
    return result;
}

QJsonArray SubscriptionRepository::versions(const QString &subscriptionId)
{
    // The workflow of the process that made each version, while that process exists.
    QSqlQuery q = m_db.exec(u"SELECT v.version, v.process_id, v.step_name, v.created_by, "
                            "v.created_at, p.workflow_name FROM subscription_versions v LEFT "
                            "JOIN processes p ON p.process_id = v.process_id WHERE "
                            "v.subscription_id = :id ORDER BY v.version"_s,
                            {{u"id"_s, subscriptionId}});
    QJsonArray result;
    while (q.next())
        result.append(QJsonObject {{u"version"_s, q.value(0).toInt()},
                                   {u"process_id"_s, textOrNull(q.value(1))},
                                   {u"step_name"_s, q.value(2).toString()},
                                   {u"created_by"_s, q.value(3).toString()},
                                   {u"created_at"_s, q.value(4).toString()},
                                   {u"workflow"_s, textOrNull(q.value(5))}});
    return result;
}

QStringList SubscriptionRepository::resourceValuesInUse(const QString &resourceType,
                                                        const QStringList &exceptStatuses)
{
    QVariantMap values {{u"rt"_s, resourceType}};
    QStringList names;
    for (int i = 0; i < exceptStatuses.size(); ++i) {
        names.append(u":x%1"_s.arg(i));
        values.insert(u"x%1"_s.arg(i), exceptStatuses.at(i));
    }
    QSqlQuery q = m_db.exec(
        u"SELECT DISTINCT v.value FROM subscription_instance_values v JOIN resource_types rt ON "
        "rt.resource_type_id = v.resource_type_id JOIN subscription_instances si ON "
        "si.subscription_instance_id = v.subscription_instance_id JOIN subscriptions s ON "
        "s.subscription_id = si.subscription_id WHERE rt.resource_type = :rt %1"_s.arg(
            names.isEmpty() ? QString() : u"AND s.status NOT IN (%1)"_s.arg(names.join(u", "_s))),
        values);
    QStringList result;
    while (q.next())
        result.append(q.value(0).toString());
    return result;
}

QList<std::pair<QString, QString>> SubscriptionRepository::validationsDue()
{
    QSqlQuery q = m_db.exec(
        u"SELECT s.subscription_id, w.name FROM subscriptions s JOIN products_workflows pw "
        "ON pw.product_id = s.product_id JOIN workflows w ON w.name = pw.workflow_name WHERE "
        "w.target = 'VALIDATE' AND w.deleted_at IS NULL AND s.status = 'active' AND "
        "s.insync = 1 ORDER BY s.subscription_id"_s);
    QList<std::pair<QString, QString>> due;
    while (q.next())
        due.append({q.value(0).toString(), q.value(1).toString()});
    return due;
}

} // namespace wfo::store
