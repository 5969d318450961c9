#include "database.h"

#include "changenotices.h"
#include "migrations.h"
#include "preparedstatements.h"
#include "transaction.h"
#include "walwrites.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QThread>
#include <QThreadStorage>

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

// SQLite counts every allocation of every connection in the process under one mutex, for
// sqlite3_memory_used(), which nothing here reads. With a dozen worker threads and the
// committer each on its own connection, that mutex was the most contended lock of a busy
// engine (docs/performance.md). Switched off before the library starts, that is before the
// first connection opens; where the library was already started by someone else (SQLite
// answers SQLITE_MISUSE), it keeps counting and nothing else changes. Qt's driver uses the
// same shared library, so the setting reaches its connections, as does the write-ahead log's
// write buffer (walwrites.h).
void tuneSqliteLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        walwrites::install(); // starts the library: after the configuration
    });
}

// A kept statement (execPrepared): the prepared query, the names its placeholders were given,
// and whether it writes. Qt binds a value by position by first making up a name for the
// position, which costs five times a bind by name; the `?` of the statement's text are
// therefore named `:v0`, `:v1` ... when it is prepared.
struct KeptStatement
{
    QSqlQuery query;
    QStringList names;
    bool writes = false;
};

// `sql` with each `?` outside quotes named as `:v0`, `:v1` ... in order; the names in `names`.
QString namePlaceholders(const QString &sql, QStringList *names)
{
    QString named;
    named.reserve(sql.size() + 16);
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            names->append(u":v"_s + QString::number(names->size()));
            named += names->constLast();
            continue;
        }
        named += c;
    }
    return named;
}

// Removes this thread's connections when the thread ends (QThreadStorage deletes the object
// on the thread that owns it, which is where Qt SQL wants it done).
struct ThreadConnections
{
    QStringList names;
    // The kept statements of each connection (by connectionKey()), dropped before it closes.
    std::unordered_map<QString, std::unordered_map<QString, KeptStatement>> statements;
    ~ThreadConnections()
    {
        statements.clear();
        for (const QString &name : std::as_const(names)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                if (db.isOpen())
                    db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }
};

QThreadStorage<ThreadConnections *> &threadConnections()
{
    static QThreadStorage<ThreadConnections *> storage;
    return storage;
}

std::atomic<quint64> statementsRun = 0;

// The key of a connection's kept statements: the URL's parts, joined without building a QUrl
// (this runs for every kept statement).
} // namespace

StoreError::StoreError(Kind kind, const QString &message)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
    , m_message(message)
{ }

Database::Database(const DatabaseUrl &url)
    : m_url(url)
    , m_dialect(url.kind)
    , m_key(QString::fromLatin1(
          QCryptographicHash::hash(url.toString().toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(12)))
{ }

QString Database::connectionName() const
{
    return u"wfo-%1-%2"_s.arg(m_key).arg(quintptr(QThread::currentThreadId()), 0, 16);
}

QSqlDatabase Database::connection() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        // Statements kept for the closed handle are of no use to the new one.
        if (threadConnections().hasLocalData())
            threadConnections().localData()->statements.erase(connectionKey(m_url));
        if (!db.open()) {
            StoreError::Kind kind = StoreError::Kind::Unreachable;
            const QString message = classify(db.lastError(), &kind);
            throw StoreError(StoreError::Kind::Unreachable, message);
        }
        configure(db);
        return db;
    }

    if (!threadConnections().hasLocalData())
        threadConnections().setLocalData(new ThreadConnections);
    threadConnections().localData()->names.append(name);

    QSqlDatabase db;
    if (m_url.isSqlite()) {
        tuneSqliteLibrary();
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        const QFileInfo file(m_url.path);
        if (!file.absoluteDir().exists())
            throw StoreError(
                StoreError::Kind::Unreachable,
                tr("The folder of the database file '%1' does not exist.").arg(m_url.path));
        // SQLite would create a new file readable by everyone (0644 under the usual umask), and
        // its -wal and -shm files take the database file's mode. It holds customer data: a new
        // file is made here, for its owner only, and SQLite opens it as an empty database.
        if (!file.exists()) {
            QFile created(m_url.path);
            if (created.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                             QFileDevice::ReadOwner | QFileDevice::WriteOwner))
                created.close();
        }
        db.setDatabaseName(m_url.path);
        QString options = u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs());
        // A file this user may read but not write is opened read-only, so it can be read
        // (writes then fail with "read-only" instead of the open failing).
        if (QFileInfo(m_url.path).exists() && !QFileInfo(m_url.path).isWritable())
            options += u";QSQLITE_OPEN_READONLY"_s;
        db.setConnectOptions(options);
    } else {
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setDatabaseName(m_url.database);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setConnectOptions(u"connect_timeout=5;application_name=orchestrator-console"_s);
    }
    if (!db.isValid())
        throw StoreError(StoreError::Kind::Unreachable,
                         tr("The Qt SQL driver for %1 is not installed.")
                             .arg(m_url.isSqlite() ? u"SQLite"_s : u"PostgreSQL"_s));
    if (!db.open()) {
        const QString detail = db.lastError().text();
        throw StoreError(StoreError::Kind::Unreachable,
                         m_url.isSqlite()
                             ? tr("Cannot open the database file '%1': %2").arg(m_url.path, detail)
                             : tr("Cannot connect to the PostgreSQL server %1: %2")
                                   .arg(m_url.displayString(), detail));
    }
    configure(db);
    return db;
}

void Database::configure(QSqlDatabase &db) const
{
    QSqlQuery query(db);
    auto pragma = [&](const QString &sql) {
        // Switching a new file to WAL needs a moment of exclusive access, and SQLite answers
        // "locked" at once, without waiting, while another connection does the same.
        bool done = query.exec(sql);
        for (int attempt = 0; !done && attempt < 200; ++attempt) {
            StoreError::Kind kind = StoreError::Kind::Sql;
            classify(query.lastError(), &kind);
            if (kind != StoreError::Kind::Busy)
                break;
            QThread::msleep(50);
            done = query.exec(sql);
        }
        if (!done) {
            StoreError::Kind kind = StoreError::Kind::Sql;
            const QString message = classify(query.lastError(), &kind);
            db.close();
            throw StoreError(
                kind, tr("Cannot use the database '%1': %2").arg(m_url.displayString(), message));
        }
        return query.next() ? query.value(0).toString() : QString();
    };
    if (m_url.isSqlite()) {
        // The first statement also proves the file is a database at all.
        pragma(u"PRAGMA foreign_keys = ON"_s);
        const bool readOnly = db.connectOptions().contains("QSQLITE_OPEN_READONLY"_L1);
        const QString mode =
            pragma(readOnly ? u"PRAGMA journal_mode"_s : u"PRAGMA journal_mode = WAL"_s);
        if (!readOnly && mode.compare("wal"_L1, Qt::CaseInsensitive) != 0) {
            db.close();
            throw StoreError(StoreError::Kind::Unreachable,
                             tr("The database '%1' cannot use write-ahead logging (it answered "
                                "'%2'); is it on a read-only or network file system?")
                                 .arg(m_url.path, mode));
        }
        pragma(u"PRAGMA synchronous = FULL"_s);
    } else {
        pragma(u"SET client_min_messages TO warning"_s);
    }
}

void Database::closeThreadConnection() const
{
    const QString name = connectionName();
    if (threadConnections().hasLocalData())
        threadConnections().localData()->statements.erase(connectionKey(m_url));
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (threadConnections().hasLocalData())
        threadConnections().localData()->names.removeAll(name);
}

QString Database::classify(const QSqlError &error, StoreError::Kind *kind)
{
    const QString code = error.nativeErrorCode();
    const QString text = error.text();
    // SQLite result codes: 5 BUSY, 6 LOCKED, 8 READONLY, 10 IOERR, 11 CORRUPT, 13 FULL,
    // 14 CANTOPEN, 26 NOTADB. Qt may hand over the primary or the extended code (at most four
    // digits), so the text counts too; PostgreSQL's codes are five-character SQLSTATEs.
    bool numeric = false;
    const int value = code.toInt(&numeric);
    const bool sqliteCode = numeric && code.size() <= 4;
    const auto is = [&](int primary) {
        return sqliteCode && (value & 0xff) == primary;
    };
    if (is(5) || is(6) || text.contains("database is locked"_L1)) {
        *kind = StoreError::Kind::Busy;
        return lockedError().message();
    }
    // PostgreSQL: a deadlock broken by undoing this transaction, a serialization failure or a
    // lock not available; the whole transaction was undone and may simply run again.
    if (code == "40P01"_L1 || code == "40001"_L1 || code == "55P03"_L1
        || text.contains("deadlock detected"_L1)) {
        *kind = StoreError::Kind::Busy;
        return tr("The database undid this change to break a deadlock with another one; try "
                  "again.");
    }
    if (is(11) || text.contains("malformed"_L1)) {
        *kind = StoreError::Kind::NotADatabase;
        return tr("The database file is damaged (%1). Nothing was changed. Save what can still "
                  "be read with sqlite3's .recover command (sqlite3 damaged.db .recover | sqlite3 "
                  "recovered.db), or restore a backup.")
            .arg(error.databaseText());
    }
    if (is(26) || text.contains("not a database"_L1)) {
        *kind = StoreError::Kind::NotADatabase;
        return tr("The file is not an Orchestrator Console database or it is damaged (%1).")
            .arg(error.databaseText());
    }
    if (is(8) || text.contains("readonly database"_L1)) {
        *kind = StoreError::Kind::Sql;
        return tr("The database is read-only for this user: it can be read but not changed "
                  "(%1).")
            .arg(error.databaseText());
    }
    if (is(13) || text.contains("database or disk is full"_L1)) {
        *kind = StoreError::Kind::Sql;
        return tr("The disk that holds the database is full; nothing was changed. Free some "
                  "space and try again.");
    }
    if (text.contains("pattern too complex"_L1) || text.contains("Expression tree is too large"_L1)
        || text.contains("too many terms"_L1) || text.contains("too many SQL variables"_L1)) {
        *kind = StoreError::Kind::Sql;
        return tr("The search is too complex for the database (%1); use fewer or shorter terms.")
            .arg(error.databaseText());
    }
    if (is(10) || text.contains("disk I/O error"_L1)) {
        *kind = StoreError::Kind::Sql;
        return tr("The database file cannot be read or written (%1).").arg(error.databaseText());
    }
    if (is(14)) {
        *kind = StoreError::Kind::Unreachable;
        return tr("The database file cannot be opened (%1).").arg(error.databaseText());
    }
    // Qt's SQLite driver reports failed statements as connection errors too; with SQLite's own
    // code they are what the code says, not a lost server. PostgreSQL's class 08 (connection
    // exception) and 57P01-57P03 (the server ended this connection: an administrator, a
    // shutdown or a restart) leave the connection unusable: it is closed and opened anew.
    const bool connectionEnded = !sqliteCode
        && (code.startsWith("08"_L1) || code == "57P01"_L1 || code == "57P02"_L1
            || code == "57P03"_L1 || text.contains("terminating connection"_L1));
    if ((error.type() == QSqlError::ConnectionError && !sqliteCode) || connectionEnded
        || text.contains("server closed the connection"_L1) || text.contains("could not connect"_L1)
        || text.contains("no connection"_L1)) {
        *kind = StoreError::Kind::Unreachable;
        return tr("The database server cannot be reached: %1").arg(text);
    }
    *kind = StoreError::Kind::Sql;
    return text;
}

QStringList Database::damage() const
{
    if (!m_url.isSqlite())
        return {};
    QStringList problems;
    try {
        QSqlQuery query(connection());
        // integrity_check also compares every index with its table and checks the
        // constraints; foreign_key_check finds rows whose references were changed. Both read
        // the whole file, which is fine on this path: something has failed already.
        const auto check = [&](const QString &sql, bool okLine) {
            if (!query.exec(sql)) {
                // Too damaged to be checked; a locked file or one that is not a database at
                // all is not damage (their own messages say what they are).
                const QSqlError error = query.lastError();
                if (error.nativeErrorCode().toInt() % 256 == 11
                    || error.text().contains("malformed"_L1))
                    problems.append(error.databaseText());
                return;
            }
            while (query.next() && problems.size() < 5) {
                const QString line = query.value(0).toString();
                if (okLine && line == "ok"_L1)
                    continue;
                problems.append(okLine ? line
                                       : tr("rows of %1 refer to missing rows of %2")
                                             .arg(line, query.value(2).toString()));
            }
        };
        check(u"PRAGMA integrity_check(5)"_s, true);
        if (problems.isEmpty())
            check(u"PRAGMA foreign_key_check"_s, false);
    } catch (const StoreError &) {
        // Not even opened: the open error already says why.
    }
    problems.removeDuplicates();
    return problems;
}

StoreError Database::damagedError(const QStringList &problems) const
{
    return StoreError(StoreError::Kind::NotADatabase,
                      tr("The database file '%1' is damaged (%2). Nothing was changed. Save what "
                         "can still be read into a new file with sqlite3's .recover command "
                         "(sqlite3 '%1' .recover | sqlite3 recovered.db), or restore a backup.")
                          .arg(m_url.path, problems.join(u"; "_s)));
}

int Database::busyTimeoutMs()
{
    const int configured = qEnvironmentVariableIntValue("WFO_BUSY_TIMEOUT_MS");
    return configured > 0 ? configured : 10000;
}

StoreError Database::lockedError()
{
    return StoreError(StoreError::Kind::Busy,
                      tr("The database is locked by another program; try again in a moment."));
}

void Database::fail(QSqlQuery &query) const
{
    StoreError::Kind kind = StoreError::Kind::Sql;
    const QString message = classify(query.lastError(), &kind);
    if (kind == StoreError::Kind::Unreachable) {
        query = QSqlQuery();
        closeThreadConnection(); // reconnect on the next call
    }
    throw StoreError(kind, message);
}

QSqlQuery Database::exec(const QString &sql, const QVariantMap &values) const
{
    try {
        return execOnce(sql, values);
    } catch (const StoreError &e) {
        const bool harmless = sql.startsWith("SELECT"_L1) || sql == dialect().beginWrite();
        if (e.kind() != StoreError::Kind::Unreachable || !harmless
            || WriteTransaction::isOpenOnThisThread())
            throw;
    }
    return execOnce(sql, values);
}

QString connectionKey(const DatabaseUrl &url)
{
    if (url.isSqlite())
        return url.path;
    return url.user + u':' + url.password + u'@' + url.host + u':' + QString::number(url.port)
        + u'/' + url.database;
}

quint64 statementCount()
{
    return statementsRun.load(std::memory_order_relaxed);
}

namespace {

int execPreparedOnce(const Database &database, const QString &sql, const QVariantList &values,
                     const std::function<void(QSqlQuery &)> &read)
{
    // The kept statements live with the connection (ThreadConnections), keyed by the
    // database's URL, and are dropped before it closes.
    const QString key = connectionKey(database.url());
    const auto fail = [&database](const QSqlError &error) {
        StoreError::Kind kind = StoreError::Kind::Sql;
        const QString message = Database::classify(error, &kind);
        if (kind == StoreError::Kind::Unreachable)
            database.closeThreadConnection(); // reconnect on the next call
        throw StoreError(kind, message);
    };
    std::unordered_map<QString, KeptStatement> *statements = nullptr;
    if (threadConnections().hasLocalData())
        statements = &threadConnections().localData()->statements[key];
    auto it =
        statements ? statements->find(sql) : std::unordered_map<QString, KeptStatement>::iterator();
    if (!statements || it == statements->end()) {
        KeptStatement kept {QSqlQuery(database.connection()), {}, WriterGate::writes(sql)};
        kept.query.setForwardOnly(true); // the line above makes this thread's list when needed
        if (!kept.query.prepare(namePlaceholders(sql, &kept.names)))
            fail(kept.query.lastError());
        statements = &threadConnections().localData()->statements[key];
        it = statements->emplace(sql, std::move(kept)).first;
    }
    KeptStatement &kept = it->second;
    if (kept.names.size() != values.size())
        throw StoreError(StoreError::Kind::Sql,
                         u"%1 values for the %2 placeholders of: %3"_s.arg(values.size())
                             .arg(kept.names.size())
                             .arg(sql));
    std::optional<WriterGate> gate;
    if (kept.writes && database.url().isSqlite())
        gate.emplace(database);
    QSqlQuery &query = kept.query;
    // A kept statement keeps its values from one run to the next; binding a value costs more
    // than comparing it, and most of a step's values (the process, the claim, the empty
    // columns) are those of the step before (docs/performance.md, "Engine"). A long text (a
    // state, a delta) is bound without comparing: it nearly always changed.
    constexpr qsizetype longText = 256;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        const QVariant bound = query.boundValue(int(i));
        const bool longString = value.metaType() == QMetaType::fromType<QString>()
            && static_cast<const QString *>(value.constData())->size() > longText;
        if (longString || bound.metaType() != value.metaType() || bound.isNull() != value.isNull()
            || bound != value)
            query.bindValue(kept.names.at(i), value);
    }
    statementsRun.fetch_add(1, std::memory_order_relaxed);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        query.finish();
        fail(error);
    }
    if (read) {
        try {
            read(query);
        } catch (...) {
            query.finish();
            throw;
        }
    }
    const int rows = query.numRowsAffected();
    query.finish();
    return rows;
}

} // namespace

int execPrepared(const Database &database, const QString &sql, const QVariantList &values,
                 const std::function<void(QSqlQuery &)> &read)
{
    try {
        return execPreparedOnce(database, sql, values, read);
    } catch (const StoreError &e) {
        // As Database::exec: a read outside a write transaction, on a connection that sat idle
        // through a server outage, is tried once more on a new connection.
        if (e.kind() != StoreError::Kind::Unreachable || !sql.startsWith("SELECT"_L1)
            || WriteTransaction::isOpenOnThisThread())
            throw;
    }
    return execPreparedOnce(database, sql, values, read);
}

QSqlQuery Database::execOnce(const QString &sql, const QVariantMap &values) const
{
    // A write outside a write transaction queues with them (docs/architecture.md, "Group
    // commit"); inside one this thread holds the gate already.
    std::optional<WriterGate> gate;
    if (m_url.isSqlite() && WriterGate::writes(sql))
        gate.emplace(*this);
    statementsRun.fetch_add(1, std::memory_order_relaxed);
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (values.isEmpty()) {
        // Without parameters the statement goes as is: PostgreSQL cannot prepare utility
        // statements (CREATE DATABASE, LOCK ...), and it saves a round trip.
        if (!query.exec(sql))
            fail(query);
        return query;
    }
    if (!query.prepare(sql)) {
        StoreError::Kind kind = StoreError::Kind::Sql;
        const QString message = classify(query.lastError(), &kind);
        throw StoreError(kind, message);
    }
    for (auto it = values.begin(); it != values.end(); ++it)
        query.bindValue(u":"_s + it.key(), it.value());
    if (!query.exec())
        fail(query);
    return query;
}

void Database::lockCatalogue() const
{
    // SQLite's BEGIN IMMEDIATE already lets one writer in at a time.
    if (!m_url.isSqlite())
        exec(u"SELECT pg_advisory_xact_lock(7340013)"_s);
}

void Database::notifyChange(const QString &kind, const QString &id) const
{
    changenotices::publish(*this, kind + u':' + id);
}

int Database::schemaVersion() const
{
    const QStringList tables = connection().tables();
    if (!tables.contains(u"schema_version"_s)) {
        // Tables that are not ours: refuse rather than mix our schema into someone's data.
        if (!tables.isEmpty() && m_url.isSqlite())
            throw StoreError(StoreError::Kind::NotADatabase,
                             tr("The database '%1' holds tables of another program.")
                                 .arg(m_url.displayString()));
        return 0;
    }
    QSqlQuery query = exec(u"SELECT MAX(version) FROM schema_version"_s);
    return query.next() ? query.value(0).toInt() : 0;
}

bool Database::mayWrite() const
{
    if (m_url.isSqlite())
        return true;
    QSqlQuery query = exec(u"SELECT has_table_privilege('processes', 'UPDATE') AND "
                           "has_table_privilege('engine_instances', 'INSERT')"_s);
    return query.next() && query.value(0).toBool();
}

void Database::ensureSchema(bool migrate) const
{
    const int current = schemaVersion();
    const int latest = Migrations::latestVersion();
    if (current > latest)
        throw StoreError(
            StoreError::Kind::SchemaTooNew,
            tr("The database '%1' has schema version %2, which is newer than this "
               "program understands (%3). Use a newer Orchestrator Console; nothing "
               "was changed.")
                .arg(m_url.displayString(), QString::number(current), QString::number(latest)));
    if (current == latest)
        return;
    if (!migrate)
        throw StoreError(
            StoreError::Kind::SchemaTooOld,
            tr("The database '%1' has schema version %2; this program needs %3. Run "
               "'orchestratorctl --db %1 init' to migrate it.")
                .arg(m_url.displayString(), QString::number(current), QString::number(latest)));
    Migrations::apply(*this);
}

namespace {
thread_local const Database *currentDatabase = nullptr;
}

CurrentDatabase::CurrentDatabase(const Database *database)
    : m_previous(currentDatabase)
{
    currentDatabase = database;
}

CurrentDatabase::~CurrentDatabase()
{
    currentDatabase = m_previous;
}

const Database *CurrentDatabase::get()
{
    return currentDatabase;
}

} // namespace wfo::store
