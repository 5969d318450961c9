// The store: URL parsing, connection settings, migrations and schema version checks.
#include "testdatabase.h"

#include "store/database.h"
#include "store/enginerepository.h"
#include "store/migrations.h"
#include "store/preparedstatements.h"
#include "store/processrepository.h"
#include "store/records.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace wfo::store;

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void parseUrls_data();
    void passwordsMasked_data();
    void passwordsMasked();
    void parseUrls();
    void urlsReadBack_data();
    void urlsReadBack();
    void migratesAndRecordsVersion();
    void sqlitePragmas();
    void sqliteKeepsNoProcessWideAllocationCount();
    void newerSchemaIsRefusedAndUntouched();
    void olderSchemaNeedsInitWithoutMigrate();
    void garbageFileIsReportedNotOverwritten();
    void connectionsArePerThread();
    void globalLockRoundTrip();
    void keptStatementsBindEveryRunsValues();
    void keptStatementsNameOnlyTheirPlaceholders();
    void jsonTextIsQtsCompactText();
};

void TestStore::parseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("sqlite");
    QTest::newRow("sqlite") << u"sqlite:///tmp/x.db"_s << true << true;
    QTest::newRow("sqlite relative") << u"sqlite://x.db"_s << false << true;
    QTest::newRow("pg") << u"postgresql://me:pw@db.example:6543/orch"_s << true << false;
    QTest::newRow("pg no db") << u"postgresql://me@host"_s << false << false;
    QTest::newRow("other") << u"mysql://x"_s << false << false;
    QTest::newRow("empty") << QString() << false << false;
}

void TestStore::parseUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(bool, sqlite);
    QString error;
    const auto parsed = DatabaseUrl::parse(url, &error);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(parsed->isSqlite(), sqlite);
    if (!sqlite) {
        QCOMPARE(parsed->port, 6543);
        QCOMPARE(parsed->database, u"orch"_s);
        QVERIFY(!parsed->displayString().contains(u"pw"_s));
        QVERIFY(parsed->displayString().contains(u"me:***@"_s));
    }
}

void TestStore::urlsReadBack_data()
{
    // Found by fuzzing: a user or password with characters a URL encodes did not read back.
    QTest::addColumn<QString>("url");
    QTest::newRow("encoded user and password") << u"postgresql://us%20er:p%3Ass@host/s"_s;
    QTest::newRow("at and percent") << u"postgresql://me:a%40b%25c@db.example:6543/orch"_s;
    QTest::newRow("ipv6") << u"postgres://wfo@[::1]/wfo"_s;
}

void TestStore::urlsReadBack()
{
    QFETCH(QString, url);
    const auto parsed = DatabaseUrl::parse(url, nullptr);
    QVERIFY(parsed);
    const auto again = DatabaseUrl::parse(parsed->toString(), nullptr);
    QVERIFY2(again, qPrintable(parsed->toString()));
    QCOMPARE(again->user, parsed->user);
    QCOMPARE(again->password, parsed->password);
    QCOMPARE(again->host, parsed->host);
    QCOMPARE(again->port, parsed->port);
    QCOMPARE(again->database, parsed->database);
}

void TestStore::passwordsMasked_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("masked");
    QTest::newRow("url") << u"pgsql://wfo:S3CRET@db/x"_s << u"pgsql://wfo:***@db/x"_s;
    QTest::newRow("at in password") << u"'postgresql://wfo:a@b/c@db:5432/x' is bad"_s
                                    << u"'postgresql://wfo:***@db:5432/x' is bad"_s;
    QTest::newRow("two urls") << u"a://u:p1@h b://v:p2@k"_s << u"a://u:***@h b://v:***@k"_s;
    QTest::newRow("key value") << u"host=db password=S3CRET user=x"_s
                               << u"host=db password=*** user=x"_s;
    QTest::newRow("no password") << u"postgresql://wfo@db/x"_s << u"postgresql://wfo@db/x"_s;
    QTest::newRow("port only") << u"postgresql://db:5432/x"_s << u"postgresql://db:5432/x"_s;
}

void TestStore::passwordsMasked()
{
    QFETCH(QString, text);
    QFETCH(QString, masked);
    QCOMPARE(DatabaseUrl::maskPasswords(text), masked);
    QString error;
    QVERIFY(!DatabaseUrl::parse(u"pgsql://wfo:S3CRET@db/x"_s, &error));
    QVERIFY2(!error.contains(u"S3CRET"_s), qPrintable(error));
}

void TestStore::migratesAndRecordsVersion()
{
    TestDatabase tdb;
    QVERIFY2(tdb.isValid(), qPrintable(tdb.error()));
    Database db(tdb.url());
    QCOMPARE(db.schemaVersion(), 0);
    db.ensureSchema(true);
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    db.ensureSchema(true); // idempotent
    QSqlQuery q = db.exec(u"SELECT COUNT(*) FROM schema_version"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), Migrations::all().size());
    db.closeThreadConnection();
}

void TestStore::sqlitePragmas()
{
    TestDatabase tdb;
    if (tdb.isPostgres())
        QSKIP("SQLite only");
    Database db(tdb.url());
    db.ensureSchema(true);
    auto pragma = [&](const QString &name) {
        QSqlQuery q = db.exec(u"PRAGMA "_s + name);
        return q.next() ? q.value(0).toString() : QString();
    };
    QCOMPARE(pragma(u"journal_mode"_s), u"wal"_s);
    QCOMPARE(pragma(u"synchronous"_s), u"2"_s); // FULL
    QCOMPARE(pragma(u"foreign_keys"_s), u"1"_s);
    QVERIFY(pragma(u"busy_timeout"_s).toInt() >= 1000);
    db.closeThreadConnection();
}

// Every allocation of every connection would otherwise pass one process-wide mutex, which the
// worker threads and the committer fight over (store/database.cpp, tuneSqliteLibrary).
void TestStore::sqliteKeepsNoProcessWideAllocationCount()
{
    TestDatabase tdb;
    if (tdb.isPostgres())
        QSKIP("SQLite only");
    Database db(tdb.url());
    db.ensureSchema(true);
    QSqlQuery q = db.exec(u"SELECT COUNT(*) FROM processes"_s);
    QVERIFY(q.next());
    // Counting, SQLite would report the connection's caches and statements here.
    QCOMPARE(sqlite3_memory_used(), sqlite3_int64(0));
    QCOMPARE(sqlite3_memory_highwater(0), sqlite3_int64(0));
    q = QSqlQuery();
    db.closeThreadConnection();
}

void TestStore::newerSchemaIsRefusedAndUntouched()
{
    TestDatabase tdb;
    Database db(tdb.url());
    db.ensureSchema(true);
    db.exec(u"INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'x', "
            "'now')"_s);
    try {
        db.ensureSchema(true);
        QFAIL("a newer schema must be refused");
    } catch (const StoreError &e) {
        QCOMPARE(e.kind(), StoreError::Kind::SchemaTooNew);
        QVERIFY(e.message().contains(u"newer"_s));
    }
    QCOMPARE(db.schemaVersion(), 999);
    db.closeThreadConnection();
}

void TestStore::olderSchemaNeedsInitWithoutMigrate()
{
    TestDatabase tdb;
    Database db(tdb.url());
    try {
        db.ensureSchema(false);
        QFAIL("an empty database must need init");
    } catch (const StoreError &e) {
        QCOMPARE(e.kind(), StoreError::Kind::SchemaTooOld);
        QVERIFY(e.message().contains(u"init"_s));
    }
    QCOMPARE(db.schemaVersion(), 0);
    db.closeThreadConnection();
}

void TestStore::garbageFileIsReportedNotOverwritten()
{
    TestDatabase tdb;
    if (tdb.isPostgres())
        QSKIP("SQLite only");
    QFile file(tdb.url().path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray garbage(8192, 'x');
    file.write(garbage);
    file.close();
    Database db(tdb.url());
    try {
        db.ensureSchema(true);
        QFAIL("garbage must be refused");
    } catch (const StoreError &e) {
        QVERIFY2(e.kind() == StoreError::Kind::NotADatabase
                     || e.kind() == StoreError::Kind::Unreachable,
                 qPrintable(e.message()));
        QVERIFY(!e.message().isEmpty());
    }
    db.closeThreadConnection();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), garbage);
}

void TestStore::connectionsArePerThread()
{
    TestDatabase tdb;
    Database db(tdb.url());
    db.ensureSchema(true);
    const QString mainName = db.connection().connectionName();
    QString otherName;
    QThread *thread = QThread::create([&] {
        otherName = db.connection().connectionName();
        db.exec(u"SELECT COUNT(*) FROM processes"_s);
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(!otherName.isEmpty());
    QVERIFY(otherName != mainName);
    // The other thread's connection went away with its thread.
    QVERIFY(!QSqlDatabase::contains(otherName));
    db.closeThreadConnection();
}

void TestStore::globalLockRoundTrip()
{
    TestDatabase tdb;
    Database db(tdb.url());
    db.ensureSchema(true);
    EngineRepository engines(db);
    QCOMPARE(engines.globalLock(), false);
    engines.setGlobalLock(true);
    QCOMPARE(engines.globalLock(), true);
    engines.setGlobalLock(false);
    QCOMPARE(engines.globalLock(), false);
    db.closeThreadConnection();
}

void TestStore::keptStatementsBindEveryRunsValues()
{
    // A kept statement rebinds only the values that differ from its last run: an empty text
    // after a null (equal as QVariants) and a null after an empty text must still reach the
    // database as they are.
    TestDatabase tdb;
    Database db(tdb.url());
    db.exec(u"CREATE TABLE kept (n INTEGER NOT NULL, v TEXT)"_s);
    const QVariant null(QMetaType::fromType<QString>());
    const QList<QVariant> values {u""_s, null, u""_s, u"a"_s, u"a"_s, null, null, u"b"_s};
    for (qsizetype i = 0; i < values.size(); ++i)
        execPrepared(db, u"INSERT INTO kept (n, v) VALUES (?, ?)"_s, {int(i), values.at(i)});
    {
        QSqlQuery q = db.exec(u"SELECT n, v IS NULL, v FROM kept ORDER BY n"_s);
        for (qsizetype i = 0; i < values.size(); ++i) {
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), int(i));
            QCOMPARE(q.value(1).toBool(), values.at(i).isNull());
            QCOMPARE(q.value(2).toString(), values.at(i).toString());
        }
        QVERIFY(!q.next());
    }
    db.closeThreadConnection();
}

void TestStore::keptStatementsNameOnlyTheirPlaceholders()
{
    // A kept statement's `?` are bound by name: a `?` in a quoted text or name is not one, and
    // a long text is bound on every run.
    TestDatabase tdb;
    Database db(tdb.url());
    db.exec(u"CREATE TABLE marks (n INTEGER NOT NULL, \"what?\" TEXT, v TEXT)"_s);
    const QString insert = u"INSERT INTO marks (n, \"what?\", v) VALUES (?, '?', ?)"_s;
    const QString longA(300, u'a');
    QString longB = longA;
    longB[150] = u'b';
    const QStringList values {u"x"_s, longA, longA, longB, u"?"_s};
    for (qsizetype i = 0; i < values.size(); ++i)
        QCOMPARE(execPrepared(db, insert, {int(i), values.at(i)}), 1);
    {
        QSqlQuery q = db.exec(u"SELECT n, \"what?\", v FROM marks ORDER BY n"_s);
        for (qsizetype i = 0; i < values.size(); ++i) {
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), int(i));
            QCOMPARE(q.value(1).toString(), u"?"_s);
            QCOMPARE(q.value(2).toString(), values.at(i));
        }
        QVERIFY(!q.next());
    }
    // Too few or too many values: refused with the statement named, nothing written.
    for (const QVariantList &wrong : {QVariantList {7}, QVariantList {7, u"v"_s, u"w"_s}}) {
        try {
            execPrepared(db, insert, wrong);
            QFAIL("a statement ran with the wrong number of values");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Sql);
            QVERIFY2(e.message().contains(u"INSERT INTO marks"_s), qPrintable(e.message()));
        }
    }
    QSqlQuery count = db.exec(u"SELECT COUNT(*) FROM marks"_s);
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), int(values.size()));
    count.finish();
    db.closeThreadConnection();
}

namespace {

// A random JSON value of every kind, `depth` levels deep at most, with strings Qt escapes and
// numbers at the edges of their forms.
QJsonValue randomJson(QRandomGenerator &random, int depth)
{
    static const QList<double> doubles {0.1,     -0.0,      1e20,       1e-7, 9007199254740992.0,
                                        1e300,   -2.5e-300, 123456.789, 3.0,  qInf(),
                                        qQNaN(), 1.0 / 3.0};
    static const QList<qint64> integers {0,
                                         -1,
                                         42,
                                         std::numeric_limits<qint64>::max(),
                                         std::numeric_limits<qint64>::min(),
                                         9007199254740993LL};
    static const QStringList strings = [] {
        QStringList list {u""_s,
                          u"plain text"_s,
                          u"caf\u00e9 \u6f22\u5b57"_s,
                          u"tab\there"_s,
                          u"quote \"q\""_s,
                          u"back\\slash"_s,
                          u"line\nbreak"_s,
                          u"\u007f del"_s,
                          u"\U0001F600 face"_s,
                          QString(QChar(0xD800)) + u"lone"_s,
                          u"\u2028 separator"_s,
                          u"null \u0000 inside"_s,
                          u"a longer text that ends in a quote\""_s,
                          u"a longer text with a tab\tin its second eight"_s,
                          u"sixteen plain ch"_s};
        // Each character Qt escapes, and a surrogate, inside the first and the second eight
        // characters of a text with no tail.
        for (const char16_t c :
             {u'"', u'\\', u'\t', u'\0', u'\x1f', char16_t(0xd800), char16_t(0xdfff)}) {
            for (const int at : {3, 8, 15}) {
                QString text(16, u'x');
                text[at] = QChar(c);
                list.append(text);
            }
        }
        return list;
    }();
    const int kind = int(random.bounded(depth > 0 ? 8 : 6));
    switch (kind) {
    case 0:
        return QJsonValue();
    case 1:
        return random.bounded(2) == 1;
    case 2:
        return doubles.at(random.bounded(doubles.size()));
    case 3:
        return QJsonValue(integers.at(random.bounded(integers.size())));
    case 4:
        return double(random.bounded(-1000000, 1000000)) / (1 + random.bounded(1000));
    case 5:
        return strings.at(random.bounded(strings.size()));
    case 6: {
        QJsonArray array;
        for (int i = int(random.bounded(4)); i > 0; --i)
            array.append(randomJson(random, depth - 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = int(random.bounded(5)); i > 0; --i)
            object.insert(random.bounded(4) == 0 ? strings.at(random.bounded(strings.size()))
                                                 : u"key_%1"_s.arg(random.bounded(100)),
                          randomJson(random, depth - 1));
        return object;
    }
    }
}

} // namespace

void TestStore::jsonTextIsQtsCompactText()
{
    // The store renders JSON with its own writer; its text must be Qt's, character for
    // character, for every kind of value: what reads the rows back (the console, the API,
    // PostgreSQL's jsonb) sees no difference.
    QRandomGenerator random(16);
    int checked = 0;
    for (int i = 0; i < 3000; ++i) {
        QJsonObject object;
        for (int k = int(random.bounded(12)); k > 0; --k)
            object.insert(u"k%1"_s.arg(random.bounded(50)), randomJson(random, 3));
        const QString expected =
            QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
        QCOMPARE(JsonText::render(object), expected);
        QCOMPARE(JsonText(object).of(object), expected);
        ++checked;
    }
    QCOMPARE(checked, 3000);
    // An empty object, and a state as steps leave it.
    QCOMPARE(JsonText::render({}), u"{}"_s);
    const QJsonObject state {{u"process_id"_s, u"0b7e2d4c"_s},
                             {u"count"_s, 3},
                             {u"ratio"_s, 0.25},
                             {u"tags"_s, QJsonArray {u"a"_s, 1, true, QJsonValue()}},
                             {u"nested"_s, QJsonObject {{u"x"_s, QJsonObject {}}}}};
    QCOMPARE(JsonText::render(state),
             u"{\"count\":3,\"nested\":{\"x\":{}},\"process_id\":\"0b7e2d4c\","
             "\"ratio\":0.25,\"tags\":[\"a\",1,true,null]}"_s);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
