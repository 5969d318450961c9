// bench_validate: a real job at the scale of a large operator. Creates N Node Enrollment
// subscriptions (active, in sync, their devices deployed in the simulated NSO) through the store
// in batches, then runs `task_validate_subscriptions` to completion: the task queues one
// `validate_node_enrollment` process per subscription and the engine's threads (the default
// number) run them all. Prints the wall time, the steps per second, the peak RSS and the
// database size per subscription; the last line is one JSON object. Not a timed test.
//   bench_validate [--subscriptions N] [--threads T] [--dir PATH]
//   bench_validate --db postgresql://... [--workers W]   (W worker processes, default 4)
#include "benchsupport.h"
#include "enginewaiter.h"
#include "stepcost.h"

#include "core/engine.h"
#include "services/installation.h"
#include "store/database.h"
#include "store/packrecords.h"
#include "store/subscriptionrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include <unistd.h>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

// The pack's simulated inventory (packs/node_enrollment/inventory.cpp): ESDB ids from 101.
const QStringList nodeNames {u"ams-rt1"_s, u"ams-rt2"_s, u"ams-cr1"_s, u"lon-rt1"_s, u"lon-rt2"_s,
                             u"chi-cr5"_s, u"chi-rt3"_s, u"nyc-rt1"_s, u"nyc-cr2"_s, u"fra-rt1"_s,
                             u"par-rt1"_s, u"sea-rt4"_s, u"sfo-cr1"_s, u"den-rt2"_s};

qint64 count(const store::Database &db, const QString &sql)
{
    QSqlQuery q = db.exec(sql);
    return q.next() ? q.value(0).toLongLong() : 0;
}

// N active, in-sync Node Enrollment subscriptions spread over the inventory's nodes, each
// node's device deployed in NSO with the service id its subscriptions expect.
void populate(const store::Database &db, int subscriptions)
{
    QSqlQuery product =
        db.exec(u"SELECT product_id FROM products WHERE name = 'Node Enrollment'"_s);
    if (!product.next())
        qFatal("the Node Enrollment product is not registered (is the pack installed?)");
    const QString productId = product.value(0).toString();
    product.finish();
    {
        store::WriteTransaction transaction(db);
        store::PackRecords devices(db, u"node_enrollment"_s, u"nso_device"_s);
        for (int i = 0; i < nodeNames.size(); ++i) {
            const QString name = nodeNames.at(i);
            devices.put(name,
                        QJsonObject {{u"esdb_node_id"_s, 101 + i},
                                     {u"service_id"_s, QString(u"bench-"_s + name)},
                                     {u"routing_domain"_s, u"esnet-293"_s},
                                     {u"role"_s, u"edge"_s},
                                     {u"site_id"_s, name.section(u'-', 0, 0)},
                                     {u"deployments"_s, 1},
                                     {u"deployed_at"_s, store::Timestamps::now()}});
        }
        transaction.commit();
    }
    constexpr int batch = 1000;
    store::SubscriptionRepository repository(db);
    for (int done = 0; done < subscriptions;) {
        store::WriteTransaction transaction(db);
        for (int end = std::min(subscriptions, done + batch); done < end; ++done) {
            const int node = done % int(nodeNames.size());
            const QString name = nodeNames.at(node);
            const QJsonObject ne {
                {u"name"_s, u"NodeEnrollmentBlock"_s},
                {u"esdb_node_id"_s, 101 + node},
                {u"esdb_node_uuid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                {u"nso_service_id"_s, QString(u"bench-"_s + name)},
                {u"routing_domain"_s, u"esnet-293"_s},
                {u"role"_s, u"edge"_s},
                {u"site_id"_s, name.section(u'-', 0, 0)}};
            repository.save(QJsonObject {{u"product_id"_s, productId},
                                         {u"customer_id"_s, u"customer-%1"_s.arg(done % 97)},
                                         {u"description"_s,
                                          u"Node %1 Production (bench %2)"_s.arg(name).arg(done)},
                                         {u"status"_s, u"active"_s},
                                         {u"insync"_s, true},
                                         {u"start_date"_s, store::Timestamps::now()},
                                         {u"ne"_s, ne}},
                            QString(), u"bench"_s, u"SYSTEM"_s);
        }
        transaction.commit();
    }
}

struct Installed
{
    Installation installation;
    std::unique_ptr<Engine> engine;
};

std::unique_ptr<Installed> openEngine(const store::DatabaseUrl &url, int threads, bool claimQueued,
                                      const QString &kind)
{
    auto installed = std::make_unique<Installed>();
    QStringList messages;
    installed->installation.loadPacks(&messages);
    installed->installation.finish(&messages);
    for (const QString &message : std::as_const(messages))
        std::fprintf(stderr, "%s\n", qPrintable(message));
    if (!installed->installation.registry().find(u"validate_node_enrollment"_s))
        qFatal("the Node Enrollment pack was not found next to the program or on WFO_PACK_PATH");
    EngineOptions options;
    options.url = url;
    if (threads > 0)
        options.threads = threads;
    options.kind = kind;
    options.claimQueued = claimQueued;
    options.pollIntervalMs = 100;
    installed->engine = std::make_unique<Engine>(&installed->installation.registry(), options);
    installed->installation.configure(*installed->engine);
    QString error;
    if (!testsupport::openEngine(*installed->engine, &error, 120000))
        qFatal("cannot open the engine: %s", qPrintable(error));
    return installed;
}

// A worker process of the PostgreSQL mode: runs queued processes until its input closes.
int runWorkerChild(const store::DatabaseUrl &url, int threads)
{
    const std::unique_ptr<Installed> installed = openEngine(url, threads, true, u"bench-worker"_s);
    Engine &engine = *installed->engine;
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("WFO_NO_SCHEDULES", "1");
    QCommandLineParser parser;
    parser.setApplicationDescription(u"task_validate_subscriptions at scale."_s);
    parser.addHelpOption();
    QCommandLineOption subscriptionsOption(u"subscriptions"_s, u"Subscriptions to validate."_s,
                                           u"n"_s, u"100000"_s);
    QCommandLineOption threadsOption(u"threads"_s, u"Engine threads (default: the engine's)."_s,
                                     u"n"_s, u"0"_s);
    QCommandLineOption dirOption(u"dir"_s, u"Folder for the database file."_s, u"path"_s);
    QCommandLineOption dbOption(u"db"_s, u"PostgreSQL mode: the database to use."_s, u"url"_s);
    QCommandLineOption workersOption(u"workers"_s, u"Worker processes in PostgreSQL mode."_s,
                                     u"n"_s, u"4"_s);
    QCommandLineOption childOption(u"worker-child"_s, u"Internal: run as a worker process."_s);
    QCommandLineOption keepOption(u"keep"_s,
                                  u"Keep the SQLite file afterwards (its path is printed)."_s);
    parser.addOptions({subscriptionsOption, threadsOption, dirOption, dbOption, workersOption,
                       childOption, keepOption});
    parser.process(app);
    const int subscriptions = qMax(1, parser.value(subscriptionsOption).toInt());
    const int threads = parser.value(threadsOption).toInt();
    const int workers = qMax(1, parser.value(workersOption).toInt());

    QTemporaryDir temp(parser.isSet(dirOption) ? parser.value(dirOption) + u"/bench-XXXXXX"_s
                                               : QString());
    store::DatabaseUrl url;
    url.path = temp.filePath(u"validate.db"_s);
    if (parser.isSet(keepOption)) {
        temp.setAutoRemove(false);
        std::fprintf(stderr, "database file kept: %s\n", qPrintable(url.path));
    }
    const bool postgres = parser.isSet(dbOption);
    if (postgres) {
        QString error;
        const auto parsed = store::DatabaseUrl::parse(parser.value(dbOption), &error);
        if (!parsed || parsed->isSqlite()) {
            std::fprintf(stderr, "--db needs a postgresql:// URL: %s\n", qPrintable(error));
            return 2;
        }
        url = *parsed;
        if (parser.isSet(childOption))
            return runWorkerChild(url, threads);
    }

    // This program's engine runs the task itself; on PostgreSQL the worker processes run the
    // validations it queues.
    const std::unique_ptr<Installed> installed = openEngine(url, threads, !postgres, u"bench"_s);
    const store::Database db(url);
    if (postgres) {
        // A database used before: its earlier subscriptions and validations would be counted,
        // and its size taken for this run's.
        if (count(db,
                  u"SELECT (SELECT COUNT(*) FROM subscriptions) + (SELECT COUNT(*) FROM "
                  "processes WHERE workflow_name IN ('validate_node_enrollment', "
                  "'task_validate_subscriptions'))"_s)
            > 0)
            qFatal("bench_validate needs an empty PostgreSQL database");
    }

    QElapsedTimer timer;
    timer.start();
    populate(db, subscriptions);
    const double populateSeconds = timer.nsecsElapsed() / 1e9;

    QList<QProcess *> children;
    if (postgres) {
        for (int i = 0; i < workers; ++i) {
            auto *child = new QProcess;
            child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            QStringList arguments {u"--worker-child"_s, u"--db"_s, url.toString()};
            if (threads > 0)
                arguments << u"--threads"_s << QString::number(threads);
            child->start(QCoreApplication::applicationFilePath(), arguments);
            child->waitForStarted();
            children.append(child);
        }
    }

    benchsupport::StepCost cost;
    timer.restart();
    StartRequest request;
    request.workflow = u"task_validate_subscriptions"_s;
    ProcessStatus status = ProcessStatus::Failed;
    const QString taskId = testsupport::runToRest(*installed->engine, request, &status, 3600000);
    if (taskId.isEmpty() || status != ProcessStatus::Completed)
        qFatal("task_validate_subscriptions did not complete");
    const double queueSeconds = timer.nsecsElapsed() / 1e9;
    QDeadlineTimer deadline(4 * 3600 * 1000);
    // Whether any validation is still to run, found through the status index (the `|| ''`
    // keeps SQLite's planner off the workflow index, on which every validation, finished or not,
    // has the same key): it stops at the first. Counting them read an index entry of every
    // validation five times a second, after every commit of the engine had emptied this
    // connection's cache: at 100,000 a core's worth of the run.
    const QString pending = u"SELECT EXISTS (SELECT 1 FROM processes WHERE status IN ('created', "
                            "'running', 'resumed') AND workflow_name || '' = "
                            "'validate_node_enrollment')"_s;
    while (count(db, pending) > 0) {
        if (deadline.hasExpired())
            qFatal("the validations did not finish");
        testsupport::processEventsUntil([] { return false; }, 200); // a pause that sleeps
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    cost.stop();
    const qint64 completed = count(db,
                                   u"SELECT COUNT(*) FROM processes WHERE workflow_name = "
                                   "'validate_node_enrollment' AND status = 'completed'"_s);
    const qint64 failed = count(db,
                                u"SELECT COUNT(*) FROM processes WHERE workflow_name = "
                                "'validate_node_enrollment' AND status <> 'completed'"_s);
    const qint64 steps = count(db,
                               u"SELECT COUNT(*) FROM process_steps s JOIN processes p ON "
                               "p.process_id = s.process_id WHERE p.workflow_name IN "
                               "('validate_node_enrollment', "
                               "'task_validate_subscriptions')"_s);
    for (QProcess *child : std::as_const(children)) {
        child->closeWriteChannel();
        child->waitForFinished(60000);
        delete child;
    }
    double bytesPerSubscription = 0;
    if (!postgres) {
        db.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        bytesPerSubscription = double(QFileInfo(url.path).size()) / subscriptions;
    } else {
        QSqlQuery q = db.exec(u"SELECT pg_database_size(current_database())"_s);
        bytesPerSubscription = q.next() ? q.value(0).toDouble() / subscriptions : 0;
    }
    db.closeThreadConnection();
    installed->engine->shutdown();

    std::printf("%-44s %12s\n", postgres ? "measure (PostgreSQL)" : "measure (SQLite)", "value");
    std::printf("%-44s %12d\n", "subscriptions", subscriptions);
    std::printf("%-44s %12.1f\n", "populate s", populateSeconds);
    std::printf("%-44s %12.1f\n", "task (queue the validations) s", queueSeconds);
    std::printf("%-44s %12.1f\n", "wall s (task and validations)", seconds);
    std::printf("%-44s %12lld\n", "validations completed", completed);
    std::printf("%-44s %12lld\n", "validations not completed", failed);
    std::printf("%-44s %12lld\n", "steps", steps);
    std::printf("%-44s %12.1f\n", "steps/s", steps / seconds);
    std::printf("%-44s %12.1f\n", "peak RSS MB (this process)", benchsupport::peakRssMb());
    std::printf("%-44s %12.0f\n", "database bytes per subscription", bytesPerSubscription);
    // This program's own; on PostgreSQL the steps run in the worker processes (all zero here).
    const benchsupport::StepCost::PerStep perStep =
        postgres ? benchsupport::StepCost::PerStep() : cost.per(double(steps));
    if (!postgres) {
        std::printf("%-44s %12.1f\n", "CPU us/step (every thread)", perStep.cpuUs);
        std::printf("%-44s %12.1f\n", "committer CPU us/step", perStep.committerCpuUs);
        std::printf("%-44s %12.1f\n", "steps per shared commit", perStep.groupSize);
    }
    std::printf("{\"backend\": \"%s\", \"subscriptions\": %d, \"workers\": %d, \"wall_s\": %.1f, "
                "\"steps\": %lld, \"steps_per_s\": %.1f, \"completed\": %lld, \"failed\": %lld, "
                "\"peak_rss_mb\": %.1f, \"db_bytes_per_subscription\": %.0f, "
                "\"populate_s\": %.1f, \"cpu_us_per_step\": %.1f, "
                "\"committer_cpu_us_per_step\": %.1f, \"group_size\": %.1f}\n",
                postgres ? "postgresql" : "sqlite", subscriptions, postgres ? workers : 1, seconds,
                steps, steps / seconds, completed, failed, benchsupport::peakRssMb(),
                bytesPerSubscription, populateSeconds, perStep.cpuUs, perStep.committerCpuUs,
                perStep.groupSize);
    return failed == 0 ? 0 : 1;
}
