// End-to-end tests of the Node Enrollment pack through orchestratorctl, the way an operator
// works with it (docs/writing-a-product-pack.md): create, activate, validate with NSO down and up
// again, a system service that keeps the enrollment from being terminated, version history, the
// product catalogue check and the subscription list filters. Each test gets a fresh database: a
// SQLite file, or a PostgreSQL database when WFO_TEST_BACKEND=postgresql.

#include "ctlrun.h"
#include "testdatabase.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

class TestNodeEnrollment final : public QObject
{
    Q_OBJECT

private:
    using Result = CtlResult;

    Result ctl(const QStringList &arguments, bool nsoOffline = false);
    // Creates an enrollment of `node` and returns its subscription id.
    QString enroll(const QString &node, const QString &role = u"core"_s);
    QJsonObject subscription(const QString &id);
    QStringList offeredNodes();
    // Runs statements on a connection of the test's own (the tampering an admin might do).
    void sql(const QStringList &statements);
    static QJsonObject workflowEntry(const QJsonObject &subscription, const QString &target,
                                     const QString &name);

    // `orchestratorctl serve` on a free loopback port (docs/api.md); its port in `port`.
    std::unique_ptr<QProcess> serve(int *port, bool nsoCallsBack);
    static void stop(QProcess &server);
    // An HTTP call to the served API; the status, and the body in `body`.
    int http(int port, const QByteArray &method, const QString &path, const QByteArray &payload,
             QByteArray *body = nullptr);
    // `show --json` of the process, polled until its status is one of `statuses`.
    QJsonObject waitForStatus(const QString &processId, const QStringList &statuses);

    std::unique_ptr<TestDatabase> m_db;
    QString m_url;
    QNetworkAccessManager m_network;

private slots:
    void init();
    void cleanup();

    void productsListed();
    void createEnrollment();
    void createFormValidatesNode();
    void productOption();
    void modifyActivatesOnlyOnce();
    void validateWithNsoOfflineThenRetry();
    void validateReportsMissingDevice();
    void systemServiceBlocksTerminate();
    void systemServiceNeedsUsableEnrollment();
    void versionHistory();
    void validateProductsReportsProblems();
    void subscriptionsFiltered();
    void upgradeCalledBackByHand();
    void upgradeCalledBackByNso();
    void startMatchingValidatesEveryProvisioningNode();
};

TestNodeEnrollment::Result TestNodeEnrollment::ctl(const QStringList &arguments, bool nsoOffline)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"WFO_DATABASE_URL"_s);
    env.remove(u"WFO_PACK_PATH"_s);
    env.remove(u"NODE_ENROLLMENT_NSO_OFFLINE"_s);
    env.insert(u"WFO_USER"_s, u"e2e-operator"_s);
    if (nsoOffline)
        env.insert(u"NODE_ENROLLMENT_NSO_OFFLINE"_s, u"1"_s);
    const Result result = runCtl(m_url, arguments, env);
    if (result.err.contains("Warning"))
        qWarning() << result.err;
    return result;
}

QString TestNodeEnrollment::enroll(const QString &node, const QString &role)
{
    const Result result = ctl(
        {u"start"_s, u"create_node_enrollment"_s, u"--json"_s, u"--input"_s,
         uR"({"customer_id": "cust-1", "select_node": "%1", "role_id": "%2"})"_s.arg(node, role)});
    if (result.exitCode != 0)
        qWarning() << result.out << result.err;
    const QJsonArray ids = result.object().value(u"subscriptions").toArray();
    return ids.isEmpty() ? QString() : ids.first().toString();
}

QJsonObject TestNodeEnrollment::subscription(const QString &id)
{
    const Result result = ctl({u"subscription"_s, id, u"--json"_s});
    return result.exitCode == 0 ? result.object() : QJsonObject();
}

QStringList TestNodeEnrollment::offeredNodes()
{
    // Without input the form asks for its first page and prints the schema (exit 3).
    const Result result = ctl({u"start"_s, u"create_node_enrollment"_s, u"--json"_s});
    if (result.exitCode != 3)
        return {};
    const QJsonObject schema = result.object().value(u"schema").toObject();
    QStringList names;
    const QJsonObject defs = schema.value(u"$defs").toObject();
    for (auto it = defs.begin(); it != defs.end(); ++it) {
        if (it.key().startsWith("SelectNode"_L1)) {
            for (const QJsonValue &value : it.value().toObject().value(u"enum").toArray())
                names.append(value.toString());
        }
    }
    return names;
}

void TestNodeEnrollment::sql(const QStringList &statements)
{
    const wfo::store::DatabaseUrl &url = m_db->url();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(url.isSqlite() ? u"QSQLITE"_s : u"QPSQL"_s,
                                                    u"tst_nodeenrollment"_s);
        if (url.isSqlite()) {
            db.setDatabaseName(url.path);
        } else {
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setDatabaseName(url.database);
            db.setUserName(url.user);
            db.setPassword(url.password);
        }
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_nodeenrollment"_s);
}

QJsonObject TestNodeEnrollment::workflowEntry(const QJsonObject &subscription,
                                              const QString &target, const QString &name)
{
    const QJsonArray list = subscription.value(u"workflows").toObject().value(target).toArray();
    for (const QJsonValue &value : list) {
        if (value.toObject().value(u"name").toString() == name)
            return value.toObject();
    }
    return {};
}

std::unique_ptr<QProcess> TestNodeEnrollment::serve(int *port, bool nsoCallsBack)
{
    auto server = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"WFO_DATABASE_URL"_s);
    env.remove(u"NODE_ENROLLMENT_NSO_OFFLINE"_s);
    env.remove(u"NODE_ENROLLMENT_NSO_CALLBACK"_s);
    env.insert(u"WFO_USER"_s, u"e2e-operator"_s);
    if (nsoCallsBack) {
        env.insert(u"NODE_ENROLLMENT_NSO_CALLBACK"_s, u"1"_s);
        env.insert(u"NODE_ENROLLMENT_NSO_CALLBACK_DELAY_MS"_s, u"300"_s);
    }
    server->setProcessEnvironment(env);
    server->start(QStringLiteral(ORCHESTRATORCTL),
                  {u"--db"_s, m_url, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s});
    const QRegularExpression serving(u"serving the API on http://127\\.0\\.0\\.1:(\\d+)/"_s);
    QByteArray log;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && server->state() != QProcess::NotRunning) {
        server->waitForReadyRead(200);
        log += server->readAllStandardError();
        const QRegularExpressionMatch match = serving.match(QString::fromUtf8(log));
        if (match.hasMatch()) {
            *port = match.captured(1).toInt();
            return server;
        }
    }
    qWarning() << "serve did not start:" << log;
    stop(*server);
    return nullptr;
}

void TestNodeEnrollment::stop(QProcess &server)
{
    server.terminate();
    if (!server.waitForFinished(15000)) {
        server.kill();
        server.waitForFinished();
    }
}

int TestNodeEnrollment::http(int port, const QByteArray &method, const QString &path,
                             const QByteArray &payload, QByteArray *body)
{
    QUrl url(u"http://127.0.0.1:%1"_s.arg(port));
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (body)
        *body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

QJsonObject TestNodeEnrollment::waitForStatus(const QString &processId, const QStringList &statuses)
{
    QJsonObject process;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        process = ctl({u"show"_s, processId, u"--json"_s}).object();
        if (statuses.contains(process.value(u"status").toString()))
            return process;
        QTest::qWait(200);
    }
    return process;
}

void TestNodeEnrollment::init()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_url = m_db->url().toString();
    // `init` registers the pack's products and workflows (on SQLite any command would).
    const Result init = ctl({u"init"_s});
    QVERIFY2(init.exitCode == 0, init.err.constData());
}

void TestNodeEnrollment::cleanup()
{
    m_db.reset();
}

void TestNodeEnrollment::productsListed()
{
    const Result result = ctl({u"products"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    QHash<QString, QStringList> workflows;
    for (const QJsonValue &value : result.array()) {
        const QJsonObject product = value.toObject();
        QStringList names;
        for (const QJsonValue &w : product.value(u"workflows").toArray())
            names.append(w.toObject().value(u"name").toString());
        workflows.insert(
            product.value(u"name").toString() + u'/' + product.value(u"tag").toString(), names);
    }
    const QStringList enrollment = workflows.value(u"Node Enrollment/NodeEnrollment"_s);
    for (const QString &name :
         {u"create_node_enrollment"_s, u"modify_node_enrollment"_s, u"provision_node_enrollment"_s,
          u"upgrade_node_enrollment"_s, u"validate_node_enrollment"_s,
          u"terminate_node_enrollment"_s, u"modify_note"_s})
        QVERIFY2(enrollment.contains(name), qPrintable(name));
    QVERIFY(!enrollment.contains(u"create_node_system_service"_s));
    const QStringList service = workflows.value(u"Node System Service/NodeSystemService"_s);
    for (const QString &name :
         {u"create_node_system_service"_s, u"terminate_node_system_service"_s, u"modify_note"_s})
        QVERIFY2(service.contains(name), qPrintable(name));
    QVERIFY(!service.contains(u"create_node_enrollment"_s));

    const Result text = ctl({u"products"_s});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("Node System Service"));
}

void TestNodeEnrollment::createEnrollment()
{
    const QStringList before = offeredNodes();
    QVERIFY2(before.size() >= 12, qPrintable(before.join(u", "_s)));
    for (const QString &node : {u"ams-rt1"_s, u"ams-rt2"_s, u"lon-rt1"_s, u"chi-cr5"_s})
        QVERIFY2(before.contains(node), qPrintable(node));

    const QString id = enroll(u"ams-rt1"_s);
    QVERIFY(!id.isEmpty());
    const QJsonObject s = subscription(id);
    QCOMPARE(s.value(u"id").toString(), id);
    QCOMPARE(s.value(u"status").toString(), u"provisioning"_s);
    QCOMPARE(s.value(u"insync").toBool(), true);
    QCOMPARE(s.value(u"description").toString(),
             u"Node ams-rt1 Provisioned (without system service)"_s);
    QCOMPARE(s.value(u"customer_id").toString(), u"cust-1"_s);
    QCOMPARE(s.value(u"product").toObject(),
             (QJsonObject {{u"name"_s, u"Node Enrollment"_s}, {u"tag"_s, u"NodeEnrollment"_s}}));
    QVERIFY(s.contains(u"note"));
    const QJsonObject ne = s.value(u"blocks").toObject().value(u"ne").toObject();
    QVERIFY(ne.value(u"esdb_node_id").isDouble());
    QVERIFY(!ne.value(u"esdb_node_uuid").toString().isEmpty());
    QVERIFY(!ne.value(u"nso_service_id").toString().isEmpty());
    QCOMPARE(ne.value(u"routing_domain").toString(), u"esnet-293"_s);
    QCOMPARE(ne.value(u"role").toString(), u"core"_s);
    QCOMPARE(ne.value(u"site_id").toString(), u"ams"_s);
    const QJsonObject workflows = s.value(u"workflows").toObject();
    for (const char *target : {"create", "modify", "terminate", "system", "validate", "reconcile"})
        QVERIFY2(workflows.value(QLatin1StringView(target)).isArray(), target);
    QVERIFY(workflowEntry(s, u"modify"_s, u"modify_node_enrollment"_s).contains(u"description"));
    QVERIFY(!workflowEntry(s, u"modify"_s, u"modify_node_enrollment"_s).contains(u"reason"));

    // The node is taken: the form no longer offers it; the others still are.
    const QStringList after = offeredNodes();
    QVERIFY(!after.contains(u"ams-rt1"_s));
    QVERIFY(after.contains(u"ams-rt2"_s));
    QCOMPARE(after.size(), before.size() - 1);

    // Readable output too.
    const Result text = ctl({u"subscription"_s, id});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("esnet-293"));
    QVERIFY(text.out.contains("modify_node_enrollment"));
}

void TestNodeEnrollment::createFormValidatesNode()
{
    QVERIFY(!enroll(u"ams-rt1"_s).isEmpty());
    const Result again =
        ctl({u"start"_s, u"create_node_enrollment"_s, u"--json"_s, u"--input"_s,
             uR"({"customer_id": "c", "select_node": "ams-rt1", "role_id": "core"})"_s});
    QCOMPARE(again.exitCode, 4);
    QCOMPARE(again.array().first().toObject().value(u"loc").toArray(),
             QJsonArray {u"select_node"_s});
    const Result badRole =
        ctl({u"start"_s, u"create_node_enrollment"_s, u"--json"_s, u"--input"_s,
             uR"({"customer_id": "c", "select_node": "lon-rt1", "role_id": "boss"})"_s});
    QCOMPARE(badRole.exitCode, 4);
    QCOMPARE(badRole.array().first().toObject().value(u"loc").toArray(), QJsonArray {u"role_id"_s});
}

void TestNodeEnrollment::productOption()
{
    const QString input =
        uR"({"customer_id": "c", "select_node": "sea-rt4", "role_id": "access"})"_s;
    // The create workflow is linked to one product: naming it is optional, naming another is
    // refused.
    const Result other = ctl({u"start"_s, u"create_node_enrollment"_s, u"--product"_s,
                              u"Node System Service"_s, u"--json"_s, u"--input"_s, input});
    QCOMPARE(other.exitCode, 5);
    QCOMPARE(other.object().value(u"code").toString(), u"workflow.not_for_product"_s);
    const Result named = ctl({u"start"_s, u"create_node_enrollment"_s, u"--product"_s,
                              u"Node Enrollment"_s, u"--json"_s, u"--input"_s, input});
    QCOMPARE(named.exitCode, 0);
    const QString id = named.object().value(u"subscriptions").toArray().first().toString();
    QCOMPARE(subscription(id).value(u"blocks").toObject().value(u"ne").toObject().value(u"role"),
             QJsonValue(u"access"_s));
}

void TestNodeEnrollment::modifyActivatesOnlyOnce()
{
    const QString id = enroll(u"ams-rt1"_s);
    QVERIFY(!id.isEmpty());
    const Result modified =
        ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, id, u"--json"_s});
    QCOMPARE(modified.exitCode, 0);
    QCOMPARE(modified.object().value(u"status").toString(), u"completed"_s);
    const QJsonObject s = subscription(id);
    QCOMPARE(s.value(u"status").toString(), u"active"_s);
    QCOMPARE(s.value(u"description").toString(), u"Node ams-rt1 Production"_s);
    QVERIFY(!s.value(u"start_date").toString().isEmpty());

    const QJsonObject reason =
        workflowEntry(s, u"modify"_s, u"modify_node_enrollment"_s).value(u"reason").toObject();
    QCOMPARE(reason.value(u"code").toString(), u"subscription.no_modify_invalid_status"_s);
    QCOMPARE(reason.value(u"usable_when").toArray(), QJsonArray {u"provisioning"_s});

    const Result again =
        ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, id, u"--json"_s});
    QCOMPARE(again.exitCode, 5);
    QCOMPARE(again.object().value(u"code").toString(), u"subscription.no_modify_invalid_status"_s);
    QVERIFY(!again.object().value(u"message").toString().isEmpty());
    QCOMPARE(again.object().value(u"usable_when").toArray(), QJsonArray {u"provisioning"_s});
    const Result text = ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, id});
    QCOMPARE(text.exitCode, 5);
    QVERIFY(text.out.contains("subscription.no_modify_invalid_status"));
    QVERIFY(text.out.contains("provisioning"));
}

void TestNodeEnrollment::validateWithNsoOfflineThenRetry()
{
    const QString id = enroll(u"ams-rt1"_s);
    QCOMPARE(ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, id}).exitCode, 0);

    const Result failed = ctl(
        {u"start"_s, u"validate_node_enrollment"_s, u"--subscription"_s, id, u"--json"_s}, true);
    QCOMPARE(failed.exitCode, 6);
    QCOMPARE(failed.object().value(u"status").toString(), u"failed"_s);
    QCOMPARE(failed.object().value(u"failed_reason").toString(), u"NSO unavailable"_s);
    const QString processId = failed.object().value(u"id").toString();

    // Out of sync: other modify workflows are blocked, modify_note is not.
    const QJsonObject s = subscription(id);
    QCOMPARE(s.value(u"insync").toBool(), false);
    QCOMPARE(workflowEntry(s, u"modify"_s, u"provision_node_enrollment"_s)
                 .value(u"reason")
                 .toObject()
                 .value(u"code")
                 .toString(),
             u"subscription.not_in_sync"_s);
    QVERIFY(!workflowEntry(s, u"modify"_s, u"modify_note"_s).isEmpty());
    QVERIFY(!workflowEntry(s, u"modify"_s, u"modify_note"_s).contains(u"reason"));
    const Result blocked =
        ctl({u"start"_s, u"provision_node_enrollment"_s, u"--subscription"_s, id, u"--json"_s});
    QCOMPARE(blocked.exitCode, 5);
    QCOMPARE(blocked.object().value(u"code").toString(), u"subscription.not_in_sync"_s);
    const Result note = ctl({u"start"_s, u"modify_note"_s, u"--subscription"_s, id, u"--input"_s,
                             uR"({"note": "validation pending"})"_s});
    QVERIFY2(note.exitCode == 0, note.out.constData());

    // NSO is back: the retry completes and the subscription is in sync again.
    const Result retried = ctl({u"resume"_s, processId, u"--json"_s});
    QCOMPARE(retried.exitCode, 0);
    QCOMPARE(retried.object().value(u"status").toString(), u"completed"_s);
    QCOMPARE(subscription(id).value(u"insync").toBool(), true);

    int failedRow = -1;
    int successRow = -1;
    const QJsonArray steps = retried.object().value(u"steps").toArray();
    for (int i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps.at(i).toObject();
        if (step.value(u"name").toString() != "Check NSO"_L1)
            continue;
        if (step.value(u"status").toString() == "failed"_L1) {
            failedRow = i;
            QCOMPARE(step.value(u"error").toObject().value(u"message").toString(),
                     u"NSO unavailable"_s);
        } else if (step.value(u"status").toString() == "success"_L1) {
            successRow = i;
            QCOMPARE(step.value(u"retries").toInt(), 1);
            QCOMPARE(step.value(u"state_delta").toObject().value(u"check_nso").toString(), u"OK"_s);
        }
    }
    QVERIFY(failedRow >= 0);
    QVERIFY(successRow > failedRow);
}

void TestNodeEnrollment::validateReportsMissingDevice()
{
    const QString id = enroll(u"lon-rt1"_s);
    QVERIFY(!id.isEmpty());
    // Someone removed the device from NSO behind the orchestrator's back.
    sql({u"DELETE FROM pack_records WHERE pack = 'node_enrollment' AND kind = "
         "'nso_device' AND record_key = 'lon-rt1'"_s});
    const Result failed =
        ctl({u"start"_s, u"validate_node_enrollment"_s, u"--subscription"_s, id, u"--json"_s});
    QCOMPARE(failed.exitCode, 6);
    QCOMPARE(failed.object().value(u"failed_reason").toString(),
             u"Device lon-rt1 not found in NSO."_s);
}

void TestNodeEnrollment::systemServiceBlocksTerminate()
{
    const QString enrollment = enroll(u"chi-cr5"_s);
    QVERIFY(!enrollment.isEmpty());
    const Result created =
        ctl({u"start"_s, u"create_node_system_service"_s, u"--json"_s, u"--input"_s,
             uR"({"customer_id": "cust-1", "node_subscription_id": "%1"})"_s.arg(enrollment)});
    QVERIFY2(created.exitCode == 0, created.out.constData());
    // The next form offers that enrollment no more: its picker lists it as unavailable, with
    // the reason, and a value that names it is refused with the same words.
    const Result form = ctl({u"start"_s, u"create_node_system_service"_s, u"--json"_s});
    QCOMPARE(form.exitCode, 3);
    const QString why = form.object()
                            .value(u"schema")
                            .toObject()
                            .value(u"properties")
                            .toObject()
                            .value(u"node_subscription_id")
                            .toObject()
                            .value(u"uniforms")
                            .toObject()
                            .value(u"unavailable")
                            .toObject()
                            .value(enrollment)
                            .toString();
    QVERIFY2(why.contains(u"system service already"_s), form.out.constData());
    const Result again =
        ctl({u"start"_s, u"create_node_system_service"_s, u"--json"_s, u"--input"_s,
             uR"({"customer_id": "cust-1", "node_subscription_id": "%1"})"_s.arg(enrollment)});
    QCOMPARE(again.exitCode, 4);
    QCOMPARE(again.array().first().toObject().value(u"msg").toString(), why);
    const QString service = created.object().value(u"subscriptions").toArray().first().toString();
    const QJsonObject serviceModel = subscription(service);
    QCOMPARE(serviceModel.value(u"status").toString(), u"active"_s);
    QCOMPARE(serviceModel.value(u"product").toObject().value(u"tag").toString(),
             u"NodeSystemService"_s);
    const QJsonObject node =
        serviceModel.value(u"blocks").toObject().value(u"nss").toObject().value(u"node").toObject();
    QCOMPARE(node.value(u"owner_subscription_id").toString(), enrollment);
    QCOMPARE(serviceModel.value(u"depends_on")
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"subscription_id")
                 .toString(),
             enrollment);

    const QJsonObject enrollmentModel = subscription(enrollment);
    QCOMPARE(enrollmentModel.value(u"in_use_by")
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"subscription_id")
                 .toString(),
             service);
    const Result blocked = ctl(
        {u"start"_s, u"terminate_node_enrollment"_s, u"--subscription"_s, enrollment, u"--json"_s});
    QCOMPARE(blocked.exitCode, 5);
    QCOMPARE(blocked.object().value(u"code").toString(),
             u"subscription.no_modify_subscription_in_use_by_others"_s);
    const QString message = blocked.object().value(u"message").toString();
    QVERIFY2(message.contains(service), qPrintable(message));
    QVERIFY2(message.contains(u"Node chi-cr5 System Service"_s), qPrintable(message));
    QCOMPARE(blocked.object()
                 .value(u"subscriptions")
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"subscription_id")
                 .toString(),
             service);

    QCOMPARE(ctl({u"start"_s, u"terminate_node_system_service"_s, u"--subscription"_s, service})
                 .exitCode,
             0);
    QCOMPARE(subscription(service).value(u"status").toString(), u"terminated"_s);
    QVERIFY(!offeredNodes().contains(u"chi-cr5"_s));
    const Result terminated =
        ctl({u"start"_s, u"terminate_node_enrollment"_s, u"--subscription"_s, enrollment});
    QVERIFY2(terminated.exitCode == 0, terminated.out.constData());
    const QJsonObject after = subscription(enrollment);
    QCOMPARE(after.value(u"status").toString(), u"terminated"_s);
    QVERIFY(!after.value(u"end_date").toString().isEmpty());
    QVERIFY(offeredNodes().contains(u"chi-cr5"_s));
}

void TestNodeEnrollment::systemServiceNeedsUsableEnrollment()
{
    const QString input = uR"({"customer_id": "c", "node_subscription_id": "%1"})"_s;
    const Result unknown =
        ctl({u"start"_s, u"create_node_system_service"_s, u"--json"_s, u"--input"_s,
             input.arg(u"6f1c1f9e-0000-4000-8000-000000000000"_s)});
    QCOMPARE(unknown.exitCode, 4);
    QCOMPARE(unknown.array().first().toObject().value(u"loc").toArray(),
             QJsonArray {u"node_subscription_id"_s});

    const QString enrollment = enroll(u"nyc-rt1"_s);
    QCOMPARE(
        ctl({u"start"_s, u"terminate_node_enrollment"_s, u"--subscription"_s, enrollment}).exitCode,
        0);
    const Result terminated = ctl({u"start"_s, u"create_node_system_service"_s, u"--json"_s,
                                   u"--input"_s, input.arg(enrollment)});
    QCOMPARE(terminated.exitCode, 4);
    QVERIFY(terminated.out.contains("terminated"));
}

void TestNodeEnrollment::versionHistory()
{
    const QString id = enroll(u"ams-rt2"_s);
    QCOMPARE(ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, id}).exitCode, 0);
    const QJsonArray versions = subscription(id).value(u"versions").toArray();
    QVERIFY(versions.size() >= 5);
    // Every version names a process and one of its successful steps; every step that saved
    // the subscription left a version.
    QHash<QString, QJsonArray> steps;
    int number = 0;
    for (const QJsonValue &value : versions) {
        const QJsonObject version = value.toObject();
        QCOMPARE(version.value(u"version").toInt(), ++number);
        const QString process = version.value(u"process_id").toString();
        if (!steps.contains(process))
            steps.insert(process,
                         ctl({u"show"_s, process, u"--json"_s}).object().value(u"steps").toArray());
        bool found = false;
        for (const QJsonValue &step : steps.value(process)) {
            found |= step.toObject().value(u"name") == version.value(u"step_name")
                && step.toObject().value(u"status").toString() == "success"_L1;
        }
        QVERIFY2(found, qPrintable(version.value(u"step_name").toString()));
        QCOMPARE(version.value(u"created_by").toString(), u"e2e-operator"_s);
    }
    QCOMPARE(steps.size(), 2); // the create and the modify process
    QStringList saved;
    for (const QJsonValue &value : versions)
        saved.append(value.toObject().value(u"step_name").toString());
    for (const QString &name :
         {u"Construct Node Enrollment model"_s, u"Update subscription name with node info"_s,
          u"Set subscription status to active"_s, u"Activate subscription"_s})
        QVERIFY2(saved.contains(name), qPrintable(name));
}

void TestNodeEnrollment::validateProductsReportsProblems()
{
    const Result clean = ctl({u"start"_s, u"task_validate_products"_s, u"--json"_s});
    QVERIFY2(clean.exitCode == 0, clean.out.constData());

    sql({u"INSERT INTO products (product_id, name, description, product_type, tag, created_at) "
         "VALUES ('8a1f0e52-0000-4000-8000-000000000001', 'Orphan Product', '', 'Orphan', "
         "'Orphan', '2024-01-01T00:00:00.000Z')"_s,
         u"INSERT INTO workflows (workflow_id, name, target, description, created_at) VALUES "
         "('8a1f0e52-0000-4000-8000-000000000002', 'retired_workflow', 'MODIFY', 'Retired', "
         "'2024-01-01T00:00:00.000Z')"_s});
    const Result failed = ctl({u"start"_s, u"task_validate_products"_s, u"--json"_s});
    QCOMPARE(failed.exitCode, 6);
    const QString reason = failed.object().value(u"failed_reason").toString();
    QVERIFY2(reason.contains(u"Orphan Product"_s), qPrintable(reason));
    QVERIFY2(reason.contains(u"retired_workflow"_s), qPrintable(reason));
    QVERIFY2(!reason.contains(u"Node Enrollment"_s), qPrintable(reason));
}

void TestNodeEnrollment::subscriptionsFiltered()
{
    const QString ams = enroll(u"ams-rt1"_s);
    const QString lon = enroll(u"lon-rt2"_s, u"edge"_s);
    QVERIFY(!ams.isEmpty() && !lon.isEmpty());
    QCOMPARE(ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, ams}).exitCode, 0);

    auto ids = [this](const QStringList &arguments) {
        const Result result = ctl(QStringList {u"subscriptions"_s, u"--json"_s} + arguments);
        QStringList list;
        for (const QJsonValue &value : result.array())
            list.append(value.toObject().value(u"id").toString());
        list.sort();
        return list;
    };
    QStringList both {ams, lon};
    both.sort();
    QCOMPARE(ids({}), both);
    QCOMPARE(ids({u"--status"_s, u"active"_s}), QStringList {ams});
    QCOMPARE(ids({u"--status"_s, u"provisioning"_s}), QStringList {lon});
    QCOMPARE(ids({u"--status"_s, u"active,provisioning"_s}), both);
    QCOMPARE(ids({u"--status"_s, u"terminated"_s}), QStringList());
    QCOMPARE(ids({u"--search"_s, u"lon-rt2"_s}), QStringList {lon});
    QCOMPARE(ids({u"--search"_s, u"status:active"_s}), QStringList {ams});
    QCOMPARE(ids({u"--search"_s, u"Production"_s, u"--status"_s, u"provisioning"_s}),
             QStringList());

    const QJsonObject first = ctl({u"subscriptions"_s, u"--json"_s}).array().first().toObject();
    for (const char *key : {"id", "description", "status", "insync", "product", "customer_id"})
        QVERIFY2(first.contains(QLatin1StringView(key)), key);

    const Result bad = ctl({u"subscriptions"_s, u"--status"_s, u"sleepy"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("sleepy"));
    const Result text = ctl({u"subscriptions"_s, u"--search"_s, u"ams-rt1"_s});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("Node ams-rt1 Production"));
    QVERIFY(!text.out.contains("lon-rt2"));
}

void TestNodeEnrollment::upgradeCalledBackByHand()
{
    // Usable in provisioning: right after the enrollment.
    const QString id = enroll(u"ams-rt1"_s);
    QVERIFY(!id.isEmpty());
    QVERIFY(!workflowEntry(subscription(id), u"modify"_s, u"upgrade_node_enrollment"_s)
                 .contains(u"reason"));
    const Result started = ctl({u"start"_s, u"upgrade_node_enrollment"_s, u"--subscription"_s, id,
                                u"--input"_s, uR"({"software_version": "17.9.5"})"_s, u"--json"_s});
    QCOMPARE(started.exitCode, 0);
    const QJsonObject process = started.object();
    const QString processId = process.value(u"id").toString();
    QCOMPARE(process.value(u"status").toString(), u"awaiting_callback"_s);
    const QJsonObject callback = process.value(u"callback").toObject();
    const QString route = callback.value(u"route").toString();
    QVERIFY2(route.startsWith(u"/api/processes/%1/callback/"_s.arg(processId)), qPrintable(route));
    QCOMPARE(callback.value(u"step").toString(), u"Upgrade node software in NSO"_s);
    QVERIFY(callback.value(u"progress").isNull());
    QVERIFY(!callback.value(u"deadline").toString().isEmpty());
    QCOMPARE(callback.value(u"timeout_seconds").toInt(), 3600);
    // The operator sees where it waits.
    const Result shown = ctl({u"show"_s, processId});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains("Callback route:") && shown.out.contains(route.toUtf8()),
             shown.out.constData());
    QVERIFY(shown.out.contains("none reported yet"));

    // Nothing serves the API yet; now it is served, and the callback is posted by hand (the
    // curl of docs/api.md).
    int port = 0;
    std::unique_ptr<QProcess> server = serve(&port, false);
    QVERIFY(server);
    QCOMPARE(http(port, "POST"_ba, route + u"/progress"_s, R"({"percent": 10})"_ba), 200);
    QCOMPARE(waitForStatus(processId, {u"awaiting_callback"_s})
                 .value(u"callback")[u"progress"][u"percent"]
                 .toInt(),
             10);
    QCOMPARE(http(port, "POST"_ba, route,
                  R"({"status": "success", "device": "ams-rt1", "software_version": "17.9.5"})"_ba),
             200);
    const QJsonObject done = waitForStatus(processId, {u"completed"_s, u"failed"_s});
    QCOMPARE(done.value(u"status").toString(), u"completed"_s);
    QVERIFY(!done.contains(u"callback"));
    QByteArray body;
    QCOMPARE(http(port, "POST"_ba, route, R"({"status": "success"})"_ba, &body), 409);
    stop(*server);

    const QJsonObject after = subscription(id);
    QCOMPARE(after.value(u"blocks")[u"ne"][u"software_version"].toString(), u"17.9.5"_s);
    QCOMPARE(after.value(u"insync").toBool(), true);
    QCOMPARE(after.value(u"status").toString(), u"provisioning"_s);
}

void TestNodeEnrollment::upgradeCalledBackByNso()
{
    // Usable in active too; the simulated NSO calls back by itself to the API serve runs.
    const QString id = enroll(u"lon-rt1"_s);
    QVERIFY(!id.isEmpty());
    QCOMPARE(ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, id}).exitCode, 0);
    QCOMPARE(subscription(id).value(u"status").toString(), u"active"_s);

    int port = 0;
    std::unique_ptr<QProcess> server = serve(&port, true);
    QVERIFY(server);
    QByteArray body;
    const QByteArray pages =
        uR"([{"subscription_id": "%1"}, {"software_version": "18.2.1"}])"_s.arg(id).toUtf8();
    QCOMPARE(http(port, "POST"_ba, u"/api/processes/upgrade_node_enrollment"_s, pages, &body), 201);
    const QString processId = QJsonDocument::fromJson(body).object().value(u"id").toString();
    QVERIFY(!processId.isEmpty());
    QJsonObject process;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        QCOMPARE(http(port, "GET"_ba, u"/api/processes/"_s + processId, {}, &body), 200);
        process = QJsonDocument::fromJson(body).object();
        if (process.value(u"last_status") == "completed"_L1
            || process.value(u"last_status") == "failed"_L1)
            break;
        QTest::qWait(100);
    }
    stop(*server);
    QCOMPARE(process.value(u"last_status").toString(), u"completed"_s);
    const QJsonObject state = process.value(u"current_state").toObject();
    QCOMPARE(state.value(u"nso_calls_back").toBool(), true);
    QCOMPARE(state.value(u"callback_progress")[u"percent"].toInt(), 50);
    QCOMPARE(state.value(u"nso_upgrade")[u"software_version"].toString(), u"18.2.1"_s);
    QCOMPARE(subscription(id).value(u"blocks")[u"ne"][u"software_version"].toString(), u"18.2.1"_s);
}

void TestNodeEnrollment::startMatchingValidatesEveryProvisioningNode()
{
    const QString a = enroll(u"ams-rt1"_s);
    const QString b = enroll(u"ams-rt2"_s);
    const QString c = enroll(u"lon-rt1"_s);
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
    QCOMPARE(ctl({u"start"_s, u"modify_node_enrollment"_s, u"--subscription"_s, c}).exitCode, 0);

    // The dry run names the one that cannot, with the constraints' reason, and starts nothing.
    const Result dry = ctl({u"start"_s, u"modify_node_enrollment"_s, u"--matching"_s,
                            u"customer:cust-1"_s, u"--dry-run"_s, u"--json"_s});
    QCOMPARE(dry.exitCode, 0);
    QCOMPARE(dry.object().value(u"done"_s).toArray().size(), 2);
    const QJsonArray refused = dry.object().value(u"refused"_s).toArray();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).toObject().value(u"id"_s).toString(), c);
    QCOMPARE(refused.at(0).toObject().value(u"code"_s).toString(),
             u"subscription.no_modify_invalid_status"_s);
    const Result text = ctl({u"start"_s, u"modify_node_enrollment"_s, u"--matching"_s,
                             u"customer:cust-1"_s, u"--dry-run"_s});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("2 of 3"), text.out.constData());
    QVERIFY2(text.out.contains(c.toUtf8()), text.out.constData());
    const Result none =
        ctl({u"processes"_s, u"--workflow"_s, u"modify_node_enrollment"_s, u"--json"_s});
    QCOMPARE(none.array().size(), 1); // only the activation of c

    // Every provisioning node validated, in one audited action.
    const Result validated = ctl({u"start"_s, u"validate_node_enrollment"_s, u"--matching"_s,
                                  u"status:provisioning"_s, u"--json"_s});
    QVERIFY2(validated.exitCode == 0, validated.err.constData());
    const QJsonObject statuses = validated.object().value(u"statuses"_s).toObject();
    QCOMPARE(statuses.size(), 2);
    for (const QJsonValue &status : statuses)
        QCOMPARE(status.toString(), u"completed"_s);
    const Result processes =
        ctl({u"processes"_s, u"--workflow"_s, u"validate_node_enrollment"_s, u"--json"_s});
    QStringList validatedSubscriptions;
    for (const QJsonValue &p : processes.array())
        validatedSubscriptions += p.toObject().value(u"subscriptions"_s).toVariant().toStringList();
    validatedSubscriptions.sort();
    QStringList expected {a, b};
    expected.sort();
    QCOMPARE(validatedSubscriptions, expected);
    const Result audit = ctl({u"audit"_s, u"--json"_s});
    int bulkStarts = 0;
    for (const QJsonValue &row : audit.array()) {
        const QJsonObject r = row.toObject();
        if (r.value(u"target_kind"_s).toString() == u"bulk"_s
            && r.value(u"action"_s).toString() == u"start"_s) {
            ++bulkStarts;
            QCOMPARE(r.value(u"detail"_s).toObject().value(u"processes"_s).toArray().size(), 2);
        }
    }
    QCOMPARE(bulkStarts, 1);

    // NSO down: they come to rest failed (6); a retry of the failed ones brings them through.
    const Result failed =
        ctl({u"start"_s, u"validate_node_enrollment"_s, u"--matching"_s, u"status:provisioning"_s},
            true);
    QCOMPARE(failed.exitCode, 6);
    const Result retried =
        ctl({u"retry"_s, u"--matching"_s, u"status:failed workflow:validate_node_enrollment"_s});
    QVERIFY2(retried.exitCode == 0, retried.out.constData());
    QVERIFY2(retried.out.contains("2 completed"), retried.out.constData());
    // None matches: nothing can start (5).
    QCOMPARE(
        ctl({u"start"_s, u"validate_node_enrollment"_s, u"--matching"_s, u"status:migrating"_s})
            .exitCode,
        5);
}

QTEST_MAIN(TestNodeEnrollment)
#include "tst_nodeenrollment.moc"
