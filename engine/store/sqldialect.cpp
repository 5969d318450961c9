#include "sqldialect.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace wfo::store {

QString SqlDialect::beginWrite() const
{
    return isSqlite() ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
}

QString SqlDialect::expand(QString sql) const
{
    const QString sqliteOnly = u"{{SQLITE}}"_s;
    const QString postgresqlOnly = u"{{POSTGRESQL}}"_s;
    if (sql.startsWith(sqliteOnly) || sql.startsWith(postgresqlOnly)) {
        if (sql.startsWith(sqliteOnly) != isSqlite())
            return u"SELECT 1"_s;
        sql.remove(0, (isSqlite() ? sqliteOnly : postgresqlOnly).size());
    }
    if (isSqlite()) {
        sql.replace(u"{{ID}}"_s, u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
        sql.replace(u"{{BIGINT}}"_s, u"INTEGER"_s);
        sql.replace(u"{{JSON}}"_s, u"TEXT"_s);
        sql.replace(u"{{BOOL}}"_s, u"INTEGER"_s);
    } else {
        sql.replace(u"{{ID}}"_s, u"BIGSERIAL PRIMARY KEY"_s);
        sql.replace(u"{{BIGINT}}"_s, u"BIGINT"_s);
        sql.replace(u"{{JSON}}"_s, u"TEXT"_s);
        sql.replace(u"{{BOOL}}"_s, u"INTEGER"_s);
    }
    return sql;
}

QString SqlDialect::inSubquery(const QString &column, const QString &subquery) const
{
    return isSqlite() ? u"%1 IN (%2)"_s.arg(column, subquery)
                      : u"%1 = ANY (ARRAY(%2))"_s.arg(column, subquery);
}

QString SqlDialect::claimNextProcess() const
{
    // The queue's own partial index (migration 9) gives the oldest queued process at once;
    // without statistics SQLite would take the claimed_by index and sort every unclaimed row,
    // completed ones included, on each claim.
    const QString pick = u"SELECT process_id FROM processes %1"
                         "WHERE status IN ('created', 'resumed') AND claimed_by IS NULL "
                         "ORDER BY last_modified_at, process_id LIMIT 1"_s.arg(
                             isSqlite() ? u"INDEXED BY processes_queue_idx "_s : QString());
    const QString update = u"UPDATE processes SET status = 'running', claimed_by = ?, "
                           "last_modified_at = ? WHERE process_id = (%1) "
                           "AND claimed_by IS NULL RETURNING process_id"_s;
    return update.arg(isSqlite() ? pick : pick + u" FOR UPDATE SKIP LOCKED"_s);
}

QString SqlDialect::upsert(const QString &table, const QStringList &columns, const QString &key)
{
    QStringList placeholders;
    QStringList updates;
    for (const QString &column : columns) {
        placeholders.append(u":"_s + column);
        if (column != key)
            updates.append(column + u" = excluded."_s + column);
    }
    return u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5"_s.arg(
        table, columns.join(u", "_s), placeholders.join(u", "_s), key, updates.join(u", "_s));
}

} // namespace wfo::store
