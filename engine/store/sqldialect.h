#pragma once
// Every difference between SQLite and PostgreSQL SQL lives here, so repositories and
// migrations are written once.

#include "databaseurl.h"
#include "wfo_engine_export.h"

#include <QString>

namespace wfo::store {

class WFO_ENGINE_EXPORT SqlDialect
{
public:
    explicit SqlDialect(DatabaseUrl::Kind kind)
        : m_kind(kind)
    { }

    DatabaseUrl::Kind kind() const { return m_kind; }
    bool isSqlite() const { return m_kind == DatabaseUrl::Kind::SQLite; }

    // The statement that starts a write transaction (SQLite takes the write lock at once, so
    // a busy database is noticed before any work is done, not at COMMIT).
    QString beginWrite() const;

    // Expands the dialect macros of migrations: {{ID}} an auto-increment primary key,
    // {{BIGINT}}, {{JSON}}, {{BOOL}}. A statement that starts with {{SQLITE}} or
    // {{POSTGRESQL}} is for that database only (the other runs a statement that does nothing).
    QString expand(QString sql) const;

    // "column IN (subquery)" in the form the database can serve with an index on `column` also
    // inside an OR (PostgreSQL: = ANY of an array computed once).
    QString inSubquery(const QString &column, const QString &subquery) const;

    // Claims the oldest queued process (created/resumed, unclaimed) for :instance: one
    // statement, with row locks that skip rows other instances hold on PostgreSQL.
    QString claimNextProcess() const;

    // "INSERT ... ON CONFLICT (key) DO UPDATE SET value = excluded.value" works on both.
    static QString upsert(const QString &table, const QStringList &columns, const QString &key);

private:
    DatabaseUrl::Kind m_kind;
};

} // namespace wfo::store
