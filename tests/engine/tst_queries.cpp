// The read side: the snapshots the console and orchestratorctl read (subscription detail,
// process detail, pages, start cards, catalogue tables, engine instances) and their JSON, on a
// database the engine fills by running the router pack's workflows.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "routerpack.h"
#include "testdatabase.h"

#include "queries/catalogue.h"
#include "queries/databaseinfo.h"
#include "queries/engineinstances.h"
#include "queries/jsontext.h"
#include "queries/processdetail.h"
#include "queries/processpages.h"
#include "queries/startcards.h"
#include "queries/subscriptionblocks.h"
#include "queries/subscriptiondetail.h"
#include "queries/subscriptionpages.h"
#include "services/installation.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

QJsonObject entryOf(const QJsonObject &workflows, const QString &target, const QString &name)
{
    for (const QJsonValue &value : workflows.value(target).toArray()) {
        if (value.toObject().value(u"name").toString() == name)
            return value.toObject();
    }
    return {};
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestQueries : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void jsonText_data();
    void jsonText();
    void subscriptionBlocks();
    void subscriptionDetail();
    void subscriptionDetailJson_data();
    void subscriptionDetailJson();
    void subscriptionDetailOfNothing();
    void subscriptionVersions();
    void subscriptionPages_data();
    void subscriptionPages();
    void subscriptionPagesByKeyset();
    void customers();
    void processDetail();
    void processDetailOfFailedStep();
    void processPages_data();
    void processPages();
    void startCards();
    void catalogue();
    void engineInstances();
    void databaseInfo();

private:
    QString run(const QString &workflow, const QJsonObject &initial, const QJsonObject &input,
                ProcessStatus expected, const QString &actor = u"tester"_s);
    QString subscriptionOf(const QString &processId) const;
    queries::SubscriptionDetail detail(const QString &subscriptionId) const;

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    testsupport::RouterPack m_pack;

    // What initTestCase made: three routers (r1 active and used by a service, r2 active, alone
    // and out of sync after a failed validation, r3 still provisioning), the service, and
    // processes by two operators.
    QString m_router;
    QString m_lonelyRouter;
    QString m_service;
    QString m_createRouter;
    QString m_failedValidation;
};

void TestQueries::initTestCase()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QString error;
    std::optional<testsupport::InstalledEngine> opened =
        testsupport::openInstalledEngine(m_db->url(), m_pack, &error);
    QVERIFY2(opened, qPrintable(error));
    m_installation = std::move(opened->installation);
    m_engine = std::move(opened->engine);
    m_database = std::make_unique<store::Database>(m_db->url());

    m_createRouter =
        run(u"create_test_router"_s, {}, {{u"customer_id"_s, u"acme"_s}, {u"hostname"_s, u"r1"_s}},
            ProcessStatus::Completed);
    m_router = subscriptionOf(m_createRouter);
    QVERIFY(!m_router.isEmpty());
    QVERIFY(!run(u"modify_test_router"_s, {{u"subscription_id"_s, m_router}}, {},
                 ProcessStatus::Completed)
                 .isEmpty());
    m_service = subscriptionOf(
        run(u"create_test_service"_s, {{u"router_id"_s, m_router}}, {}, ProcessStatus::Completed));
    QVERIFY(!m_service.isEmpty());

    const QString other = u"someone-else"_s;
    m_lonelyRouter = subscriptionOf(run(u"create_test_router"_s, {},
                                        {{u"customer_id"_s, u"globex"_s}, {u"hostname"_s, u"r2"_s}},
                                        ProcessStatus::Completed, other));
    QVERIFY(!m_lonelyRouter.isEmpty());
    QVERIFY(!run(u"modify_test_router"_s, {{u"subscription_id"_s, m_lonelyRouter}}, {},
                 ProcessStatus::Completed, other)
                 .isEmpty());
    testsupport::RouterPack::validationFails = true;
    m_failedValidation = run(u"validate_test_router"_s, {{u"subscription_id"_s, m_lonelyRouter}},
                             {}, ProcessStatus::Failed);
    testsupport::RouterPack::validationFails = false;
    QVERIFY(!m_failedValidation.isEmpty());
    QVERIFY(!run(u"create_test_router"_s, {},
                 {{u"customer_id"_s, u"initech"_s}, {u"hostname"_s, u"r3"_s}},
                 ProcessStatus::Completed, other)
                 .isEmpty());
}

void TestQueries::cleanupTestCase()
{
    m_engine.reset();
    m_installation.reset();
    if (m_database)
        m_database->closeThreadConnection();
    m_database.reset();
    m_db.reset();
}

QString TestQueries::run(const QString &workflow, const QJsonObject &initial,
                         const QJsonObject &input, ProcessStatus expected, const QString &actor)
{
    StartRequest request;
    request.workflow = workflow;
    request.initialState = initial;
    request.inputObject = input;
    request.actor = actor;
    ProcessStatus status = ProcessStatus::Running;
    const QString id = testsupport::runToRest(*m_engine, request, &status);
    if (status != expected)
        qWarning() << workflow << "ended" << toText(status) << "expected" << toText(expected);
    return status == expected ? id : QString();
}

QString TestQueries::subscriptionOf(const QString &processId) const
{
    const auto detail = queries::ProcessDetailQuery::load(*m_database, processId);
    return detail ? detail->process.state.value(u"subscription_id").toString() : QString();
}

queries::SubscriptionDetail TestQueries::detail(const QString &subscriptionId) const
{
    const queries::SubscriptionDetailQuery query(m_installation->constraintSettings(),
                                                 &m_installation->registry());
    return query.load(*m_database, subscriptionId).value_or(queries::SubscriptionDetail());
}

void TestQueries::jsonText_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << QJsonValue(u"ams-rt1"_s) << u"ams-rt1"_s;
    QTest::newRow("string that looks like a number") << QJsonValue(u"12"_s) << u"12"_s;
    QTest::newRow("integer") << QJsonValue(12) << u"12"_s;
    QTest::newRow("fraction") << QJsonValue(1.5) << u"1.5"_s;
    QTest::newRow("true") << QJsonValue(true) << u"true"_s;
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << u"null"_s;
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << QString();
    QTest::newRow("array") << QJsonValue(QJsonArray {1, u"a"_s}) << u"[1,\"a\"]"_s;
    QTest::newRow("object") << QJsonValue(QJsonObject {{u"k"_s, 1}}) << u"{\"k\":1}"_s;
}

void TestQueries::jsonText()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, text);
    QCOMPARE(queries::jsonText(value), text);
}

void TestQueries::subscriptionBlocks()
{
    using queries::SubscriptionBlocks;
    const QJsonObject model = detail(m_service).model;
    const QJsonObject blocks = SubscriptionBlocks::blocksOf(model);
    QCOMPARE(blocks.keys(), QStringList {u"svc"_s});
    const QJsonObject svc = blocks.value(u"svc").toObject();
    QVERIFY(SubscriptionBlocks::isBlock(svc));
    QVERIFY(!SubscriptionBlocks::isBlock(model.value(u"product")));
    QVERIFY(!SubscriptionBlocks::isBlock(svc.value(u"service_name")));
    QVERIFY(!SubscriptionBlocks::instanceId(svc).isEmpty());
    // The nested block is the router's: a depends_on relation to another subscription.
    const QJsonObject router = svc.value(u"router").toObject();
    QVERIFY(SubscriptionBlocks::isBlock(router));
    QCOMPARE(router.value(u"owner_subscription_id").toString(), m_router);
    for (const QString &key :
         {u"subscription_instance_id"_s, u"owner_subscription_id"_s, u"name"_s, u"label"_s})
        QVERIFY2(SubscriptionBlocks::isIdentityKey(key), qPrintable(key));
    QVERIFY(!SubscriptionBlocks::isIdentityKey(u"hostname"_s));
}

void TestQueries::subscriptionDetail()
{
    const queries::SubscriptionDetail router = detail(m_router);
    QCOMPARE(router.id(), m_router);
    QCOMPARE(router.product().value(u"name").toString(), u"Test Router"_s);
    QCOMPARE(router.blocks().value(u"router").toObject().value(u"hostname").toString(), u"r1"_s);
    QCOMPARE(router.inUseBy.size(), 1);
    QCOMPARE(router.inUseBy.first().toObject().value(u"subscription_id").toString(), m_service);
    QVERIFY(router.dependsOn.isEmpty());
    QStringList processes;
    for (const QJsonValue &p : router.processes)
        processes.append(p.toObject().value(u"process_id").toString());
    QVERIFY(processes.contains(m_createRouter));
    QVERIFY(router.versions.size() >= 2);
    // Every linked workflow but the create ones, with modify_note from the defaults.
    QStringList names;
    for (const WorkflowAvailability &w : router.workflows)
        names.append(w.name);
    names.sort();
    QCOMPARE(
        names,
        (QStringList {u"modify_note"_s, u"modify_test_router"_s, u"modify_test_router_checked"_s,
                      u"terminate_test_router"_s, u"validate_test_router"_s}));
    QVERIFY(router.mayRun(u"modify_note"_s));
    QVERIFY(!router.mayRun(u"terminate_test_router"_s)); // in use by the service
    QVERIFY(!router.mayRun(u"create_test_router"_s)); // not offered at all

    const queries::SubscriptionDetail service = detail(m_service);
    QCOMPARE(service.dependsOn.size(), 1);
    QCOMPARE(service.dependsOn.first().toObject().value(u"subscription_id").toString(), m_router);
    QVERIFY(service.inUseBy.isEmpty());
}

void TestQueries::subscriptionDetailJson_data()
{
    QTest::addColumn<QString>("subscription");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("workflow");
    QTest::addColumn<QString>("reason"); // empty: available

    QTest::newRow("note on a router in use")
        << u"router"_s << u"modify"_s << u"modify_note"_s << QString();
    QTest::newRow("terminate a router in use")
        << u"router"_s << u"terminate"_s << u"terminate_test_router"_s
        << u"subscription.no_modify_subscription_in_use_by_others"_s;
    QTest::newRow("validate an active router")
        << u"router"_s << u"validate"_s << u"validate_test_router"_s << QString();
    QTest::newRow("terminate an out-of-sync router")
        << u"lonely"_s << u"terminate"_s << u"terminate_test_router"_s
        << u"subscription.not_in_sync"_s;
    QTest::newRow("note on an out-of-sync router")
        << u"lonely"_s << u"modify"_s << u"modify_note"_s << QString();
    QTest::newRow("note on a service whose router is in sync")
        << u"service"_s << u"modify"_s << u"modify_note"_s << QString();
}

void TestQueries::subscriptionDetailJson()
{
    QFETCH(QString, subscription);
    QFETCH(QString, target);
    QFETCH(QString, workflow);
    QFETCH(QString, reason);
    const QString id = subscription == "router"_L1 ? m_router
        : subscription == "lonely"_L1              ? m_lonelyRouter
                                                   : m_service;
    const QJsonObject json = detail(id).toJson();

    // The --json contract of `orchestratorctl subscription`, and what it adds for scripts.
    QCOMPARE(sortedKeys(json),
             (QStringList {u"blocks"_s, u"customer_id"_s, u"depends_on"_s, u"description"_s,
                           u"end_date"_s, u"id"_s, u"in_use_by"_s, u"insync"_s, u"note"_s,
                           u"processes"_s, u"product"_s, u"start_date"_s, u"status"_s, u"version"_s,
                           u"versions"_s, u"workflows"_s}));
    QCOMPARE(json.value(u"id").toString(), id);
    QCOMPARE(sortedKeys(json.value(u"product").toObject()), (QStringList {u"name"_s, u"tag"_s}));
    QCOMPARE(sortedKeys(json.value(u"workflows").toObject()),
             (QStringList {u"create"_s, u"modify"_s, u"reconcile"_s, u"system"_s, u"terminate"_s,
                           u"validate"_s}));
    const QJsonObject entry = entryOf(json.value(u"workflows").toObject(), target, workflow);
    QVERIFY2(!entry.isEmpty(), qPrintable(workflow + u" is not under "_s + target));
    QVERIFY(entry.contains(u"description"));
    QCOMPARE(entry.value(u"reason").toObject().value(u"code").toString(), reason);
    if (!reason.isEmpty())
        QVERIFY(!entry.value(u"reason").toObject().value(u"message").toString().isEmpty());
    // The blocks are the model's blocks, nothing else of it.
    const QJsonObject blocks = json.value(u"blocks").toObject();
    QVERIFY(!blocks.isEmpty());
    for (auto it = blocks.begin(); it != blocks.end(); ++it)
        QVERIFY(queries::SubscriptionBlocks::isBlock(it.value()));

    // A list row has the same shape without what only the detail reads.
    const QJsonObject summary = queries::SubscriptionDetail::summaryJson(detail(id).model);
    for (const QString &key :
         {u"workflows"_s, u"in_use_by"_s, u"depends_on"_s, u"versions"_s, u"processes"_s})
        QVERIFY2(!summary.contains(key), qPrintable(key));
    QCOMPARE(summary.value(u"blocks"), json.value(u"blocks"));
}

void TestQueries::subscriptionDetailOfNothing()
{
    const queries::SubscriptionDetailQuery query(m_installation->constraintSettings(),
                                                 &m_installation->registry());
    QVERIFY(!query.load(*m_database, u"00000000-0000-0000-0000-000000000000"_s));
}

void TestQueries::subscriptionVersions()
{
    const queries::SubscriptionDetail router = detail(m_router);
    const int last = router.versions.last().toObject().value(u"version").toInt();
    QCOMPARE(last, router.model.value(u"version").toInt());
    const QJsonObject first = queries::SubscriptionDetailQuery::version(*m_database, m_router, 1);
    QCOMPARE(first.value(u"status").toString(), u"initial"_s);
    QVERIFY(queries::SubscriptionDetailQuery::version(*m_database, m_router, last + 10).isEmpty());
}

void TestQueries::subscriptionPages_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<int>("expected");
    QTest::newRow("all") << QString() << QStringList() << 4;
    QTest::newRow("active") << QString() << QStringList {u"active"_s} << 3;
    QTest::newRow("provisioning") << QString() << QStringList {u"provisioning"_s} << 1;
    QTest::newRow("terminated") << QString() << QStringList {u"terminated"_s} << 0;
    QTest::newRow("out of sync") << u"insync:false"_s << QStringList() << 1;
    QTest::newRow("customer") << u"customer:acme"_s << QStringList() << 1;
    QTest::newRow("product") << u"product:\"Test Service\""_s << QStringList() << 1;
}

void TestQueries::subscriptionPages()
{
    QFETCH(QString, search);
    QFETCH(QStringList, statuses);
    QFETCH(int, expected);
    queries::SubscriptionFilter filter;
    filter.search = search;
    filter.statuses = statuses;
    QCOMPARE(queries::SubscriptionPageQuery::page(*m_database, filter).size(), expected);
    QCOMPARE(queries::SubscriptionPageQuery::count(*m_database, filter), qint64(expected));
}

void TestQueries::subscriptionPagesByKeyset()
{
    queries::SubscriptionFilter filter;
    filter.order.column = queries::SubscriptionOrder::Column::Description;
    filter.order.direction = Qt::AscendingOrder;
    QStringList ids;
    std::optional<QJsonObject> last;
    for (int guard = 0; guard < 10; ++guard) {
        const QJsonArray page =
            queries::SubscriptionPageQuery::pageAfter(*m_database, filter, last, 1);
        if (page.isEmpty())
            break;
        QCOMPARE(page.size(), 1);
        last = page.first().toObject();
        ids.append(last->value(u"subscription_id").toString());
    }
    QCOMPARE(ids.size(), 4);
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 4);
    QStringList all;
    for (const QJsonValue &row : queries::SubscriptionPageQuery::page(*m_database, filter))
        all.append(row.toObject().value(u"subscription_id").toString());
    QCOMPARE(ids, all);
    QVERIFY(queries::SubscriptionPageQuery::searchFields().contains(u"customer"_s));
}

void TestQueries::customers()
{
    QStringList all = queries::SubscriptionPageQuery::customers(*m_database, QString(), 50);
    all.sort();
    QCOMPARE(all, (QStringList {u"acme"_s, u"c1"_s, u"globex"_s, u"initech"_s}));
    QCOMPARE(queries::SubscriptionPageQuery::customers(*m_database, u"gl"_s, 50),
             QStringList {u"globex"_s});
    QCOMPARE(queries::SubscriptionPageQuery::customers(*m_database, QString(), 2).size(), 2);
}

void TestQueries::processDetail()
{
    const std::optional<queries::ProcessDetail> detail =
        queries::ProcessDetailQuery::load(*m_database, m_createRouter);
    QVERIFY(detail);
    QCOMPARE(detail->process.id, m_createRouter);
    QCOMPARE(detail->process.status, ProcessStatus::Completed);
    QVERIFY(detail->steps.size() >= 3);

    // The --json contract of `orchestratorctl show`.
    const QJsonObject json = detail->toJson();
    QCOMPARE(sortedKeys(json),
             (QStringList {u"assignee"_s, u"created_by"_s, u"failed_reason"_s, u"id"_s,
                           u"is_task"_s, u"last_modified_at"_s, u"last_step"_s, u"started_at"_s,
                           u"status"_s, u"steps"_s, u"subscriptions"_s, u"workflow"_s}));
    QCOMPARE(json.value(u"id").toString(), m_createRouter);
    QCOMPARE(json.value(u"workflow").toString(), u"create_test_router"_s);
    QCOMPARE(json.value(u"status").toString(), u"completed"_s);
    QCOMPARE(json.value(u"created_by").toString(), u"tester"_s);
    QVERIFY(json.value(u"failed_reason").isNull());
    QCOMPARE(json.value(u"subscriptions").toArray(), QJsonArray {m_router});
    const QJsonArray steps = json.value(u"steps").toArray();
    QCOMPARE(steps.size(), detail->steps.size());
    const QJsonObject construct = steps.at(1).toObject();
    QCOMPARE(sortedKeys(construct),
             (QStringList {u"completed_at"_s, u"created_by"_s, u"error"_s, u"name"_s, u"reason"_s,
                           u"retries"_s, u"rewound_at"_s, u"started_at"_s, u"state_delta"_s,
                           u"status"_s}));
    QCOMPARE(construct.value(u"name").toString(), detail->steps.at(1).name);
    QCOMPARE(construct.value(u"status").toString(), u"success"_s);
    QVERIFY(construct.value(u"error").isNull());
    QCOMPARE(steps.last().toObject().value(u"name").toString(), json.value(u"last_step"));

    // A process of a list has no steps.
    const QJsonObject listed = queries::ProcessDetail {detail->process, {}}.toJson();
    QCOMPARE(listed.value(u"steps").toArray(), QJsonArray());

    QVERIFY(!queries::ProcessDetailQuery::load(*m_database, u"no-such-process"_s));
}

void TestQueries::processDetailOfFailedStep()
{
    const std::optional<queries::ProcessDetail> detail =
        queries::ProcessDetailQuery::load(*m_database, m_failedValidation);
    QVERIFY(detail);
    const QJsonObject json = detail->toJson();
    QCOMPARE(json.value(u"status").toString(), u"failed"_s);
    QVERIFY(json.value(u"failed_reason").toString().contains(u"does not answer"_s));
    const QJsonObject failed = json.value(u"steps").toArray().last().toObject();
    QCOMPARE(failed.value(u"status").toString(), u"failed"_s);
    const QJsonObject error = failed.value(u"error").toObject();
    QCOMPARE(sortedKeys(error), (QStringList {u"class"_s, u"message"_s, u"traceback"_s}));
    QVERIFY(error.value(u"message").toString().contains(u"does not answer"_s));
}

void TestQueries::processPages_data()
{
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<QString>("workflow");
    QTest::addColumn<QString>("createdBy");
    QTest::addColumn<int>("expected");
    QTest::newRow("all") << QStringList() << QString() << QString() << 7;
    QTest::newRow("failed") << queries::ProcessPageQuery::failedStatuses() << QString() << QString()
                            << 1;
    QTest::newRow("active") << queries::ProcessPageQuery::activeStatuses() << QString() << QString()
                            << 1;
    QTest::newRow("completed") << queries::ProcessPageQuery::completedStatuses() << QString()
                               << QString() << 6;
    QTest::newRow("one workflow") << QStringList() << u"create_test_router"_s << QString() << 3;
    QTest::newRow("by another operator") << QStringList() << QString() << u"someone-else"_s << 3;
}

void TestQueries::processPages()
{
    QFETCH(QStringList, statuses);
    QFETCH(QString, workflow);
    QFETCH(QString, createdBy);
    QFETCH(int, expected);
    queries::ProcessFilter filter;
    filter.statuses = statuses;
    filter.workflow = workflow;
    filter.createdBy = createdBy;
    QCOMPARE(queries::ProcessPageQuery::page(*m_database, filter).size(), expected);
    QCOMPARE(queries::ProcessPageQuery::count(*m_database, filter), qint64(expected));
    QCOMPARE(queries::ProcessPageQuery::ids(*m_database, filter).size(), expected);
    filter.limit = 1;
    filter.offset = 1;
    QCOMPARE(queries::ProcessPageQuery::page(*m_database, filter).size(), qMin(1, expected - 1));
}

void TestQueries::startCards()
{
    using queries::StartCardItem;
    using queries::StartCardQuery;
    const queries::StartCardSnapshot mine =
        StartCardQuery::processes(*m_database, StartCardQuery::myRecentProcesses(u"tester"_s));
    QCOMPARE(mine.count, 4);
    QVERIFY(!mine.countIsLowerBound);
    QCOMPARE(mine.items.size(), 4);
    for (const StartCardItem &item : mine.items)
        QCOMPARE(item.kind, StartCardItem::Kind::Process);

    // The failed validation is a workflow, not a task: an active process.
    const queries::StartCardSnapshot active =
        StartCardQuery::processes(*m_database, StartCardQuery::activeProcesses());
    QCOMPARE(active.count, 1);
    QCOMPARE(active.items.first().id, m_failedValidation);
    QCOMPARE(active.items.first().status, u"failed"_s);
    QCOMPARE(StartCardQuery::processes(*m_database, StartCardQuery::failedTasks()).count, 0);

    const queries::StartCardSnapshot outOfSync =
        StartCardQuery::subscriptions(*m_database, u"insync:false"_s);
    QCOMPARE(outOfSync.count, 1);
    QCOMPARE(outOfSync.items.size(), 1);
    const StartCardItem item = outOfSync.items.first();
    QCOMPARE(item.kind, StartCardItem::Kind::Subscription);
    QCOMPARE(item.id, m_lonelyRouter);
    QCOMPARE(item.text, u"Router r2"_s);
    QCOMPARE(item.status, u"active"_s);
    QVERIFY(!item.insync);
    QVERIFY(!item.lastModifiedAt.isEmpty());
    QCOMPARE(StartCardQuery::subscriptions(*m_database, QString()).count, 4);
}

void TestQueries::catalogue()
{
    QStringList products;
    for (const QJsonValue &p : queries::CatalogueQuery::products(*m_database))
        products.append(p.toObject().value(u"name").toString());
    QVERIFY(products.contains(u"Test Router"_s));
    QVERIFY(products.contains(u"Test Service"_s));

    for (const QJsonValue &p : queries::CatalogueQuery::productsWithCreateWorkflow(*m_database)) {
        const QJsonObject product = p.toObject();
        if (product.value(u"name").toString() == "Test Router"_L1)
            QCOMPARE(product.value(u"create_workflow").toString(), u"create_test_router"_s);
    }

    bool sawRouterBlock = false;
    for (const QJsonValue &b : queries::CatalogueQuery::productBlocks(*m_database)) {
        const QJsonObject block = b.toObject();
        if (block.value(u"name").toString() != "RouterBlock"_L1)
            continue;
        sawRouterBlock = true;
        QStringList names;
        for (const QJsonValue &name : block.value(u"resource_types").toArray())
            names.append(name.toString());
        names.sort();
        QCOMPARE(names, (QStringList {u"asn"_s, u"hostname"_s}));
    }
    QVERIFY(sawRouterBlock);

    QStringList resourceTypes;
    for (const QJsonValue &r : queries::CatalogueQuery::resourceTypes(*m_database))
        resourceTypes.append(r.toObject().value(u"resource_type").toString());
    QVERIFY(resourceTypes.contains(u"hostname"_s));

    bool sawTerminate = false;
    for (const QJsonValue &w : queries::CatalogueQuery::workflows(*m_database)) {
        const QJsonObject workflow = w.toObject();
        if (workflow.value(u"name").toString() == "terminate_test_router"_L1) {
            sawTerminate = true;
            QCOMPARE(workflow.value(u"products").toString(), u"Test Router"_s);
            QCOMPARE(workflow.value(u"target").toString().toUpper(), u"TERMINATE"_s);
        }
        if (workflow.value(u"name").toString() == "modify_note"_L1)
            QVERIFY(workflow.value(u"products").toString().contains(u"Test Service"_s));
    }
    QVERIFY(sawTerminate);
}

void TestQueries::engineInstances()
{
    const QList<queries::EngineInstance> instances =
        queries::EngineInstancesQuery::load(*m_database);
    QCOMPARE(instances.size(), 1);
    QCOMPARE(instances.first().instance.kind, u"console"_s);
    QVERIFY(instances.first().running.isEmpty()); // every process is at rest
    const queries::EngineStatusSnapshot status = queries::EngineInstancesQuery::status(*m_database);
    QVERIFY(!status.paused);
    QCOMPARE(status.runningProcesses, 0);
}

void TestQueries::databaseInfo()
{
    const queries::DatabaseInfo info = queries::DatabaseInfoQuery::load(*m_database);
    QVERIFY(info.latestSchemaVersion > 0);
    QCOMPARE(info.schemaVersion, info.latestSchemaVersion);
    QCOMPARE(info.serverVersion.isEmpty(), !m_db->isPostgres());
}

QTEST_GUILESS_MAIN(TestQueries)
#include "tst_queries.moc"
