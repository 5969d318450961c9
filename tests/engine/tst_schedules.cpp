// Schedules: the defaults of orchestrator-core, each due run started exactly once however many
// engines look at the same moment, missed runs coalesced into one, once triggers, a schedule
// whose workflow is unknown, and engines that must not start schedules.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "testdatabase.h"

#include "core/engine.h"
#include "core/scheduler.h"
#include "services/builtinworkflows.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/schedulerepository.h"
#include "store/timestamps.h"

#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace wfo;
using store::Timestamps;

class TestSchedules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void defaultSchedulesGetTheirNextRuns();
    void aDueRunStartsOnceWhateverTheNumberOfEngines();
    void concurrentTicksClaimOneRun();
    void threeEnginesStartEachOfManyDueTimesOnce();
    void missedRunsAreCoalescedIntoOne();
    void onceTriggerRunsOnceAndIsDisabled();
    void unknownWorkflowSkipsTheRunButNotTheSchedule();
    void enginesThatTakeNoQueuedWorkStartNoSchedules();

private:
    std::unique_ptr<Engine> makeEngine(bool claimQueued = true);
    store::ScheduleRecord addSchedule(const QString &id, const QString &kind, const QString &text,
                                      const QString &workflow, const QDateTime &nextRun);
    QStringList processesOf(const QString &scheduleId);
    RunnerContext context(const store::Database &db);

    std::unique_ptr<TestDatabase> m_db;
    WorkflowRegistry m_registry;
    RunFlags m_flags;
};

void TestSchedules::initTestCase()
{
    // The suites run with schedules off (WFO_NO_SCHEDULES); this one is about them.
    qunsetenv("WFO_NO_SCHEDULES");
    registerBuiltinWorkflows(m_registry);
    m_registry.add(
        Workflow::task(u"wf_tick"_s, "Tick", begin >> step(u"Tick"_s, [](const StepContext &) {
                                                 return QJsonObject {{u"ticked"_s, true}};
                                             })));
}

void TestSchedules::init()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    if (qstrcmp(QTest::currentTestFunction(), "defaultSchedulesGetTheirNextRuns") == 0)
        return;
    // The default schedules come due at the hour, at 00:10 and 02:30: a test that counts the
    // runs of its own schedules must not see theirs when it happens to run at such a moment.
    const store::Database db(m_db->url());
    db.ensureSchema(true);
    store::ScheduleRepository schedules(db);
    for (const store::ScheduleRecord &schedule : schedules.list())
        QVERIFY(schedules.remove(schedule.id));
}

void TestSchedules::cleanup()
{
    store::Database(m_db->url()).closeThreadConnection();
    m_db.reset();
}

std::unique_ptr<Engine> TestSchedules::makeEngine(bool claimQueued)
{
    EngineOptions options;
    options.url = m_db->url();
    options.threads = 1;
    options.pollIntervalMs = 100;
    options.heartbeatMs = 100;
    options.claimQueued = claimQueued;
    auto engine = std::make_unique<Engine>(&m_registry, options);
    QString error;
    if (!testsupport::openEngine(*engine, &error))
        qWarning() << "engine did not open:" << error;
    return engine;
}

RunnerContext TestSchedules::context(const store::Database &db)
{
    return RunnerContext {db, &m_registry, {}, &m_flags, u"test"_s};
}

store::ScheduleRecord TestSchedules::addSchedule(const QString &id, const QString &kind,
                                                 const QString &text, const QString &workflow,
                                                 const QDateTime &nextRun)
{
    store::ScheduleRecord record;
    record.id = id;
    record.name = id;
    record.workflow = workflow;
    record.triggerKind = kind;
    record.triggerText = text;
    record.timeZone = u"UTC"_s;
    record.nextRunAt = nextRun.isValid() ? Timestamps::toText(nextRun) : QString();
    const store::Database db(m_db->url());
    db.ensureSchema(true);
    store::ScheduleRepository(db).save(record);
    return store::ScheduleRepository(db).find(id).value();
}

QStringList TestSchedules::processesOf(const QString &scheduleId)
{
    const store::Database db(m_db->url());
    QStringList ids;
    store::ProcessFilter all;
    all.limit = 100000;
    for (const store::ProcessRecord &process : store::ProcessRepository(db).list(all)) {
        if (process.state.value(u"schedule_id"_s).toString() == scheduleId)
            ids.append(process.id);
    }
    return ids;
}

void TestSchedules::defaultSchedulesGetTheirNextRuns()
{
    auto engine = makeEngine();
    const store::Database db(m_db->url());
    store::ScheduleRepository schedules(db);
    QTRY_VERIFY(!schedules.find(u"validate-products"_s).value().nextRunAt.isEmpty());
    QHash<QString, store::ScheduleRecord> byId;
    for (const store::ScheduleRecord &record : schedules.list())
        byId.insert(record.id, record);
    QCOMPARE(byId.size(), 4);
    QCOMPARE(byId.value(u"resume-workflows"_s).workflow, u"task_resume_workflows"_s);
    QCOMPARE(byId.value(u"clean-up-tasks"_s).triggerText, u"6h"_s);
    QCOMPARE(byId.value(u"validate-subscriptions"_s).triggerText, u"10 0 * * *"_s);
    QCOMPARE(byId.value(u"validate-products"_s).triggerText, u"30 2 * * *"_s);
    // Hourly, at minute 0, within the next hour (in the engine's own zone).
    const QDateTime next = Timestamps::fromText(byId.value(u"resume-workflows"_s).nextRunAt);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(next > now && next <= now.addSecs(3600));
    QCOMPARE(next.toLocalTime().time().minute(), 0);
    QCOMPARE(next.time().second(), 0);
    // Daily at 02:30 local time.
    const QDateTime products = Timestamps::fromText(byId.value(u"validate-products"_s).nextRunAt);
    QVERIFY(products > now && products <= now.addDays(1).addSecs(3600));
    QCOMPARE(products.toLocalTime().time().minute(), 30);

    // Deleted, a default schedule stays deleted: opening again does not bring it back.
    QVERIFY(schedules.remove(u"clean-up-tasks"_s));
    engine.reset();
    engine = makeEngine();
    QTest::qWait(300);
    QVERIFY(!schedules.find(u"clean-up-tasks"_s));
}

void TestSchedules::aDueRunStartsOnceWhateverTheNumberOfEngines()
{
    std::vector<std::unique_ptr<Engine>> engines;
    for (int i = 0; i < 3; ++i)
        engines.push_back(makeEngine());
    const store::Database db(m_db->url());
    store::ScheduleRepository schedules(db);
    for (int round = 1; round <= 4; ++round) {
        // Due a moment ago (a different due time every round: a new run each time).
        const QDateTime due = QDateTime::currentDateTimeUtc().addSecs(-round);
        addSchedule(u"tick"_s, u"interval"_s, u"1h"_s, u"wf_tick"_s, due);
        QTRY_COMPARE(processesOf(u"tick"_s).size(), round);
        QTest::qWait(500); // five heartbeats of each engine: nobody starts it again
        QCOMPARE(processesOf(u"tick"_s).size(), round);
        const store::ScheduleRecord after = schedules.find(u"tick"_s).value();
        QCOMPARE(after.lastRunAt, Timestamps::toText(due));
        QVERIFY(Timestamps::fromText(after.nextRunAt) > QDateTime::currentDateTimeUtc());
    }
    // Each run's process ran to completion on one of the engines.
    for (const QString &id : processesOf(u"tick"_s)) {
        QTRY_COMPARE(store::ProcessRepository(db).find(id)->status, ProcessStatus::Completed);
    }
    QSqlQuery runs = db.exec(u"SELECT COUNT(*) FROM schedule_runs WHERE schedule_id = 'tick'"_s);
    QVERIFY(runs.next());
    QCOMPARE(runs.value(0).toInt(), 4);
}

void TestSchedules::concurrentTicksClaimOneRun()
{
    {
        const store::Database db(m_db->url());
        db.ensureSchema(true);
        for (const store::ScheduleRecord &record : store::ScheduleRepository(db).list())
            store::ScheduleRepository(db).remove(record.id);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    addSchedule(u"race"_s, u"cron"_s, u"* * * * *"_s, u"wf_tick"_s, now.addSecs(-30));
    // Eight threads, each with its own connection, tick at the same instant.
    QList<QFuture<int>> ticks;
    for (int i = 0; i < 8; ++i) {
        ticks.append(QtConcurrent::run([this, now] {
            const store::Database db(m_db->url());
            int started = 0;
            for (int attempt = 0; attempt < 20; ++attempt) {
                try {
                    started += int(Scheduler(context(db)).tick(now).size());
                    break;
                } catch (const store::StoreError &) {
                    QThread::msleep(10); // busy: look again, as the next heartbeat would
                }
            }
            db.closeThreadConnection();
            return started;
        }));
    }
    int started = 0;
    for (QFuture<int> &tick : ticks)
        started += tick.result();
    QCOMPARE(started, 1);
    QCOMPARE(processesOf(u"race"_s).size(), 1);
}

void TestSchedules::threeEnginesStartEachOfManyDueTimesOnce()
{
    // Three engines (each its own connection and thread) follow the same clock, which the test
    // drives: one minute per round, every engine ticking at the same instant of each round.
    // Every due time starts one process, whichever engine claims it.
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-2);
    QDateTime first = start;
    first.setTime(QTime(start.time().hour(), start.time().minute()));
    addSchedule(u"minutely"_s, u"cron"_s, u"* * * * *"_s, u"wf_tick"_s, first);
    constexpr int Rounds = 60;
    constexpr int Engines = 3;
    std::barrier sync(Engines);
    std::atomic<int> busy = 0;
    std::atomic<int> errors = 0;
    // Threads of their own, not the pool's (which may have fewer threads than engines: the
    // barrier would then wait for ever).
    std::vector<QStringList> startedBy(Engines);
    std::vector<std::thread> engines;
    for (int e = 0; e < Engines; ++e) {
        engines.emplace_back([&, e] {
            const store::Database db(m_db->url());
            RunnerContext ctx = context(db);
            ctx.instanceId = u"engine-%1"_s.arg(e);
            for (int round = 0; round < Rounds; ++round) {
                sync.arrive_and_wait();
                const QDateTime now = first.addSecs(60 * round);
                for (int attempt = 0; attempt < 50; ++attempt) {
                    try {
                        startedBy[size_t(e)] += Scheduler(ctx).tick(now);
                        break;
                    } catch (const store::StoreError &) {
                        ++busy; // locked by another engine: look again, as a heartbeat would
                        QThread::msleep(5);
                    } catch (...) {
                        ++errors; // counted, and the thread stays in step with the others
                        break;
                    }
                }
            }
            db.closeThreadConnection();
        });
    }
    for (std::thread &engine : engines)
        engine.join();
    QCOMPARE(errors.load(), 0);
    QStringList started;
    for (const QStringList &ids : startedBy)
        started += ids;
    const store::Database db(m_db->url());
    // One process per due time, none twice, each named by its run.
    QCOMPARE(started.size(), Rounds);
    QCOMPARE(QSet<QString>(started.begin(), started.end()).size(), Rounds);
    QCOMPARE(processesOf(u"minutely"_s).size(), Rounds);
    QSqlQuery runs = db.exec(u"SELECT due_at, process_id, missed FROM schedule_runs WHERE "
                             "schedule_id = 'minutely' ORDER BY due_at"_s);
    int count = 0;
    QSet<QString> processes;
    while (runs.next()) {
        QCOMPARE(runs.value(0).toString(), Timestamps::toText(first.addSecs(60 * count)));
        processes.insert(runs.value(1).toString());
        QCOMPARE(runs.value(2).toInt(), 0); // every due time was seen in time: nothing missed
        ++count;
    }
    QCOMPARE(count, Rounds);
    QCOMPARE(processes, QSet<QString>(started.begin(), started.end()));
    qInfo() << "ticks refused while another engine held the database:" << busy.load();
}

void TestSchedules::missedRunsAreCoalescedIntoOne()
{
    // Every 5 minutes, last due a day ago: no engine was up since.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime dayAgo = now.addDays(-1);
    dayAgo.setTime(QTime(dayAgo.time().hour(), dayAgo.time().minute() / 5 * 5));
    addSchedule(u"five"_s, u"cron"_s, u"*/5 * * * *"_s, u"wf_tick"_s, dayAgo);
    const store::Database db(m_db->url());
    db.ensureSchema(true);
    const QStringList started = Scheduler(context(db)).tick(now);
    QCOMPARE(started.size(), 1);
    const store::ScheduleRecord after = store::ScheduleRepository(db).find(u"five"_s).value();
    // The due times after the first one, up to now, are the missed ones.
    int expected = 0;
    for (QDateTime t = dayAgo.addSecs(300); t <= now; t = t.addSecs(300))
        ++expected;
    QCOMPARE(after.lastMissed, expected);
    QVERIFY(expected >= 286);
    QVERIFY(Timestamps::fromText(after.nextRunAt) > now);
    QVERIFY(Timestamps::fromText(after.nextRunAt) <= now.addSecs(300));
    // The start is audited as the system's, with the schedule and the misses.
    store::AuditFilter filter;
    filter.targetId = started.constFirst();
    const QList<store::AuditRecord> audit = store::OperatorRepository(db).auditTrail(filter);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.constFirst().actor, u"SYSTEM"_s);
    QCOMPARE(audit.constFirst().origin, u"system"_s);
    QCOMPARE(audit.constFirst().detail.value(u"missed"_s).toInt(), expected);
    // A second tick at the same moment starts nothing.
    QCOMPARE(Scheduler(context(db)).tick(now).size(), 0);
}

void TestSchedules::onceTriggerRunsOnceAndIsDisabled()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString at = now.addSecs(-5).toString(Qt::ISODate);
    addSchedule(u"once"_s, u"once"_s, at, u"wf_tick"_s, QDateTime());
    const store::Database db(m_db->url());
    // The first look computes nothing due (the instant has passed): a once trigger in the past
    // never runs; one in the future runs once.
    Scheduler(context(db)).tick(now);
    store::ScheduleRecord record = store::ScheduleRepository(db).find(u"once"_s).value();
    QVERIFY(!record.enabled);
    QVERIFY(processesOf(u"once"_s).isEmpty());

    addSchedule(u"once2"_s, u"once"_s, now.addSecs(60).toString(Qt::ISODate), u"wf_tick"_s,
                QDateTime());
    Scheduler(context(db)).tick(now); // computes the due time
    QCOMPARE(Scheduler(context(db)).tick(now.addSecs(61)).size(), 1);
    QCOMPARE(Scheduler(context(db)).tick(now.addSecs(120)).size(), 0);
    record = store::ScheduleRepository(db).find(u"once2"_s).value();
    QVERIFY(!record.enabled);
    QVERIFY(record.nextRunAt.isEmpty());
    QCOMPARE(processesOf(u"once2"_s).size(), 1);
}

void TestSchedules::unknownWorkflowSkipsTheRunButNotTheSchedule()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    addSchedule(u"ghost"_s, u"interval"_s, u"1h"_s, u"no_such_workflow"_s, now.addSecs(-1));
    const store::Database db(m_db->url());
    QCOMPARE(Scheduler(context(db)).tick(now).size(), 0);
    const store::ScheduleRecord record = store::ScheduleRepository(db).find(u"ghost"_s).value();
    QVERIFY(record.enabled);
    QVERIFY(Timestamps::fromText(record.nextRunAt) > now);
    store::AuditFilter filter;
    filter.targetId = u"ghost"_s;
    const QList<store::AuditRecord> audit = store::OperatorRepository(db).auditTrail(filter);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.constFirst().action, u"schedule_skipped"_s);
}

void TestSchedules::enginesThatTakeNoQueuedWorkStartNoSchedules()
{
    {
        auto ctlLike = makeEngine(false);
        addSchedule(u"tick"_s, u"interval"_s, u"1h"_s, u"wf_tick"_s,
                    QDateTime::currentDateTimeUtc().addSecs(-1));
        QTest::qWait(500);
        QVERIFY(processesOf(u"tick"_s).isEmpty());
    }
    qputenv("WFO_NO_SCHEDULES", "1");
    {
        auto quiet = makeEngine();
        QTest::qWait(500);
        QVERIFY(processesOf(u"tick"_s).isEmpty());
    }
    qunsetenv("WFO_NO_SCHEDULES");
    auto engine = makeEngine();
    QTRY_COMPARE(processesOf(u"tick"_s).size(), 1);
}

QTEST_GUILESS_MAIN(TestSchedules)
#include "tst_schedules.moc"
