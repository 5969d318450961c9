// Bulk operations of the action side: one workflow started on many subscriptions (the blocked
// ones listed with the constraints' reason before anything starts, a preview that writes
// nothing), a retry and an abort of many processes; each one audited action whose row lists its
// processes, and refused as a whole for a role that may not.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "routerpack.h"
#include "testdatabase.h"

#include "core/engine.h"
#include "queries/processpages.h"
#include "services/installation.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/subscriptionrepository.h"
#include "store/transaction.h"

#include <QJsonArray>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace wfo;
using testsupport::await;

namespace {

std::atomic<bool> &validationFails = testsupport::RouterPack::validationFails;

// A copy of a subscription model with new ids for the subscription and each of its blocks.
QJsonValue renewIds(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(renewIds(item));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == "subscription_instance_id"_L1 || it.key() == "subscription_id"_L1)
            it.value() = QUuid::createUuid().toString(QUuid::WithoutBraces);
        else
            it.value() = renewIds(it.value());
    }
    return object;
}

// How many of `ids` are at rest, completed, aborted, and not at rest.
struct Tally
{
    int atRest = 0;
    int completed = 0;
    int aborted = 0;
};

Tally tally(const store::Database &database, const QStringList &ids)
{
    Tally t;
    const QHash<QString, ProcessStatus> statuses =
        queries::ProcessPageQuery::statuses(database, ids);
    for (const ProcessStatus status : statuses) {
        t.atRest += isAtRest(status) ? 1 : 0;
        t.completed += status == ProcessStatus::Completed ? 1 : 0;
        t.aborted += status == ProcessStatus::Aborted ? 1 : 0;
    }
    return t;
}

} // namespace

class TestBulkActions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startManyListsTheBlockedBeforeStarting();
    void startManyIsOneAuditedAction();
    void retryManyRetriesTheFailedOnly();
    void abortManyAbortsWhatIsNotFinished();
    void aViewerIsRefusedOnceAndNothingHappens();
    void aThousandSubscriptionsComeToRestAndCancelStopsTheRest();

private:
    QString router(const QString &hostname, bool activate);
    QStringList processesOf(const QString &workflow);
    QList<store::AuditRecord> bulkAudit(const QString &action);
    std::optional<ProcessStatus> statusOf(const QString &processId);

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    testsupport::RouterPack m_pack;
};

void TestBulkActions::init()
{
    validationFails = false;
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QString error;
    std::optional<testsupport::InstalledEngine> opened =
        testsupport::openInstalledEngine(m_db->url(), m_pack, &error);
    QVERIFY2(opened, qPrintable(error));
    m_installation = std::move(opened->installation);
    m_engine = std::move(opened->engine);
}

void TestBulkActions::cleanup()
{
    m_engine.reset();
    m_installation.reset();
    store::Database(m_db->url()).closeThreadConnection();
    m_db.reset();
    validationFails = false;
}

QString TestBulkActions::router(const QString &hostname, bool activate)
{
    StartRequest create;
    create.workflow = u"create_test_router"_s;
    create.inputObject = QJsonObject {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, hostname}};
    create.actor = u"tester"_s;
    ProcessStatus status = ProcessStatus::Running;
    const QString processId = testsupport::runToRest(*m_engine, create, &status);
    if (status != ProcessStatus::Completed)
        return {};
    const QString id = store::ProcessRepository(store::Database(m_db->url()))
                           .find(processId)
                           ->state.value(u"subscription_id")
                           .toString();
    if (activate) {
        StartRequest modify;
        modify.workflow = u"modify_test_router"_s;
        modify.initialState = QJsonObject {{u"subscription_id"_s, id}};
        modify.actor = u"tester"_s;
        testsupport::runToRest(*m_engine, modify, &status);
        if (status != ProcessStatus::Completed)
            return {};
    }
    return id;
}

QStringList TestBulkActions::processesOf(const QString &workflow)
{
    store::ProcessFilter filter;
    filter.workflow = workflow;
    QStringList ids;
    for (const store::ProcessRecord &p :
         store::ProcessRepository(store::Database(m_db->url())).list(filter))
        ids.append(p.id);
    return ids;
}

QList<store::AuditRecord> TestBulkActions::bulkAudit(const QString &action)
{
    const store::Database database(m_db->url());
    QList<store::AuditRecord> rows;
    for (const store::AuditRecord &row : store::OperatorRepository(database).auditTrail({})) {
        if (row.action == action && row.targetKind == u"bulk")
            rows.append(row);
    }
    return rows;
}

std::optional<ProcessStatus> TestBulkActions::statusOf(const QString &processId)
{
    const std::optional<store::ProcessRecord> p =
        store::ProcessRepository(store::Database(m_db->url())).find(processId);
    return p ? std::optional(p->status) : std::nullopt;
}

void TestBulkActions::startManyListsTheBlockedBeforeStarting()
{
    const QString active1 = router(u"r1"_s, true);
    const QString active2 = router(u"r2"_s, true);
    const QString provisioning = router(u"r3"_s, false);
    QVERIFY(!active1.isEmpty() && !active2.isEmpty() && !provisioning.isEmpty());

    BulkStartRequest request;
    request.workflow = u"validate_test_router"_s;
    request.subscriptionIds = {active1, provisioning, active2};
    request.actor = u"tester"_s;
    request.preview = true;
    const BulkResult preview = await(m_engine->startMany(request));
    QVERIFY2(preview.ok(), qPrintable(preview.message));
    QCOMPARE(preview.done.size(), 2);
    QCOMPARE(preview.done.at(0).id, active1);
    QCOMPARE(preview.done.at(1).id, active2);
    QVERIFY(preview.processIds().isEmpty());
    QCOMPARE(preview.refused.size(), 1);
    QCOMPARE(preview.refused.at(0).id, provisioning);
    QCOMPARE(preview.refused.at(0).code, u"subscription.no_modify_invalid_status"_s);
    QVERIFY(!preview.refused.at(0).message.isEmpty());
    QCOMPARE(preview.refused.at(0).details.value(u"usable_when").toArray(),
             QJsonArray {u"active"_s});
    // A preview starts and audits nothing.
    QTest::qWait(200);
    QVERIFY(processesOf(u"validate_test_router"_s).isEmpty());
    QVERIFY(bulkAudit(u"start"_s).isEmpty());

    // Unknown workflows are refused as a whole.
    BulkStartRequest unknown = request;
    unknown.workflow = u"no_such_workflow"_s;
    QCOMPARE(await(m_engine->startMany(unknown)).outcome, ActionResult::Outcome::UnknownWorkflow);
}

void TestBulkActions::startManyIsOneAuditedAction()
{
    const QStringList subscriptions = {router(u"r1"_s, true), router(u"r2"_s, true),
                                       router(u"r3"_s, true), router(u"r4"_s, false)};
    QVERIFY(!subscriptions.contains(QString()));
    testsupport::StopRecorder stops(*m_engine);
    BulkStartRequest request;
    request.workflow = u"validate_test_router"_s;
    request.subscriptionIds = subscriptions;
    request.actor = u"tester"_s;
    const BulkResult result = await(m_engine->startMany(request));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.processIds().size(), 3);
    QCOMPARE(result.refused.size(), 1);
    QCOMPARE(result.refused.at(0).id, subscriptions.at(3));
    QVERIFY(!result.bulkId.isEmpty());
    for (const QString &id : result.processIds())
        QCOMPARE(stops.wait(id), std::optional(ProcessStatus::Completed));
    QCOMPARE(processesOf(u"validate_test_router"_s).size(), 3);

    // One audit row for the three starts, none per process.
    const QList<store::AuditRecord> rows = bulkAudit(u"start"_s);
    QCOMPARE(rows.size(), 1);
    const store::AuditRecord &row = rows.constFirst();
    QCOMPARE(row.targetId, result.bulkId);
    QCOMPARE(row.actor, u"tester"_s);
    QVERIFY(row.allowed);
    QCOMPARE(row.detail.value(u"workflow").toString(), u"validate_test_router"_s);
    QJsonArray listed = row.detail.value(u"processes").toArray();
    QStringList audited;
    for (const QJsonValue &v : listed)
        audited.append(v.toString());
    QCOMPARE(audited, result.processIds());
    QCOMPARE(row.detail.value(u"refused").toArray().size(), 1);
    const store::Database database(m_db->url());
    for (const QString &id : result.processIds()) {
        store::AuditFilter filter;
        filter.targetId = id;
        QVERIFY(store::OperatorRepository(database).auditTrail(filter).isEmpty());
    }
    // Each process works on its own subscription.
    QStringList worked;
    for (const QString &id : result.processIds())
        worked.append(store::ProcessRepository(database)
                          .find(id)
                          ->state.value(u"subscription_id")
                          .toString());
    QCOMPARE(worked, subscriptions.mid(0, 3));
}

void TestBulkActions::retryManyRetriesTheFailedOnly()
{
    const QStringList subscriptions = {router(u"r1"_s, true), router(u"r2"_s, true)};
    validationFails = true;
    testsupport::StopRecorder stops(*m_engine);
    BulkStartRequest request;
    request.workflow = u"validate_test_router"_s;
    request.subscriptionIds = subscriptions;
    request.actor = u"tester"_s;
    const QStringList failed = await(m_engine->startMany(request)).processIds();
    QCOMPARE(failed.size(), 2);
    for (const QString &id : failed)
        QCOMPARE(stops.wait(id), std::optional(ProcessStatus::Failed));
    const QString completed = processesOf(u"create_test_router"_s).constFirst();

    validationFails = false;
    testsupport::StopRecorder again(*m_engine);
    const BulkResult result =
        await(m_engine->retryMany({failed.at(0), completed, failed.at(1), u"nope"_s}, u"tester"_s));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.processIds(), failed);
    QCOMPARE(result.refused.size(), 2);
    QCOMPARE(result.refused.at(0).id, completed);
    QCOMPARE(result.refused.at(0).code, u"process.not_retryable"_s);
    QCOMPARE(result.refused.at(1).code, u"process.not_found"_s);
    for (const QString &id : failed)
        QCOMPARE(again.wait(id), std::optional(ProcessStatus::Completed));
    const QList<store::AuditRecord> rows = bulkAudit(u"resume"_s);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst().detail.value(u"processes").toArray(),
             (QJsonArray {failed.at(0), failed.at(1)}));
    QCOMPARE(rows.constFirst().detail.value(u"refused").toArray().size(), 2);

    // Nothing left to retry: nothing done, nothing audited.
    const BulkResult none = await(m_engine->retryMany(failed, u"tester"_s));
    QVERIFY(none.ok());
    QVERIFY(none.done.isEmpty());
    QCOMPARE(none.refused.size(), 2);
    QCOMPARE(bulkAudit(u"resume"_s).size(), 1);
}

void TestBulkActions::abortManyAbortsWhatIsNotFinished()
{
    const QStringList subscriptions = {router(u"r1"_s, true), router(u"r2"_s, true)};
    validationFails = true;
    testsupport::StopRecorder stops(*m_engine);
    BulkStartRequest request;
    request.workflow = u"validate_test_router"_s;
    request.subscriptionIds = subscriptions;
    request.actor = u"tester"_s;
    const QStringList failed = await(m_engine->startMany(request)).processIds();
    QCOMPARE(failed.size(), 2);
    for (const QString &id : failed)
        QCOMPARE(stops.wait(id), std::optional(ProcessStatus::Failed));
    const QString completed = processesOf(u"create_test_router"_s).constFirst();

    const BulkResult result =
        await(m_engine->abortMany({failed.at(0), failed.at(1), completed}, u"tester"_s));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.processIds(), failed);
    QCOMPARE(result.abortedNow, failed);
    QCOMPARE(result.refused.size(), 1);
    QCOMPARE(result.refused.at(0).code, u"process.finished"_s);
    for (const QString &id : failed) {
        QCOMPARE(statusOf(id), std::optional(ProcessStatus::Aborted));
        const QList<store::StepRecord> steps =
            store::ProcessRepository(store::Database(m_db->url())).steps(id);
        QCOMPARE(steps.constLast().name, u"User Aborted"_s);
        QCOMPARE(steps.constLast().status, StepStatus::Abort);
    }
    QCOMPARE(statusOf(completed), std::optional(ProcessStatus::Completed));
    const QList<store::AuditRecord> rows = bulkAudit(u"abort"_s);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst().detail.value(u"processes").toArray().size(), 2);
}

void TestBulkActions::aViewerIsRefusedOnceAndNothingHappens()
{
    const QString subscription = router(u"r1"_s, true);
    OperatorChange viewer;
    viewer.userName = u"vera"_s;
    viewer.role = Role::Viewer;
    viewer.change = u"add"_s;
    QVERIFY(await(m_engine->saveOperator(viewer)).ok());
    BulkStartRequest request;
    request.workflow = u"validate_test_router"_s;
    request.subscriptionIds = {subscription};
    request.actor = u"vera"_s;
    const BulkResult result = await(m_engine->startMany(request));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotPermitted);
    QVERIFY(result.done.isEmpty());
    QVERIFY(result.message.contains(u"vera"));
    QTest::qWait(200);
    QVERIFY(processesOf(u"validate_test_router"_s).isEmpty());
    const QList<store::AuditRecord> trail =
        store::OperatorRepository(store::Database(m_db->url())).auditTrail({});
    int refused = 0;
    for (const store::AuditRecord &row : trail)
        refused += row.actor == u"vera" && !row.allowed ? 1 : 0;
    QCOMPARE(refused, 1);
    QCOMPARE(await(m_engine->retryMany({u"x"_s}, u"vera"_s)).outcome,
             ActionResult::Outcome::NotPermitted);
    QCOMPARE(await(m_engine->abortMany({u"x"_s}, u"vera"_s)).outcome,
             ActionResult::Outcome::NotPermitted);
}

void TestBulkActions::aThousandSubscriptionsComeToRestAndCancelStopsTheRest()
{
    // 1,000 routers: copies of one made by its workflows, every hundredth still provisioning
    // (validate needs active: those ten are listed and not started).
    const QString model = router(u"template"_s, true);
    QVERIFY(!model.isEmpty());
    const store::Database database(m_db->url());
    QStringList subscriptions {model};
    QStringList provisioning;
    {
        store::SubscriptionRepository repository(database);
        const QJsonObject original = repository.load(model).value();
        store::WriteTransaction transaction(database);
        for (int i = 1; i < 1000; ++i) {
            QJsonObject copy = renewIds(original).toObject();
            copy.insert(u"description"_s, u"Router copy %1"_s.arg(i));
            if (i % 100 == 50) {
                copy.insert(u"status"_s, u"provisioning"_s);
                provisioning.append(copy.value(u"subscription_id").toString());
            }
            subscriptions.append(repository.save(copy, QString(), QString(), u"tester"_s)
                                     .value(u"subscription_id")
                                     .toString());
        }
        transaction.commit();
    }
    QCOMPARE(subscriptions.size(), 1000);

    BulkStartRequest request;
    request.workflow = u"validate_test_router"_s;
    request.subscriptionIds = subscriptions;
    request.actor = u"tester"_s;
    const BulkResult result = await(m_engine->startMany(request), 60000);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.done.size(), 990);
    QCOMPARE(result.refused.size(), 10);
    QStringList refused;
    for (const BulkItem &item : result.refused) {
        refused.append(item.id);
        QCOMPARE(item.code, u"subscription.no_modify_invalid_status"_s);
    }
    refused.sort();
    provisioning.sort();
    QCOMPARE(refused, provisioning);

    // The progress only grows, and reaches 100%.
    const QStringList ids = result.processIds();
    int last = 0;
    QDeadlineTimer deadline(240000);
    while (last < ids.size() && !deadline.hasExpired()) {
        const int atRest = tally(database, ids).atRest;
        QVERIFY(atRest >= last);
        last = atRest;
        QTest::qWait(100);
    }
    QCOMPARE(last, 990);
    QCOMPARE(tally(database, ids).completed, 990);
    QCOMPARE(bulkAudit(u"start"_s).size(), 1);
    QCOMPARE(bulkAudit(u"start"_s).constFirst().detail.value(u"processes"_s).toArray().size(), 990);

    // Again, slowly; cancel the rest after the first few: nothing is left running, what had
    // not finished is aborted, and what had finished stays completed.
    testsupport::RouterPack::checkDelayMs = 20;
    const BulkResult again = await(m_engine->startMany(request), 60000);
    QCOMPARE(again.done.size(), 990);
    const QStringList slow = again.processIds();
    QTRY_VERIFY_WITH_TIMEOUT(tally(database, slow).completed >= 20, 60000);
    QStringList going;
    const QHash<QString, ProcessStatus> now = queries::ProcessPageQuery::statuses(database, slow);
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (!isAtRest(it.value()))
            going.append(it.key());
    }
    QVERIFY(going.size() > 100);
    const BulkResult cancelled = await(m_engine->abortMany(going, u"tester"_s), 60000);
    QVERIFY2(cancelled.ok(), qPrintable(cancelled.message));
    const int completedWhenCancelled = tally(database, slow).completed;
    QTRY_COMPARE_WITH_TIMEOUT(tally(database, slow).atRest, 990, 60000);
    testsupport::RouterPack::checkDelayMs = 0;
    const Tally end = tally(database, slow);
    QCOMPARE(end.completed + end.aborted, 990);
    // Once the cancel is written, only those running at that moment may still complete (they
    // finish their step; the engine runs a few at a time); the queued rest never starts.
    QVERIFY2(end.completed <= completedWhenCancelled + 8,
             qPrintable(u"%1 completed after the cancel, %2 before"_s
                            .arg(end.completed - completedWhenCancelled)
                            .arg(completedWhenCancelled)));
    QVERIFY(end.aborted > 0);
    QCOMPARE(bulkAudit(u"abort"_s).size(), 1);
}

QTEST_GUILESS_MAIN(TestBulkActions)
#include "tst_bulkactions.moc"
