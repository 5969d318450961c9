// Exactly once under contention, with no crash involved: several `orchestratorctl worker`s and
// several clients running `orchestratorctl start` (without --detach) at once on one database.
// Every start must run its process to completion in its own engine, no engine may declare a
// live one dead, and the side channel (written outside the database by each execution of a
// step) must show every step of every process exactly once.
#include "signalprocess.h"
#include "testdatabase.h"

#include "store/database.h"
#include "store/processrepository.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace wfo;

class TestExactlyOnce : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void workersAndClientsAtOnce();
    void cleanupTestCase();

private:
    QProcessEnvironment environment() const;
    std::unique_ptr<QProcess> launch(const QStringList &arguments);

    std::unique_ptr<TestDatabase> m_db;
    QString m_url;
    QString m_sideChannel;
    std::vector<std::unique_ptr<QProcess>> m_workers;
};

QProcessEnvironment TestExactlyOnce::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_TEST_SIDE_CHANNEL"_s, m_sideChannel);
    env.insert(u"WFO_TEST_STEP_MS"_s, u"3"_s);
    env.insert(u"WFO_POLL_MS"_s, u"20"_s);
    // Frequent heartbeats make every engine look for "dead" engines many times a second: the
    // moment a client registers and claims must never be mistaken for a dead engine's claim.
    env.insert(u"WFO_HEARTBEAT_MS"_s, u"50"_s);
    env.insert(u"WFO_LEASE_SECONDS"_s, u"30"_s);
    return env;
}

std::unique_ptr<QProcess> TestExactlyOnce::launch(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment());
    process->start(QStringLiteral(ORCHESTRATORCTL), QStringList {u"--db"_s, m_url} + arguments);
    return process;
}

void TestExactlyOnce::initTestCase()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_url = m_db->url().toString();
    m_sideChannel = m_db->dir() + u"/executions.txt"_s;
    const auto init = launch({u"init"_s});
    QVERIFY(init->waitForFinished(60000));
    QCOMPARE(init->exitCode(), 0);
}

void TestExactlyOnce::workersAndClientsAtOnce()
{
    const int workers = 3;
    const int clients = 6;
    const int startsPerClient = qEnvironmentVariableIntValue("WFO_EXACTLY_ONCE_STARTS") > 0
        ? qEnvironmentVariableIntValue("WFO_EXACTLY_ONCE_STARTS")
        : 12;
    for (int i = 0; i < workers; ++i) {
        m_workers.push_back(launch({u"worker"_s, u"--threads"_s, u"4"_s}));
        QVERIFY(m_workers.back()->waitForStarted());
    }

    struct Client
    {
        std::unique_ptr<QProcess> process;
        QDeadlineTimer limit;
        int done = 0;
    };
    std::vector<Client> running(clients);
    QStringList failures;
    int finished = 0;
    const QDeadlineTimer deadline(4 * 60 * 1000);
    while (finished < clients * startsPerClient && !deadline.hasExpired()) {
        for (Client &client : running) {
            if (client.process && client.process->state() != QProcess::NotRunning) {
                if (!client.limit.hasExpired())
                    continue;
                // A start of ten short steps that takes this long waits for nothing.
                failures.append(u"a start without --detach never came back"_s);
                client.process->kill();
                client.process->waitForFinished();
            }
            if (client.process) {
                const int code = client.process->exitStatus() == QProcess::NormalExit
                    ? client.process->exitCode()
                    : -2;
                if (code != 0)
                    failures.append(u"exit %1: %2"_s.arg(code).arg(
                        QString::fromUtf8(client.process->readAllStandardError().trimmed())));
                client.process.reset();
                ++client.done;
                ++finished;
            }
            if (client.done < startsPerClient) {
                client.process = launch({u"start"_s, u"test_slow"_s});
                client.limit = QDeadlineTimer(60 * 1000);
            }
        }
        QTest::qWait(10);
    }
    for (Client &client : running) {
        if (client.process && client.process->state() != QProcess::NotRunning) {
            failures.append(u"a start without --detach never came back"_s);
            client.process->kill();
            client.process->waitForFinished();
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    QCOMPARE(finished, clients * startsPerClient);

    // Every process completed, and no engine was declared dead while it ran one.
    const store::Database db(m_db->url());
    store::ProcessFilter filter;
    filter.limit = 100000;
    store::ProcessRepository repository(db);
    const QList<store::ProcessRecord> processes = repository.list(filter);
    QCOMPARE(processes.size(), clients * startsPerClient);
    for (const store::ProcessRecord &process : processes) {
        QCOMPARE(process.status, ProcessStatus::Completed);
        for (const store::StepRecord &step : repository.steps(process.id))
            QVERIFY2(step.errorClass.isEmpty(),
                     qPrintable(process.id + u": "_s + step.name + u" "_s + step.errorMessage));
    }
    db.closeThreadConnection();

    // Every step of every process ran exactly once.
    QFile file(m_sideChannel);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QHash<QByteArray, int> executions;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            ++executions[line];
    }
    QCOMPARE(executions.size(), clients * startsPerClient * 10);
    for (auto it = executions.cbegin(); it != executions.cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(u"ran %1 times: "_s.arg(it.value()) + QString::fromLatin1(it.key())));
}

void TestExactlyOnce::cleanupTestCase()
{
    for (const auto &worker : m_workers) {
        testsupport::signalProcess(*worker, SIGTERM);
        if (!worker->waitForFinished(30000)) {
            worker->kill();
            worker->waitForFinished();
        }
    }
}

QTEST_GUILESS_MAIN(TestExactlyOnce)
#include "tst_exactlyonce.moc"
