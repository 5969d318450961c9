#include "operatorrepository.h"

#include "timestamps.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

OperatorRecord readOperator(const QSqlQuery &q)
{
    return OperatorRecord {q.value(0).toString(),   q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toInt() != 0, q.value(4).toString(), q.value(5).toString()};
}

const QString operatorColumns =
    u"user_name, display_name, role, enabled, created_at, modified_at"_s;

} // namespace

QList<OperatorRecord> OperatorRepository::list()
{
    QSqlQuery q =
        m_db.exec(u"SELECT "_s + operatorColumns + u" FROM operators ORDER BY user_name"_s);
    QList<OperatorRecord> result;
    while (q.next())
        result.append(readOperator(q));
    return result;
}

std::optional<OperatorRecord> OperatorRepository::find(const QString &userName)
{
    QSqlQuery q =
        m_db.exec(u"SELECT "_s + operatorColumns + u" FROM operators WHERE user_name = :name"_s,
                  {{u"name"_s, userName}});
    if (!q.next())
        return std::nullopt;
    return readOperator(q);
}

qint64 OperatorRepository::count()
{
    QSqlQuery q = m_db.exec(u"SELECT COUNT(*) FROM operators"_s);
    return q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<Role> OperatorRepository::roleOf(const QString &userName)
{
    if (count() == 0)
        return Role::Admin;
    const std::optional<OperatorRecord> record = find(userName);
    if (!record || !record->enabled)
        return std::nullopt;
    return roleFromText(record->role);
}

void OperatorRepository::save(const OperatorRecord &record)
{
    const QString now = Timestamps::now();
    m_db.exec(u"INSERT INTO operators (user_name, display_name, role, enabled, created_at, "
              "modified_at) VALUES (:name, COALESCE(:display, ''), :role, :enabled, :now, :now) ON "
              "CONFLICT "
              "(user_name) DO UPDATE SET display_name = excluded.display_name, role = "
              "excluded.role, enabled = excluded.enabled, modified_at = excluded.modified_at"_s,
              {{u"name"_s, record.userName},
               {u"display"_s, record.displayName},
               {u"role"_s, record.role},
               {u"enabled"_s, record.enabled ? 1 : 0},
               {u"now"_s, now}});
    m_db.notifyChange(u"operator"_s, record.userName);
}

void OperatorRepository::audit(AuditRecord record)
{
    if (record.at.isEmpty())
        record.at = Timestamps::now();
    m_db.exec(
        u"INSERT INTO audit_log (at, actor, origin, host, action, target_kind, target_id, "
        "allowed, detail) VALUES (:at, :actor, COALESCE(:origin, 'system'), COALESCE(:host, ''), "
        ":action, :kind, COALESCE(:target, ''), :allowed, :detail)"_s,
        {{u"at"_s, record.at},
         {u"actor"_s, record.actor},
         {u"origin"_s, record.origin},
         {u"host"_s, record.host},
         {u"action"_s, record.action},
         {u"kind"_s, record.targetKind},
         {u"target"_s, record.targetId},
         {u"allowed"_s, record.allowed ? 1 : 0},
         {u"detail"_s,
          QString::fromUtf8(QJsonDocument(record.detail).toJson(QJsonDocument::Compact))}});
    m_db.notifyChange(u"audit"_s, record.targetId);
}

QList<AuditRecord> OperatorRepository::auditTrail(const AuditFilter &filter)
{
    QString sql = u"SELECT audit_id, at, actor, origin, host, action, target_kind, target_id, "
                  "allowed, detail FROM audit_log WHERE 1 = 1"_s;
    QVariantMap values;
    if (!filter.since.isEmpty()) {
        sql += u" AND at >= :since"_s;
        values.insert(u"since"_s, filter.since);
    }
    if (!filter.actor.isEmpty()) {
        sql += u" AND actor = :actor"_s;
        values.insert(u"actor"_s, filter.actor);
    }
    if (!filter.targetId.isEmpty()) {
        sql += u" AND target_id = :target"_s;
        values.insert(u"target"_s, filter.targetId);
    }
    sql += u" ORDER BY audit_id DESC LIMIT %1"_s.arg(qBound(1, filter.limit, 100000));
    QSqlQuery q = m_db.exec(sql, values);
    QList<AuditRecord> result;
    while (q.next()) {
        AuditRecord r;
        r.id = q.value(0).toLongLong();
        r.at = q.value(1).toString();
        r.actor = q.value(2).toString();
        r.origin = q.value(3).toString();
        r.host = q.value(4).toString();
        r.action = q.value(5).toString();
        r.targetKind = q.value(6).toString();
        r.targetId = q.value(7).toString();
        r.allowed = q.value(8).toInt() != 0;
        r.detail = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
        result.append(r);
    }
    return result;
}

} // namespace wfo::store
