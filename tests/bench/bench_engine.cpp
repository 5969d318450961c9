// bench_engine: what the engine costs over the database's own floor, on a file-backed SQLite
// database, in one run.
//  (a) N steps through the engine, state of ~50 keys, every step changes one key;
//  (b) the floor: the same rows written by hand-written prepared statements, one transaction
//      per step, same pragmas;
//  (c) bytes stored per step for a 100 KB state with a 100-byte change.
// Prints a table and, last, one JSON line.
#include "benchsupport.h"
#include "enginewaiter.h"
#include "stepcost.h"

#include "core/engine.h"
#include "store/database.h"
#include "store/enginerepository.h"
#include "store/preparedstatements.h"
#include "store/processrepository.h"
#include "store/records.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProcess>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <unistd.h>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

QJsonObject initialState(int keys)
{
    QJsonObject state;
    for (int i = 0; i < keys; ++i)
        state.insert(u"key_%1"_s.arg(i, 2, 10, QLatin1Char('0')),
                     u"value %1 of the initial state"_s.arg(i));
    return state;
}

// Bytes of the value each step of the small workflows writes.
constexpr int smallValueBytes = 24;

// The key step `i` changes, and the value it writes there.
QString changedKey(int i, int keys)
{
    return u"key_%1"_s.arg(i % keys, 2, 10, QLatin1Char('0'));
}

QString changedValue(int i, int valueBytes)
{
    return u"changed by step %1 "_s.arg(i).leftJustified(valueBytes, u'.');
}

Workflow changingWorkflow(const QString &name, int steps, int keys, int valueBytes)
{
    StepList list = begin >> init();
    for (int i = 0; i < steps; ++i) {
        list = list >> step(u"Step %1"_s.arg(i),
                            [key = changedKey(i, keys), i, valueBytes](const StepContext &) {
                                return QJsonObject {{key, changedValue(i, valueBytes)}};
                            });
    }
    return Workflow(name, Target::System, "benchmark", list >> done()).isTask(true);
}

// Starts `requests` and waits, in an event loop that sleeps until something happens (a loop of
// processEvents() would spin a core and be counted as the engine's CPU), until every one of
// them came to rest; their ids and statuses.
QHash<QString, ProcessStatus> runAll(Engine &engine, const QList<StartRequest> &requests)
{
    QHash<QString, ProcessStatus> stopped;
    QStringList ids;
    QEventLoop loop;
    const auto done = [&] {
        if (ids.size() < requests.size())
            return false;
        for (const QString &id : std::as_const(ids)) {
            if (!stopped.contains(id))
                return false;
        }
        return true;
    };
    QObject::connect(&engine, &Engine::processStopped, &loop,
                     [&](const QString &id, ProcessStatus status) {
                         stopped.insert(id, status);
                         if (done())
                             loop.quit();
                     });
    for (const StartRequest &request : requests) {
        QFutureWatcher<ActionResult> *watcher = new QFutureWatcher<ActionResult>(&loop);
        QObject::connect(watcher, &QFutureWatcherBase::finished, &loop, [&, watcher] {
            const ActionResult result = watcher->result();
            if (!result.ok())
                qFatal("cannot start a benchmark process");
            ids.append(result.processId);
            if (done())
                loop.quit();
        });
        watcher->setFuture(engine.start(request));
    }
    QTimer::singleShot(600000, &loop, [] { qFatal("the benchmark processes did not finish"); });
    loop.exec();
    QHash<QString, ProcessStatus> result;
    for (const QString &id : std::as_const(ids))
        result.insert(id, stopped.value(id));
    return result;
}

struct EngineRun
{
    double seconds = 0;
    double cpu = 0;
    quint64 statements = 0;
    QString processId;
};

EngineRun runEngine(const store::DatabaseUrl &url, const WorkflowRegistry &registry,
                    const QString &workflow, const QJsonObject &state)
{
    EngineOptions options;
    options.url = url;
    options.threads = 1;
    options.kind = u"bench"_s;
    options.claimQueued = false;
    Engine engine(&registry, options);
    QString error;
    if (!testsupport::openEngine(engine, &error))
        qFatal("cannot open the engine: %s", qPrintable(error));
    StartRequest request;
    request.workflow = workflow;
    request.initialState = state;
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = benchsupport::cpuSeconds();
    const quint64 statementsBefore = store::statementCount();
    const QHash<QString, ProcessStatus> stopped = runAll(engine, {request});
    const QString id = stopped.cbegin().key();
    const ProcessStatus status = stopped.cbegin().value();
    // Every statement of the program meanwhile: the steps', the start's and the engine's own
    // (heartbeat, change feed), all of which a step costs.
    EngineRun run {timer.nsecsElapsed() / 1e9, benchsupport::cpuSeconds() - cpuBefore,
                   store::statementCount() - statementsBefore, id};
    if (status != ProcessStatus::Completed)
        qFatal("the benchmark process did not complete");
    return run;
}

struct FloorRun
{
    double seconds = 0;
    double cpu = 0;
    quint64 statements = 0;
};

// `ready`, when given, is called once the rows are set up, just before the timed steps.
FloorRun runFloor(const store::DatabaseUrl &url, int steps, int keys, int valueBytes,
                  const std::function<void()> &ready = {})
{
    // The same schema and pragmas as the engine; the same rows, written by hand: the state
    // holds what the engine adds to it at the start, its text is rendered as the store renders
    // it, and the process's status, which does not change, is not written again.
    const store::Database db(url);
    db.ensureSchema(true);
    store::ProcessRepository(db).registerWorkflow(u"floor"_s, u"SYSTEM"_s, u"floor"_s, true);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject state = initialState(keys);
    state.insert(u"process_id"_s, id);
    state.insert(u"workflow_name"_s, u"floor"_s);
    state.insert(u"workflow_target"_s, u"SYSTEM"_s);
    db.exec(u"INSERT INTO processes (process_id, workflow_name, status, state, created_by, "
            "started_at, last_modified_at) VALUES (:id, 'floor', 'running', :state, 'SYSTEM', "
            ":now, :now)"_s,
            {{u"id"_s, id},
             {u"state"_s, store::JsonText::render(state)},
             {u"now"_s, store::Timestamps::now()}});
    QSqlQuery insert(db.connection());
    insert.prepare(u"INSERT INTO process_steps (process_id, step_index, name, status, "
                   "state_delta, created_by, started_at, completed_at, retries) VALUES (:p, :i, "
                   ":n, 'success', :d, 'SYSTEM', :s, :c, 0)"_s);
    QSqlQuery update(db.connection());
    update.prepare(u"UPDATE processes SET last_step = :n, last_status = "
                   "'success', next_step = :i, next_step_name = :n, state = :state, "
                   "last_modified_at = :c WHERE process_id = :p"_s);
    if (ready)
        ready();
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = benchsupport::cpuSeconds();
    const quint64 statementsBefore = store::statementCount();
    for (int i = 0; i < steps; ++i) {
        const QString started = store::Timestamps::now();
        const QString key = changedKey(i, keys);
        const QJsonObject delta {{key, changedValue(i, valueBytes)}};
        state.insert(key, delta.value(key));
        store::WriteTransaction transaction(db);
        const QString now = store::Timestamps::now();
        insert.bindValue(u":p"_s, id);
        insert.bindValue(u":i"_s, i);
        insert.bindValue(u":n"_s, u"Step %1"_s.arg(i));
        insert.bindValue(u":d"_s, store::JsonText::render(delta));
        insert.bindValue(u":s"_s, started);
        insert.bindValue(u":c"_s, now);
        if (!insert.exec())
            qFatal("floor insert failed");
        update.bindValue(u":n"_s, u"Step %1"_s.arg(i));
        update.bindValue(u":i"_s, i + 1);
        update.bindValue(u":state"_s, store::JsonText::render(state));
        update.bindValue(u":c"_s, now);
        update.bindValue(u":p"_s, id);
        if (!update.exec())
            qFatal("floor update failed");
        transaction.commit();
    }
    // Its own INSERT and UPDATE are prepared by hand and not counted by the store.
    const FloorRun run {timer.nsecsElapsed() / 1e9, benchsupport::cpuSeconds() - cpuBefore,
                        store::statementCount() - statementsBefore + 2 * quint64(steps)};
    insert.finish();
    update.finish();
    // A PostgreSQL database is the operator's own: the floor's process goes with its steps.
    // (A SQLite file is this run's alone; its free pages would change what (c) measures.)
    if (!url.isSqlite())
        db.exec(u"DELETE FROM processes WHERE process_id = :id"_s, {{u"id"_s, id}});
    db.closeThreadConnection();
    return run;
}

struct ConcurrentRun
{
    double stepsPerSecond = 0;
    double groupSize = 0; // steps per commit of the groups of two steps or more
    double committerCpuPerStep = 0; // the committer thread's time on a core, µs per step
    double cpuPerStep = 0; // every thread's time on a core, µs per step
};

// `processes` processes of `workflow` at once on one engine with as many threads.
ConcurrentRun runConcurrent(const store::DatabaseUrl &url, const WorkflowRegistry &registry,
                            const QString &workflow, int processes, int stepsPerProcess)
{
    EngineOptions options;
    options.url = url;
    options.threads = processes;
    options.kind = u"bench"_s;
    options.claimQueued = false;
    Engine engine(&registry, options);
    QString error;
    if (!testsupport::openEngine(engine, &error))
        qFatal("cannot open the engine: %s", qPrintable(error));
    benchsupport::StepCost cost;
    QElapsedTimer timer;
    timer.start();
    QList<StartRequest> requests;
    for (int i = 0; i < processes; ++i) {
        StartRequest request;
        request.workflow = workflow;
        request.initialState = initialState(50);
        requests.append(request);
    }
    const QHash<QString, ProcessStatus> stopped = runAll(engine, requests);
    const double seconds = timer.nsecsElapsed() / 1e9;
    for (const ProcessStatus status : stopped) {
        if (status != ProcessStatus::Completed)
            qFatal("a concurrent process did not complete");
    }
    const double steps = processes * (stepsPerProcess + 2);
    cost.stop();
    const benchsupport::StepCost::PerStep perStep = cost.per(steps);
    return {steps / seconds, perStep.groupSize, perStep.committerCpuUs, perStep.cpuUs};
}

// The floor on `connections` connections at once, each its own process row and thread: steps
// per second of them all. What the server and this machine allow several workers at most.
double runFloorConcurrently(const store::DatabaseUrl &url, int connections, int stepsEach)
{
    QSemaphore arrived;
    QSemaphore go;
    QList<QThread *> threads;
    for (int i = 0; i < connections; ++i) {
        threads.append(QThread::create([&] {
            runFloor(url, stepsEach, 50, smallValueBytes, [&] {
                arrived.release();
                go.acquire();
            });
        }));
        threads.last()->start();
    }
    arrived.acquire(connections);
    QElapsedTimer timer;
    timer.start();
    go.release(connections);
    for (QThread *thread : std::as_const(threads))
        thread->wait();
    const double seconds = timer.nsecsElapsed() / 1e9;
    qDeleteAll(threads);
    return connections * stepsEach / seconds;
}

// A worker process of the PostgreSQL mode: runs queued processes until told to stop.
int runWorkerChild(const store::DatabaseUrl &url, const WorkflowRegistry &registry)
{
    EngineOptions options;
    options.url = url;
    options.threads = 1;
    options.kind = u"bench-worker"_s;
    options.pollIntervalMs = 20;
    options.migrate = false;
    Engine engine(&registry, options);
    QString error;
    if (!testsupport::openEngine(engine, &error)) {
        std::fprintf(stderr, "worker: %s\n", qPrintable(error));
        return 1;
    }
    // The parent closes our standard input when the run is over.
    QObject::connect(&engine, &Engine::stopped, qApp, &QCoreApplication::quit);
    QThread *watcher = QThread::create([&engine] {
        char buffer[64];
        while (::read(0, buffer, sizeof buffer) > 0) { }
        QMetaObject::invokeMethod(&engine, &Engine::shutdown, Qt::QueuedConnection);
    });
    watcher->start();
    const int code = QCoreApplication::exec();
    watcher->wait();
    delete watcher;
    return code;
}

// Queues `processes` processes and lets `workers` worker processes run them; steps per second.
double runWorkers(const QString &self, const store::DatabaseUrl &url, int workers, int processes,
                  int stepsPerProcess)
{
    {
        EngineOptions options;
        options.url = url;
        options.threads = 1;
        options.claimQueued = false;
        options.kind = u"bench-queue"_s;
        WorkflowRegistry registry;
        registry.add(changingWorkflow(u"bench_small"_s, stepsPerProcess, 50, smallValueBytes));
        Engine queue(&registry, options);
        if (!testsupport::openEngine(queue))
            qFatal("cannot open the database");
        queue.pause(); // queue everything first, then let the workers go at once
        QTest::qWait(200);
        for (int i = 0; i < processes; ++i) {
            StartRequest request;
            request.workflow = u"bench_small"_s;
            request.detach = true;
            request.initialState = initialState(50);
            if (!testsupport::await(queue.start(request)).ok())
                qFatal("cannot queue a process");
        }
    }
    QList<QProcess *> children;
    for (int i = 0; i < workers; ++i) {
        auto *child = new QProcess;
        child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child->start(self,
                     {u"--worker-child"_s, u"--db"_s, url.toString(), u"--steps"_s,
                      QString::number(stepsPerProcess * 10)});
        child->waitForStarted();
        children.append(child);
    }
    const store::Database db(url);
    QTest::qWait(1000); // workers open and register
    QElapsedTimer timer;
    timer.start();
    store::EngineRepository(db).setGlobalLock(false);
    QDeadlineTimer deadline(600000);
    for (;;) {
        QSqlQuery q = db.exec(u"SELECT COUNT(*) FROM processes WHERE status <> 'completed' AND "
                              "workflow_name = 'bench_small'"_s);
        if (q.next() && q.value(0).toInt() == 0)
            break;
        if (deadline.hasExpired())
            qFatal("the workers did not finish");
        QTest::qWait(20);
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    for (QProcess *child : std::as_const(children)) {
        child->closeWriteChannel();
        child->waitForFinished(30000);
        delete child;
    }
    if (!qEnvironmentVariableIsSet("WFO_BENCH_KEEP"))
        db.exec(u"DELETE FROM processes WHERE workflow_name = 'bench_small'"_s);
    db.closeThreadConnection();
    return processes * (stepsPerProcess + 2) / seconds;
}

qint64 checkpointedSize(const store::DatabaseUrl &url)
{
    const store::Database db(url);
    db.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
    db.closeThreadConnection();
    return QFileInfo(url.path).size();
}

// Bytes the database grows per step of a process whose state holds 100 KB, each step
// changing 100 bytes of it.
double bigStateBytesPerStep(const store::DatabaseUrl &url, const WorkflowRegistry &registry,
                            int keys, int steps)
{
    QJsonObject big = initialState(keys);
    big.insert(u"blob"_s, QString(100 * 1024, u'x'));
    {
        store::Database db(url);
        db.ensureSchema(true);
        db.closeThreadConnection();
    }
    // Measure growth over a second run so the first run's page allocation is not counted.
    runEngine(url, registry, u"bench_big"_s, big);
    const qint64 before = checkpointedSize(url);
    runEngine(url, registry, u"bench_big"_s, big);
    const qint64 after = checkpointedSize(url);
    // The second process row itself (its 100 KB state) is stored once, not per step.
    return double(after - before - 100 * 1024) / (steps + 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Engine overhead over the SQLite floor."_s);
    parser.addHelpOption();
    QCommandLineOption stepsOption(u"steps"_s, u"Steps for (a) and (b)."_s, u"n"_s, u"1500"_s);
    QCommandLineOption bigStepsOption(u"big-steps"_s, u"Steps with a 100 KB state (0: skip)."_s,
                                      u"n"_s, u"400"_s);
    QCommandLineOption dirOption(u"dir"_s, u"Folder for the database files."_s, u"path"_s);
    QCommandLineOption dbOption(u"db"_s, u"PostgreSQL mode: the database to use."_s, u"url"_s);
    QCommandLineOption childOption(u"worker-child"_s, u"Internal: run as a worker process."_s);
    QCommandLineOption processesOption(u"processes"_s, u"Processes in PostgreSQL mode."_s, u"n"_s,
                                       u"40"_s);
    QCommandLineOption concurrentOption(
        u"concurrent"_s, u"Processes at once on one engine (0: none); steps/s against the floor."_s,
        u"n"_s, u"16"_s);
    QCommandLineOption concurrentStepsOption(
        u"concurrent-steps"_s,
        u"Steps of each concurrent process (default: a quarter of --steps)."_s, u"n"_s);
    parser.addOptions({stepsOption, bigStepsOption, dirOption, dbOption, childOption,
                       processesOption, concurrentOption, concurrentStepsOption});
    parser.process(app);
    if (parser.isSet(dbOption)) {
        QString error;
        const auto url = store::DatabaseUrl::parse(parser.value(dbOption), &error);
        if (!url || url->isSqlite()) {
            std::fprintf(stderr, "--db needs a postgresql:// URL: %s\n", qPrintable(error));
            return 2;
        }
        const int stepsPerProcess = qMax(10, parser.value(stepsOption).toInt() / 10);
        if (parser.isSet(childOption)) {
            WorkflowRegistry registry;
            registry.add(changingWorkflow(u"bench_small"_s, stepsPerProcess, 50, smallValueBytes));
            return runWorkerChild(*url, registry);
        }
        const int processes = qMax(4, parser.value(processesOption).toInt());
        store::Database(*url).ensureSchema(true);
        const QString self = QCoreApplication::applicationFilePath();
        const double one = runWorkers(self, *url, 1, processes, stepsPerProcess);
        const double four = runWorkers(self, *url, 4, processes, stepsPerProcess);
        const double floorRate = processes * stepsPerProcess
            / runFloor(*url, processes * stepsPerProcess, 50, smallValueBytes).seconds;
        const double floor4 = runFloorConcurrently(*url, 4, processes * stepsPerProcess / 4);
        std::printf("%-44s %12s\n", "measure (PostgreSQL)", "value");
        std::printf("%-44s %12d\n", "processes x steps", processes * (stepsPerProcess + 2));
        std::printf("%-44s %12.1f\n", "1 worker process, steps/s", one);
        std::printf("%-44s %12.1f\n", "4 worker processes, steps/s", four);
        std::printf("%-44s %12.2f\n", "ratio 4/1", four / one);
        std::printf("%-44s %12.1f\n", "floor steps/s (one connection)", floorRate);
        std::printf("%-44s %12.1f\n", "floor steps/s (4 connections at once)", floor4);
        std::printf("%-44s %12.2f\n", "floor ratio 4/1", floor4 / floorRate);
        std::printf("{\"pg_1_worker_steps_per_s\": %.1f, \"pg_4_workers_steps_per_s\": %.1f, "
                    "\"pg_ratio_4_to_1\": %.2f, \"pg_workers_speedup\": %.2f, "
                    "\"pg_floor_steps_per_s\": %.1f, \"pg_floor_4_connections_steps_per_s\": "
                    "%.1f, \"pg_floor_speedup\": %.2f}\n",
                    one, four, four / one, four / one, floorRate, floor4, floor4 / floorRate);
        return 0;
    }
    const int steps = qMax(10, parser.value(stepsOption).toInt());
    const int bigSteps = parser.value(bigStepsOption).toInt() > 0
        ? qMax(10, parser.value(bigStepsOption).toInt())
        : 0;
    constexpr int keys = 50;

    QTemporaryDir temp(parser.isSet(dirOption) ? parser.value(dirOption) + u"/bench-XXXXXX"_s
                                               : QString());
    auto urlFor = [&temp](const QString &file) {
        store::DatabaseUrl url;
        url.path = temp.filePath(file);
        return url;
    };

    const int concurrent = qMax(0, parser.value(concurrentOption).toInt());
    const int concurrentSteps =
        qMax(10,
             parser.isSet(concurrentStepsOption) ? parser.value(concurrentStepsOption).toInt()
                                                 : steps / 4);
    WorkflowRegistry registry;
    registry.add(changingWorkflow(u"bench_small"_s, steps, keys, smallValueBytes));
    if (bigSteps > 0)
        registry.add(changingWorkflow(u"bench_big"_s, bigSteps, keys, 100));
    registry.add(changingWorkflow(u"bench_concurrent"_s, concurrentSteps, keys, smallValueBytes));

    // Warm up file system and caches once, then measure.
    runFloor(urlFor(u"warmup.db"_s), 50, keys, smallValueBytes);

    // Disk flush times drift; alternating rounds of engine and floor share the drift fairly.
    constexpr int rounds = 3;
    double engineSeconds = 0;
    double floorSeconds = 0;
    double engineCpu = 0;
    double floorCpu = 0;
    quint64 engineStatements = 0;
    quint64 floorStatements = 0;
    for (int round = 0; round < rounds; ++round) {
        const EngineRun engine = runEngine(urlFor(u"engine%1.db"_s.arg(round)), registry,
                                           u"bench_small"_s, initialState(keys));
        engineSeconds += engine.seconds;
        engineCpu += engine.cpu;
        engineStatements += engine.statements;
        const FloorRun floor =
            runFloor(urlFor(u"floor%1.db"_s.arg(round)), steps, keys, smallValueBytes);
        floorSeconds += floor.seconds;
        floorCpu += floor.cpu;
        floorStatements += floor.statements;
    }
    // +2 for the built-in Start and Done steps.
    const double engineRate = rounds * (steps + 2) / engineSeconds;
    const double floorRate = rounds * steps / floorSeconds;
    const double engineCpuPerStep = engineCpu / (rounds * (steps + 2)) * 1e6;
    const double floorCpuPerStep = floorCpu / (rounds * steps) * 1e6;
    const double engineStatementsPerStep = double(engineStatements) / (rounds * (steps + 2));
    const double floorStatementsPerStep = double(floorStatements) / (rounds * steps);

    // (c) a 100 KB state, each step changing 100 bytes.
    const double bytesPerStep =
        bigSteps > 0 ? bigStateBytesPerStep(urlFor(u"big.db"_s), registry, keys, bigSteps) : 0;

    // (d) many processes at once on one engine, against the floor of this run.
    ConcurrentRun concurrentRun;
    if (concurrent > 0)
        concurrentRun = runConcurrent(urlFor(u"concurrent.db"_s), registry, u"bench_concurrent"_s,
                                      concurrent, concurrentSteps);
    const double concurrentRate = concurrentRun.stepsPerSecond;

    std::printf("%-44s %12s\n", "measure", "value");
    std::printf("%-44s %12d\n", "steps (a, b)", steps);
    std::printf("%-44s %12.1f\n", "engine steps/s (a)", engineRate);
    std::printf("%-44s %12.1f\n", "floor steps/s (b)", floorRate);
    std::printf("%-44s %12.3f\n", "ratio engine/floor", engineRate / floorRate);
    std::printf("%-44s %12.1f\n", "engine CPU us/step (a)", engineCpuPerStep);
    std::printf("%-44s %12.1f\n", "floor CPU us/step (b)", floorCpuPerStep);
    std::printf("%-44s %12.2f\n", "engine SQL statements/step (a)", engineStatementsPerStep);
    std::printf("%-44s %12.2f\n", "floor SQL statements/step (b)", floorStatementsPerStep);
    std::printf("%-44s %12d\n", "steps with a 100 KB state (c)", bigSteps);
    std::printf("%-44s %12.0f\n", "bytes stored per step, 100 KB state", bytesPerStep);
    std::printf("%-44s %12d\n", "concurrent processes (d)", concurrent);
    std::printf("%-44s %12.1f\n", "concurrent steps/s (d)", concurrentRate);
    std::printf("%-44s %12.2f\n", "concurrent / floor", concurrentRate / floorRate);
    std::printf("%-44s %12.1f\n", "steps per shared commit (d)", concurrentRun.groupSize);
    std::printf("%-44s %12.1f\n", "committer CPU us/step (d)", concurrentRun.committerCpuPerStep);
    std::printf("%-44s %12.1f\n", "all threads' CPU us/step (d)", concurrentRun.cpuPerStep);
    std::printf("{\"engine_steps_per_s\": %.1f, \"floor_steps_per_s\": %.1f, \"ratio\": %.3f, "
                "\"engine_cpu_us_per_step\": %.1f, \"floor_cpu_us_per_step\": %.1f, "
                "\"cpu_vs_floor\": %.3f, \"engine_statements_per_step\": %.2f, "
                "\"floor_statements_per_step\": %.2f, \"bytes_per_step_100k_state\": %.0f, "
                "\"concurrent_processes\": %d, \"concurrent_steps_per_s\": %.1f, "
                "\"concurrent_vs_floor\": %.2f, \"concurrent_group_size\": %.1f, "
                "\"committer_cpu_us_per_step\": %.1f, \"concurrent_cpu_us_per_step\": %.1f}\n",
                engineRate, floorRate, engineRate / floorRate, engineCpuPerStep, floorCpuPerStep,
                engineCpuPerStep / floorCpuPerStep, engineStatementsPerStep, floorStatementsPerStep,
                bytesPerStep, concurrent, concurrentRate, concurrentRate / floorRate,
                concurrentRun.groupSize, concurrentRun.committerCpuPerStep,
                concurrentRun.cpuPerStep);
    return 0;
}
