// The PostgreSQL roles of `orchestratorctl operators grant-sql`, applied with psql as an admin
// would: a viewer's login reads everything and cannot write even with raw SQL (only its own
// refusals go into the audit trail), its engine opens read-only and refuses every action; an
// operator's login runs workflows but cannot touch the operators, the global lock or the audit
// trail. PostgreSQL only.
#include "ctlrun.h"
#include "testdatabase.h"

#include "core/engine.h"
#include "enginewaiter.h"
#include "store/database.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo;

class TestPgRoles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void viewerCannotWrite();
    void viewerEngineIsReadOnly();
    void operatorRunsWorkflowsButNotTheEngineSettings();

private:
    CtlResult ctl(const QString &url, const QStringList &arguments);
    QString loginUrl(const QString &role) const;
    // Whether `sql` runs for `role`; the error text otherwise.
    bool runs(const QString &role, const QString &sql, QString *error = nullptr);
    void applyGrantScript();

    std::unique_ptr<TestDatabase> m_db;
    QString m_viewer;
    QString m_operator;
};

CtlResult TestPgRoles::ctl(const QString &url, const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_USER"_s, u"pat"_s);
    return runCtl(url, arguments, env);
}

QString TestPgRoles::loginUrl(const QString &role) const
{
    store::DatabaseUrl url = m_db->url();
    url.user = role;
    url.password.clear();
    return url.toString();
}

bool TestPgRoles::runs(const QString &role, const QString &sql, QString *error)
{
    const std::optional<store::DatabaseUrl> url =
        store::DatabaseUrl::parse(loginUrl(role), nullptr);
    const store::Database db(*url);
    bool ok = true;
    try {
        db.exec(sql);
    } catch (const store::StoreError &e) {
        ok = false;
        if (error)
            *error = e.message();
    }
    db.closeThreadConnection();
    return ok;
}

void TestPgRoles::applyGrantScript()
{
    const CtlResult script = ctl(m_db->url().toString(), {u"operators"_s, u"grant-sql"_s});
    QCOMPARE(script.exitCode, 0);
    const QString psql = QStandardPaths::findExecutable(u"psql"_s);
    QVERIFY2(!psql.isEmpty(), "psql (postgresql-client) is needed");
    QProcess process;
    process.start(psql, {u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-q"_s, u"-d"_s, m_db->url().toString()});
    process.write(script.out);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
}

void TestPgRoles::initTestCase()
{
    if (TestDatabase::backend() != "postgresql"_L1)
        QSKIP("PostgreSQL roles need the PostgreSQL backend (tst_pgroles_postgresql)");
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QCOMPARE(ctl(m_db->url().toString(), {u"init"_s}).exitCode, 0);
    applyGrantScript();
    if (QTest::currentTestFailed())
        return;
    applyGrantScript(); // again, as after a migration: the script is idempotent
    if (QTest::currentTestFailed())
        return;

    // Login roles for two people, members of the group roles.
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    m_viewer = u"wfo_t_viewer_"_s + suffix;
    m_operator = u"wfo_t_operator_"_s + suffix;
    const store::Database owner(m_db->url());
    for (const auto &[login, group] :
         {std::pair {m_viewer, u"wfo_viewer"_s}, std::pair {m_operator, u"wfo_operator"_s}}) {
        owner.exec(u"CREATE ROLE %1 LOGIN"_s.arg(login));
        owner.exec(u"GRANT %1 TO %2"_s.arg(group, login));
    }
    owner.closeThreadConnection();
}

void TestPgRoles::cleanupTestCase()
{
    if (!m_db)
        return;
    const store::Database owner(m_db->url());
    for (const QString &login : {m_viewer, m_operator}) {
        try {
            owner.exec(u"DROP OWNED BY %1"_s.arg(login));
            owner.exec(u"DROP ROLE %1"_s.arg(login));
        } catch (const store::StoreError &e) {
            qWarning() << "could not drop" << login << e.message();
        }
    }
    owner.closeThreadConnection();
}

void TestPgRoles::viewerCannotWrite()
{
    QVERIFY(runs(m_viewer, u"SELECT COUNT(*) FROM processes"_s));
    QVERIFY(runs(m_viewer, u"SELECT COUNT(*) FROM audit_log"_s));
    QString error;
    for (const QString &sql :
         {u"UPDATE engine_settings SET value = 'true' WHERE key = 'global_lock'"_s,
          u"DELETE FROM processes"_s, u"UPDATE subscriptions SET note = 'x'"_s,
          u"INSERT INTO operators (user_name, role, created_at, modified_at) VALUES ('me', "
          "'admin', '', '')"_s,
          u"DELETE FROM audit_log"_s,
          u"INSERT INTO audit_log (at, actor, origin, action, target_kind, allowed) VALUES "
          "('2026-01-01', 'me', 'cli', 'start', 'process', 1)"_s}) {
        QVERIFY2(!runs(m_viewer, sql, &error), qPrintable(sql));
        QVERIFY2(error.contains(u"permission denied"_s) || error.contains(u"row-level security"_s),
                 qPrintable(error));
    }
    // Its own refusals it may record.
    QVERIFY(runs(m_viewer,
                 u"INSERT INTO audit_log (at, actor, origin, action, target_kind, "
                 "allowed) VALUES ('2026-01-01', 'me', 'cli', 'start', 'process', "
                 "0)"_s));

    // orchestratorctl as the viewer: reads work, actions are refused (exit 7) and audited.
    QCOMPARE(ctl(loginUrl(m_viewer), {u"processes"_s}).exitCode, 0);
    const CtlResult start = ctl(loginUrl(m_viewer), {u"start"_s, u"test_steps"_s});
    QCOMPARE(start.exitCode, 7);
    QVERIFY2(start.err.contains("may only read"), start.err.constData());
    const CtlResult audit =
        ctl(m_db->url().toString(), {u"audit"_s, u"--actor"_s, u"pat"_s, u"--json"_s});
    QCOMPARE(audit.exitCode, 0);
    QCOMPARE(audit.array().size(), 1);
    QCOMPARE(audit.array().at(0).toObject().value(u"allowed").toBool(), false);
    QCOMPARE(audit.array().at(0).toObject().value(u"action").toString(), u"start"_s);
}

void TestPgRoles::viewerEngineIsReadOnly()
{
    WorkflowRegistry registry;
    EngineOptions options;
    options.url = *store::DatabaseUrl::parse(loginUrl(m_viewer), nullptr);
    options.threads = 2;
    Engine engine(&registry, options);
    QString error;
    QVERIFY2(testsupport::openEngine(engine, &error), qPrintable(error));
    QVERIFY(engine.isReadOnly());
    // It registered no instance row (it could not), and refuses to pause.
    const store::Database owner(m_db->url());
    QSqlQuery q = owner.exec(u"SELECT COUNT(*) FROM engine_instances"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    owner.closeThreadConnection();
    const ActionResult paused = testsupport::await(engine.pause(u"pat"_s));
    QCOMPARE(paused.outcome, ActionResult::Outcome::NotPermitted);
    QCOMPARE(paused.refusal.code, u"database.read_only"_s);
    engine.shutdown();
}

void TestPgRoles::operatorRunsWorkflowsButNotTheEngineSettings()
{
    const CtlResult started = ctl(loginUrl(m_operator), {u"start"_s, u"test_steps"_s});
    QVERIFY2(started.exitCode == 0, started.err.constData());
    QString error;
    QVERIFY(!runs(m_operator,
                  u"UPDATE engine_settings SET value = 'true' WHERE key = 'global_lock'"_s,
                  &error));
    QVERIFY(error.contains(u"permission denied"_s));
    QVERIFY(!runs(m_operator, u"DELETE FROM audit_log"_s));
    QVERIFY(!runs(m_operator, u"UPDATE audit_log SET allowed = 1"_s));
    QVERIFY(!runs(m_operator,
                  u"INSERT INTO operators (user_name, role, created_at, modified_at) VALUES "
                  "('me', 'admin', '', '')"_s));
    // The database refuses the pause even though no operator is defined (everyone is admin
    // to the engine): the global lock stays off.
    QVERIFY(ctl(loginUrl(m_operator), {u"engine"_s, u"pause"_s}).exitCode != 0);
    const store::Database owner(m_db->url());
    QSqlQuery q = owner.exec(u"SELECT value FROM engine_settings WHERE key = 'global_lock'"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), u"false"_s);
    owner.closeThreadConnection();
}

QTEST_GUILESS_MAIN(TestPgRoles)
#include "tst_pgroles.moc"
