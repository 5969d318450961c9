// The write-ahead log's writes (docs/architecture.md, "The write-ahead log's writes"): SQLite's
// frames reach the log file in one call per commit, and yet every commit is in the file before
// another connection can see it, every frame a transaction reads back is there, and nothing
// changes in what is stored. SQLite only; the connections here are SQLite's own, so that each
// test sets exactly the synchronous mode and cache it needs.
#include "store/walwrites.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace wfo::store;

namespace {

// One SQLite connection, closed with the object.
class Connection
{
public:
    explicit Connection(const QString &path)
    {
        const QByteArray name = path.toUtf8();
        if (sqlite3_open_v2(name.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr)
            != SQLITE_OK)
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_busy_timeout(m_db, 10000);
    }
    ~Connection() { sqlite3_close(m_db); }
    Q_DISABLE_COPY_MOVE(Connection)

    // Runs `sql` (one or more statements); false with the error kept when SQLite refuses.
    bool exec(const QString &sql)
    {
        char *message = nullptr;
        if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message) == SQLITE_OK)
            return true;
        m_error = QString::fromUtf8(message);
        sqlite3_free(message);
        return false;
    }

    // The first column of the first row of `sql`, as text (empty when no row or an error).
    QString value(const QString &sql)
    {
        sqlite3_stmt *statement = nullptr;
        QString result;
        if (sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &statement, nullptr)
            != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            return result;
        }
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW)
            result = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
        else if (rc != SQLITE_DONE)
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(statement);
        return result;
    }

    // Inserts row `id` with a blob of `bytes` random bytes, whose sum it returns.
    qint64 insertBlob(int id, int bytes)
    {
        QByteArray blob(bytes, Qt::Uninitialized);
        qint64 sum = 0;
        for (char &c : blob) {
            c = char(QRandomGenerator::global()->bounded(256));
            sum += quint8(c);
        }
        sqlite3_stmt *statement = nullptr;
        sqlite3_prepare_v2(m_db, "INSERT INTO blobs (id, sum, data) VALUES (?, ?, ?)", -1,
                           &statement, nullptr);
        sqlite3_bind_int(statement, 1, id);
        sqlite3_bind_int64(statement, 2, sum);
        sqlite3_bind_blob(statement, 3, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
        const int rc = sqlite3_step(statement);
        sqlite3_finalize(statement);
        if (rc != SQLITE_DONE) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            return -1;
        }
        return sum;
    }

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    sqlite3 *m_db = nullptr;
    QString m_error;
};

const auto createBlobs =
    u"CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, sum INTEGER, data BLOB)"_s;

// The layer's counts over one transaction of twenty rows of 3,000 bytes (some twenty pages)
// in `journalMode`; nullopt when SQLite refused.
std::optional<walwrites::Counts> countsOfACommit(const QString &path, const QString &journalMode)
{
    Connection db(path);
    if (!db.exec(u"PRAGMA journal_mode = %1; PRAGMA synchronous = FULL;"_s.arg(journalMode)
                 + createBlobs))
        return std::nullopt;
    const walwrites::Counts before = walwrites::counts();
    if (!db.exec(u"BEGIN IMMEDIATE"_s))
        return std::nullopt;
    for (int i = 0; i < 20; ++i) {
        if (db.insertBlob(i, 3000) < 0)
            return std::nullopt;
    }
    if (!db.exec(u"COMMIT"_s) || db.value(u"SELECT COUNT(*) FROM blobs"_s) != u"20"_s)
        return std::nullopt;
    const walwrites::Counts after = walwrites::counts();
    return walwrites::Counts {after.received - before.received, after.passedOn - before.passedOn};
}

} // namespace

class TestWalWrites : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void aCommitReachesTheFileInOneCall();
    void anotherConnectionSeesEveryCommitAtOnce();
    void aTransactionLargerThanItsCacheReadsItsFramesBack();
    void otherFilesAreSqlitesOwn();

private:
    QString path() const { return m_dir->filePath(u"wal.db"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWalWrites::initTestCase()
{
    walwrites::install();
    QVERIFY(walwrites::installed());
    QCOMPARE(QString::fromUtf8(sqlite3_vfs_find(nullptr)->zName), u"wfo-walwrites"_s);
}

void TestWalWrites::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWalWrites::aCommitReachesTheFileInOneCall()
{
    const std::optional<walwrites::Counts> counts = countsOfACommit(path(), u"WAL"_s);
    QVERIFY(counts);
    // Twenty pages, each a frame of two writes.
    QVERIFY2(counts->received >= 40, qPrintable(QString::number(counts->received)));
    QCOMPARE(counts->passedOn, quint64(1));
}

void TestWalWrites::anotherConnectionSeesEveryCommitAtOnce()
{
    // Without a flush to disk at commit (synchronous OFF), only the commit frame tells the
    // layer to write: the reader, another connection with its own handle on the log, finds
    // each commit whole the moment the writer's COMMIT returns. Checkpoints in between make
    // SQLite start the log anew from its first byte.
    Connection writer(path());
    QVERIFY2(writer.exec(u"PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;"_s + createBlobs),
             qPrintable(writer.error()));
    Connection reader(path());
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));
    qint64 total = 0;
    int rows = 0;
    for (int commit = 0; commit < 300; ++commit) {
        QVERIFY(writer.exec(u"BEGIN IMMEDIATE"_s));
        const int inserts = 1 + commit % 4;
        for (int i = 0; i < inserts; ++i) {
            const qint64 sum = writer.insertBlob(rows, 200 + (commit * 997 + i * 131) % 9000);
            QVERIFY2(sum >= 0, qPrintable(writer.error()));
            total += sum;
            ++rows;
        }
        QVERIFY(writer.exec(u"COMMIT"_s));
        QCOMPARE(reader.value(u"SELECT COUNT(*) || '/' || TOTAL(sum) FROM blobs"_s),
                 u"%1/%2.0"_s.arg(rows).arg(total));
        if (commit % 50 == 49)
            QVERIFY2(reader.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s), qPrintable(reader.error()));
    }
    QCOMPARE(reader.value(u"PRAGMA integrity_check"_s), u"ok"_s);
}

void TestWalWrites::aTransactionLargerThanItsCacheReadsItsFramesBack()
{
    // A cache of ten pages: the transaction's changed pages spill into the log before it
    // commits, are read back, and changed again (SQLite then rewrites their frames in place).
    Connection db(path());
    QVERIFY2(db.exec(u"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                     "PRAGMA cache_size = 10;"_s
                     + createBlobs),
             qPrintable(db.error()));
    QVERIFY(db.exec(u"BEGIN IMMEDIATE"_s));
    qint64 total = 0;
    for (int i = 0; i < 400; ++i) {
        const qint64 sum = db.insertBlob(i, 3000);
        QVERIFY2(sum >= 0, qPrintable(db.error()));
        total += sum;
    }
    QCOMPARE(db.value(u"SELECT TOTAL(sum) FROM blobs"_s), u"%1.0"_s.arg(total));
    QVERIFY(db.exec(u"UPDATE blobs SET sum = sum + 1, data = CAST(data || x'00' AS BLOB)"_s));
    QCOMPARE(db.value(u"SELECT TOTAL(sum) FROM blobs"_s), u"%1.0"_s.arg(total + 400));
    QVERIFY(db.exec(u"COMMIT"_s));

    // A transaction as large, rolled back, leaves nothing behind.
    QVERIFY(db.exec(u"BEGIN IMMEDIATE"_s));
    for (int i = 400; i < 800; ++i)
        QVERIFY2(db.insertBlob(i, 3000) >= 0, qPrintable(db.error()));
    QVERIFY(db.exec(u"ROLLBACK"_s));

    Connection other(path());
    QCOMPARE(other.value(u"SELECT COUNT(*) || '/' || TOTAL(sum) FROM blobs"_s),
             u"400/%1.0"_s.arg(total + 400));
    QCOMPARE(other.value(u"SELECT MIN(length(data)) || '/' || MAX(length(data)) FROM blobs"_s),
             u"3001/3001"_s);
    QCOMPARE(other.value(u"PRAGMA integrity_check"_s), u"ok"_s);
}

void TestWalWrites::otherFilesAreSqlitesOwn()
{
    // A rollback journal is not a write-ahead log: its writes go straight to the file.
    const std::optional<walwrites::Counts> counts = countsOfACommit(path(), u"DELETE"_s);
    QVERIFY(counts);
    QCOMPARE(counts->received, quint64(0));
    QCOMPARE(counts->passedOn, quint64(0));
}

QTEST_GUILESS_MAIN(TestWalWrites)
#include "tst_walwrites.moc"
