// End-to-end tests of orchestratorctl: every test drives the built binary with QProcess, the
// way an operator or a script would, on a fresh database with the test workflows enabled: a
// SQLite file, or a PostgreSQL database when WFO_TEST_BACKEND=postgresql.

#include "ctlrun.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

class TestCtl final : public QObject
{
    Q_OBJECT

private:
    using Result = CtlResult;

    QProcessEnvironment environment() const;
    Result ctl(const QStringList &arguments, const QProcessEnvironment &env = {});
    // Runs `start`/`show` with --json and returns the process id.
    QString startedId(const Result &result) const
    {
        return result.object().value(u"id").toString();
    }
    QJsonObject show(const QString &processId);
    static QByteArray fileHash(const QString &path);

    QString filePath(const QString &name) const { return m_db->dir() + u'/' + name; }
    // A connection of the test's own, beside orchestratorctl's, to tamper with the database.
    QSqlDatabase tamperConnection() const;

    std::unique_ptr<TestDatabase> m_db;
    QString m_url;

private slots:
    void init();
    void cleanup();

    void initCreatesSchema();
    void versionAndHelp();
    void workflowsListed();
    void startRunsToCompletion();
    void failedStepRetried();
    void inputStepSuspendsAndValidates();
    void initialForm_data();
    void initialForm();
    void abortSuspended();
    void resumeCompletedRefused();
    void schedulesAreEditedByAdmins();
    void aScheduleEveryMinuteRunsTwiceInTwoMinutes();
    void apiTokensCreatedListedRevoked();
    void resumeAllRetriesEveryFailedTask();
    void missingDatabaseFileIsNotCreated();
    void errors_data();
    void errors();
    void enginePauseAndResume();
    void notADatabaseLeftUntouched();
    void newerSchemaLeftUntouched();
    void detachedProcessRunByWorker();
    void rolesAllowAndRefuseEveryAction_data();
    void rolesAllowAndRefuseEveryAction();
};

QProcessEnvironment TestCtl::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"WFO_DATABASE_URL"_s);
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_USER"_s, u"e2e-operator"_s);
    return env;
}

TestCtl::Result TestCtl::ctl(const QStringList &arguments, const QProcessEnvironment &env)
{
    return runCtl(m_url, arguments, env.isEmpty() ? environment() : env);
}

QJsonObject TestCtl::show(const QString &processId)
{
    const Result result = ctl({u"show"_s, processId, u"--json"_s});
    return result.exitCode == 0 ? result.object() : QJsonObject();
}

QByteArray TestCtl::fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QSqlDatabase TestCtl::tamperConnection() const
{
    const wfo::store::DatabaseUrl &url = m_db->url();
    QSqlDatabase db =
        QSqlDatabase::addDatabase(url.isSqlite() ? u"QSQLITE"_s : u"QPSQL"_s, u"tst_ctl"_s);
    if (url.isSqlite()) {
        db.setDatabaseName(url.path);
    } else {
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        db.setUserName(url.user);
        db.setPassword(url.password);
    }
    return db;
}

void TestCtl::init()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_url = m_db->url().toString();
    // Reading commands never create a database (a mistyped --db is refused), so every test
    // starts from an initialised one, as an operator does.
    const QByteArray test(QTest::currentTestFunction());
    if (test != "initCreatesSchema" && test != "missingDatabaseFileIsNotCreated")
        QCOMPARE(ctl({u"init"_s}).exitCode, 0);
}

void TestCtl::cleanup()
{
    m_db.reset();
}

void TestCtl::initCreatesSchema()
{
    if (m_db->isPostgres()) {
        // A shared PostgreSQL database is reported, not migrated, until `init`.
        const Result before = ctl({u"processes"_s});
        QCOMPARE(before.exitCode, 1);
        QVERIFY2(before.err.contains("init"), before.err.constData());
    }
    const Result result = ctl({u"init"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    if (!m_db->isPostgres())
        QVERIFY(QFile::exists(m_db->url().path));
    QVERIFY(result.object().value(u"schema_version").toInt() >= 1);
    QVERIFY(result.object().value(u"workflows").toInt() >= 7);
    QCOMPARE(ctl({u"processes"_s}).exitCode, 0);
    // Idempotent.
    QCOMPARE(ctl({u"init"_s}).exitCode, 0);
}

void TestCtl::versionAndHelp()
{
    const Result version = ctl({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("orchestratorctl "));
    const Result help = ctl({u"start"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--detach"));
    QVERIFY(help.out.contains("WORKFLOW"));
}

void TestCtl::workflowsListed()
{
    const Result result = ctl({u"--json"_s, u"workflows"_s});
    QCOMPARE(result.exitCode, 0);
    QStringList names;
    for (const QJsonValue &value : result.json().toArray()) {
        const QJsonObject workflow = value.toObject();
        QVERIFY(workflow.contains(u"target"));
        QVERIFY(workflow.contains(u"description"));
        QVERIFY(workflow.contains(u"is_task"));
        names.append(workflow.value(u"name").toString());
    }
    for (const QString &name :
         {u"task_resume_workflows"_s, u"test_steps"_s, u"test_fail_once"_s, u"test_input"_s,
          u"test_retry"_s, u"test_slow"_s, u"test_initial_form"_s}) {
        QVERIFY2(names.contains(name), qPrintable(name));
    }
    // Without the test pack on the pack path only the built-ins (and shipped packs) remain:
    // the shipped orchestratorctl has no test workflows in it.
    QProcessEnvironment env = environment();
    env.remove(u"WFO_PACK_PATH"_s);
    const Result plain = ctl({u"workflows"_s}, env);
    QCOMPARE(plain.exitCode, 0);
    QVERIFY(plain.out.contains("task_resume_workflows"));
    QVERIFY(!plain.out.contains("test_steps"));
}

void TestCtl::startRunsToCompletion()
{
    const Result result = ctl({u"start"_s, u"test_steps"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject process = result.object();
    for (const char *key : {"id", "workflow", "status", "last_step", "created_by", "started_at",
                            "last_modified_at", "failed_reason", "subscriptions", "steps"}) {
        QVERIFY2(process.contains(QLatin1StringView(key)), key);
    }
    QCOMPARE(process.value(u"status").toString(), u"completed"_s);
    QCOMPARE(process.value(u"workflow").toString(), u"test_steps"_s);
    QCOMPARE(process.value(u"created_by").toString(), u"e2e-operator"_s);
    const QJsonArray steps = process.value(u"steps").toArray();
    QCOMPARE(steps.size(), 7);
    QCOMPARE(steps.first().toObject().value(u"name").toString(), u"Start"_s);
    QCOMPARE(steps.last().toObject().value(u"name").toString(), u"Done"_s);
    const QJsonObject third = steps.at(3).toObject();
    for (const char *key :
         {"name", "status", "started_at", "completed_at", "state_delta", "retries", "error"}) {
        QVERIFY2(third.contains(QLatin1StringView(key)), key);
    }
    QCOMPARE(third.value(u"name").toString(), u"Step 3"_s);
    QCOMPARE(third.value(u"state_delta").toObject().value(u"counter_3").toInt(), 3);

    // The same process in the list, and as readable text.
    const Result list = ctl({u"processes"_s, u"--json"_s, u"--workflow"_s, u"test_steps"_s});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.json().toArray().size(), 1);
    QCOMPARE(list.json().toArray().first().toObject().value(u"id"), process.value(u"id"));
    // Found by the console's search syntax too, and left out by it.
    const Result found = ctl(
        {u"processes"_s, u"--json"_s, u"--search"_s, u"workflow:test_step* status:completed"_s});
    QCOMPARE(found.exitCode, 0);
    QCOMPARE(found.json().toArray().size(), 1);
    QCOMPARE(found.json().toArray().first().toObject().value(u"id"), process.value(u"id"));
    const Result none =
        ctl({u"processes"_s, u"--json"_s, u"--search"_s, u"test_steps -status:completed"_s});
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(none.json().toArray().size(), 0);
    const Result text = ctl({u"show"_s, process.value(u"id").toString()});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("completed"));
    QVERIFY(text.out.contains("Step 5"));
}

void TestCtl::failedStepRetried()
{
    const QString flag = filePath(u"fail.flag"_s);
    QFile flagFile(flag);
    QVERIFY(flagFile.open(QIODevice::WriteOnly));
    flagFile.close();
    QProcessEnvironment env = environment();
    env.insert(u"WFO_TEST_FLAG_FILE"_s, flag);

    const Result failed = ctl({u"start"_s, u"test_fail_once"_s, u"--json"_s}, env);
    QCOMPARE(failed.exitCode, 6);
    QCOMPARE(failed.object().value(u"status").toString(), u"failed"_s);
    QVERIFY(failed.object().value(u"failed_reason").toString().contains(u"Simulated failure"));
    const QString id = startedId(failed);

    QVERIFY(QFile::remove(flag));
    const Result resumed = ctl({u"resume"_s, id, u"--json"_s}, env);
    QCOMPARE(resumed.exitCode, 0);
    QCOMPARE(resumed.object().value(u"status").toString(), u"completed"_s);

    const QJsonArray steps = show(id).value(u"steps").toArray();
    int failedRow = -1;
    int successRow = -1;
    for (int i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps.at(i).toObject();
        if (step.value(u"name").toString() != "Flaky step"_L1)
            continue;
        if (step.value(u"status").toString() == "failed"_L1) {
            failedRow = i;
            QCOMPARE(step.value(u"error").toObject().value(u"message").toString(),
                     u"Simulated failure"_s);
        } else if (step.value(u"status").toString() == "success"_L1) {
            successRow = i;
            QCOMPARE(step.value(u"retries").toInt(), 1);
        }
    }
    QVERIFY(failedRow >= 0);
    QVERIFY(successRow > failedRow);
}

void TestCtl::inputStepSuspendsAndValidates()
{
    const Result started = ctl({u"start"_s, u"test_input"_s, u"--json"_s});
    QCOMPARE(started.exitCode, 0);
    QCOMPARE(started.object().value(u"status").toString(), u"suspended"_s);
    const QString id = startedId(started);

    const Result invalid =
        ctl({u"resume"_s, id, u"--json"_s, u"--input"_s, uR"({"name": "Ada", "age": "x"})"_s});
    QCOMPARE(invalid.exitCode, 4);
    const QJsonArray errors = invalid.json().toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().toObject().value(u"loc").toArray(), QJsonArray {u"age"_s});
    QVERIFY(!errors.first().toObject().value(u"msg").toString().isEmpty());
    QCOMPARE(show(id).value(u"status").toString(), u"suspended"_s);

    // Without input the page's schema is asked for.
    const Result needsInput = ctl({u"resume"_s, id, u"--json"_s});
    QCOMPARE(needsInput.exitCode, 3);
    QVERIFY(needsInput.out.contains("\"age\""));

    const QString inputFile = filePath(u"answers.json"_s);
    QFile file(inputFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"name": "Ada", "age": 36})");
    file.close();
    const Result resumed = ctl({u"resume"_s, id, u"--json"_s, u"--input"_s, u"@"_s + inputFile});
    QCOMPARE(resumed.exitCode, 0);
    QCOMPARE(resumed.object().value(u"status").toString(), u"completed"_s);
    bool greeted = false;
    for (const QJsonValue &step : resumed.object().value(u"steps").toArray()) {
        if (step.toObject().value(u"state_delta").toObject().value(u"greeting").toString()
            == "Hello Ada"_L1)
            greeted = true;
    }
    QVERIFY(greeted);
}

void TestCtl::initialForm_data()
{
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no input") << QStringList() << 3 << QByteArray("customer_id");
    QTest::newRow("second page missing")
        << QStringList {u"--input"_s, uR"({"customer_id": "c1"})"_s} << 3 << QByteArray("role_id");
    QTest::newRow("bad choice") << QStringList {u"--input"_s,
                                                uR"({"customer_id": "c1", "role_id": "bad"})"_s}
                                << 4 << QByteArray("role_id");
    QTest::newRow("object") << QStringList {u"--input"_s,
                                            uR"({"customer_id": "c1", "role_id": "edge"})"_s}
                            << 0 << QByteArray("c1/edge");
    QTest::newRow("array per page")
        << QStringList {u"--input"_s, uR"([{"customer_id": "c2"}, {"role_id": "core"}])"_s} << 0
        << QByteArray("c2/core");
}

void TestCtl::initialForm()
{
    QFETCH(QStringList, input);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    const Result result =
        ctl(QStringList {u"start"_s, u"test_initial_form"_s, u"--json"_s} + input);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.out.contains(expected), result.out.constData());
    if (exitCode == 3) {
        QVERIFY(result.object().contains(u"page_index"));
        QCOMPARE(result.object().value(u"schema").toObject().value(u"type").toString(),
                 u"object"_s);
    }
    if (exitCode == 4) {
        QCOMPARE(result.json().toArray().first().toObject().value(u"loc").toArray(),
                 QJsonArray {u"role_id"_s});
    }
    // No process was created unless the form was complete.
    const Result list = ctl({u"processes"_s, u"--json"_s});
    QCOMPARE(list.json().toArray().size(), exitCode == 0 ? 1 : 0);
}

void TestCtl::abortSuspended()
{
    const QString id = startedId(ctl({u"start"_s, u"test_input"_s, u"--json"_s}));
    QVERIFY(!id.isEmpty());
    const Result aborted = ctl({u"abort"_s, id, u"--json"_s});
    QCOMPARE(aborted.exitCode, 0);
    QCOMPARE(aborted.object().value(u"status").toString(), u"aborted"_s);
    const QJsonArray steps = show(id).value(u"steps").toArray();
    const QJsonObject last = steps.last().toObject();
    QCOMPARE(last.value(u"name").toString(), u"User Aborted"_s);
    QCOMPARE(last.value(u"status").toString(), u"abort"_s);
    // Aborting twice is refused.
    QCOMPARE(ctl({u"abort"_s, id}).exitCode, 1);
}

void TestCtl::resumeCompletedRefused()
{
    const QString id = startedId(ctl({u"start"_s, u"test_steps"_s, u"--json"_s}));
    QVERIFY(!id.isEmpty());
    const Result result = ctl({u"resume"_s, id});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("cannot be resumed"));
}

void TestCtl::aScheduleEveryMinuteRunsTwiceInTwoMinutes()
{
    // Only this schedule: the defaults would not come due in two minutes, but a test that
    // counts must not depend on the hour it runs at.
    for (const QString &id : {u"clean-up-tasks"_s, u"resume-workflows"_s, u"validate-products"_s,
                              u"validate-subscriptions"_s})
        ctl({u"schedules"_s, u"remove"_s, id});
    const auto cleanUps = [this] {
        return ctl({u"processes"_s, u"--workflow"_s, u"task_clean_up_tasks"_s, u"--json"_s})
            .array()
            .size();
    };
    const int before = cleanUps();
    // As the operator types it: the workflow first, the id made from its name.
    const Result added = ctl(
        {u"schedules"_s, u"add"_s, u"task_clean_up_tasks"_s, u"--every"_s, u"1m"_s, u"--json"_s});
    QCOMPARE(added.exitCode, 0);
    QVERIFY2(added.out.contains("\"task-clean-up-tasks\""), added.out.constData());

    QProcessEnvironment env = environment();
    env.remove(u"WFO_NO_SCHEDULES"_s); // this worker starts the due runs
    QProcess worker;
    worker.setProcessEnvironment(env);
    worker.start(QStringLiteral(ORCHESTRATORCTL), {u"--db"_s, m_url, u"worker"_s});
    QVERIFY(worker.waitForStarted());
    // Due one and two minutes after it was added; the third would be at three.
    QTest::qWait(140 * 1000);
    worker.terminate();
    QVERIFY(worker.waitForFinished(30000));
    QCOMPARE(worker.exitCode(), 0);
    QCOMPARE(cleanUps() - before, 2);
    const Result list = ctl({u"schedules"_s, u"list"_s, u"--json"_s});
    const QJsonObject schedule = list.array().at(0).toObject();
    QCOMPARE(schedule.value(u"schedule_id").toString(), u"task-clean-up-tasks"_s);
    QCOMPARE(schedule.value(u"last_status").toString(), u"completed"_s);
    QCOMPARE(schedule.value(u"last_missed").toInt(), 0);
}

void TestCtl::apiTokensCreatedListedRevoked()
{
    Result list = ctl({u"tokens"_s, u"list"_s, u"--json"_s});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.array().isEmpty());
    QCOMPARE(ctl({u"tokens"_s, u"create"_s}).exitCode, 2);
    QCOMPARE(
        ctl({u"tokens"_s, u"create"_s, u"--user"_s, u"ada"_s, u"--expires"_s, u"0"_s}).exitCode, 2);
    QCOMPARE(ctl({u"tokens"_s, u"revoke"_s}).exitCode, 2);
    QCOMPARE(ctl({u"tokens"_s, u"mint"_s}).exitCode, 2);

    // The token on stdout, once; the note on stderr.
    const Result created = ctl({u"tokens"_s, u"create"_s, u"--user"_s, u"ada"_s, u"--expires"_s,
                                u"30"_s, u"--description"_s, u"ci"_s});
    QCOMPARE(created.exitCode, 0);
    const QByteArray token = created.out.trimmed();
    QVERIFY2(token.startsWith("wfo_") && token.size() > 40, created.out.constData());
    QVERIFY(created.err.contains("shown only now"));
    list = ctl({u"tokens"_s, u"list"_s, u"--json"_s});
    QCOMPARE(list.array().size(), 1);
    const QJsonObject row = list.array().at(0).toObject();
    QCOMPARE(row.value(u"user_name").toString(), u"ada"_s);
    QCOMPARE(row.value(u"state").toString(), u"active"_s);
    QCOMPARE(row.value(u"description").toString(), u"ci"_s);
    QVERIFY(!row.value(u"expires_at").toString().isEmpty());
    QVERIFY(!list.out.contains(token)); // never shown again, not even hashed
    const QString id = row.value(u"token_id").toString();
    const Result text = ctl({u"tokens"_s, u"list"_s});
    QVERIFY(text.out.contains(id.toUtf8()) && text.out.contains("ada"));

    // Once operators exist: only admins, and only for operators that exist.
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"ada"_s, u"--role"_s, u"admin"_s}).exitCode, 0);
    QProcessEnvironment as = environment();
    as.insert(u"WFO_USER"_s, u"ada"_s);
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"vic"_s, u"--role"_s, u"viewer"_s}, as).exitCode, 0);
    QCOMPARE(ctl({u"tokens"_s, u"create"_s, u"--user"_s, u"nobody"_s}, as).exitCode, 4);
    as.insert(u"WFO_USER"_s, u"vic"_s);
    const Result refused = ctl({u"tokens"_s, u"revoke"_s, id}, as);
    QCOMPARE(refused.exitCode, 7);
    QVERIFY2(refused.err.contains("admin"), refused.err.constData());
    as.insert(u"WFO_USER"_s, u"ada"_s);
    QCOMPARE(ctl({u"tokens"_s, u"revoke"_s, id}, as).exitCode, 0);
    QCOMPARE(ctl({u"tokens"_s, u"list"_s, u"--json"_s}).array().at(0)[u"state"].toString(),
             u"revoked"_s);
    const Result again = ctl({u"tokens"_s, u"revoke"_s, id}, as);
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains("revoked already"));
    QCOMPARE(ctl({u"tokens"_s, u"revoke"_s, u"nope"_s}, as).exitCode, 4);
    // Audited.
    const Result audit = ctl({u"audit"_s, u"--target"_s, id, u"--json"_s});
    QCOMPARE(audit.array().size(), 3); // create, the viewer's refusal, revoke
}

void TestCtl::schedulesAreEditedByAdmins()
{
    // The four default schedules of a new database, with their next runs.
    Result list = ctl({u"schedules"_s, u"list"_s, u"--json"_s});
    QCOMPARE(list.exitCode, 0);
    QStringList ids;
    for (const QJsonValue &value : list.array()) {
        ids.append(value.toObject().value(u"schedule_id").toString());
        QCOMPARE(value.toObject().value(u"next_runs").toArray().size(), 5);
    }
    ids.sort();
    QCOMPARE(ids,
             (QStringList {u"clean-up-tasks"_s, u"resume-workflows"_s, u"validate-products"_s,
                           u"validate-subscriptions"_s}));

    const Result added =
        ctl({u"schedules"_s, u"add"_s, u"nightly"_s, u"--workflow"_s, u"test_steps"_s, u"--cron"_s,
             u"0 3 * * *"_s, u"--tz"_s, u"Europe/Amsterdam"_s, u"--json"_s});
    QCOMPARE(added.exitCode, 0);
    QJsonObject nightly;
    for (const QJsonValue &value : added.array()) {
        if (value.toObject().value(u"schedule_id").toString() == "nightly"_L1)
            nightly = value.toObject();
    }
    // 03:00 in Amsterdam is 02:00 or 01:00 UTC.
    const QString first = nightly.value(u"next_runs").toArray().at(0).toString();
    QVERIFY2(first.contains(u"T02:00:00"_s) || first.contains(u"T01:00:00"_s), qPrintable(first));

    const Result bad = ctl({u"schedules"_s, u"set"_s, u"nightly"_s, u"--cron"_s, u"61 3 * * *"_s});
    QCOMPARE(bad.exitCode, 4);
    QVERIFY2(bad.err.contains("minute 61 is out of range"), bad.err.constData());
    QCOMPARE(ctl({u"schedules"_s, u"add"_s, u"x"_s, u"--workflow"_s, u"test_steps"_s}).exitCode, 2);

    // Only admins edit schedules.
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"ada"_s, u"--role"_s, u"admin"_s}).exitCode, 0);
    QProcessEnvironment as = environment();
    as.insert(u"WFO_USER"_s, u"ada"_s);
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"olga"_s, u"--role"_s, u"operator"_s}, as).exitCode,
             0);
    as.insert(u"WFO_USER"_s, u"olga"_s);
    const Result refused = ctl({u"schedules"_s, u"disable"_s, u"nightly"_s}, as);
    QCOMPARE(refused.exitCode, 7);
    QVERIFY2(refused.err.contains("edit schedules"), refused.err.constData());
    as.insert(u"WFO_USER"_s, u"ada"_s);
    QCOMPARE(ctl({u"schedules"_s, u"disable"_s, u"nightly"_s}, as).exitCode, 0);
    QCOMPARE(ctl({u"schedules"_s, u"delete"_s, u"nightly"_s}, as).exitCode, 0);
    list = ctl({u"schedules"_s, u"list"_s, u"--json"_s});
    QCOMPARE(list.array().size(), 4);
    const Result audit = ctl({u"audit"_s, u"--target"_s, u"nightly"_s, u"--json"_s}, as);
    QStringList changes; // newest first; the refused one by olga has no change
    for (const QJsonValue &value : audit.array()) {
        const QJsonObject row = value.toObject();
        changes.append(row.value(u"allowed").toBool()
                           ? row.value(u"detail").toObject().value(u"change").toString()
                           : u"refused:"_s + row.value(u"actor").toString());
    }
    QCOMPARE(changes, (QStringList {u"delete"_s, u"disable"_s, u"refused:olga"_s, u"add"_s}));
}

void TestCtl::resumeAllRetriesEveryFailedTask()
{
    const QString flag = filePath(u"fail.flag"_s);
    QFile flagFile(flag);
    QVERIFY(flagFile.open(QIODevice::WriteOnly));
    flagFile.close();
    QProcessEnvironment env = environment();
    env.insert(u"WFO_TEST_FLAG_FILE"_s, flag);
    const QString first = startedId(ctl({u"start"_s, u"test_fail_once"_s, u"--json"_s}, env));
    const QString second = startedId(ctl({u"start"_s, u"test_fail_once"_s, u"--json"_s}, env));
    QCOMPARE(show(first).value(u"status").toString(), u"failed"_s);
    QCOMPARE(show(second).value(u"status").toString(), u"failed"_s);

    // Usage: retry needs a query it understands.
    QCOMPARE(ctl({u"retry"_s}).exitCode, 2);
    QCOMPARE(ctl({u"retry"_s, u"--matching"_s, u"x"_s.repeated(1001)}).exitCode, 2);
    QCOMPARE(ctl({u"retry"_s, u"--matching"_s, u"status:sleepy"_s}).exitCode, 2);
    QCOMPARE(ctl({u"retry"_s, u"--matching"_s, u"status:(failed|sleepy)"_s}).exitCode, 2);

    QVERIFY(QFile::remove(flag));
    const Result resumed = ctl({u"resume-all"_s, u"--json"_s}, env);
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QCOMPARE(resumed.object().value(u"done").toArray().size(), 2);
    QCOMPARE(show(first).value(u"status").toString(), u"completed"_s);
    QCOMPARE(show(second).value(u"status").toString(), u"completed"_s);
    const Result audit = ctl({u"audit"_s, u"--json"_s});
    int bulk = 0;
    for (const QJsonValue &row : audit.array()) {
        const QJsonObject r = row.toObject();
        if (r.value(u"target_kind").toString() == u"bulk") {
            ++bulk;
            QCOMPARE(r.value(u"action").toString(), u"resume"_s);
            QCOMPARE(r.value(u"actor").toString(), u"e2e-operator"_s);
            QStringList listed =
                r.value(u"detail").toObject().value(u"processes").toVariant().toStringList();
            listed.sort();
            QStringList expected {first, second};
            expected.sort();
            QCOMPARE(listed, expected);
        }
    }
    QCOMPARE(bulk, 1);
    // Nothing failed any more.
    const Result again = ctl({u"resume-all"_s}, env);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains("No process to retry"), again.out.constData());
}

void TestCtl::missingDatabaseFileIsNotCreated()
{
    if (m_db->isPostgres())
        QSKIP("a file of SQLite only");
    const QString path = QUrl(m_url).path();
    QVERIFY(!QFileInfo::exists(path));
    for (const QStringList &arguments :
         {QStringList {u"processes"_s}, QStringList {u"show"_s, u"0000-none"_s},
          QStringList {u"subscriptions"_s}, QStringList {u"audit"_s},
          QStringList {u"engine"_s, u"status"_s}, QStringList {u"resume"_s, u"0000-none"_s},
          QStringList {u"operators"_s, u"list"_s}}) {
        const Result result = ctl(arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("There is no database file"), result.err.constData());
        QVERIFY2(!QFileInfo::exists(path), qPrintable(arguments.join(u' ')));
    }
    // `init` and `start` create it.
    QCOMPARE(ctl({u"start"_s, u"test_steps"_s}).exitCode, 0);
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(ctl({u"processes"_s}).exitCode, 0);
}

void TestCtl::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("unknown workflow")
        << QStringList {u"start"_s, u"no_such_workflow"_s} << 1 << QByteArray("no_such_workflow");
    QTest::newRow("unknown process show")
        << QStringList {u"show"_s, u"0000-none"_s} << 1 << QByteArray("0000-none");
    QTest::newRow("unknown process resume")
        << QStringList {u"resume"_s, u"0000-none"_s} << 1 << QByteArray("0000-none");
    QTest::newRow("unknown process abort")
        << QStringList {u"abort"_s, u"0000-none"_s} << 1 << QByteArray("0000-none");
    QTest::newRow("malformed input")
        << QStringList {u"start"_s, u"test_input"_s, u"--input"_s, u"{\"name\": "_s} << 2
        << QByteArray("offset");
    QTest::newRow("missing input file")
        << QStringList {u"start"_s, u"test_input"_s, u"--input"_s, u"@/nonexistent/x.json"_s} << 2
        << QByteArray("/nonexistent/x.json");
    QTest::newRow("unknown command")
        << QStringList {u"frobnicate"_s} << 2 << QByteArray("frobnicate");
    QTest::newRow("no command") << QStringList() << 2 << QByteArray("command");
    QTest::newRow("unknown option")
        << QStringList {u"processes"_s, u"--frob"_s} << 2 << QByteArray("frob");
    QTest::newRow("missing argument") << QStringList {u"show"_s} << 2 << QByteArray("Usage");
    QTest::newRow("bad status") << QStringList {u"processes"_s, u"--status"_s, u"sleepy"_s} << 2
                                << QByteArray("sleepy");
    QTest::newRow("search beyond its limits")
        << QStringList {u"processes"_s, u"--search"_s, u"x"_s.repeated(1001)} << 1
        << QByteArray("1000");
    QTest::newRow("bad engine action")
        << QStringList {u"engine"_s, u"reboot"_s} << 2 << QByteArray("reboot");
    QTest::newRow("bad subscription status")
        << QStringList {u"subscriptions"_s, u"--status"_s, u"sleepy"_s} << 2
        << QByteArray("sleepy");
    QTest::newRow("unknown subscription")
        << QStringList {u"subscription"_s, u"0000-none"_s} << 1 << QByteArray("0000-none");
    QTest::newRow("unknown subscription for a workflow")
        << QStringList {u"start"_s, u"modify_note"_s, u"--subscription"_s, u"0000-none"_s} << 1
        << QByteArray("0000-none");
    QTest::newRow("workflow needs a subscription")
        << QStringList {u"start"_s, u"modify_note"_s} << 2 << QByteArray("modify_note");
    QTest::newRow("unknown product")
        << QStringList {u"start"_s, u"create_node_enrollment"_s, u"--product"_s, u"Nope"_s} << 1
        << QByteArray("Nope");
}

void TestCtl::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const Result result = ctl(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void TestCtl::enginePauseAndResume()
{
    QCOMPARE(ctl({u"engine"_s, u"pause"_s}).exitCode, 0);
    const Result paused = ctl({u"engine"_s, u"status"_s, u"--json"_s});
    QCOMPARE(paused.exitCode, 0);
    QCOMPARE(paused.object().value(u"global_lock").toBool(), true);
    QCOMPARE(paused.object().value(u"status").toString(), u"PAUSED"_s);
    QCOMPARE(paused.object().value(u"running_processes").toInt(), 0);

    // While paused a start only queues the process.
    const Result queued = ctl({u"start"_s, u"test_steps"_s, u"--json"_s});
    QCOMPARE(queued.exitCode, 0);
    QCOMPARE(queued.object().value(u"status").toString(), u"created"_s);

    QCOMPARE(ctl({u"engine"_s, u"resume"_s}).exitCode, 0);
    const Result running = ctl({u"engine"_s, u"status"_s, u"--json"_s});
    QCOMPARE(running.object().value(u"global_lock").toBool(), false);
    QCOMPARE(running.object().value(u"status").toString(), u"RUNNING"_s);
}

void TestCtl::notADatabaseLeftUntouched()
{
    if (m_db->isPostgres())
        QSKIP("a damaged file is a SQLite matter");
    const QString path = m_db->url().path;
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("this is not a database, only some text\n").repeated(200));
    file.close();
    const QByteArray before = fileHash(path);

    for (const QStringList &arguments :
         {QStringList {u"processes"_s}, QStringList {u"start"_s, u"test_steps"_s},
          QStringList {u"init"_s}}) {
        const Result result = ctl(arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("not an Orchestrator Console database"),
                 result.err.constData());
        QCOMPARE(fileHash(path), before);
    }
}

void TestCtl::newerSchemaLeftUntouched()
{
    QCOMPARE(ctl({u"init"_s}).exitCode, 0);
    {
        QSqlDatabase db = tamperConnection();
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"INSERT INTO schema_version (version, description, applied_at) "
                            "VALUES (999, 'from the future', '2999-01-01T00:00:00Z')"_s),
                 qPrintable(query.lastError().text()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_ctl"_s);
    const QByteArray before = m_db->isPostgres() ? QByteArray() : fileHash(m_db->url().path);

    for (const QStringList &arguments :
         {QStringList {u"processes"_s}, QStringList {u"start"_s, u"test_steps"_s},
          QStringList {u"init"_s}}) {
        const Result result = ctl(arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("newer"), result.err.constData());
        if (!m_db->isPostgres())
            QCOMPARE(fileHash(m_db->url().path), before);
    }
    // Nothing was created, and the version row is still there.
    {
        QSqlDatabase db = tamperConnection();
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT (SELECT MAX(version) FROM schema_version), "
                           "(SELECT COUNT(*) FROM processes)"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 999);
        QCOMPARE(query.value(1).toInt(), 0);
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_ctl"_s);
}

void TestCtl::detachedProcessRunByWorker()
{
    const Result queued = ctl({u"start"_s, u"test_steps"_s, u"--detach"_s, u"--json"_s});
    QCOMPARE(queued.exitCode, 0);
    QCOMPARE(queued.object().value(u"status").toString(), u"created"_s);
    const QString id = startedId(queued);

    QProcessEnvironment env = environment();
    env.insert(u"WFO_POLL_MS"_s, u"100"_s);
    QProcess worker;
    worker.setProcessEnvironment(env);
    worker.start(QStringLiteral(ORCHESTRATORCTL),
                 {u"--db"_s, m_url, u"worker"_s, u"--threads"_s, u"2"_s});
    QVERIFY(worker.waitForStarted());

    QString status;
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        status = show(id).value(u"status").toString();
        if (status == "completed"_L1)
            break;
        QTest::qWait(200);
    }
    QCOMPARE(status, u"completed"_s);

    worker.terminate(); // SIGTERM
    QVERIFY(worker.waitForFinished(30000));
    QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
    QCOMPARE(worker.exitCode(), 0);
    const QByteArray log = worker.readAllStandardError();
    QVERIFY2(log.contains(QByteArray(id.toUtf8() + " stopped: completed")), log.constData());
    QVERIFY(log.contains("worker stopped"));
    const Result status2 = ctl({u"engine"_s, u"status"_s, u"--json"_s});
    QCOMPARE(status2.object().value(u"running_processes").toInt(), 0);
}

void TestCtl::rolesAllowAndRefuseEveryAction_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("startExit");
    QTest::addColumn<int>("abortExit");
    QTest::addColumn<int>("pauseExit");
    QTest::addColumn<int>("operatorsExit");
    QTest::addColumn<int>("resetExit"); // 6: allowed, and the step fails again
    QTest::addColumn<int>("skipExit");
    QTest::newRow("viewer") << u"vic"_s << 7 << 7 << 7 << 7 << 7 << 7;
    QTest::newRow("operator") << u"olga"_s << 0 << 0 << 7 << 7 << 6 << 7;
    QTest::newRow("admin") << u"ada"_s << 0 << 0 << 0 << 0 << 6 << 0;
    QTest::newRow("unknown user") << u"eve"_s << 7 << 7 << 7 << 7 << 7 << 7;
}

void TestCtl::rolesAllowAndRefuseEveryAction()
{
    QFETCH(QString, user);
    QFETCH(int, startExit);
    QFETCH(int, abortExit);
    QFETCH(int, pauseExit);
    QFETCH(int, operatorsExit);
    QFETCH(int, resetExit);
    QFETCH(int, skipExit);
    QProcessEnvironment as = environment();
    const QString flag = filePath(u"fail.flag"_s);
    QFile flagFile(flag);
    QVERIFY(flagFile.open(QIODevice::WriteOnly));
    flagFile.close();
    as.insert(u"WFO_TEST_FLAG_FILE"_s, flag);
    // While no operator is defined everyone is admin: the first one is added by anyone.
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"ada"_s, u"--role"_s, u"admin"_s}).exitCode, 0);
    as.insert(u"WFO_USER"_s, u"ada"_s);
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"vic"_s, u"--role"_s, u"viewer"_s}, as).exitCode, 0);
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"olga"_s, u"--role"_s, u"operator"_s}, as).exitCode,
             0);
    // Now the default user of this suite is refused: it is not an operator.
    QCOMPARE(ctl({u"start"_s, u"test_steps"_s}).exitCode, 7);

    const Result suspended = ctl({u"start"_s, u"test_input"_s, u"--json"_s}, as);
    QCOMPARE(suspended.exitCode, 0);
    QCOMPARE(suspended.object().value(u"status").toString(), u"suspended"_s);
    const QString processId = suspended.object().value(u"id").toString();
    QStringList failed;
    for (int n = 0; n < 2; ++n) {
        const Result run = ctl({u"start"_s, u"test_fail_once"_s, u"--json"_s}, as);
        QCOMPARE(run.exitCode, 6);
        failed.append(run.object().value(u"id").toString());
    }

    as.insert(u"WFO_USER"_s, user);
    const Result started = ctl({u"start"_s, u"test_steps"_s}, as);
    QCOMPARE(started.exitCode, startExit);
    if (startExit == 7)
        QVERIFY2(started.err.contains(startExit == 7 && user == "eve"_L1
                                          ? "not an enabled operator"
                                          : "needs the operator role"),
                 started.err.constData());
    QCOMPARE(ctl({u"abort"_s, processId}, as).exitCode, abortExit);
    const Result paused = ctl({u"engine"_s, u"pause"_s}, as);
    QCOMPARE(paused.exitCode, pauseExit);
    if (pauseExit == 0)
        QCOMPARE(ctl({u"engine"_s, u"resume"_s}, as).exitCode, 0);
    else
        QVERIFY2(paused.err.contains("admin"), paused.err.constData());
    QCOMPARE(ctl({u"operators"_s, u"set"_s, u"vic"_s, u"--role"_s, u"viewer"_s}, as).exitCode,
             operatorsExit);
    const Result reset = ctl({u"reset"_s, failed.at(0), u"--to-step"_s, u"Flaky step"_s}, as);
    QCOMPARE(reset.exitCode, resetExit);
    const Result skip = ctl({u"skip"_s, failed.at(1), u"--reason"_s, u"fixed by hand"_s}, as);
    QCOMPARE(skip.exitCode, skipExit);
    if (skipExit == 7)
        QVERIFY2(skip.err.contains("skip steps"), skip.err.constData());
    // `show` keeps the rewound rows (marked) and the skip with its reason.
    int rewound = 0;
    for (const QJsonValue &step :
         ctl({u"show"_s, failed.at(0), u"--json"_s}, as).object().value(u"steps").toArray())
        rewound += step.toObject().value(u"rewound_at").isString() ? 1 : 0;
    QCOMPARE(rewound, resetExit == 6 ? 1 : 0); // the failed "Flaky step" row
    QString skippedWith;
    for (const QJsonValue &step :
         ctl({u"show"_s, failed.at(1), u"--json"_s}, as).object().value(u"steps").toArray()) {
        if (step.toObject().value(u"status").toString() == "skipped"_L1)
            skippedWith = step.toObject().value(u"reason").toString();
    }
    QCOMPARE(skippedWith, skipExit == 0 ? u"fixed by hand"_s : QString());

    // Every action, allowed or refused, is in the audit trail with its actor.
    as.insert(u"WFO_USER"_s, u"ada"_s);
    const Result audit = ctl({u"audit"_s, u"--actor"_s, user, u"--json"_s}, as);
    QCOMPARE(audit.exitCode, 0);
    QHash<QString, bool> seen;
    for (const QJsonValue &value : audit.array())
        seen.insert(value.toObject().value(u"action").toString(),
                    value.toObject().value(u"allowed").toBool());
    QCOMPARE(seen.value(u"start"_s), startExit == 0);
    QCOMPARE(seen.value(u"abort"_s), abortExit == 0);
    QCOMPARE(seen.value(u"pause_engine"_s), pauseExit == 0);
    QCOMPARE(seen.value(u"manage_operators"_s), operatorsExit == 0);
    QCOMPARE(seen.value(u"reset"_s), resetExit != 7);
    QCOMPARE(seen.value(u"skip"_s), skipExit != 7);
    QVERIFY(seen.contains(u"reset"_s) && seen.contains(u"skip"_s));
    for (const QJsonValue &value : audit.array())
        QCOMPARE(value.toObject().value(u"origin").toString(), u"cli"_s);
}

QTEST_GUILESS_MAIN(TestCtl)
#include "tst_ctl.moc"
