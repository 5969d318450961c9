// Callback steps over real HTTP on loopback (docs/api.md, "Callback steps"): a process rests
// awaiting_callback with its route in the state; a POST to the route with the right token
// continues it (once), a wrong token or an unknown process is 404, progress is recorded, a
// validation can fail it, the housekeeping fails it after its timeout and a retry hands out a
// new route. On SQLite or (WFO_TEST_BACKEND=postgresql) PostgreSQL.
#include "enginewaiter.h"
#include "testdatabase.h"

#include "api/apiserver.h"
#include "core/callbacks.h"
#include "services/installation.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

const QByteArray adminToken = "admin-token-0123456789abcdef"_ba;

// Tasks with a callback step: the action records the route it hands out; the validation
// refuses a result with "ok": false.
class CallbackPack final : public ProductPack
{
public:
    QString name() const override { return u"callbacks"_s; }
    void install(PackContext &context) override
    {
        const Step action = step(u"Start the job"_s, [](const StepContext &c) {
            return QJsonObject {{u"job_route"_s, c.get<QString>(u"callback_route")}};
        });
        const Step validate = step(u"Check the job"_s, [](const StepContext &c) {
            const QJsonObject result = c.get<QJsonObject>(u"job_result");
            if (result.value(u"ok") == QJsonValue(false))
                throw StepError(
                    u"The job reports a failure: %1"_s.arg(result.value(u"error").toString()));
            return QJsonObject {{u"checked"_s, true}};
        });
        const Step after = step(u"After the job"_s, [](const StepContext &) {
            return QJsonObject {{u"after"_s, true}};
        });
        context.addWorkflow(
            Workflow::task(u"task_callback"_s, "Test: a callback step",
                           begin >> callbackStep(u"Run the job"_s, action, validate,
                                                 {u"job_result"_s, u"callback_route"_s, 0})
                               >> after),
            QString(), QString());
        context.addWorkflow(
            Workflow::task(u"task_callback_timeout"_s, "Test: a callback step with a timeout",
                           begin >> callbackStep(u"Run the job"_s, action, validate,
                                                 {u"job_result"_s, u"callback_route"_s, 1})
                               >> after),
            QString(), QString());
    }
};

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestApiCallback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void rightToken();
    void wrongToken();
    void progress();
    void validationFails();
    void timeoutThenRetry();
    void abortWhileAwaiting();
    void twoEnginesOneCallback();
    void malformed_data();
    void malformed();
    void openApiListsRoutes();

private:
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &token = adminToken);
    QJsonObject waitFor(const QString &processId, const QStringList &statuses);
    // Starts `workflow` through the API and waits until it awaits its callback.
    QJsonObject startAwaiting(const QString &workflow);
    QList<store::AuditRecord> auditOf(const QString &processId);

    std::unique_ptr<TestDatabase> m_database;
    CallbackPack m_pack;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    // A second engine on the same database: its housekeeping looks for overdue callbacks too.
    std::unique_ptr<Engine> m_second;
    std::unique_ptr<api::ApiServer> m_server;
    QNetworkAccessManager m_network;
};

void TestApiCallback::initTestCase()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    m_installation = std::make_unique<Installation>();
    m_installation->addPack(m_pack);
    QStringList messages;
    m_installation->finish(&messages);
    QVERIFY2(messages.isEmpty(), qPrintable(messages.join(u'\n')));
    EngineOptions options;
    options.url = m_database->url();
    options.pollIntervalMs = 100;
    options.heartbeatMs = 200;
    m_engine = std::make_unique<Engine>(&m_installation->registry(), options);
    m_installation->configure(*m_engine);
    QString error;
    QVERIFY2(testsupport::openEngine(*m_engine, &error), qPrintable(error));
    options.claimQueued = false;
    options.heartbeatMs = 150;
    m_second = std::make_unique<Engine>(&m_installation->registry(), options);
    m_installation->configure(*m_second);
    QVERIFY2(testsupport::openEngine(*m_second, &error), qPrintable(error));
    {
        const store::Database db(m_database->url());
        store::OperatorRepository(db).save({u"admin"_s, QString(), u"admin"_s, true, {}, {}});
        db.closeThreadConnection();
    }
    api::ApiOptions apiOptions;
    apiOptions.port = 0;
    apiOptions.tokens = api::TokenFile::parse(adminToken + " admin\n", &error);
    QVERIFY2(apiOptions.tokens, qPrintable(error));
    m_server = std::make_unique<api::ApiServer>(m_engine.get(), apiOptions);
    QVERIFY2(m_server->listen(&error), qPrintable(error));
    // Where packs' simulated systems call back to.
    QCOMPARE(qApp->property("wfoApiBaseUrl").toString(),
             u"http://127.0.0.1:%1"_s.arg(m_server->port()));
}

void TestApiCallback::cleanupTestCase()
{
    m_server.reset();
    if (m_second) {
        QSignalSpy stopped(m_second.get(), &Engine::stopped);
        m_second->shutdown();
        stopped.wait(10000);
    }
    m_second.reset();
    if (m_engine) {
        QSignalSpy stopped(m_engine.get(), &Engine::stopped);
        m_engine->shutdown();
        stopped.wait(10000);
    }
    m_engine.reset();
}

Reply TestApiCallback::call(const QByteArray &method, const QString &path, const QByteArray &body,
                            const QByteArray &token)
{
    QUrl url(u"http://127.0.0.1:%1"_s.arg(m_server->port()));
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!token.isEmpty())
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + token);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

QJsonObject TestApiCallback::waitFor(const QString &processId, const QStringList &statuses)
{
    QJsonObject process;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        process = call("GET"_ba, u"/api/processes/"_s + processId).object();
        if (statuses.contains(process.value(u"last_status").toString()))
            return process;
        QTest::qWait(50);
    }
    return process;
}

QJsonObject TestApiCallback::startAwaiting(const QString &workflow)
{
    const Reply started = call("POST"_ba, u"/api/processes/"_s + workflow, "[]"_ba);
    if (started.status != 201) {
        qWarning() << started.status << started.body;
        return {};
    }
    return waitFor(started.object().value(u"id").toString(), {u"awaiting_callback"_s});
}

QList<store::AuditRecord> TestApiCallback::auditOf(const QString &processId)
{
    const store::Database db(m_database->url());
    store::AuditFilter filter;
    filter.targetId = processId;
    const QList<store::AuditRecord> rows = store::OperatorRepository(db).auditTrail(filter);
    db.closeThreadConnection();
    return rows;
}

void TestApiCallback::rightToken()
{
    const QJsonObject awaiting = startAwaiting(u"task_callback"_s);
    QCOMPARE(awaiting.value(u"last_status").toString(), u"awaiting_callback"_s);
    const QString id = awaiting.value(u"process_id").toString();
    const QJsonObject state = awaiting.value(u"current_state").toObject();
    const QString route = state.value(u"callback_route").toString();
    QVERIFY(route.startsWith(u"/api/processes/%1/callback/"_s.arg(id)));
    // The action saw the route it hands out; the token is not kept in the state by itself.
    QCOMPARE(state.value(u"job_route").toString(), route);
    const QString token = route.section(u'/', -1);
    QVERIFY(token.size() >= 43); // 32 random bytes, base64url
    QVERIFY(!state.contains(u"__callback_token"));
    QVERIFY(!state.value(Callbacks::TokenHashKey).toString().isEmpty());
    QVERIFY(state.value(Callbacks::TokenHashKey).toString() != token);
    const QJsonArray steps = awaiting.value(u"steps").toArray();
    QCOMPARE(steps.last()[u"name"].toString(), u"Run the job"_s);
    QCOMPARE(steps.last()[u"status"].toString(), u"awaiting_callback"_s);

    // No bearer token: the route's token is the credential.
    Reply reply = call("POST"_ba, route, R"({"ok": true, "serial": "X-1"})"_ba, {});
    QCOMPARE(reply.status, 200);
    const QJsonObject done = waitFor(id, {u"completed"_s, u"failed"_s});
    QCOMPARE(done.value(u"last_status").toString(), u"completed"_s);
    const QJsonObject finalState = done.value(u"current_state").toObject();
    QCOMPARE(finalState.value(u"job_result")[u"serial"].toString(), u"X-1"_s);
    QCOMPARE(finalState.value(u"checked").toBool(), true);
    QCOMPARE(finalState.value(u"after").toBool(), true);
    QVERIFY(!finalState.contains(Callbacks::TokenHashKey.toString()));
    int runRows = 0;
    for (const QJsonValue &step : done.value(u"steps").toArray())
        runRows += step[u"name"] == "Run the job"_L1;
    QCOMPARE(runRows, 2); // awaiting_callback, then success

    // Taken once: the same callback again is refused, clearly, and changes nothing.
    reply = call("POST"_ba, route, R"({"ok": true, "serial": "X-2"})"_ba, {});
    QCOMPARE(reply.status, 409);
    QVERIFY2(reply.object().value(u"detail").toString().contains(u"not awaiting a callback"_s),
             reply.body.constData());
    QCOMPARE(waitFor(id, {u"completed"_s}).value(u"current_state")[u"job_result"][u"serial"],
             u"X-1"_s);

    // Audited as the callback's, from REST, with the client's address.
    bool allowed = false;
    bool refused = false;
    for (const store::AuditRecord &row : auditOf(id)) {
        if (row.action != "callback"_L1)
            continue;
        QCOMPARE(row.origin, u"rest"_s);
        QVERIFY(!row.host.isEmpty());
        (row.allowed ? allowed : refused) = true;
    }
    QVERIFY(allowed);
    QVERIFY(refused);
}

void TestApiCallback::wrongToken()
{
    const QJsonObject awaiting = startAwaiting(u"task_callback"_s);
    const QString id = awaiting.value(u"process_id").toString();
    const QString route = awaiting.value(u"current_state")[u"callback_route"].toString();
    QVERIFY(!route.isEmpty());
    QString wrong = route;
    wrong[wrong.size() - 1] = wrong.endsWith(u'A') ? u'B' : u'A';

    Reply reply = call("POST"_ba, wrong, R"({"ok": true})"_ba, {});
    QCOMPARE(reply.status, 404);
    QCOMPARE(call("POST"_ba, wrong + u"/progress"_s, R"({"percent": 1})"_ba, {}).status, 404);
    // An unknown process: 404 too.
    const QString unknown = u"/api/processes/%1/callback/%2"_s.arg(
        QUuid::createUuid().toString(QUuid::WithoutBraces), route.section(u'/', -1));
    QCOMPARE(call("POST"_ba, unknown, R"({"ok": true})"_ba, {}).status, 404);

    // Still awaiting, with the right token still good.
    QCOMPARE(waitFor(id, {u"awaiting_callback"_s}).value(u"last_status").toString(),
             u"awaiting_callback"_s);
    QCOMPARE(call("POST"_ba, route, R"({"ok": true})"_ba, {}).status, 200);
    QCOMPARE(waitFor(id, {u"completed"_s, u"failed"_s}).value(u"last_status").toString(),
             u"completed"_s);
}

void TestApiCallback::progress()
{
    const QJsonObject awaiting = startAwaiting(u"task_callback"_s);
    const QString id = awaiting.value(u"process_id").toString();
    const QString route = awaiting.value(u"current_state")[u"callback_route"].toString();
    Reply reply = call("POST"_ba, route + u"/progress"_s, R"({"percent": 40})"_ba, {});
    QCOMPARE(reply.status, 200);
    reply = call("POST"_ba, route + u"/progress"_s, R"("copying image")"_ba, {});
    QCOMPARE(reply.status, 200);
    // The latest progress is kept; the process still awaits.
    QJsonObject process = waitFor(id, {u"awaiting_callback"_s});
    QCOMPARE(process.value(u"current_state")[u"callback_progress"].toString(), u"copying image"_s);
    QCOMPARE(process.value(u"last_status").toString(), u"awaiting_callback"_s);

    QCOMPARE(call("POST"_ba, route, R"({"ok": true})"_ba, {}).status, 200);
    waitFor(id, {u"completed"_s});
    // Progress after the callback: the process no longer awaits one.
    QCOMPARE(call("POST"_ba, route + u"/progress"_s, R"({"percent": 90})"_ba, {}).status, 409);
}

void TestApiCallback::validationFails()
{
    const QJsonObject awaiting = startAwaiting(u"task_callback"_s);
    const QString id = awaiting.value(u"process_id").toString();
    const QString route = awaiting.value(u"current_state")[u"callback_route"].toString();
    QCOMPARE(call("POST"_ba, route, R"({"ok": false, "error": "disk full"})"_ba, {}).status, 200);
    const QJsonObject failed = waitFor(id, {u"failed"_s, u"completed"_s});
    QCOMPARE(failed.value(u"last_status").toString(), u"failed"_s);
    QVERIFY2(failed.value(u"failed_reason").toString().contains(u"disk full"_s),
             qPrintable(failed.value(u"failed_reason").toString()));
    // The result is kept with the failed row: a retry checks it again (and fails again).
    QCOMPARE(failed.value(u"current_state")[u"job_result"][u"error"].toString(), u"disk full"_s);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/resume"_s.arg(id), "[]"_ba).status, 204);
    QTest::qWait(300);
    const QJsonObject again = waitFor(id, {u"failed"_s, u"completed"_s});
    QCOMPARE(again.value(u"last_status").toString(), u"failed"_s);
    int failures = 0;
    for (const QJsonValue &step : again.value(u"steps").toArray())
        failures += step[u"status"] == "failed"_L1;
    QCOMPARE(failures, 2);
}

void TestApiCallback::timeoutThenRetry()
{
    const QJsonObject awaiting = startAwaiting(u"task_callback_timeout"_s);
    const QString id = awaiting.value(u"process_id").toString();
    const QString route = awaiting.value(u"current_state")[u"callback_route"].toString();
    QCOMPARE(awaiting.value(u"current_state")[u"__callback_timeout"].toInt(), 1);
    QVERIFY(!awaiting.value(u"current_state")[u"__callback_deadline"].toString().isEmpty());
    // An operator cannot "retry" a process that waits for its callback.
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/resume"_s.arg(id), "[]"_ba).status, 409);

    // The housekeeping fails it once the second has passed: of the two engines, one does.
    const QJsonObject failed = waitFor(id, {u"failed"_s});
    QCOMPARE(failed.value(u"last_status").toString(), u"failed"_s);
    QCOMPARE(failed.value(u"failed_reason").toString(), u"No callback within 1 second."_s);
    int timeouts = 0;
    for (const QJsonValue &step : failed.value(u"steps").toArray())
        timeouts += step[u"status"] == "failed"_L1 && step[u"name"] == "Run the job"_L1;
    QCOMPARE(timeouts, 1);
    // Once: a later heartbeat does not fail it again.
    QTest::qWait(600);
    int later = 0;
    for (const QJsonValue &step : waitFor(id, {u"failed"_s}).value(u"steps").toArray())
        later += step[u"status"] == "failed"_L1;
    QCOMPARE(later, 1);
    QCOMPARE(Callbacks::timeoutMessage(3600), u"No callback within 60 minutes."_s);
    QCOMPARE(Callbacks::timeoutMessage(60), u"No callback within 1 minute."_s);
    QCOMPARE(Callbacks::timeoutMessage(90), u"No callback within 90 seconds."_s);

    // The late callback is refused.
    QCOMPARE(call("POST"_ba, route, R"({"ok": true})"_ba, {}).status, 409);

    // A retry runs the callback step again, with a new route.
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/resume"_s.arg(id), "[]"_ba).status, 204);
    const QJsonObject again = waitFor(id, {u"awaiting_callback"_s});
    const QString newRoute = again.value(u"current_state")[u"callback_route"].toString();
    QVERIFY(!newRoute.isEmpty());
    QVERIFY(newRoute != route);
    QCOMPARE(call("POST"_ba, route, R"({"ok": true})"_ba, {}).status, 404);
    QCOMPARE(call("POST"_ba, newRoute, R"({"ok": true})"_ba, {}).status, 200);
    QCOMPARE(waitFor(id, {u"completed"_s, u"failed"_s}).value(u"last_status").toString(),
             u"completed"_s);
}

void TestApiCallback::abortWhileAwaiting()
{
    const QJsonObject awaiting = startAwaiting(u"task_callback"_s);
    const QString id = awaiting.value(u"process_id").toString();
    const QString route = awaiting.value(u"current_state")[u"callback_route"].toString();
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/abort"_s.arg(id)).status, 204);
    QCOMPARE(waitFor(id, {u"aborted"_s}).value(u"last_status").toString(), u"aborted"_s);
    QCOMPARE(call("POST"_ba, route, R"({"ok": true})"_ba, {}).status, 409);
}

void TestApiCallback::twoEnginesOneCallback()
{
    // The same callback reaches two engines at once: one takes it, the other refuses it.
    const QJsonObject awaiting = startAwaiting(u"task_callback"_s);
    const QString id = awaiting.value(u"process_id").toString();
    CallbackRequest request;
    request.token =
        awaiting.value(u"current_state")[u"callback_route"].toString().section(u'/', -1);
    request.body = QJsonObject {{u"ok"_s, true}};
    request.actor.name = u"callback"_s;
    request.actor.origin = u"rest"_s;
    const QFuture<ActionResult> first = m_engine->callback(id, request);
    const QFuture<ActionResult> second = m_second->callback(id, request);
    const ActionResult a = testsupport::await(first);
    const ActionResult b = testsupport::await(second);
    QCOMPARE(int(a.ok()) + int(b.ok()), 1);
    const ActionResult &refused = a.ok() ? b : a;
    QCOMPARE(refused.outcome, ActionResult::Outcome::NotAllowed);
    const QJsonObject done = waitFor(id, {u"completed"_s, u"failed"_s});
    QCOMPARE(done.value(u"last_status").toString(), u"completed"_s);
    int successes = 0;
    for (const QJsonValue &step : done.value(u"steps").toArray())
        successes += step[u"name"] == "Run the job"_L1 && step[u"status"] == "success"_L1;
    QCOMPARE(successes, 1);
}

void TestApiCallback::malformed_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("not JSON") << QString() << "{nope"_ba << 400;
    QTest::newRow("empty") << QString() << QByteArray() << 400;
    QTest::newRow("a list") << QString() << "[1, 2]"_ba << 422;
    QTest::newRow("a string") << QString() << "\"done\""_ba << 422;
    QTest::newRow("two values") << QString() << "1, 2"_ba << 400;
    QTest::newRow("progress not JSON") << u"/progress"_s << "{nope"_ba << 400;
}

void TestApiCallback::malformed()
{
    QFETCH(QString, suffix);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(
        call("POST"_ba, u"/api/processes/%1/callback/abc%2"_s.arg(id, suffix), body, {}).status,
        status);
    QCOMPARE(call("POST"_ba, u"/api/processes/not-a-uuid/callback/abc"_s, "{}"_ba, {}).status, 422);
}

void TestApiCallback::openApiListsRoutes()
{
    const QJsonObject paths = call("GET"_ba, u"/api/openapi.json"_s).object()[u"paths"].toObject();
    for (const QString &path : {u"/api/processes/{process_id}/callback/{token}"_s,
                                u"/api/processes/{process_id}/callback/{token}/progress"_s}) {
        const QJsonObject post = paths.value(path)[u"post"].toObject();
        QVERIFY2(!post.isEmpty(), qPrintable(path));
        // No bearer token for these two.
        QCOMPARE(post.value(u"security").toArray(), QJsonArray());
    }
}

QTEST_MAIN(TestApiCallback)
#include "tst_apicallback.moc"
