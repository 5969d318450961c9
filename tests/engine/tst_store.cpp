// The store: URL parsing, connection settings, migrations and schema version checks.
#include "testdatabase.h"

#include "store/database.h"
#include "store/enginerepository.h"
#include "store/migrations.h"
#include "store/preparedstatements.h"
#include "store/processrepository.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

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
    void newerSchemaIsRefusedAndUntouched();
    void olderSchemaNeedsInitWithoutMigrate();
    void garbageFileIsReportedNotOverwritten();
    void connectionsArePerThread();
    void globalLockRoundTrip();
    void keptStatementsBindEveryRunsValues();
    void keptStatementsNameOnlyTheirPlaceholders();
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

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
