// The REST API over real HTTP on loopback: a server on a free port in front of an engine with
// the test packs, on SQLite or (WFO_TEST_BACKEND=postgresql) PostgreSQL. Every route and status
// code of docs/api.md, the 510 form loop, tokens and permissions, and malformed requests.
#include "enginewaiter.h"
#include "routerpack.h"
#include "testdatabase.h"
#include "testpack.h"

#include "api/apiserver.h"
#include "api/apschedulertrigger.h"
#include "api/openapi.h"
#include "core/actions.h"
#include "domain/subscriptionmodel.h"
#include "forms/core/field.h"
#include "queries/operators.h"
#include "schedule/cronexpression.h"
#include "services/installation.h"
#include "services/subscriptionsteps.h"
#include "store/operatorrepository.h"
#include "store/timestamps.h"
#include "store/tokenrepository.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSslError>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTimer>
#include <QWebSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

const QByteArray adminToken = "admin-token-0123456789abcdef"_ba;
const QByteArray viewerToken = "viewer-token-0123456789abcdef"_ba;

// Two products served by one create workflow, whose last page is a summary: the product page
// comes first, and hasNext turns false on the summary.
class TwinPack final : public ProductPack
{
public:
    QString name() const override { return u"twin"_s; }
    void install(PackContext &context) override
    {
        context.addProductBlock({u"TwinBlock"_s, u"A twin"_s, u"TWN"_s, {}, {}});
        for (const QString &name : {u"Twin A"_s, u"Twin B"_s})
            context.addProduct(
                {name, u"Twins"_s, u"Twin"_s, u"Twin"_s, {}, {{u"twin"_s, u"TwinBlock"_s, 1, 1}}});
        const forms::FormGenerator form = [](forms::FormSession &session) {
            session.page(forms::FormPage(u"Customer"_s, {forms::Field::text(u"customer_id"_s)}));
            session.page(forms::FormPage(
                u"Summary"_s,
                {forms::Field::summary(u"summary"_s, {{u"Field"_s}, {u"customer"_s}, {}})}));
            return QJsonObject();
        };
        const Step construct = step(u"Construct twin"_s, [](const StepContext &c) {
            QJsonObject sub = subscriptions::create(c, c.get<QString>(u"product"),
                                                    c.get<QString>(u"customer_id"));
            sub.insert(u"twin"_s, subscriptions::newBlock(u"TwinBlock"_s));
            sub.insert(u"description"_s, u"Twin"_s);
            return QJsonObject {{u"subscription"_s, sub}};
        });
        context.addWorkflow(createWorkflow(u"create_twin"_s, "Create twin", form, Lifecycle::Active,
                                           begin >> construct),
                            u"Twin"_s, u"Twin%"_s);
    }
};

struct Reply
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

} // namespace

class TestApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void healthAndCatalogue();
    void tokens();
    void createFormLoop();
    void productPageFirst();
    void invalidInput();
    void workflowOnSubscription();
    void unknownWorkflow();
    void enginePaused();
    void resumeWithInput();
    void retryFailed();
    void abortProcess();
    void deleteTask();
    void permissions();
    void processListAndCounts();
    void malformedRequests();
    void malformedRequests_data();
    void serverSurvivesMalformed();
    void subscriptions();
    void settingsStatus();
    void noteResetAndSkip();
    void resumeAll();
    void setInSyncAndWorkflows();
    void workerStatusAndAudit();
    void sorting();
    void apSchedulerTriggers_data();
    void apSchedulerTriggers();
    void schedules();
    void bulkStart();
    void databaseTokens();
    void eventsWebSocket();
    void httpsOnly();
    void openApiCoversRoutes();

private:
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &token = adminToken);
    Reply callOn(quint16 port, const QByteArray &method, const QString &path,
                 const QByteArray &body, const QByteArray &token,
                 const QString &scheme = u"http"_s);
    // Polls the process until its last_status is one of `statuses`.
    QJsonObject waitFor(const QString &processId, const QStringList &statuses);
    QString createRouter(const QString &hostname);

    std::unique_ptr<TestDatabase> m_database;
    testsupport::RouterPack m_routers;
    testpack::TestPack m_tests;
    TwinPack m_twins;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<api::ApiServer> m_server;
    QNetworkAccessManager m_network;
    QTemporaryFile m_flag;
};

void TestApi::initTestCase()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    m_installation = std::make_unique<Installation>();
    m_installation->addPack(m_routers);
    m_installation->addPack(m_tests);
    m_installation->addPack(m_twins);
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

    // Two operators: the tokens act as them, with their roles.
    {
        const store::Database db(m_database->url());
        store::OperatorRepository(db).save({u"admin"_s, QString(), u"admin"_s, true, {}, {}});
        store::OperatorRepository(db).save({u"viewer"_s, QString(), u"viewer"_s, true, {}, {}});
        db.closeThreadConnection();
    }
    api::ApiOptions apiOptions;
    apiOptions.port = 0;
    apiOptions.tokens = api::TokenFile::parse(
        adminToken + " admin\n# a comment\n\n" + viewerToken + " viewer\n", &error);
    QVERIFY2(apiOptions.tokens, qPrintable(error));
    m_server = std::make_unique<api::ApiServer>(m_engine.get(), apiOptions);
    QVERIFY2(m_server->listen(&error), qPrintable(error));
    QVERIFY(m_server->port() > 0);
    QVERIFY(m_flag.open());
}

void TestApi::cleanupTestCase()
{
    m_server.reset();
    if (m_engine) {
        QSignalSpy stopped(m_engine.get(), &Engine::stopped);
        m_engine->shutdown();
        stopped.wait(10000);
    }
    m_engine.reset();
}

Reply TestApi::call(const QByteArray &method, const QString &path, const QByteArray &body,
                    const QByteArray &token)
{
    return callOn(m_server->port(), method, path, body, token);
}

Reply TestApi::callOn(quint16 port, const QByteArray &method, const QString &path,
                      const QByteArray &body, const QByteArray &token, const QString &scheme)
{
    QUrl url(u"%1://127.0.0.1:%2"_s.arg(scheme).arg(port));
    const qsizetype question = path.indexOf(u'?');
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!token.isEmpty())
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + token);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    // The HTTPS test's server has a certificate of its own making.
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.status == 0)
        result.body = reply->errorString().toUtf8();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return result;
}

QJsonObject TestApi::waitFor(const QString &processId, const QStringList &statuses)
{
    QJsonObject process;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        const Reply reply = call("GET"_ba, u"/api/processes/"_s + processId);
        process = reply.object();
        if (statuses.contains(process.value(u"last_status").toString()))
            return process;
        QTest::qWait(50);
    }
    return process;
}

QString TestApi::createRouter(const QString &hostname)
{
    const Reply started = call("POST"_ba, u"/api/processes/create_test_router"_s,
                               QJsonDocument(QJsonArray {QJsonObject {{u"customer_id"_s, u"c1"_s},
                                                                      {u"hostname"_s, hostname}}})
                                   .toJson());
    if (started.status != 201)
        return QString();
    const QJsonObject process = waitFor(started.object().value(u"id").toString(), {u"completed"_s});
    return process.value(u"subscriptions")
        .toArray()
        .at(0)
        .toObject()
        .value(u"subscription_id")
        .toString();
}

void TestApi::healthAndCatalogue()
{
    Reply reply = call("GET"_ba, u"/api/health"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, "\"OK\""_ba);
    QCOMPARE(call("GET"_ba, u"/api/health/"_s).status, 200);

    reply = call("GET"_ba, u"/api/products/"_s);
    QCOMPARE(reply.status, 200);
    QJsonObject router;
    for (const QJsonValue &product : reply.array()) {
        if (product[u"name"] == "Test Router"_L1)
            router = product.toObject();
    }
    QCOMPARE(router.value(u"tag").toString(), u"TestRouter"_s);
    QVERIFY(!router.value(u"product_id").toString().isEmpty());
    QVERIFY(!router.value(u"status").toString().isEmpty());
    bool linked = false;
    for (const QJsonValue &workflow : router.value(u"workflows").toArray())
        linked |=
            workflow[u"name"] == "create_test_router"_L1 && workflow[u"target"] == "CREATE"_L1;
    QVERIFY(linked);

    reply = call("GET"_ba, u"/api/workflows"_s);
    QCOMPARE(reply.status, 200);
    bool found = false;
    for (const QJsonValue &workflow : reply.array())
        found |= workflow[u"name"] == "test_steps"_L1 && workflow[u"is_task"].toBool();
    QVERIFY(found);
}

void TestApi::tokens()
{
    Reply reply = call("GET"_ba, u"/api/products/"_s, {}, {});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.headers.value("www-authenticate"), "Bearer"_ba);
    QCOMPARE(reply.object().value(u"status").toInt(), 401);
    QCOMPARE(call("GET"_ba, u"/api/products/"_s, {}, "wrong-token-0123456789abcdef"_ba).status,
             401);
    QCOMPARE(call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba, "nope"_ba).status, 401);
    // The description of the API is public.
    QCOMPARE(call("GET"_ba, u"/api/openapi.json"_s, {}, {}).status, 200);

    QString error;
    QVERIFY(!api::TokenFile::parse("short admin\n"_ba, &error));
    QVERIFY(!api::TokenFile::parse("only-one-field-here-0123456789\n"_ba, &error));
    QVERIFY(!api::TokenFile::parse("# nothing\n"_ba, &error));
}

void TestApi::createFormLoop()
{
    // No inputs: the workflow's own first page (one product, so no product page).
    Reply reply = call("POST"_ba, u"/api/processes/create_test_router"_s, "[]"_ba);
    QCOMPARE(reply.status, 510);
    QJsonObject body = reply.object();
    QCOMPARE(body.value(u"type").toString(), u"FormNotCompleteError"_s);
    QVERIFY(body.value(u"form")[u"properties"].toObject().contains(u"customer_id"));
    QVERIFY(body.value(u"meta")[u"hasNext"].isBool());

    reply = call("POST"_ba, u"/api/processes/create_test_router"_s,
                 R"([{"customer_id": "c1", "hostname": "ams-rt1"}])"_ba);
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"id").toString();
    QVERIFY(!QUuid::fromString(id).isNull());

    const QJsonObject process = waitFor(id, {u"completed"_s, u"failed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);
    QCOMPARE(process.value(u"process_id").toString(), id);
    QCOMPARE(process.value(u"workflow_name").toString(), u"create_test_router"_s);
    QCOMPARE(process.value(u"workflow_target").toString(), u"CREATE"_s);
    QCOMPARE(process.value(u"is_task").toBool(), false);
    QCOMPARE(process.value(u"created_by").toString(), u"admin"_s);
    QVERIFY(process.value(u"started_at").isDouble());
    QVERIFY(process.value(u"last_modified_at").isDouble());
    QVERIFY(process.value(u"failed_reason").isNull());
    QVERIFY(process.value(u"form").isNull());
    QCOMPARE(process.value(u"current_state")[u"hostname"].toString(), u"ams-rt1"_s);
    const QJsonArray steps = process.value(u"steps").toArray();
    QVERIFY(steps.size() >= 3);
    bool constructed = false;
    for (const QJsonValue &step : steps) {
        QVERIFY(step[u"started"].isDouble());
        QVERIFY(step[u"state_delta"].isObject());
        constructed |= step[u"name"] == "Construct router"_L1 && step[u"status"] == "success"_L1;
    }
    QVERIFY(constructed);
    const QJsonObject subscription = process.value(u"subscriptions")[0].toObject();
    QCOMPARE(subscription.value(u"status").toString(), u"provisioning"_s);
    QCOMPARE(subscription.value(u"product")[u"name"].toString(), u"Test Router"_s);
}

void TestApi::productPageFirst()
{
    Reply reply = call("POST"_ba, u"/api/processes/create_twin"_s, "[]"_ba);
    QCOMPARE(reply.status, 510);
    const QJsonObject form = reply.object().value(u"form").toObject();
    QVERIFY(form.value(u"properties").toObject().contains(u"product"));
    QCOMPARE(reply.object().value(u"meta")[u"hasNext"].toBool(), true);
    // The choices are the two products' ids.
    const QByteArray schema = QJsonDocument(form).toJson();
    reply = call("GET"_ba, u"/api/products/"_s);
    QString twinA;
    for (const QJsonValue &product : reply.array()) {
        if (product[u"name"] == "Twin A"_L1)
            twinA = product[u"product_id"].toString();
    }
    QVERIFY(!twinA.isEmpty());
    QVERIFY(schema.contains(twinA.toUtf8()));

    const QJsonObject productPage {{u"product"_s, twinA}};
    reply = call("POST"_ba, u"/api/processes/create_twin"_s,
                 QJsonDocument(QJsonArray {productPage}).toJson());
    QCOMPARE(reply.status, 510);
    QVERIFY(reply.object().value(u"form")[u"properties"].toObject().contains(u"customer_id"));
    QCOMPARE(reply.object().value(u"meta")[u"hasNext"].toBool(), true);

    reply = call(
        "POST"_ba, u"/api/processes/create_twin"_s,
        QJsonDocument(QJsonArray {productPage, QJsonObject {{u"customer_id"_s, u"x"_s}}}).toJson());
    QCOMPARE(reply.status, 510);
    // The summary is the last page.
    QCOMPARE(reply.object().value(u"meta")[u"hasNext"].toBool(), false);

    reply = call("POST"_ba, u"/api/processes/create_twin"_s,
                 QJsonDocument(QJsonArray {productPage, QJsonObject {{u"customer_id"_s, u"x"_s}},
                                           QJsonObject {}})
                     .toJson());
    QCOMPARE(reply.status, 201);
    const QJsonObject process =
        waitFor(reply.object().value(u"id").toString(), {u"completed"_s, u"failed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);
    QCOMPARE(process.value(u"product_id").toString(), twinA);

    // A product that does not exist is a validation error on the product field.
    reply = call("POST"_ba, u"/api/processes/create_twin"_s, R"([{"product": "Nope"}])"_ba);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"validation_errors")[0][u"loc"][0].toString(), u"product"_s);
}

void TestApi::invalidInput()
{
    const Reply reply = call("POST"_ba, u"/api/processes/test_initial_form"_s,
                             R"([{"customer_id": "c"}, {"role_id": "bogus"}])"_ba);
    QCOMPARE(reply.status, 400);
    const QJsonObject body = reply.object();
    QCOMPARE(body.value(u"type").toString(), u"FormValidationError"_s);
    const QJsonObject error = body.value(u"validation_errors")[0].toObject();
    QCOMPARE(error.value(u"loc")[0].toString(), u"role_id"_s);
    QVERIFY(!error.value(u"msg").toString().isEmpty());
    QVERIFY(!error.value(u"type").toString().isEmpty());
}

void TestApi::workflowOnSubscription()
{
    const QString subscription = createRouter(u"lon-rt1"_s);
    QVERIFY(!subscription.isEmpty());

    // Without inputs, a workflow on a subscription first asks which.
    Reply reply = call("POST"_ba, u"/api/processes/modify_test_router"_s, "[]"_ba);
    QCOMPARE(reply.status, 510);
    QVERIFY(reply.object().value(u"form")[u"properties"].toObject().contains(u"subscription_id"));

    // validate_test_router is usable on active subscriptions only: blocked, with the reason.
    const QByteArray onSubscription =
        QJsonDocument(QJsonArray {QJsonObject {{u"subscription_id"_s, subscription}}}).toJson();
    reply = call("POST"_ba, u"/api/processes/validate_test_router"_s, onSubscription);
    QCOMPARE(reply.status, 412);
    QCOMPARE(reply.object().value(u"reason")[u"code"].toString(),
             u"subscription.no_modify_invalid_status"_s);
    QVERIFY(!reply.object().value(u"detail").toString().isEmpty());

    reply = call("POST"_ba, u"/api/processes/modify_test_router"_s, onSubscription);
    QCOMPARE(reply.status, 201);
    const QJsonObject process =
        waitFor(reply.object().value(u"id").toString(), {u"completed"_s, u"failed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);
    QCOMPARE(process.value(u"subscriptions")[0][u"status"].toString(), u"active"_s);

    reply = call("POST"_ba, u"/api/processes/modify_test_router"_s,
                 R"([{"subscription_id": "00000000-0000-4000-8000-000000000000"}])"_ba);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"validation_errors")[0][u"loc"][0].toString(),
             u"subscription_id"_s);
}

void TestApi::unknownWorkflow()
{
    const Reply reply = call("POST"_ba, u"/api/processes/no_such_workflow"_s, "[]"_ba);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.object().value(u"title").toString(), u"Not Found"_s);
}

void TestApi::enginePaused()
{
    QVERIFY(testsupport::await(m_engine->pause(Actor(u"admin"_s))).ok());
    Reply reply = call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba);
    QCOMPARE(reply.status, 503);
    reply =
        call("PUT"_ba,
             u"/api/processes/%1/resume"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
             "[]"_ba);
    QCOMPARE(reply.status, 503);
    QVERIFY(testsupport::await(m_engine->unpause(Actor(u"admin"_s))).ok());
    QTRY_COMPARE(m_engine->state(), EngineState::Running);
    QCOMPARE(call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba).status, 201);
}

void TestApi::resumeWithInput()
{
    Reply reply = call("POST"_ba, u"/api/processes/test_input"_s, "[]"_ba);
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"id").toString();
    QJsonObject process = waitFor(id, {u"suspended"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"suspended"_s);
    QVERIFY(process.value(u"form")[u"properties"].toObject().contains(u"name"));

    const QString resume = u"/api/processes/%1/resume"_s.arg(id);
    reply = call("PUT"_ba, resume, "[]"_ba);
    QCOMPARE(reply.status, 510);
    reply = call("PUT"_ba, resume, R"([{"name": "Ann", "age": 500}])"_ba);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"validation_errors")[0][u"loc"][0].toString(), u"age"_s);
    reply = call("PUT"_ba, resume, R"([{"name": "Ann", "age": 30}])"_ba);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    process = waitFor(id, {u"completed"_s, u"failed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);

    // Not resumable any more; unknown; not a UUID.
    QCOMPARE(call("PUT"_ba, resume, "[]"_ba).status, 409);
    QCOMPARE(
        call("PUT"_ba,
             u"/api/processes/%1/resume"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
             "[]"_ba)
            .status,
        404);
    reply = call("PUT"_ba, u"/api/processes/not-a-uuid/resume"_s, "[]"_ba);
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.object().value(u"detail")[0][u"loc"][1].toString(), u"process_id"_s);
}

void TestApi::retryFailed()
{
    qputenv("WFO_TEST_FLAG_FILE", m_flag.fileName().toUtf8());
    Reply reply = call("POST"_ba, u"/api/processes/test_fail_once"_s, "[]"_ba);
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"id").toString();
    QJsonObject process = waitFor(id, {u"failed"_s, u"completed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"failed"_s);
    QVERIFY(!process.value(u"failed_reason").toString().isEmpty());

    QVERIFY(QFile::remove(m_flag.fileName()));
    reply = call("PUT"_ba, u"/api/processes/%1/resume"_s.arg(id), {});
    QCOMPARE(reply.status, 204);
    process = waitFor(id, {u"completed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);
    qunsetenv("WFO_TEST_FLAG_FILE");
}

void TestApi::abortProcess()
{
    Reply reply = call("POST"_ba, u"/api/processes/test_input"_s, "[]"_ba);
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"id").toString();
    QCOMPARE(waitFor(id, {u"suspended"_s}).value(u"last_status").toString(), u"suspended"_s);
    reply = call("PUT"_ba, u"/api/processes/%1/abort"_s.arg(id));
    QCOMPARE(reply.status, 204);
    const QJsonObject process = waitFor(id, {u"aborted"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"aborted"_s);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/abort"_s.arg(id)).status, 409);
    QCOMPARE(
        call("PUT"_ba,
             u"/api/processes/%1/abort"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
            .status,
        404);
}

void TestApi::deleteTask()
{
    Reply reply = call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba);
    QCOMPARE(reply.status, 201);
    const QString task = reply.object().value(u"id").toString();
    QCOMPARE(waitFor(task, {u"completed"_s}).value(u"last_status").toString(), u"completed"_s);
    QCOMPARE(call("DELETE"_ba, u"/api/processes/"_s + task).status, 204);
    QCOMPARE(call("GET"_ba, u"/api/processes/"_s + task).status, 404);
    QCOMPARE(call("DELETE"_ba, u"/api/processes/"_s + task).status, 404);

    // A workflow on a subscription is never deleted.
    reply = call("GET"_ba, u"/api/processes/?filter=istask,false&range=0,1"_s);
    QCOMPARE(reply.status, 200);
    const QString workflow = reply.array().at(0)[u"process_id"].toString();
    QVERIFY(!workflow.isEmpty());
    QCOMPARE(call("DELETE"_ba, u"/api/processes/"_s + workflow).status, 400);
}

void TestApi::permissions()
{
    // A viewer may read...
    QCOMPARE(call("GET"_ba, u"/api/processes/"_s, {}, viewerToken).status, 200);
    // ...but not start: 403 with the reason, and the refusal is audited as a REST call.
    const Reply reply = call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba, viewerToken);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.object().value(u"reason")[u"code"].toString(), u"permission.denied"_s);
    QVERIFY(reply.object().value(u"detail").toString().contains(u"viewer"_s));

    const store::Database db(m_database->url());
    queries::AuditQueryFilter filter;
    filter.actor = u"viewer"_s;
    const QJsonArray trail = queries::OperatorQueries::auditTrail(db, filter);
    db.closeThreadConnection();
    QVERIFY(!trail.isEmpty());
    const QJsonObject row = trail.first().toObject();
    QCOMPARE(row.value(u"origin").toString(), u"rest"_s);
    QCOMPARE(row.value(u"host").toString(), u"127.0.0.1"_s);
    QCOMPARE(row.value(u"allowed").toBool(), false);
    QCOMPARE(row.value(u"action").toString(), u"start"_s);

    // Nor resume, abort or delete.
    const QString any = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Reply started = call("POST"_ba, u"/api/processes/test_input"_s, "[]"_ba);
    const QString id = started.object().value(u"id").toString();
    QCOMPARE(waitFor(id, {u"suspended"_s}).value(u"last_status").toString(), u"suspended"_s);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/abort"_s.arg(id), {}, viewerToken).status, 403);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/resume"_s.arg(id),
                  R"([{"name": "V", "age": 3}])"_ba, viewerToken)
                 .status,
             403);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/abort"_s.arg(id)).status, 204);
    Q_UNUSED(any)
}

void TestApi::processListAndCounts()
{
    Reply reply = call("GET"_ba, u"/api/processes/?filter=istask,true&range=0,2"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray rows = reply.array();
    QVERIFY(!rows.isEmpty() && rows.size() <= 2);
    for (const QJsonValue &row : rows)
        QVERIFY(row[u"is_task"].toBool());
    QVERIFY(reply.headers.value("content-range").startsWith("processes 0-2/"));

    reply = call("GET"_ba, u"/api/processes?filter=status,completed-aborted"_s);
    QCOMPARE(reply.status, 200);
    for (const QJsonValue &row : reply.array())
        QVERIFY(row[u"last_status"] == "completed"_L1 || row[u"last_status"] == "aborted"_L1);
    QVERIFY(!reply.array().isEmpty());

    QCOMPARE(call("GET"_ba, u"/api/processes/?filter=colour,red"_s).status, 400);
    QCOMPARE(call("GET"_ba, u"/api/processes/?filter=status"_s).status, 400);
    QCOMPARE(call("GET"_ba, u"/api/processes/?filter=status,sleeping"_s).status, 400);
    QCOMPARE(call("GET"_ba, u"/api/processes/?range=5,2"_s).status, 400);

    reply = call("GET"_ba, u"/api/processes/status-counts"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject counts = reply.object();
    QVERIFY(counts.value(u"process_counts")[u"completed"].toInt() >= 1);
    QVERIFY(counts.value(u"task_counts")[u"completed"].toInt() >= 1);
    QVERIFY(!counts.value(u"task_counts").toObject().contains(u"running"));
}

void TestApi::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("bad json") << "POST"_ba << u"/api/processes/test_steps"_s << "{["_ba << 400;
    QTest::newRow("object, not list")
        << "POST"_ba << u"/api/processes/test_steps"_s << R"({"a": 1})"_ba << 400;
    QTest::newRow("list of numbers")
        << "POST"_ba << u"/api/processes/test_steps"_s << "[1, 2]"_ba << 400;
    QTest::newRow("resume bad json")
        << "PUT"_ba << u"/api/processes/00000000-0000-4000-8000-000000000000/resume"_s << "nul"_ba
        << 400;
    QTest::newRow("huge body") << "POST"_ba << u"/api/processes/test_steps"_s
                               << QByteArray(2 * 1024 * 1024, ' ') << 413;
    QTest::newRow("unknown route") << "GET"_ba << u"/api/nothing/here"_s << QByteArray() << 404;
    QTest::newRow("outside the api") << "GET"_ba << u"/"_s << QByteArray() << 404;
    QTest::newRow("wrong method") << "PATCH"_ba << u"/api/health"_s << QByteArray() << 405;
    QTest::newRow("bad uuid") << "GET"_ba << u"/api/processes/1234"_s << QByteArray() << 422;
    QTest::newRow("braced uuid") << "GET"_ba
                                 << u"/api/processes/{00000000-0000-4000-8000-000000000000}"_s
                                 << QByteArray() << 422;
    QTest::newRow("settings not bool")
        << "PUT"_ba << u"/api/settings/status"_s << R"({"global_lock": "yes"})"_ba << 400;
    QTest::newRow("long search") << "GET"_ba
                                 << u"/api/subscriptions/search?query="_s + QString(600, u'a')
                                 << QByteArray() << 400;
}

void TestApi::malformedRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const Reply reply = call(method, path, body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.object().value(u"status").toInt(status), status);
}

void TestApi::serverSurvivesMalformed()
{
    // A client that hangs up before the answer, and raw garbage: the server stays up.
    for (int i = 0; i < 5; ++i) {
        QNetworkRequest request(
            QUrl(u"http://127.0.0.1:%1/api/processes/status-counts"_s.arg(m_server->port())));
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + adminToken);
        QNetworkReply *reply = m_network.get(request);
        reply->abort();
        reply->deleteLater();
    }
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("\x01\x02 NOT HTTP AT ALL\r\n\r\n");
    raw.waitForBytesWritten(1000);
    QTest::qWait(200);
    raw.abort();
    QCOMPARE(call("GET"_ba, u"/api/health"_s).status, 200);
}

void TestApi::subscriptions()
{
    const QString subscription = createRouter(u"chi-cr5"_s);
    QVERIFY(!subscription.isEmpty());
    Reply reply = call("GET"_ba, u"/api/subscriptions/domain-model/"_s + subscription);
    QCOMPARE(reply.status, 200);
    const QJsonObject model = reply.object();
    QCOMPARE(model.value(u"subscription_id").toString(), subscription);
    QCOMPARE(model.value(u"product")[u"name"].toString(), u"Test Router"_s);
    QCOMPARE(model.value(u"router")[u"hostname"].toString(), u"chi-cr5"_s);
    QCOMPARE(call("GET"_ba,
                  u"/api/subscriptions/domain-model/"_s
                      + QUuid::createUuid().toString(QUuid::WithoutBraces))
                 .status,
             404);
    QCOMPARE(call("GET"_ba, u"/api/subscriptions/domain-model/xyz"_s).status, 422);

    reply = call("GET"_ba, u"/api/subscriptions/search?query=chi-cr5&range=0,10"_s);
    QCOMPARE(reply.status, 200);
    bool found = false;
    for (const QJsonValue &row : reply.array())
        found |= row[u"subscription_id"] == subscription;
    QVERIFY2(found, reply.body.constData());
    QVERIFY(reply.headers.value("content-range").startsWith("subscriptions 0-10/"));
}

void TestApi::settingsStatus()
{
    Reply reply = call("GET"_ba, u"/api/settings/status"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"global_lock").toBool(), false);
    QCOMPARE(reply.object().value(u"global_status").toString(), u"RUNNING"_s);
    QVERIFY(reply.object().value(u"running_processes").isDouble());

    QCOMPARE(call("PUT"_ba, u"/api/settings/status"_s, R"({"global_lock": true})"_ba, viewerToken)
                 .status,
             403);
    reply = call("PUT"_ba, u"/api/settings/status"_s, R"({"global_lock": true})"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"global_lock").toBool(), true);
    QCOMPARE(call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba).status, 503);
    reply = call("PUT"_ba, u"/api/settings/status"_s, R"({"global_lock": false})"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"global_lock").toBool(), false);
    QTRY_COMPARE(m_engine->state(), EngineState::Running);
}

void TestApi::openApiCoversRoutes()
{
    const QJsonObject document = api::OpenApi::document();
    QCOMPARE(document.value(u"openapi").toString(), u"3.0.3"_s);
    const QJsonObject paths = document.value(u"paths").toObject();
    auto normal = [](QString path) {
        while (path.endsWith(u'/'))
            path.chop(1);
        return path;
    };
    QHash<QString, QJsonObject> byPath;
    for (auto it = paths.begin(); it != paths.end(); ++it)
        byPath.insert(normal(it.key()), it.value().toObject());
    for (const api::ApiRouter::Route &route : m_server->router().routes()) {
        const QJsonObject item = byPath.value(normal(route.pattern));
        QVERIFY2(item.contains(QString::fromLatin1(route.method.toLower())),
                 qPrintable(QString::fromLatin1(route.method) + u' ' + route.pattern));
    }
    const Reply reply = call("GET"_ba, u"/api/openapi.json"_s, {}, {});
    QCOMPARE(reply.object(), document);
}

void TestApi::apSchedulerTriggers_data()
{
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QByteArray>("kwargs");
    QTest::addColumn<QString>("kind"); // empty: refused
    QTest::addColumn<QString>("text"); // or a part of the error
    // APScheduler's rule: fields below the least significant one given take their minimum.
    QTest::newRow("hour") << u"cron"_s << R"({"hour": 2})"_ba << u"cron"_s << u"0 2 * * *"_s;
    QTest::newRow("hour minute") << u"cron"_s << R"({"hour": 2, "minute": 30})"_ba << u"cron"_s
                                 << u"30 2 * * *"_s;
    QTest::newRow("month") << u"cron"_s << R"({"month": "6"})"_ba << u"cron"_s << u"0 0 1 6 *"_s;
    QTest::newRow("minute only") << u"cron"_s << R"({"minute": "*/15"})"_ba << u"cron"_s
                                 << u"*/15 * * * *"_s;
    // APScheduler counts weekdays from Monday (0), cron from Sunday: names in between.
    QTest::newRow("weekdays") << u"cron"_s << R"({"day_of_week": "0-4", "hour": 7})"_ba << u"cron"_s
                              << u"0 7 * * mon-fri"_s;
    QTest::newRow("sunday") << u"cron"_s << R"({"day_of_week": 6})"_ba << u"cron"_s
                            << u"0 0 * * sun"_s;
    QTest::newRow("every other day")
        << u"cron"_s << R"({"day_of_week": "*/2"})"_ba << u"cron"_s << u"0 0 * * mon-sun/2"_s;
    QTest::newRow("second zero") << u"cron"_s << R"({"minute": 5, "second": 0})"_ba << u"cron"_s
                                 << u"5 * * * *"_s;
    QTest::newRow("expression") << u"cron"_s << R"({"expression": "10 0 * * *"})"_ba << u"cron"_s
                                << u"10 0 * * *"_s;
    // Found by fuzz_apirequest: the cron parser took a line break between two fields, the
    // fields shown back did not, so the schedule could not be read back.
    QTest::newRow("expression with a line break")
        << u"cron"_s << R"({"expression": "*/5 1-3\r* jan-mar\tmon-fri"})"_ba << u"cron"_s
        << u"*/5 1-3 * jan-mar mon-fri"_s;
    QTest::newRow("interval") << u"interval"_s << R"({"hours": 1, "minutes": 30})"_ba
                              << u"interval"_s << u"1h30m"_s;
    QTest::newRow("weeks") << u"interval"_s << R"({"weeks": 1})"_ba << u"interval"_s << u"7d"_s;
    QTest::newRow("date") << u"date"_s << R"({"run_date": "2030-01-02T03:04:00Z"})"_ba << u"once"_s
                          << u"2030-01-02T03:04:00Z"_s;
    QTest::newRow("minute 61") << u"cron"_s << R"({"minute": 61})"_ba << QString() << u"61"_s;
    QTest::newRow("huge number") << u"cron"_s << R"({"minute": 1e300})"_ba << QString()
                                 << u"whole number"_s;
    QTest::newRow("seconds") << u"cron"_s << R"({"second": 30})"_ba << QString() << u"second"_s;
    QTest::newRow("nothing") << u"cron"_s << R"({})"_ba << QString() << u"at least one"_s;
    QTest::newRow("year") << u"cron"_s << R"({"year": 2030})"_ba << QString() << u"year"_s;
    QTest::newRow("too often") << u"interval"_s << R"({"seconds": 30})"_ba << QString()
                               << u"minute"_s;
    QTest::newRow("negative") << u"interval"_s << R"({"hours": -1})"_ba << QString() << u"hours"_s;
    QTest::newRow("no run_date") << u"date"_s << R"({})"_ba << QString() << u"run_date"_s;
    QTest::newRow("bad zone") << u"cron"_s << R"({"hour": 1, "timezone": "Mars/Olympus"})"_ba
                              << QString() << u"Mars/Olympus"_s;
    QTest::newRow("unknown trigger")
        << u"calendar"_s << R"({})"_ba << QString() << u"interval, cron and date"_s;
}

void TestApi::apSchedulerTriggers()
{
    QFETCH(QString, trigger);
    QFETCH(QByteArray, kwargs);
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QString error;
    const std::optional<api::StoredTrigger> stored = api::ApSchedulerTrigger::fromCore(
        trigger, QJsonDocument::fromJson(kwargs).object(), &error);
    if (kind.isEmpty()) {
        QVERIFY(!stored);
        QVERIFY2(error.contains(text), qPrintable(error));
        return;
    }
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->kind, kind);
    QCOMPARE(stored->text, text);
    // And back: what core's clients read of it describes the same times.
    const QJsonObject back = api::ApSchedulerTrigger::coreKwargs(*stored);
    QCOMPARE(api::ApSchedulerTrigger::coreName(kind), trigger);
    const std::optional<api::StoredTrigger> again =
        api::ApSchedulerTrigger::fromCore(trigger, back, &error);
    QVERIFY2(again, qPrintable(error));
    if (kind == "cron"_L1) {
        // The same minutes of the same days over two weeks.
        QString cronError;
        const auto first = schedule::CronExpression::parse(stored->text, &cronError);
        const auto second = schedule::CronExpression::parse(again->text, &cronError);
        QVERIFY(first && second);
        for (int day = 0; day < 14; ++day) {
            const QDate date = QDate(2030, 1, 1).addDays(day);
            QCOMPARE(first->matchesDate(date), second->matchesDate(date));
        }
    } else {
        QCOMPARE(again->text, stored->text);
    }
}

void TestApi::schedules()
{
    // The defaults, with core's trigger names and kwargs.
    Reply reply = call("GET"_ba, u"/api/schedules/"_s);
    QCOMPARE(reply.status, 200);
    QJsonObject nightly;
    for (const QJsonValue &row : reply.array()) {
        if (row[u"schedule_id"] == "validate-subscriptions"_L1)
            nightly = row.toObject();
    }
    QVERIFY2(!nightly.isEmpty(), reply.body.constData());
    QCOMPARE(nightly.value(u"workflow_name").toString(), u"task_validate_subscriptions"_s);
    QCOMPARE(nightly.value(u"trigger").toString(), u"cron"_s);
    QCOMPARE(nightly.value(u"trigger_kwargs")[u"hour"].toString(), u"0"_s);
    QCOMPARE(nightly.value(u"trigger_kwargs")[u"minute"].toString(), u"10"_s);

    // Create as core's clients do: 201, the id made from the workflow's name.
    const QByteArray create =
        R"({"workflow_name": "task_clean_up_tasks", "workflow_id": "9a1c1f1e-0000-4000-8000-000000000001",
            "name": "Clean up often", "trigger": "interval", "trigger_kwargs": {"hours": 2}})"_ba;
    QCOMPARE(call("POST"_ba, u"/api/schedules/"_s, create, viewerToken).status, 403);
    reply = call("POST"_ba, u"/api/schedules/"_s, create);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value(u"status").toString(), u"CREATED"_s);
    const QString id = reply.object().value(u"schedule_id").toString();
    QCOMPARE(id, u"task-clean-up-tasks"_s);
    reply = call("POST"_ba, u"/api/schedules/"_s, create);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value(u"schedule_id").toString(), u"task-clean-up-tasks-2"_s);
    QCOMPARE(call("DELETE"_ba, u"/api/schedules/task-clean-up-tasks-2"_s).status, 200);

    reply = call("GET"_ba, u"/api/schedules/"_s + id);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"name").toString(), u"Clean up often"_s);
    QCOMPARE(reply.object().value(u"trigger_text").toString(), u"2h"_s);
    QCOMPARE(reply.object().value(u"trigger_kwargs")[u"hours"].toInt(), 2);
    QCOMPARE(reply.object().value(u"enabled").toBool(), true);
    // Two hours after it was added (the engine that starts runs computes the same).
    const QDateTime next =
        QDateTime::fromString(reply.object().value(u"next_run_time").toString(), Qt::ISODateWithMs);
    QVERIFY2(next.isValid(), reply.body.constData());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().addSecs(7200).secsTo(next)) < 120);
    QCOMPARE(reply.object().value(u"next_runs").toArray().size(), 5);
    QVERIFY(reply.object().value(u"last_run_time").isNull());

    // Refusals: what is missing or wrong, and where.
    QCOMPARE(call("POST"_ba, u"/api/schedules/"_s, R"({"trigger": "interval"})"_ba).status, 422);
    QCOMPARE(
        call(
            "POST"_ba, u"/api/schedules/"_s,
            R"({"workflow_name": "nope", "trigger": "interval", "trigger_kwargs": {"hours": 1}})"_ba)
            .status,
        404);
    reply = call(
        "POST"_ba, u"/api/schedules/"_s,
        R"({"workflow_name": "task_clean_up_tasks", "trigger": "cron", "trigger_kwargs": {"minute": 61}})"_ba);
    QCOMPARE(reply.status, 422);
    QVERIFY2(reply.object().value(u"detail").toString().contains(u"61"), reply.body.constData());
    QCOMPARE(call("POST"_ba, u"/api/schedules/"_s, "[1]"_ba).status, 400);
    QCOMPARE(
        call(
            "POST"_ba, u"/api/schedules/"_s,
            R"({"workflow_name": "task_clean_up_tasks", "schedule_id": "validate-products", "trigger": "interval", "trigger_kwargs": {"hours": 1}})"_ba)
            .status,
        409);

    // Update: a new trigger, then disabled.
    reply = call(
        "PUT"_ba, u"/api/schedules/"_s,
        R"({"schedule_id": "task-clean-up-tasks", "trigger": "cron", "trigger_kwargs": {"day_of_week": "0-4", "hour": 6}})"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"status").toString(), u"UPDATED"_s);
    reply = call("GET"_ba, u"/api/schedules/"_s + id);
    QCOMPARE(reply.object().value(u"trigger_text").toString(), u"0 6 * * mon-fri"_s);
    QCOMPARE(reply.object().value(u"trigger_kwargs")[u"day_of_week"].toString(),
             u"mon,tue,wed,thu,fri"_s);
    QCOMPARE(call("PUT"_ba, u"/api/schedules/"_s,
                  R"({"schedule_id": "task-clean-up-tasks", "enabled": false})"_ba)
                 .status,
             200);
    QCOMPARE(call("GET"_ba, u"/api/schedules/"_s + id).object().value(u"enabled").toBool(), false);
    QCOMPARE(call("PUT"_ba, u"/api/schedules/"_s, R"({"schedule_id": "nope", "enabled": false})"_ba)
                 .status,
             404);
    QCOMPARE(call("PUT"_ba, u"/api/schedules/"_s, R"({"enabled": false})"_ba).status, 422);

    // Run now: the workflow starts once, as the caller's own start.
    reply = call("POST"_ba, u"/api/schedules/%1/run"_s.arg(id));
    QCOMPARE(reply.status, 201);
    const QString process = reply.object().value(u"id").toString();
    QCOMPARE(waitFor(process, {u"completed"_s}).value(u"last_status").toString(), u"completed"_s);
    QCOMPARE(call("POST"_ba, u"/api/schedules/nope/run"_s).status, 404);

    // Delete as core's clients do (a body naming it); then it is gone.
    QCOMPARE(call("DELETE"_ba, u"/api/schedules/"_s, R"({"schedule_id": "task-clean-up-tasks"})"_ba,
                  viewerToken)
                 .status,
             403);
    reply = call(
        "DELETE"_ba, u"/api/schedules/"_s,
        R"({"workflow_id": "9a1c1f1e-0000-4000-8000-000000000001", "schedule_id": "task-clean-up-tasks"})"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"status").toString(), u"DELETED"_s);
    QCOMPARE(call("GET"_ba, u"/api/schedules/"_s + id).status, 404);
    QCOMPARE(call("DELETE"_ba, u"/api/schedules/"_s + id).status, 404);

    // Every change is in the audit trail, from the REST API.
    const Reply audit = call("GET"_ba, u"/api/audit?limit=50"_s);
    int changes = 0;
    for (const QJsonValue &row : audit.array()) {
        if (row[u"target_kind"] == "schedule"_L1 && row[u"target_id"] == id
            && row[u"origin"] == "rest"_L1)
            ++changes;
    }
    QVERIFY2(changes >= 5, audit.body.constData()); // add, 2 sets, a refused delete, delete
}

void TestApi::bulkStart()
{
    QStringList routers;
    for (const QString &name : {u"bulk-r1"_s, u"bulk-r2"_s, u"bulk-r3"_s}) {
        routers.append(createRouter(name));
        QVERIFY(!routers.constLast().isEmpty());
    }
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto body = [](const QStringList &ids, bool dryRun) {
        return QJsonDocument(QJsonObject {{u"subscription_ids"_s, QJsonArray::fromStringList(ids)},
                                          {u"dry_run"_s, dryRun}})
            .toJson();
    };
    // A dry run: what would start and what cannot, nothing started.
    Reply reply = call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                       body(routers + QStringList {unknown}, true));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"done").toArray().size(), 3);
    QCOMPARE(reply.object().value(u"refused").toArray().size(), 1);
    QCOMPARE(reply.object().value(u"refused")[0][u"id"].toString(), unknown);
    QVERIFY(!reply.object().contains(u"bulk_id"));

    // Started: one bulk id; it comes along to 100%.
    reply = call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                 body(routers.mid(0, 2), false));
    QCOMPARE(reply.status, 201);
    const QString bulk = reply.object().value(u"bulk_id").toString();
    QVERIFY2(!bulk.isEmpty(), reply.body.constData());
    QCOMPARE(reply.object().value(u"done").toArray().size(), 2);
    QJsonObject progress;
    QTRY_VERIFY_WITH_TIMEOUT((progress = call("GET"_ba, u"/api/processes/bulk/"_s + bulk).object())
                                 .value(u"finished")
                                 .toBool(),
                             30000);
    QCOMPARE(progress.value(u"total").toInt(), 2);
    QCOMPARE(progress.value(u"completed").toInt(), 2);
    QCOMPARE(progress.value(u"action").toString(), u"start"_s);
    QCOMPARE(progress.value(u"workflow").toString(), u"modify_test_router_checked"_s);

    // By a search; a viewer may not; unknown workflow, bad bodies.
    reply = call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                 R"({"query": "bulk-r3", "dry_run": true})"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"done")[0][u"id"].toString(), routers.at(2));
    QCOMPARE(call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                  body(routers, false), viewerToken)
                 .status,
             403);
    QCOMPARE(call("POST"_ba, u"/api/processes/bulk/nope"_s, body(routers, false)).status, 404);
    QCOMPARE(call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s, "{}"_ba).status,
             422);
    QCOMPARE(call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                  R"({"subscription_ids": ["x"]})"_ba)
                 .status,
             422);
    QCOMPARE(call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                  R"({"query": "status:sleepy"})"_ba)
                 .status,
             404); // no subscription matches
    reply = call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s,
                 QJsonDocument(QJsonObject {{u"query"_s, QString(1001, u'x')}}).toJson());
    QVERIFY2(reply.status == 422, reply.body.constData()); // the search says what is wrong
    QVERIFY2(reply.object().value(u"detail").toString().contains(u"1000"_s),
             reply.body.constData());
    QCOMPARE(call("GET"_ba, u"/api/processes/bulk/"_s + unknown).status, 404);
    QCOMPARE(call("GET"_ba, u"/api/processes/bulk/nope"_s).status, 422);

    // Cancel the rest: slow processes still going are aborted, as one audited bulk abort.
    testsupport::RouterPack::checkDelayMs = 1500;
    reply =
        call("POST"_ba, u"/api/processes/bulk/modify_test_router_checked"_s, body(routers, false));
    QCOMPARE(reply.status, 201);
    const QString slow = reply.object().value(u"bulk_id").toString();
    reply = call("PUT"_ba, u"/api/processes/bulk/%1/cancel"_s.arg(slow), {}, viewerToken);
    QCOMPARE(reply.status, 403);
    reply = call("PUT"_ba, u"/api/processes/bulk/%1/cancel"_s.arg(slow));
    QCOMPARE(reply.status, 200);
    QVERIFY2(!reply.object().value(u"done").toArray().isEmpty(), reply.body.constData());
    QTRY_VERIFY_WITH_TIMEOUT((progress = call("GET"_ba, u"/api/processes/bulk/"_s + slow).object())
                                 .value(u"finished")
                                 .toBool(),
                             30000);
    testsupport::RouterPack::checkDelayMs = 0;
    QVERIFY2(progress.value(u"aborted").toInt() >= 1, QJsonDocument(progress).toJson().constData());
    QCOMPARE(progress.value(u"aborted").toInt() + progress.value(u"completed").toInt(), 3);
    // Nothing left to cancel: an empty abort.
    reply = call("PUT"_ba, u"/api/processes/bulk/%1/cancel"_s.arg(slow));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.object().value(u"done").toArray().isEmpty());
}

void TestApi::noteResetAndSkip()
{
    qputenv("WFO_TEST_FLAG_FILE", m_flag.fileName().toUtf8());
    QFile flag(m_flag.fileName());
    QVERIFY(flag.open(QIODevice::WriteOnly));
    flag.close();
    Reply reply = call("POST"_ba, u"/api/processes/test_fail_once"_s, "[]"_ba);
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"id").toString();
    QCOMPARE(waitFor(id, {u"failed"_s}).value(u"last_status").toString(), u"failed"_s);

    // The note: set, shown, removed; a viewer may not.
    QCOMPARE(call("PATCH"_ba, u"/api/processes/"_s + id, R"({"note": "ticket 42"})"_ba).status,
             204);
    QCOMPARE(call("GET"_ba, u"/api/processes/"_s + id).object().value(u"note").toString(),
             u"ticket 42"_s);
    QCOMPARE(call("PATCH"_ba, u"/api/processes/"_s + id, R"({"note": "x"})"_ba, viewerToken).status,
             403);
    QCOMPARE(call("PATCH"_ba, u"/api/processes/"_s + id, R"({"note": 3})"_ba).status, 400);
    QCOMPARE(call("PATCH"_ba, u"/api/processes/"_s + id, "[]"_ba).status, 400);
    QCOMPARE(call("PATCH"_ba, u"/api/processes/"_s + id,
                  QJsonDocument(QJsonObject {{u"note"_s, QString(2001, u'n')}}).toJson())
                 .status,
             400);
    QCOMPARE(call("PATCH"_ba,
                  u"/api/processes/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces),
                  R"({"note": "x"})"_ba)
                 .status,
             404);

    // Reset to the first step: it runs again from there and fails again on the flag.
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/reset"_s.arg(id), R"({"to_step": 0})"_ba).status,
             400);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/reset"_s.arg(id), R"({"to": 1})"_ba).status, 400);
    QCOMPARE(
        call("PUT"_ba, u"/api/processes/%1/reset"_s.arg(id), R"({"to_step": "Nope"})"_ba).status,
        409);
    QCOMPARE(
        call("PUT"_ba, u"/api/processes/%1/reset"_s.arg(id), R"({"to_step": 1})"_ba, viewerToken)
            .status,
        403);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/reset"_s.arg(id), R"({"to_step": 1})"_ba).status,
             204);
    QJsonObject process = waitFor(id, {u"failed"_s, u"completed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"failed"_s);
    int rewound = 0;
    for (const QJsonValue &step : process.value(u"steps").toArray())
        rewound += step[u"rewound_at"].isDouble() ? 1 : 0;
    QVERIFY2(rewound >= 1, QJsonDocument(process.value(u"steps").toArray()).toJson().constData());

    // Skip the failed step: admin only, with a reason.
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/skip"_s.arg(id), R"({"reason": ""})"_ba).status,
             400);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/skip"_s.arg(id), R"({"reason": "by hand"})"_ba,
                  viewerToken)
                 .status,
             403);
    QCOMPARE(
        call("PUT"_ba, u"/api/processes/%1/skip"_s.arg(id), R"({"reason": "fixed by hand"})"_ba)
            .status,
        204);
    process = waitFor(id, {u"completed"_s});
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);
    bool skipped = false;
    for (const QJsonValue &step : process.value(u"steps").toArray())
        skipped |= step[u"status"] == "skipped"_L1;
    QVERIFY(skipped);
    // A completed process is neither reset nor skipped.
    QCOMPARE(
        call("PUT"_ba, u"/api/processes/%1/skip"_s.arg(id), R"({"reason": "again"})"_ba).status,
        409);
    QVERIFY(QFile::remove(m_flag.fileName()));
    qunsetenv("WFO_TEST_FLAG_FILE");
}

void TestApi::resumeAll()
{
    qputenv("WFO_TEST_FLAG_FILE", m_flag.fileName().toUtf8());
    QFile flag(m_flag.fileName());
    QVERIFY(flag.open(QIODevice::WriteOnly));
    flag.close();
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        const Reply reply = call("POST"_ba, u"/api/processes/test_fail_once"_s, "[]"_ba);
        QCOMPARE(reply.status, 201);
        ids.append(reply.object().value(u"id").toString());
    }
    for (const QString &id : std::as_const(ids))
        QCOMPARE(waitFor(id, {u"failed"_s}).value(u"last_status").toString(), u"failed"_s);
    QVERIFY(QFile::remove(m_flag.fileName()));
    QCOMPARE(call("PUT"_ba, u"/api/processes/resume-all"_s, {}, viewerToken).status, 403);
    Reply reply = call("PUT"_ba, u"/api/processes/resume-all"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.object().value(u"count").toInt() >= 3, reply.body.constData());
    for (const QString &id : std::as_const(ids))
        QCOMPARE(waitFor(id, {u"completed"_s}).value(u"last_status").toString(), u"completed"_s);
    // One audited bulk action lists them.
    const Reply audit = call("GET"_ba, u"/api/audit?actor=admin&limit=20"_s);
    bool listed = false;
    for (const QJsonValue &row : audit.array()) {
        if (row[u"target_kind"] == "bulk"_L1)
            listed = QJsonDocument(row.toObject()).toJson().contains(ids.first().toUtf8());
        if (listed)
            break;
    }
    QVERIFY2(listed, audit.body.constData());
    // Nothing left: 0.
    QCOMPARE(call("PUT"_ba, u"/api/processes/resume-all"_s).object().value(u"count").toInt(), 0);
    qunsetenv("WFO_TEST_FLAG_FILE");
}

void TestApi::setInSyncAndWorkflows()
{
    const QString subscription = createRouter(u"ams-rt9"_s);
    QVERIFY(!subscription.isEmpty());
    Reply reply = call("GET"_ba, u"/api/subscriptions/workflows/"_s + subscription);
    QCOMPARE(reply.status, 200);
    QJsonObject workflows = reply.object();
    for (const QString &target : {u"modify"_s, u"terminate"_s, u"validate"_s})
        QVERIFY2(workflows.contains(target), reply.body.constData());
    bool validateBlocked = false;
    for (const QJsonValue &w : workflows.value(u"validate").toArray()) {
        if (w[u"name"] == "validate_test_router"_L1)
            validateBlocked = w[u"reason"][u"code"] == "subscription.no_modify_invalid_status"_L1;
    }
    QVERIFY2(validateBlocked, reply.body.constData());
    QCOMPARE(call("GET"_ba, u"/api/subscriptions/workflows/nope"_s).status, 422);
    QCOMPARE(call("GET"_ba,
                  u"/api/subscriptions/workflows/"_s
                      + QUuid::createUuid().toString(QUuid::WithoutBraces))
                 .status,
             404);

    // A modify workflow that fails leaves the subscription out of sync; set_in_sync refuses
    // while that process is neither completed nor aborted (422, as orchestrator-core).
    testsupport::RouterPack::validationFails = true;
    reply = call(
        "POST"_ba, u"/api/processes/modify_test_router_checked"_s,
        QJsonDocument(QJsonArray {QJsonObject {{u"subscription_id"_s, subscription}}}).toJson());
    QCOMPARE(reply.status, 201);
    const QString process = reply.object().value(u"id").toString();
    QCOMPARE(waitFor(process, {u"failed"_s}).value(u"last_status").toString(), u"failed"_s);
    testsupport::RouterPack::validationFails = false;
    reply = call("GET"_ba, u"/api/subscriptions/domain-model/"_s + subscription);
    QCOMPARE(reply.object().value(u"insync").toBool(), false);
    reply = call("GET"_ba, u"/api/subscriptions/workflows/"_s + subscription);
    QVERIFY(reply.body.contains("subscription.not_in_sync"));

    reply = call("PUT"_ba, u"/api/subscriptions/%1/set_in_sync"_s.arg(subscription));
    QCOMPARE(reply.status, 422);
    QVERIFY(reply.object().value(u"detail").toString().contains(process));
    QCOMPARE(
        call("PUT"_ba, u"/api/subscriptions/%1/set_in_sync"_s.arg(subscription), {}, viewerToken)
            .status,
        403);
    QCOMPARE(call("PUT"_ba, u"/api/processes/%1/abort"_s.arg(process)).status, 204);
    reply = call("PUT"_ba, u"/api/subscriptions/%1/set_in_sync"_s.arg(subscription));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.trimmed(), "null"_ba);
    QCOMPARE(call("GET"_ba, u"/api/subscriptions/domain-model/"_s + subscription)
                 .object()
                 .value(u"insync")
                 .toBool(),
             true);
    // Again: nothing to do, still 200.
    QCOMPARE(call("PUT"_ba, u"/api/subscriptions/%1/set_in_sync"_s.arg(subscription)).status, 200);
    QCOMPARE(call("PUT"_ba,
                  u"/api/subscriptions/%1/set_in_sync"_s.arg(
                      QUuid::createUuid().toString(QUuid::WithoutBraces)))
                 .status,
             404);
}

void TestApi::workerStatusAndAudit()
{
    Reply reply = call("GET"_ba, u"/api/settings/worker-status"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"executor_type").toString(), u"threadpool"_s);
    QVERIFY(reply.object().value(u"number_of_workers_online").toInt() >= 1);
    QVERIFY(reply.object().value(u"number_of_queued_jobs").isDouble());
    QVERIFY(reply.object().value(u"number_of_running_jobs").isDouble());

    // The audit trail holds the REST actions of this suite, newest first.
    reply = call("GET"_ba, u"/api/audit?actor=admin&limit=5"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray rows = reply.array();
    QVERIFY(!rows.isEmpty() && rows.size() <= 5);
    for (const QJsonValue &row : rows) {
        QCOMPARE(row[u"actor"].toString(), u"admin"_s);
        QCOMPARE(row[u"origin"].toString(), u"rest"_s);
    }
    QVERIFY(rows.at(0)[u"at"].toString() >= rows.last()[u"at"].toString());
    QCOMPARE(call("GET"_ba, u"/api/audit?limit=0"_s).status, 400);
    QCOMPARE(call("GET"_ba, u"/api/audit?limit=x"_s).status, 400);
}

void TestApi::sorting()
{
    Reply reply = call("GET"_ba, u"/api/processes/?sort=startedAt,asc&range=0,50"_s);
    QCOMPARE(reply.status, 200);
    QJsonArray rows = reply.array();
    QVERIFY(rows.size() >= 2);
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY(rows.at(i - 1)[u"started_at"].toDouble() <= rows.at(i)[u"started_at"].toDouble());
    reply = call("GET"_ba, u"/api/processes/?sort=workflowName,desc&range=0,50"_s);
    QCOMPARE(reply.status, 200);
    rows = reply.array();
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY(rows.at(i - 1)[u"workflow_name"].toString()
                >= rows.at(i)[u"workflow_name"].toString());
    QCOMPARE(call("GET"_ba, u"/api/processes/?sort=colour"_s).status, 400);
    QCOMPARE(call("GET"_ba, u"/api/processes/?sort=startedAt,up"_s).status, 400);
}

void TestApi::databaseTokens()
{
    // A second server without a token file: while the database holds no token, requests from
    // this machine act as the user who serves it.
    api::ApiOptions options;
    options.port = 0;
    options.localUser = u"admin"_s;
    api::ApiServer open(m_engine.get(), options);
    QString error;
    QVERIFY2(open.listen(&error), qPrintable(error));
    const quint16 port = open.port();
    QCOMPARE(callOn(port, "GET"_ba, u"/api/products/"_s, {}, {}).status, 200);

    // An admin creates tokens; from then on every request needs one.
    const store::Database db(m_database->url());
    RunFlags flags;
    Actions actions(db, &m_installation->registry(), {}, &flags, u"test"_s);
    TokenRequest asked;
    asked.userName = u"viewer"_s;
    asked.actor = Actor(u"viewer"_s);
    QCOMPARE(actions.createToken(asked).outcome, ActionResult::Outcome::NotPermitted);
    asked.actor = Actor(u"admin"_s);
    asked.userName = u"nobody"_s;
    QCOMPARE(actions.createToken(asked).outcome, ActionResult::Outcome::InvalidInput);
    asked.userName = u"viewer"_s;
    const ActionResult created = actions.createToken(asked);
    QVERIFY2(created.ok(), qPrintable(created.message));
    QVERIFY(created.secret.size() >= 40);
    const QByteArray secret = created.secret.toLatin1();
    // Only the hash is stored.
    const store::TokenRecord stored = store::TokenRepository(db).find(created.tokenId).value();
    QVERIFY(!stored.hash.contains(secret));
    QCOMPARE(stored.hash, store::TokenRepository::hash(secret));

    Reply reply = callOn(port, "GET"_ba, u"/api/products/"_s, {}, {});
    QCOMPARE(reply.status, 401);
    QCOMPARE(callOn(port, "GET"_ba, u"/api/products/"_s, {}, secret).status, 200);
    QCOMPARE(callOn(port, "GET"_ba, u"/api/products/"_s, {}, secret + "x").status, 401);
    // The token acts as its operator, with its role.
    reply =
        callOn(port, "PUT"_ba, u"/api/settings/status"_s, R"({"global_lock": true})"_ba, secret);
    QCOMPARE(reply.status, 403);
    QVERIFY(reply.object().value(u"detail").toString().contains(u"viewer"_s));
    // The server with a token file takes the database's tokens too.
    QCOMPARE(call("GET"_ba, u"/api/products/"_s, {}, secret).status, 200);

    // Revoked: refused at once, saying so.
    QCOMPARE(actions.revokeToken(created.tokenId, Actor(u"admin"_s)).outcome,
             ActionResult::Outcome::Ok);
    QCOMPARE(actions.revokeToken(created.tokenId, Actor(u"admin"_s)).outcome,
             ActionResult::Outcome::NotAllowed);
    reply = callOn(port, "GET"_ba, u"/api/products/"_s, {}, secret);
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.object().value(u"detail").toString().contains(u"revoked"_s));

    // Expired: refused, saying so.
    store::TokenRecord expired;
    expired.id = u"expired1"_s;
    expired.userName = u"admin"_s;
    expired.hash = store::TokenRepository::hash("expired-secret-0123456789"_ba);
    expired.createdBy = u"admin"_s;
    expired.expiresAt = store::Timestamps::toText(QDateTime::currentDateTimeUtc().addSecs(-60));
    store::TokenRepository(db).insert(expired);
    reply = callOn(port, "GET"_ba, u"/api/products/"_s, {}, "expired-secret-0123456789"_ba);
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.object().value(u"detail").toString().contains(u"expired"_s));

    // Creating and revoking are audited.
    queries::AuditQueryFilter filter;
    filter.targetId = created.tokenId;
    const QJsonArray trail = queries::OperatorQueries::auditTrail(db, filter);
    QCOMPARE(trail.size(), 2);
    QCOMPARE(trail.at(0)[u"detail"][u"change"].toString(), u"revoke_token"_s);
    QVERIFY(!QJsonDocument(trail).toJson().contains(secret));
    db.closeThreadConnection();
}

void TestApi::eventsWebSocket()
{
    // Wrong token: the socket is closed with a policy violation.
    {
        QWebSocket socket;
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        socket.open(QUrl(u"ws://127.0.0.1:%1/api/ws/events?token=wrong"_s.arg(m_server->port())));
        QVERIFY(closed.wait(10000));
        QVERIFY2(socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated,
                 qPrintable(u"%1 %2 %3"_s.arg(socket.closeCode())
                                .arg(socket.closeReason(), socket.errorString())));
    }
    // Another path: closed too.
    {
        QWebSocket socket;
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/api/ws/other"_s.arg(m_server->port())));
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + adminToken);
        socket.open(request);
        QVERIFY(closed.wait(10000));
        QVERIFY2(socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated,
                 qPrintable(u"%1 %2 %3"_s.arg(socket.closeCode())
                                .arg(socket.closeReason(), socket.errorString())));
    }
    QWebSocket socket;
    QStringList messages;
    connect(&socket, &QWebSocket::textMessageReceived, this,
            [&messages](const QString &message) { messages.append(message); });
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/api/ws/events"_s.arg(m_server->port())));
    request.setRawHeader("Authorization"_ba, "Bearer "_ba + adminToken);
    socket.open(request);
    QVERIFY(connected.wait(10000));
    QTRY_COMPARE(m_server->eventClients(), 1);
    socket.sendTextMessage(u"__ping__"_s);
    QTRY_VERIFY(messages.contains(u"__pong__"_s));

    // A process started through the API: the list, the process and the counts are invalid.
    const Reply reply = call("POST"_ba, u"/api/processes/test_steps"_s, "[]"_ba);
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"id").toString();
    waitFor(id, {u"completed"_s});
    auto has = [&messages](const QJsonObject &value) {
        const QString wanted = QString::fromUtf8(
            QJsonDocument(QJsonObject {{u"name"_s, u"invalidateCache"_s}, {u"value"_s, value}})
                .toJson(QJsonDocument::Compact));
        return messages.contains(wanted);
    };
    QTRY_VERIFY_WITH_TIMEOUT(has({{u"type"_s, u"processes"_s}, {u"id"_s, u"LIST"_s}}), 10000);
    QTRY_VERIFY(has({{u"type"_s, u"processStatusCounts"_s}}));
    // A burst is coalesced: no message twice in a row.
    for (qsizetype i = 1; i < messages.size(); ++i)
        QVERIFY(messages.at(i) != messages.at(i - 1) || messages.at(i) == u"__pong__"_s);

    // The engine status.
    messages.clear();
    QCOMPARE(call("PUT"_ba, u"/api/settings/status"_s, R"({"global_lock": true})"_ba).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(has({{u"type"_s, u"engineStatus"_s}}), 10000);
    QCOMPARE(call("PUT"_ba, u"/api/settings/status"_s, R"({"global_lock": false})"_ba).status, 200);
    QTRY_COMPARE(m_engine->state(), EngineState::Running);
    socket.close();
    QTRY_COMPARE(m_server->eventClients(), 0);
}

void TestApi::httpsOnly()
{
    // Beyond loopback the API speaks HTTPS only.
    api::ApiOptions plain;
    plain.address = QHostAddress(QHostAddress::AnyIPv4);
    plain.port = 0;
    {
        api::ApiServer server(m_engine.get(), plain);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY2(error.contains(u"HTTPS"_s), qPrintable(error));
    }
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s,
                   u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s, dir.filePath(u"key.pem"_s),
                   u"-out"_s, dir.filePath(u"cert.pem"_s)});
    QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
             openssl.readAllStandardError().constData());

    api::ApiOptions tls;
    tls.port = 0;
    QString parseError;
    tls.tokens = api::TokenFile::parse(adminToken + " admin\n", &parseError);
    QVERIFY2(tls.tokens, qPrintable(parseError));
    tls.tlsCertificateFile = dir.filePath(u"cert.pem"_s);
    tls.tlsKeyFile = dir.filePath(u"missing.pem"_s);
    {
        api::ApiServer server(m_engine.get(), tls);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY2(error.contains(u"missing.pem"_s), qPrintable(error));
    }
    tls.tlsKeyFile = dir.filePath(u"cert.pem"_s); // a certificate is no key
    {
        api::ApiServer server(m_engine.get(), tls);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY2(error.contains(u"private key"_s), qPrintable(error));
    }
    tls.tlsKeyFile = dir.filePath(u"key.pem"_s);
    api::ApiServer server(m_engine.get(), tls);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    const Reply secure =
        callOn(server.port(), "GET"_ba, u"/api/health"_s, {}, adminToken, u"https"_s);
    QVERIFY2(secure.status == 200, secure.body.constData());
    // Plain HTTP to it gets no answer.
    const Reply clear = callOn(server.port(), "GET"_ba, u"/api/health"_s, {}, adminToken);
    QCOMPARE(clear.status, 0);
}

QTEST_MAIN(TestApi)
#include "tst_api.moc"
