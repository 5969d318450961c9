// Damaged databases (docs/reliability.md, "Damaged databases"): rows that only a damaged file
// holds, crafted one by one, each as fuzz_damageddb found or would find it. Every value read
// from the database is untrusted: the engine and the read side answer with a clean failure,
// never a crash or a step run at random. SQLite only: the damage is in the file.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "routerpack.h"
#include "testdatabase.h"

#include "queries/operators.h"
#include "queries/processdetail.h"
#include "queries/processpages.h"
#include "queries/schedules.h"
#include "queries/startcards.h"
#include "queries/subscriptiondetail.h"
#include "queries/subscriptionpages.h"
#include "store/database.h"

#include <QFile>
#include <QScopeGuard>

#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace wfo;
using namespace testsupport;

class TestDamaged : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void retryWithNextStepOutsideTheWorkflow_data();
    void retryWithNextStepOutsideTheWorkflow();
    void readsHostileValues_data();
    void readsHostileValues();

private:
    // A process of create_test_router_checked that failed at its last step ("Check router").
    QString failedProcess();
    // A copy of the database as the engine left it, made once (VACUUM INTO).
    QString templateFile();

    QString m_template;

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    RouterPack m_pack;
};

void TestDamaged::initTestCase()
{
    if (TestDatabase::backend() != "sqlite"_L1)
        QSKIP("Damaged files are SQLite's; the suite runs on SQLite only.");
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QString error;
    std::optional<InstalledEngine> opened = openInstalledEngine(m_db->url(), m_pack, &error);
    QVERIFY2(opened, qPrintable(error));
    m_installation = std::move(opened->installation);
    m_engine = std::move(opened->engine);
    m_database = std::make_unique<store::Database>(m_db->url());
}

void TestDamaged::cleanupTestCase()
{
    m_engine.reset();
    if (m_database)
        m_database->closeThreadConnection();
}

QString TestDamaged::failedProcess()
{
    RouterPack::validationFails = true;
    StartRequest request;
    request.workflow = u"create_test_router_checked"_s;
    request.inputObject = QJsonObject {{u"customer_id"_s, u"acme"_s}, {u"hostname"_s, u"r9"_s}};
    request.actor = Actor(u"tester"_s);
    ProcessStatus status = ProcessStatus::Created;
    const QString id = runToRest(*m_engine, request, &status);
    RouterPack::validationFails = false;
    return status == ProcessStatus::Failed ? id : QString();
}

void TestDamaged::retryWithNextStepOutsideTheWorkflow_data()
{
    QTest::addColumn<int>("nextStep");
    QTest::addColumn<QString>("nextStepName");
    // Before the fix, -1 read steps.at(-1) (out of bounds) and 1000 "completed" the process
    // without running the step that had failed.
    QTest::newRow("negative") << -1 << u"No such step"_s;
    QTest::newRow("far past the end") << 1000 << u"No such step"_s;
    QTest::newRow("most negative") << int(std::numeric_limits<int>::min()) << QString();
    QTest::newRow("negative, name still known") << -7 << u"Check router"_s;
}

void TestDamaged::retryWithNextStepOutsideTheWorkflow()
{
    QFETCH(int, nextStep);
    QFETCH(QString, nextStepName);
    const QString id = failedProcess();
    QVERIFY(!id.isEmpty());
    m_database->exec(u"UPDATE processes SET next_step = :n, next_step_name = :name WHERE "
                     "process_id = :id"_s,
                     {{u"n"_s, nextStep},
                      {u"name"_s, nextStepName.isEmpty() ? QVariant() : QVariant(nextStepName)},
                      {u"id"_s, id}});

    // The process detail reads the row as it is.
    const std::optional<queries::ProcessDetail> before =
        queries::ProcessDetailQuery::load(*m_database, id);
    QVERIFY(before);
    QCOMPARE(before->process.nextStep, nextStep);
    before->toJson();

    StopRecorder stops(*m_engine);
    const ActionResult result = await(m_engine->resume(id, ResumeRequest {}));
    QVERIFY2(result.ok(), qPrintable(result.message));
    const std::optional<ProcessStatus> status = stops.wait(id);
    QVERIFY(status);
    const std::optional<queries::ProcessDetail> after =
        queries::ProcessDetailQuery::load(*m_database, id);
    QVERIFY(after);
    if (nextStepName == "Check router"_L1) {
        // Found by its name: the step runs again (and now passes).
        QCOMPARE(*status, ProcessStatus::Completed);
        return;
    }
    QCOMPARE(*status, ProcessStatus::Failed);
    QVERIFY2(after->process.failedReason.contains(u"is not a step of the workflow"_s),
             qPrintable(after->process.failedReason));
    QCOMPARE(after->steps.constLast().errorClass, u"UnknownStep"_s);
}

QString TestDamaged::templateFile()
{
    if (!m_template.isEmpty())
        return m_template;
    // Subscriptions with a relation and versions, completed and failed processes, a schedule.
    StartRequest create;
    create.workflow = u"create_test_router"_s;
    create.inputObject = QJsonObject {{u"customer_id"_s, u"acme"_s}, {u"hostname"_s, u"r1"_s}};
    create.actor = Actor(u"tester"_s);
    const QString created = runToRest(*m_engine, create);
    if (created.isEmpty())
        return QString();
    QSqlQuery q = m_database->exec(u"SELECT subscription_id FROM processes_subscriptions WHERE "
                                   "process_id = :p"_s,
                                   {{u"p"_s, created}});
    const QString router = q.next() ? q.value(0).toString() : QString();
    q.finish();
    StartRequest modify;
    modify.workflow = u"modify_test_router"_s;
    modify.initialState = QJsonObject {{u"subscription_id"_s, router}};
    modify.actor = create.actor;
    runToRest(*m_engine, modify);
    StartRequest service;
    service.workflow = u"create_test_service"_s;
    service.initialState = QJsonObject {{u"router_id"_s, router}};
    service.actor = create.actor;
    runToRest(*m_engine, service);
    failedProcess();
    ScheduleChange schedule;
    schedule.name = u"Nightly"_s;
    schedule.workflow = u"task_validate_products"_s;
    schedule.triggerKind = u"cron"_s;
    schedule.trigger = u"0 3 * * *"_s;
    schedule.change = u"add"_s;
    schedule.actor = create.actor;
    if (!await(m_engine->saveSchedule(schedule)).ok())
        return QString();
    const QString file = m_db->dir() + u"/template.db"_s;
    m_database->exec(u"VACUUM INTO :file"_s, {{u"file"_s, file}});
    m_template = file;
    return m_template;
}

void TestDamaged::readsHostileValues_data()
{
    // SQL that gives rows values only damage (or a hand at the sqlite3 prompt) puts there.
    QTest::addColumn<QString>("sql");
    QTest::newRow("state not an object") << u"UPDATE processes SET state = '[1,2]'"_s;
    QTest::newRow("state keys of the wrong type")
        << u"UPDATE processes SET state = '{\"subscription\": 5, \"subscription_ids\": "
           "{\"a\": 1}, \"subscription_id\": []}'"_s;
    QTest::newRow("callback with values of the wrong type")
        << u"UPDATE processes SET status = 'awaiting_callback', state = "
           "'{\"callback_route_key\": 7, \"__callback_timeout\": 1e300, "
           "\"__callback_deadline\": [], \"callback_progress\": [1]}'"_s;
    QTest::newRow("huge and text numbers")
        << u"UPDATE processes SET next_step = 9223372036854775807, next_substep = 'abc', "
           "is_task = 'x', abort_requested = -1"_s;
    QTest::newRow("unknown statuses")
        << u"UPDATE processes SET status = 'nonsense', last_status = 'zzz'"_s;
    QTest::newRow("garbage times")
        << u"UPDATE processes SET started_at = 'garbage', last_modified_at = x'00ff'"_s;
    QTest::newRow("step rows") << u"UPDATE process_steps SET step_index = -1, retries = "
                                  "-99999999999, state_delta = '\"text\"', status = 'bogus', "
                                  "completed_at = '9999-99-99'"_s;
    QTest::newRow("broken JSON in a delta")
        << u"UPDATE process_steps SET state_delta = '{\"a\":' || hex(randomblob(10))"_s;
    QTest::newRow("subscription numbers")
        << u"UPDATE subscriptions SET version = 9223372036854775807, insync = 'maybe', "
           "status = 'exploded', start_date = 'x', end_date = 42, note = x'ff00'"_s;
    QTest::newRow("subscription of an unknown product")
        << u"PRAGMA foreign_keys = OFF; UPDATE subscriptions SET product_id = 'missing'"_s;
    QTest::newRow("values that decode to deep or huge JSON")
        << u"UPDATE subscription_instance_values SET value = CASE value_id % 2 WHEN 0 THEN "
           "'[[[[[[[[[[1]]]]]]]]]]' ELSE '1e999' END"_s;
    QTest::newRow("a block that depends on itself, twice")
        << u"UPDATE subscription_instance_relations SET depends_on_id = in_use_by_id; "
           "INSERT INTO subscription_instance_relations SELECT in_use_by_id, in_use_by_id, "
           "'again' FROM subscription_instance_relations"_s;
    QTest::newRow("versions") << u"UPDATE subscription_versions SET snapshot = 'not json'"_s;
    QTest::newRow("audit rows")
        << u"UPDATE audit_log SET detail = '{\"processes\": 5, \"refused\": \"x\"}', "
           "target_kind = 'bulk', allowed = 5, at = 'never'"_s;
    QTest::newRow("cron in no time zone")
        << u"UPDATE schedules SET trigger_text = '* * * * * * *', time_zone = 'Mars/Olympus'"_s;
    QTest::newRow("negative interval")
        << u"UPDATE schedules SET trigger_kind = 'interval', trigger_text = '-5m'"_s;
    QTest::newRow("one-second interval from the year 1")
        << u"UPDATE schedules SET trigger_kind = 'interval', trigger_text = '1s', anchor = "
           "'0001-01-01T00:00:00'"_s;
    QTest::newRow("schedule fields")
        << u"UPDATE schedules SET trigger_kind = 'weird', next_run_at = 'garbage', "
           "last_missed = -1, enabled = 7"_s;
}

void TestDamaged::readsHostileValues()
{
    QFETCH(QString, sql);
    const QString source = templateFile();
    QVERIFY(!source.isEmpty());
    const QString file = m_db->dir() + u"/hostile.db"_s;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        QFile::remove(file + suffix);
    QVERIFY(QFile::copy(source, file));
    store::DatabaseUrl url;
    url.path = file;
    const store::Database database(url);
    // Closed however the test function returns: the next row's copy is a new file.
    const auto closer = qScopeGuard([&database] { database.closeThreadConnection(); });
    for (const QString &statement : sql.split(u"; "_s))
        database.exec(statement);
    qint64 listed = 0; // a subscription whose product row is gone is left out of lists
    QStringList processIds;
    QStringList subscriptionIds;
    {
        QSqlQuery q = database.exec(u"SELECT COUNT(*) FROM subscriptions s JOIN products p ON "
                                    "p.product_id = s.product_id"_s);
        QVERIFY(q.next());
        listed = q.value(0).toLongLong();
        q.finish();
        QSqlQuery p = database.exec(u"SELECT process_id FROM processes"_s);
        while (p.next())
            processIds.append(p.value(0).toString());
        p.finish();
        QSqlQuery i = database.exec(u"SELECT subscription_id FROM subscriptions"_s);
        while (i.next())
            subscriptionIds.append(i.value(0).toString());
    }
    QVERIFY(!processIds.isEmpty());
    QVERIFY(!subscriptionIds.isEmpty());

    // Every read shows the rows as they are: listed, and each one's detail loads.
    try {
        queries::ProcessFilter all;
        QCOMPARE(qint64(queries::ProcessPageQuery::page(database, all).size()),
                 qint64(processIds.size()));
        for (const QString &id : std::as_const(processIds)) {
            const std::optional<queries::ProcessDetail> detail =
                queries::ProcessDetailQuery::load(database, id);
            QVERIFY(detail);
            QCOMPARE(detail->toJson().value(u"id").toString(), id);
            detail->callback();
        }
        queries::SubscriptionFilter subscriptionsFilter;
        QCOMPARE(qint64(queries::SubscriptionPageQuery::page(database, subscriptionsFilter).size()),
                 listed);
        const queries::SubscriptionDetailQuery query(m_installation->constraintSettings(),
                                                     &m_installation->registry());
        for (const QString &id : std::as_const(subscriptionIds)) {
            const std::optional<queries::SubscriptionDetail> detail = query.load(database, id);
            QVERIFY(detail);
            QCOMPARE(detail->toJson().value(u"id").toString(), id);
            for (const QJsonValue &version : detail->versions)
                queries::SubscriptionDetailQuery::version(
                    database, id, version.toObject().value(u"version").toInt());
        }
        queries::AuditQueryFilter audit;
        QVERIFY(!queries::OperatorQueries::auditTrail(database, audit).isEmpty());
        const QJsonArray schedules = queries::ScheduleQueries::schedules(database);
        QVERIFY(!schedules.isEmpty());
        for (const QJsonValue &value : schedules)
            QVERIFY(queries::ScheduleQueries::schedule(
                database, value.toObject().value(u"schedule_id").toString()));
        queries::StartCardQuery::processes(database, queries::StartCardQuery::activeProcesses());
        queries::StartCardQuery::processes(database,
                                           queries::StartCardQuery::myRecentProcesses(u"tester"_s));
        queries::StartCardQuery::subscriptions(database, u"insync:false"_s);
    } catch (const store::StoreError &e) {
        QFAIL(qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestDamaged)
#include "tst_damaged.moc"
