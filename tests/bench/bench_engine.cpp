// bench_engine: what the engine costs over the database's own floor, on a file-backed SQLite
// database, in one run.
//  (a) N steps through the engine, state of ~50 keys, every step changes one key;
//  (b) the floor: the same rows written by hand-written prepared statements, one transaction
//      per step, same pragmas;
//  (c) bytes stored per step for a 100 KB state with a 100-byte change.
// Prints a table and, last, one JSON line.
#include "enginewaiter.h"

#include "core/engine.h"
#include "store/database.h"
#include "store/enginerepository.h"
#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
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

Workflow changingWorkflow(const QString &name, int steps, int keys, int valueBytes)
{
    StepList list = begin >> init();
    for (int i = 0; i < steps; ++i) {
        const QString key = u"key_%1"_s.arg(i % keys, 2, 10, QLatin1Char('0'));
        list = list >> step(u"Step %1"_s.arg(i), [key, i, valueBytes](const StepContext &) {
                   QString value = u"changed by step %1 "_s.arg(i);
                   value = value.leftJustified(valueBytes, u'.');
                   return QJsonObject {{key, value}};
               });
    }
    return Workflow(name, Target::System, "benchmark", list >> done()).isTask(true);
}

struct EngineRun
{
    double seconds = 0;
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
    ProcessStatus status = ProcessStatus::Failed;
    const QString id = testsupport::runToRest(engine, request, &status, 600000);
    EngineRun run {timer.nsecsElapsed() / 1e9, id};
    if (status != ProcessStatus::Completed)
        qFatal("the benchmark process did not complete");
    return run;
}

double runFloor(const store::DatabaseUrl &url, int steps, int keys)
{
    // The same schema and pragmas as the engine; rows written by hand.
    const store::Database db(url);
    db.ensureSchema(true);
    store::ProcessRepository(db).registerWorkflow(u"floor"_s, u"SYSTEM"_s, u"floor"_s, true);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject state = initialState(keys);
    db.exec(u"INSERT INTO processes (process_id, workflow_name, status, state, created_by, "
            "started_at, last_modified_at) VALUES (:id, 'floor', 'running', :state, 'SYSTEM', "
            ":now, :now)"_s,
            {{u"id"_s, id},
             {u"state"_s, QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact))},
             {u"now"_s, store::Timestamps::now()}});
    QSqlQuery insert(db.connection());
    insert.prepare(u"INSERT INTO process_steps (process_id, step_index, name, status, "
                   "state_delta, created_by, started_at, completed_at, retries) VALUES (:p, :i, "
                   ":n, 'success', :d, 'SYSTEM', :s, :c, 0)"_s);
    QSqlQuery update(db.connection());
    update.prepare(u"UPDATE processes SET status = 'running', last_step = :n, last_status = "
                   "'success', next_step = :i, next_step_name = :n, state = :state, "
                   "last_modified_at = :c WHERE process_id = :p"_s);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < steps; ++i) {
        const QString started = store::Timestamps::now();
        const QString key = u"key_%1"_s.arg(i % keys, 2, 10, QLatin1Char('0'));
        const QJsonObject delta {{key, u"changed by step %1"_s.arg(i)}};
        state.insert(key, delta.value(key));
        store::WriteTransaction transaction(db);
        const QString now = store::Timestamps::now();
        insert.bindValue(u":p"_s, id);
        insert.bindValue(u":i"_s, i);
        insert.bindValue(u":n"_s, u"Step %1"_s.arg(i));
        insert.bindValue(u":d"_s,
                         QString::fromUtf8(QJsonDocument(delta).toJson(QJsonDocument::Compact)));
        insert.bindValue(u":s"_s, started);
        insert.bindValue(u":c"_s, now);
        if (!insert.exec())
            qFatal("floor insert failed");
        update.bindValue(u":n"_s, u"Step %1"_s.arg(i));
        update.bindValue(u":i"_s, i + 1);
        update.bindValue(u":state"_s,
                         QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact)));
        update.bindValue(u":c"_s, now);
        update.bindValue(u":p"_s, id);
        if (!update.exec())
            qFatal("floor update failed");
        transaction.commit();
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    insert.finish();
    update.finish();
    db.closeThreadConnection();
    return seconds;
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
        registry.add(changingWorkflow(u"bench_small"_s, stepsPerProcess, 50, 24));
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Engine overhead over the SQLite floor."_s);
    parser.addHelpOption();
    QCommandLineOption stepsOption(u"steps"_s, u"Steps for (a) and (b)."_s, u"n"_s, u"1500"_s);
    QCommandLineOption bigStepsOption(u"big-steps"_s, u"Steps with a 100 KB state."_s, u"n"_s,
                                      u"400"_s);
    QCommandLineOption dirOption(u"dir"_s, u"Folder for the database files."_s, u"path"_s);
    QCommandLineOption dbOption(u"db"_s, u"PostgreSQL mode: the database to use."_s, u"url"_s);
    QCommandLineOption childOption(u"worker-child"_s, u"Internal: run as a worker process."_s);
    QCommandLineOption processesOption(u"processes"_s, u"Processes in PostgreSQL mode."_s, u"n"_s,
                                       u"40"_s);
    parser.addOptions(
        {stepsOption, bigStepsOption, dirOption, dbOption, childOption, processesOption});
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
            registry.add(changingWorkflow(u"bench_small"_s, stepsPerProcess, 50, 24));
            return runWorkerChild(*url, registry);
        }
        const int processes = qMax(4, parser.value(processesOption).toInt());
        store::Database(*url).ensureSchema(true);
        const QString self = QCoreApplication::applicationFilePath();
        const double one = runWorkers(self, *url, 1, processes, stepsPerProcess);
        const double four = runWorkers(self, *url, 4, processes, stepsPerProcess);
        const double floorRate =
            processes * stepsPerProcess / runFloor(*url, processes * stepsPerProcess, 50);
        std::printf("%-44s %12s\n", "measure (PostgreSQL)", "value");
        std::printf("%-44s %12d\n", "processes x steps", processes * (stepsPerProcess + 2));
        std::printf("%-44s %12.1f\n", "1 worker process, steps/s", one);
        std::printf("%-44s %12.1f\n", "4 worker processes, steps/s", four);
        std::printf("%-44s %12.2f\n", "ratio 4/1", four / one);
        std::printf("%-44s %12.1f\n", "floor steps/s (one connection)", floorRate);
        std::printf("{\"pg_1_worker_steps_per_s\": %.1f, \"pg_4_workers_steps_per_s\": %.1f, "
                    "\"pg_ratio_4_to_1\": %.2f, \"pg_floor_steps_per_s\": %.1f}\n",
                    one, four, four / one, floorRate);
        return 0;
    }
    const int steps = qMax(10, parser.value(stepsOption).toInt());
    const int bigSteps = qMax(10, parser.value(bigStepsOption).toInt());
    constexpr int keys = 50;

    QTemporaryDir temp(parser.isSet(dirOption) ? parser.value(dirOption) + u"/bench-XXXXXX"_s
                                               : QString());
    auto urlFor = [&temp](const QString &file) {
        store::DatabaseUrl url;
        url.path = temp.filePath(file);
        return url;
    };

    WorkflowRegistry registry;
    registry.add(changingWorkflow(u"bench_small"_s, steps, keys, 24));
    registry.add(changingWorkflow(u"bench_big"_s, bigSteps, keys, 100));

    // Warm up file system and caches once, then measure.
    runFloor(urlFor(u"warmup.db"_s), 50, keys);

    // Disk flush times drift; alternating rounds of engine and floor share the drift fairly.
    constexpr int rounds = 3;
    double engineSeconds = 0;
    double floorSeconds = 0;
    for (int round = 0; round < rounds; ++round) {
        engineSeconds += runEngine(urlFor(u"engine%1.db"_s.arg(round)), registry, u"bench_small"_s,
                                   initialState(keys))
                             .seconds;
        floorSeconds += runFloor(urlFor(u"floor%1.db"_s.arg(round)), steps, keys);
    }
    // +2 for the built-in Start and Done steps.
    const double engineRate = rounds * (steps + 2) / engineSeconds;
    const double floorRate = rounds * steps / floorSeconds;

    // (c) a 100 KB state, each step changing 100 bytes.
    QJsonObject big = initialState(keys);
    big.insert(u"blob"_s, QString(100 * 1024, u'x'));
    const store::DatabaseUrl bigUrl = urlFor(u"big.db"_s);
    {
        store::Database db(bigUrl);
        db.ensureSchema(true);
        db.closeThreadConnection();
    }
    // Measure growth over a second run so the first run's page allocation is not counted.
    runEngine(bigUrl, registry, u"bench_big"_s, big);
    const qint64 before = checkpointedSize(bigUrl);
    runEngine(bigUrl, registry, u"bench_big"_s, big);
    const qint64 after = checkpointedSize(bigUrl);
    // The second process row itself (its 100 KB state) is stored once, not per step.
    const double bytesPerStep = double(after - before - 100 * 1024) / (bigSteps + 2);

    std::printf("%-44s %12s\n", "measure", "value");
    std::printf("%-44s %12d\n", "steps (a, b)", steps);
    std::printf("%-44s %12.1f\n", "engine steps/s (a)", engineRate);
    std::printf("%-44s %12.1f\n", "floor steps/s (b)", floorRate);
    std::printf("%-44s %12.3f\n", "ratio engine/floor", engineRate / floorRate);
    std::printf("%-44s %12d\n", "steps with a 100 KB state (c)", bigSteps);
    std::printf("%-44s %12.0f\n", "bytes stored per step, 100 KB state", bytesPerStep);
    std::printf("{\"engine_steps_per_s\": %.1f, \"floor_steps_per_s\": %.1f, \"ratio\": %.3f, "
                "\"bytes_per_step_100k_state\": %.0f}\n",
                engineRate, floorRate, engineRate / floorRate, bytesPerStep);
    return 0;
}
