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
#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

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
                   return QJsonObject { { key, value } };
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
    EngineRun run { timer.nsecsElapsed() / 1e9, id };
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
    db.exec(
        u"INSERT INTO processes (process_id, workflow_name, status, state, created_by, "
        "started_at, last_modified_at) VALUES (:id, 'floor', 'running', :state, 'SYSTEM', "
        ":now, :now)"_s,
        { { u"id"_s, id },
          { u"state"_s, QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact)) },
          { u"now"_s, store::Timestamps::now() } });
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
        const QJsonObject delta { { key, u"changed by step %1"_s.arg(i) } };
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
    parser.addOptions({ stepsOption, bigStepsOption, dirOption });
    parser.process(app);
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
