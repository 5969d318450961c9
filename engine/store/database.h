#pragma once
// The connection to one database for the current thread. Qt SQL connections are thread-bound,
// so every thread gets its own named connection, opened lazily with the same settings
// (WAL, synchronous=FULL, foreign keys, busy timeout on SQLite) and removed when the thread
// ends. A Database value is cheap to copy and safe to hand to other threads.

#include "databaseurl.h"
#include "sqldialect.h"
#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <stdexcept>

class QSqlQuery;

namespace wfo::store {

// Why the store could not do what was asked; the message is written for an operator.
class WFO_ENGINE_EXPORT StoreError : public std::runtime_error
{
public:
    enum class Kind {
        Sql, // a statement failed
        Busy, // the database stayed locked by another writer beyond the busy timeout
        Unreachable, // the file cannot be opened or the server cannot be reached
        SchemaTooNew,
        SchemaTooOld,
        NotADatabase,
    };
    StoreError(Kind kind, const QString &message);
    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

private:
    Kind m_kind;
    QString m_message;
};

class WFO_ENGINE_EXPORT Database
{
    Q_DECLARE_TR_FUNCTIONS(wfo::store::Database)

public:
    explicit Database(const DatabaseUrl &url);

    const DatabaseUrl &url() const { return m_url; }
    const SqlDialect &dialect() const { return m_dialect; }

    // This thread's connection, opened on first use. Throws StoreError.
    QSqlDatabase connection() const;
    // Closes and removes this thread's connection (it is also removed when the thread ends).
    void closeThreadConnection() const;

    // Checks the schema version. An older schema is migrated when `migrate` is true and
    // reported (SchemaTooOld) otherwise; a newer one is always reported and left untouched.
    void ensureSchema(bool migrate) const;
    int schemaVersion() const; // 0 for an empty database
    // Whether this connection's role may write what an engine writes. A PostgreSQL role that
    // only reads (docs/operators.md, "PostgreSQL roles") opens a read-only engine.
    bool mayWrite() const;

    // Prepares and runs a statement on this thread's connection; throws StoreError with the
    // statement's error. Named placeholders are bound from `values`.
    // Runs a statement on this thread's connection; throws StoreError. A connection that sat
    // idle through a server outage fails its first statement: a read, or the BEGIN of a write
    // transaction, outside any transaction is then tried once more on a new connection.
    QSqlQuery exec(const QString &sql, const QVariantMap &values = {}) const;

    static QString classify(const QSqlError &error, StoreError::Kind *kind);
    // SQLite: how long a writer waits for the file (WFO_BUSY_TIMEOUT_MS, 10 s by default), and
    // what it is told when the wait ends in vain.
    static int busyTimeoutMs();
    static StoreError lockedError();

    // SQLite only: what PRAGMA integrity_check and foreign_key_check find wrong with the file
    // (a few lines), empty when it is sound. For when opening or reading failed in a way that
    // may mean damage.
    QStringList damage() const;
    // The error for a damaged file, with what can still be saved.
    StoreError damagedError(const QStringList &problems) const;

    // Inside a write transaction: waits until no other engine is registering its catalogue
    // (workflows, products), so engines that open at once do not deadlock. Released at commit.
    void lockCatalogue() const;

    // Publishes "kind:id" to other engines once the current transaction commits (PostgreSQL
    // NOTIFY, store/changenotices.h; nothing on SQLite, whose readers watch the data version).
    void notifyChange(const QString &kind, const QString &id) const;

private:
    QSqlQuery execOnce(const QString &sql, const QVariantMap &values) const;
    [[noreturn]] void fail(QSqlQuery &query) const;
    QString connectionName() const;
    void configure(QSqlDatabase &db) const;

    DatabaseUrl m_url;
    SqlDialect m_dialect;
    QString m_key;
};

// The database the engine works with on this thread, while it evaluates a form or runs a step,
// for code that gets no StepContext (form generators of packs). Read only.
class WFO_ENGINE_EXPORT CurrentDatabase
{
public:
    explicit CurrentDatabase(const Database *database);
    ~CurrentDatabase();
    Q_DISABLE_COPY_MOVE(CurrentDatabase)

    static const Database *get();

private:
    const Database *m_previous;
};

} // namespace wfo::store
