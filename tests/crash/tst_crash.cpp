// SIGKILL an engine worker at random moments, many times. After every kill: each step's
// database effects (its state keys and its rows in test_effects) are present exactly when its
// step-log row is; nothing committed is lost; the interrupted process is failed with
// "Interrupted while running step ..." and a retry completes it.
#include "signalprocess.h"
#include "testdatabase.h"

#include "store/database.h"
#include "store/processrepository.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace wfo;

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killWorkerAtRandomMoments();
    void killInTheMiddleOfAGroup();

private:
    int ctl(const QStringList &arguments, QByteArray *output = nullptr);
    QProcessEnvironment environment() const;
    void checkInvariants(const QString &when);
    QStringList idsWithStatus(const QStringList &statuses);

    std::unique_ptr<TestDatabase> m_db;
    QString m_url;
    QHash<QString, int> m_committedSteps; // per process: success rows seen so far
};

QProcessEnvironment TestCrash::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_TEST_STEP_MS"_s, u"30"_s);
    env.insert(u"WFO_POLL_MS"_s, u"50"_s);
    env.insert(u"WFO_HEARTBEAT_MS"_s, u"200"_s);
    env.insert(u"WFO_LEASE_SECONDS"_s, u"5"_s);
    return env;
}

int TestCrash::ctl(const QStringList &arguments, QByteArray *output)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(ORCHESTRATORCTL), QStringList {u"--db"_s, m_url} + arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (output)
        *output = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    if (process.exitCode() != 0)
        qWarning() << arguments << "exit" << process.exitCode() << err;
    return process.exitCode();
}

void TestCrash::initTestCase()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_url = m_db->url().toString();
    QCOMPARE(ctl({u"init"_s}), 0);
    const store::Database db(m_db->url());
    db.exec(
        u"CREATE TABLE IF NOT EXISTS test_effects (process_id TEXT NOT NULL, step TEXT NOT NULL)"_s);
    db.closeThreadConnection();
}

QStringList TestCrash::idsWithStatus(const QStringList &statuses)
{
    store::ProcessFilter filter;
    filter.statuses = statuses;
    QStringList ids;
    for (const auto &p : store::ProcessRepository(store::Database(m_db->url())).list(filter))
        ids.append(p.id);
    return ids;
}

void TestCrash::checkInvariants(const QString &when)
{
    const store::Database db(m_db->url());
    store::ProcessRepository repository(db);
    store::ProcessFilter filter;
    filter.limit = 100000;
    QHash<QString, int> effects;
    QSqlQuery q = db.exec(u"SELECT process_id, step, COUNT(*) FROM test_effects GROUP BY "
                          "process_id, step"_s);
    while (q.next())
        effects.insert(q.value(0).toString() + u'/' + q.value(1).toString(), q.value(2).toInt());
    for (const store::ProcessRecord &process : repository.list(filter)) {
        const QList<store::StepRecord> steps = repository.steps(process.id);
        int successes = 0;
        for (int n = 1; n <= 10; ++n) {
            const QString name = u"Slow step %1"_s.arg(n);
            int rows = 0;
            for (const store::StepRecord &s : steps)
                rows += (s.name == name && s.status == StepStatus::Success) ? 1 : 0;
            const bool inState = process.state.contains(u"slow_%1"_s.arg(n));
            const int effectRows = effects.value(process.id + u'/' + name);
            QVERIFY2(rows <= 1, qPrintable(when + u": step logged twice: "_s + name));
            QVERIFY2(inState == (rows == 1),
                     qPrintable(when + u": state and log disagree for "_s + name));
            QVERIFY2(effectRows == rows,
                     qPrintable(when + u": effects and log disagree for "_s + name));
            successes += rows;
        }
        // Nothing committed is ever lost.
        QVERIFY2(successes >= m_committedSteps.value(process.id),
                 qPrintable(when + u": committed steps were lost"_s));
        m_committedSteps.insert(process.id, successes);
    }
    db.closeThreadConnection();
}

void TestCrash::killWorkerAtRandomMoments()
{
    const int processes = 24; // enough work to span every round
    for (int i = 0; i < processes; ++i)
        QCOMPARE(ctl({u"start"_s, u"test_slow"_s, u"--detach"_s}), 0);

    const int rounds = qMax(3,
                            qEnvironmentVariableIntValue("WFO_CRASH_ROUNDS") > 0
                                ? qEnvironmentVariableIntValue("WFO_CRASH_ROUNDS")
                                : 15);
    int interrupted = 0;
    auto *random = QRandomGenerator::global();
    for (int round = 0; round < rounds; ++round) {
        // Retry what the previous kill interrupted: the CLI's engine recovers it first
        // (failed, "Interrupted while running step ..."), then queues the retry.
        for (const QString &id : idsWithStatus({u"running"_s, u"failed"_s})) {
            QCOMPARE(ctl({u"resume"_s, id, u"--detach"_s}), 0);
            const auto steps = store::ProcessRepository(store::Database(m_db->url())).steps(id);
            QVERIFY(!steps.isEmpty());
            QCOMPARE(steps.last().status, StepStatus::Failed);
            QVERIFY2(steps.last().errorMessage.startsWith(u"Interrupted while running step '"_s),
                     qPrintable(steps.last().errorMessage));
            ++interrupted;
        }

        QProcess worker;
        worker.setProcessEnvironment(environment());
        worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker.start(QStringLiteral(ORCHESTRATORCTL),
                     {u"--db"_s, m_url, u"worker"_s, u"--threads"_s, u"2"_s});
        QVERIFY(worker.waitForStarted());
        QTest::qWait(150 + int(random->bounded(450)));
        QVERIFY2(testsupport::signalProcess(worker, SIGKILL), "the worker ended by itself");
        QVERIFY(worker.waitForFinished(10000));
        checkInvariants(u"after kill %1"_s.arg(round + 1));
        if (QTest::currentTestFailed())
            return;
    }

    // Finally let a worker finish everything (retrying what the last kill interrupted).
    for (const QString &id : idsWithStatus({u"running"_s, u"failed"_s})) {
        QCOMPARE(ctl({u"resume"_s, id, u"--detach"_s}), 0);
        ++interrupted;
    }
    QProcess worker;
    worker.setProcessEnvironment(environment());
    worker.start(QStringLiteral(ORCHESTRATORCTL), {u"--db"_s, m_url, u"worker"_s});
    QVERIFY(worker.waitForStarted());
    // A signal before the worker has set up its handlers would simply kill it: wait until it
    // says how to stop it.
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += worker.readAllStandardError()).contains("SIGTERM"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(idsWithStatus({u"completed"_s}).size(), processes, 120000);
    QVERIFY2(testsupport::signalProcess(worker, SIGTERM), "the worker ended by itself");
    QVERIFY(worker.waitForFinished(30000));
    QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
    QCOMPARE(worker.exitCode(), 0);
    checkInvariants(u"at the end"_s);
    for (const QString &id : idsWithStatus({u"completed"_s}))
        QCOMPARE(m_committedSteps.value(id), 10);
    qInfo() << "rounds:" << rounds << "interrupted processes retried:" << interrupted;
    QVERIFY2(interrupted > 0, "no kill interrupted a running step; the test proved nothing");
}

void TestCrash::killInTheMiddleOfAGroup()
{
    // Four busy worker threads commit in groups (docs/architecture.md, "Group commit"); the
    // hook kills the worker inside the first group of two steps or more, after the first
    // step's savepoint and before the commit. None of the group may be stored, every other
    // step stays whole, and the interrupted processes complete on retry.
    const int processes = 8;
    const QStringList before = idsWithStatus({u"completed"_s});
    for (int i = 0; i < processes; ++i)
        QCOMPARE(ctl({u"start"_s, u"test_slow"_s, u"--detach"_s}), 0);
    QProcessEnvironment env = environment();
    env.insert(u"WFO_TEST_STEP_MS"_s, u"0"_s);
    env.insert(u"WFO_TEST_CRASH_IN_GROUP"_s, u"1"_s);
    QProcess worker;
    worker.setProcessEnvironment(env);
    worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    worker.start(QStringLiteral(ORCHESTRATORCTL),
                 {u"--db"_s, m_url, u"worker"_s, u"--threads"_s, u"4"_s});
    QVERIFY(worker.waitForStarted());
    QVERIFY2(worker.waitForFinished(60000), "no group of two steps formed; nothing was tested");
    QCOMPARE(worker.exitStatus(), QProcess::CrashExit);
    checkInvariants(u"after a kill inside a group"_s);
    if (QTest::currentTestFailed())
        return;

    // The rest completes, every step once.
    for (const QString &id : idsWithStatus({u"running"_s, u"failed"_s}))
        QCOMPARE(ctl({u"resume"_s, id, u"--detach"_s}), 0);
    QProcess finisher;
    finisher.setProcessEnvironment(environment());
    finisher.start(QStringLiteral(ORCHESTRATORCTL), {u"--db"_s, m_url, u"worker"_s});
    QVERIFY(finisher.waitForStarted());
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += finisher.readAllStandardError()).contains("SIGTERM"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(idsWithStatus({u"completed"_s}).size(), before.size() + processes,
                              120000);
    QVERIFY2(testsupport::signalProcess(finisher, SIGTERM), "the worker ended by itself");
    QVERIFY(finisher.waitForFinished(30000));
    checkInvariants(u"after the group's processes completed"_s);
    for (const QString &id : idsWithStatus({u"completed"_s}))
        QCOMPARE(m_committedSteps.value(id), 10);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
