// A damaged database file, opened the way orchestratorctl and the console open one and read
// through every main read path. Once per run, the router pack of the test support builds a small
// valid SQLite database with the engine itself (subscriptions with versions and relations,
// completed and failed processes with their steps, audit rows, a schedule). Each input is a list
// of patches over that file's bytes: the header mostly stays valid, so SQLite gets past its
// first page and meets damaged pages, indexes and values. A store::StoreError is the expected
// answer to damage; a crash, a sanitizer report, a hang or any other exception is a defect.
//
// WFO_FUZZ_SEED_COPY=FILE saves the valid file (to craft a regression test from a finding).
//
// Input: repeated [offset: 3 bytes, little endian] [flags/length: 1 byte] [bytes...]. The low
// four bits of the flag byte are the length - 1; the offset is taken modulo the file size and,
// unless bit 7 is set, kept out of the 100-byte file header.
#include "fuzzsupport.h"
#include "routerpack.h"

#include "core/engine.h"
#include "core/workflowregistry.h"
#include "queries/catalogue.h"
#include "queries/databaseinfo.h"
#include "queries/engineinstances.h"
#include "queries/operators.h"
#include "queries/processdetail.h"
#include "queries/processpages.h"
#include "queries/schedules.h"
#include "queries/startcards.h"
#include "queries/subscriptiondetail.h"
#include "queries/subscriptionpages.h"
#include "services/installation.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFuture>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

store::DatabaseUrl sqliteUrl(const QString &path)
{
    store::DatabaseUrl url;
    url.path = path;
    return url;
}

struct Fixture
{
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<QTemporaryDir> dir;
    testsupport::RouterPack pack;
    std::unique_ptr<Installation> installation;
    QByteArray seed; // the valid database file
    QString path; // where each input's damaged copy is written
};

Fixture *fixture = nullptr;

void quiet(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(message));
        std::abort();
    }
}

template<typename T>
T await(const QFuture<T> &future)
{
    QDeadlineTimer deadline(30000);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!future.isFinished())
        wfo::fuzz::fail("the engine answers", u"an action did not finish in 30 s"_s);
    return future.result();
}

QString runToRest(Engine &engine, const StartRequest &request)
{
    QString stoppedId;
    const QMetaObject::Connection connection =
        QObject::connect(&engine, &Engine::processStopped, &engine,
                         [&stoppedId](const QString &id, ProcessStatus) { stoppedId = id; });
    const ActionResult result = await(engine.start(request));
    WFO_FUZZ_CHECK(result.ok(), request.workflow + u": "_s + result.message);
    QDeadlineTimer deadline(30000);
    while (stoppedId != result.processId && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QObject::disconnect(connection);
    return result.processId;
}

// The seed database: built once by the engine, then checkpointed into one file.
QByteArray buildSeed(const QString &path)
{
    const store::DatabaseUrl url = sqliteUrl(path);
    {
        Installation installation;
        installation.addPack(fixture->pack);
        QStringList messages;
        installation.finish(&messages);
        EngineOptions options;
        options.url = url;
        options.pollIntervalMs = 50;
        options.heartbeatMs = 200;
        Engine engine(&installation.registry(), options);
        installation.configure(engine);
        bool opened = false;
        QString error;
        QObject::connect(&engine, &Engine::opened, &engine, [&](bool ok, const QString &text) {
            opened = ok;
            error = ok ? u"ok"_s : text;
        });
        engine.open();
        QDeadlineTimer deadline(30000);
        while (error.isEmpty() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        WFO_FUZZ_CHECK(opened, error);

        Actor actor;
        actor.name = u"fuzzer"_s;
        actor.origin = u"cli"_s;
        auto start = [&](const QString &workflow, const QJsonObject &initial,
                         const QJsonObject &input) {
            StartRequest request;
            request.workflow = workflow;
            request.initialState = initial;
            request.inputObject = input;
            request.actor = actor;
            return runToRest(engine, request);
        };
        QString router;
        const QString created = start(u"create_test_router"_s, {},
                                      {{u"customer_id"_s, u"acme"_s}, {u"hostname"_s, u"r1"_s}});
        const store::Database database(url);
        QSqlQuery query = database.exec(
            u"SELECT subscription_id FROM processes_subscriptions WHERE process_id = :p"_s,
            {{u"p"_s, created}});
        if (query.next())
            router = query.value(0).toString();
        database.closeThreadConnection();
        WFO_FUZZ_CHECK(!router.isEmpty(), u"create_test_router made no subscription"_s);
        start(u"modify_test_router"_s, {{u"subscription_id"_s, router}}, {});
        start(u"create_test_service"_s, {{u"router_id"_s, router}}, {});
        start(u"create_test_router"_s, {},
              {{u"customer_id"_s, u"globex"_s}, {u"hostname"_s, u"r2"_s}});
        testsupport::RouterPack::validationFails = true;
        start(u"validate_test_router"_s, {{u"subscription_id"_s, router}}, {});
        start(u"create_test_router_checked"_s, {},
              {{u"customer_id"_s, u"initech"_s}, {u"hostname"_s, u"r3"_s}});
        testsupport::RouterPack::validationFails = false;
        ScheduleChange schedule;
        schedule.name = u"Nightly validation"_s;
        schedule.workflow = u"task_validate_products"_s;
        schedule.triggerKind = u"cron"_s;
        schedule.trigger = u"0 3 * * *"_s;
        schedule.change = u"add"_s;
        schedule.actor = actor;
        const ActionResult saved = await(engine.saveSchedule(schedule));
        WFO_FUZZ_CHECK(saved.ok(), saved.message);
    }
    {
        const store::Database database(url);
        database.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        database.closeThreadConnection();
    }
    QFile file(path);
    WFO_FUZZ_CHECK(file.open(QIODevice::ReadOnly), path);
    return file.readAll();
}

// What the console and orchestratorctl read, each screen on its own: one that fails with a
// StoreError does not keep the others from being tried.
template<typename Read>
void screen(Read read)
{
    try {
        read();
    } catch (const store::StoreError &) { }
}

void readEverything(const store::Database &database)
{
    const Installation &installation = *fixture->installation;
    QStringList processIds;
    QStringList subscriptionIds;
    screen([&] {
        queries::ProcessFilter filter;
        filter.limit = 50;
        for (const store::ProcessRecord &process :
             queries::ProcessPageQuery::page(database, filter)) {
            processIds.append(process.id);
            queries::ProcessDetail {process, {}}.toJson();
        }
        queries::ProcessPageQuery::count(database, filter);
    });
    screen([&] {
        queries::ProcessFilter filter;
        filter.statuses = queries::ProcessPageQuery::failedStatuses();
        filter.order = queries::ProcessFilter::Order::Workflow;
        filter.direction = Qt::AscendingOrder;
        queries::ProcessPageQuery::page(database, filter);
        queries::ProcessPageQuery::statuses(database, processIds);
    });
    for (const QString &id : std::as_const(processIds)) {
        screen([&] {
            if (const std::optional<queries::ProcessDetail> detail =
                    queries::ProcessDetailQuery::load(database, id)) {
                detail->toJson();
                detail->callback();
            }
        });
    }
    screen([&] {
        queries::SubscriptionFilter filter;
        filter.limit = 50;
        for (const QJsonValue &value : queries::SubscriptionPageQuery::page(database, filter)) {
            const QJsonObject summary = queries::SubscriptionDetail::summaryJson(value.toObject());
            subscriptionIds.append(summary.value(u"id").toString());
        }
        queries::SubscriptionPageQuery::count(database, filter);
        filter.search = u"status:active r1"_s;
        queries::SubscriptionPageQuery::page(database, filter);
        queries::SubscriptionPageQuery::customers(database, u"a"_s, 10);
    });
    const queries::SubscriptionDetailQuery detailQuery(installation.constraintSettings(),
                                                       &installation.registry());
    for (const QString &id : std::as_const(subscriptionIds)) {
        screen([&] {
            if (const std::optional<queries::SubscriptionDetail> detail =
                    detailQuery.load(database, id)) {
                detail->toJson();
                detail->blocks();
                for (const QJsonValue &version : detail->versions) {
                    queries::SubscriptionDetailQuery::version(
                        database, id, version.toObject().value(u"version").toInt());
                }
            }
        });
    }
    screen([&] {
        queries::AuditQueryFilter filter;
        filter.limit = 100;
        queries::OperatorQueries::auditTrail(database, filter);
        queries::OperatorQueries::operators(database);
    });
    screen([&] {
        for (const QJsonValue &value : queries::ScheduleQueries::schedules(database)) {
            queries::ScheduleQueries::schedule(database,
                                               value.toObject().value(u"schedule_id").toString());
        }
    });
    screen([&] {
        queries::StartCardQuery::processes(database,
                                           queries::StartCardQuery::myRecentProcesses(u"fuzzer"_s));
        queries::StartCardQuery::processes(database, queries::StartCardQuery::activeProcesses());
        queries::StartCardQuery::processes(database, queries::StartCardQuery::failedTasks());
        queries::StartCardQuery::subscriptions(database, u"insync:false"_s);
    });
    screen([&] {
        queries::CatalogueQuery::products(database);
        queries::CatalogueQuery::productsWithCreateWorkflow(database);
        queries::CatalogueQuery::productBlocks(database);
        queries::CatalogueQuery::resourceTypes(database);
        queries::CatalogueQuery::workflows(database);
    });
    screen([&] { queries::EngineInstancesQuery::status(database); });
    screen([&] { queries::DatabaseInfoQuery::load(database); });
}

QByteArray damaged(const std::uint8_t *data, std::size_t size)
{
    QByteArray file = fixture->seed;
    const qsizetype fileSize = file.size();
    std::size_t at = 0;
    while (at + 4 <= size) {
        qsizetype offset = data[at] | (data[at + 1] << 8) | (data[at + 2] << 16);
        const std::uint8_t flags = data[at + 3];
        at += 4;
        offset %= fileSize;
        if (!(flags & 0x80) && offset < 100)
            offset += 100;
        const std::size_t length = std::min<std::size_t>((flags & 0x0f) + 1, size - at);
        for (std::size_t i = 0; i < length && offset + qsizetype(i) < fileSize; ++i)
            file[offset + qsizetype(i)] = char(data[at + i]);
        at += length;
    }
    return file;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("WFO_NO_SCHEDULES", "1");
    qInstallMessageHandler(quiet);
    fixture = new Fixture;
    fixture->app = std::make_unique<QCoreApplication>(*argc, *argv);
    // A folder in memory where there is one: every input writes a file.
    const QString base = QDir(u"/dev/shm"_s).exists() ? u"/dev/shm"_s : QDir::tempPath();
    fixture->dir = std::make_unique<QTemporaryDir>(base + u"/wfo-fuzz-damageddb-XXXXXX"_s);
    WFO_FUZZ_CHECK(fixture->dir->isValid(), base);
    // libFuzzer ends with exit(): the folder goes with the run.
    std::atexit([] { fixture->dir.reset(); });
    fixture->seed = buildSeed(fixture->dir->filePath(u"seed.db"_s));
    fixture->path = fixture->dir->filePath(u"damaged.db"_s);
    // A copy of the valid file for whoever crafts a regression test from a finding.
    if (const QString keep = qEnvironmentVariable("WFO_FUZZ_SEED_COPY"); !keep.isEmpty()) {
        QFile copy(keep);
        WFO_FUZZ_CHECK(copy.open(QIODevice::WriteOnly) && copy.write(fixture->seed) > 0, keep);
    }
    fixture->installation = std::make_unique<Installation>();
    fixture->installation->addPack(fixture->pack);
    QStringList messages;
    fixture->installation->finish(&messages);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return 0;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(fixture->path + suffix);
    {
        QFile file(fixture->path);
        WFO_FUZZ_CHECK(file.open(QIODevice::WriteOnly), fixture->path);
        file.write(damaged(data, size));
    }
    const store::Database database(sqliteUrl(fixture->path));
    try {
        // As orchestratorctl opens a file it may write: migrate, then register the catalogue
        // and let every extension (the domain's catalogue sync) see the database.
        bool opened = false;
        try {
            database.ensureSchema(true);
            recordCatalogue(fixture->installation->registry(), database);
            for (const auto &extension : fixture->installation->extensions())
                extension->databaseOpened(database);
            opened = true;
        } catch (const store::StoreError &) {
            // What the operator is told: the damage found, when there is any.
            const QStringList problems = database.damage();
            if (!problems.isEmpty())
                database.damagedError(problems);
        }
        if (opened)
            readEverything(database);
    } catch (const store::StoreError &) { }
    database.closeThreadConnection();
    return 0;
}
