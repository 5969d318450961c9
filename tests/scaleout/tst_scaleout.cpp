// Several engines on one PostgreSQL database: three orchestratorctl workers and an in-process
// engine share 500 processes and every step runs exactly once; a worker killed mid-step is
// found dead when its lease expires, its process fails and a retry completes it; and an engine
// whose database goes away reports it, waits, reconnects and loses nothing.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "signalprocess.h"
#include "tcpproxy.h"
#include "testdatabase.h"

#include "services/installation.h"
#include "store/processrepository.h"
#include "testpack.h"

#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace wfo;

class TestScaleOut : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void fiveHundredProcessesOnFourEngines();
    void killedWorkerIsFoundByItsLease();
    void databaseOutageIsSurvived();

private:
    QProcess *startWorker(const QProcessEnvironment &extra = {});
    std::unique_ptr<Engine> makeEngine(const store::DatabaseUrl &url, bool claim);
    QString queue(Engine &engine);
    int countWithStatus(const QString &status);
    QHash<QString, int> sideChannel() const;

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Installation> m_installation;
    testpack::TestPack m_pack;
    QTemporaryDir m_dir;
    QList<QProcess *> m_workers;
};

void TestScaleOut::initTestCase()
{
    if (TestDatabase::backend() != "postgresql"_L1)
        QSKIP("several engines on one database is a PostgreSQL set-up");
    qputenv("WFO_TEST_STEP_MS", "5");
    qputenv("WFO_TEST_SIDE_CHANNEL", m_dir.filePath(u"executions.txt"_s).toLocal8Bit());
    m_installation = std::make_unique<Installation>();
    m_installation->addPack(m_pack);
    QStringList messages;
    m_installation->finish(&messages);
}

void TestScaleOut::init()
{
    QFile::remove(m_dir.filePath(u"executions.txt"_s));
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    store::Database(m_db->url()).ensureSchema(true);
}

void TestScaleOut::cleanup()
{
    for (QProcess *worker : std::as_const(m_workers)) {
        if (worker->state() != QProcess::NotRunning) {
            worker->kill();
            worker->waitForFinished(5000);
        }
        delete worker;
    }
    m_workers.clear();
    store::Database(m_db->url()).closeThreadConnection();
    m_db.reset();
}

QProcess *TestScaleOut::startWorker(const QProcessEnvironment &extra)
{
    auto *worker = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_POLL_MS"_s, u"50"_s);
    env.insert(u"LC_ALL"_s, u"C"_s);
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    worker->setProcessEnvironment(env);
    worker->start(QStringLiteral(ORCHESTRATORCTL),
                  {u"--db"_s, m_db->url().toString(), u"worker"_s, u"--threads"_s, u"2"_s});
    worker->waitForStarted();
    m_workers.append(worker);
    return worker;
}

std::unique_ptr<Engine> TestScaleOut::makeEngine(const store::DatabaseUrl &url, bool claim)
{
    EngineOptions options;
    options.url = url;
    options.threads = 2;
    options.claimQueued = claim;
    options.pollIntervalMs = 50;
    options.heartbeatMs = 300;
    options.leaseSeconds = 3;
    auto engine = std::make_unique<Engine>(&m_installation->registry(), options);
    m_installation->configure(*engine);
    if (!testsupport::openEngine(*engine))
        return nullptr;
    return engine;
}

QString TestScaleOut::queue(Engine &engine)
{
    StartRequest request;
    request.workflow = u"test_slow"_s;
    request.detach = true;
    return testsupport::await(engine.start(request)).processId;
}

int TestScaleOut::countWithStatus(const QString &status)
{
    QSqlQuery q =
        store::Database(m_db->url())
            .exec(u"SELECT COUNT(*) FROM processes WHERE status = :s"_s, {{u"s"_s, status}});
    return q.next() ? q.value(0).toInt() : -1;
}

QHash<QString, int> TestScaleOut::sideChannel() const
{
    QHash<QString, int> counts;
    QFile file(m_dir.filePath(u"executions.txt"_s));
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.trimmed().isEmpty())
                ++counts[QString::fromLatin1(line.trimmed())];
        }
    }
    return counts;
}

void TestScaleOut::fiveHundredProcessesOnFourEngines()
{
    auto engine = makeEngine(m_db->url(), true);
    QVERIFY(engine);
    engine->pause(); // queue everything, then let all four engines go at once
    const int processes = 500;
    QStringList ids;
    for (int i = 0; i < processes; ++i)
        ids.append(queue(*engine));
    QVERIFY(!ids.contains(QString()));
    for (int i = 0; i < 3; ++i)
        startWorker();
    QTest::qWait(1500); // the workers open and register
    engine->unpause();
    QTRY_COMPARE_WITH_TIMEOUT(countWithStatus(u"completed"_s), processes, 300000);

    // Every step ran exactly once, wherever it ran.
    const QHash<QString, int> executions = sideChannel();
    QCOMPARE(executions.size(), processes * 10);
    for (auto it = executions.begin(); it != executions.end(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key() + u" ran %1 times"_s.arg(it.value())));
    QSqlQuery q = store::Database(m_db->url())
                      .exec(u"SELECT COUNT(*) FROM process_steps WHERE status = 'success'"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), processes * 11); // Start and ten slow steps

    // Each worker took a share, and stops cleanly on SIGTERM.
    for (QProcess *worker : std::as_const(m_workers)) {
        if (!testsupport::signalProcess(*worker, SIGTERM))
            QFAIL(qPrintable(
                u"a worker ended by itself (exit %1): %2"_s.arg(worker->exitCode())
                    .arg(QString::fromUtf8(worker->readAllStandardError().right(1500)))));
        QVERIFY(worker->waitForFinished(30000));
        QCOMPARE(worker->exitCode(), 0);
        const QByteArray log = worker->readAllStandardError();
        QVERIFY2(log.count(" started") > 0, log.right(2000).constData());
    }
}

void TestScaleOut::killedWorkerIsFoundByItsLease()
{
    auto engine = makeEngine(m_db->url(), false); // watches and recovers, takes no work
    QVERIFY(engine);
    const QString id = queue(*engine);
    QProcessEnvironment env;
    env.insert(u"WFO_TEST_STEP_MS"_s, u"1500"_s);
    env.insert(u"WFO_INSTANCE_HOST"_s, u"another-machine"_s); // only its lease can tell
    env.insert(u"WFO_HEARTBEAT_MS"_s, u"300"_s);
    QProcess *worker = startWorker(env);
    // Wait until it is inside a slow step.
    QTRY_VERIFY_WITH_TIMEOUT(!sideChannel().isEmpty(), 20000);
    QVERIFY2(testsupport::signalProcess(*worker, SIGKILL), "the worker ended by itself");
    QVERIFY(worker->waitForFinished(5000));
    const QString interruptedStep = sideChannel().keys().constLast();

    // Still running while its lease (3 s) has not expired...
    QCOMPARE(countWithStatus(u"running"_s), 1);
    // ...then failed and retryable.
    QTRY_COMPARE_WITH_TIMEOUT(countWithStatus(u"failed"_s), 1, 10000);
    const auto process = store::ProcessRepository(store::Database(m_db->url())).find(id);
    QVERIFY2(process->failedReason.startsWith(u"Interrupted while running step"_s),
             qPrintable(process->failedReason));
    // Nobody ran the interrupted step meanwhile.
    QCOMPARE(sideChannel().value(interruptedStep), 1);

    ResumeRequest retry;
    QVERIFY(testsupport::await(engine->resume(id, retry)).ok());
    QCOMPARE(testsupport::waitStopped(*engine, id), ProcessStatus::Completed);
    const QHash<QString, int> executions = sideChannel();
    QCOMPARE(executions.size(), 10);
    for (auto it = executions.begin(); it != executions.end(); ++it)
        QCOMPARE(it.value(), it.key() == interruptedStep ? 2 : 1);
}

void TestScaleOut::databaseOutageIsSurvived()
{
    // The proxy runs on its own thread: engine threads block on it while this one waits.
    QThread proxyThread;
    auto *proxy = new TcpProxy(m_db->url().host, quint16(m_db->url().port));
    proxy->moveToThread(&proxyThread);
    connect(&proxyThread, &QThread::finished, proxy, &QObject::deleteLater);
    proxyThread.start();
    auto onProxy = [proxy](auto function) {
        bool ok = false;
        QMetaObject::invokeMethod(
            proxy, [&] { ok = function(proxy); }, Qt::BlockingQueuedConnection);
        return ok;
    };
    auto stopProxy = qScopeGuard([&] {
        proxyThread.quit();
        proxyThread.wait();
    });
    QVERIFY(onProxy([](TcpProxy *p) { return p->listen(); }));
    store::DatabaseUrl viaProxy = m_db->url();
    viaProxy.host = u"127.0.0.1"_s;
    viaProxy.port = proxy->port();
    auto engine = makeEngine(viaProxy, true);
    QVERIFY(engine);
    // The engine goes before the proxy (declared later, destroyed first).
    QSignalSpy problems(engine.get(), &Engine::databaseProblem);
    QSignalSpy recovered(engine.get(), &Engine::databaseOk);
    QStringList ids;
    const int processes = 40;
    for (int i = 0; i < processes; ++i)
        ids.append(queue(*engine));

    QTest::qWait(200);
    const int doneBeforeCut = countWithStatus(u"completed"_s);
    QVERIFY2(doneBeforeCut < processes, "everything finished before the outage; it proved nothing");
    onProxy([](TcpProxy *p) {
        p->cut();
        return true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 10000);
    QTest::qWait(1500); // the engine keeps trying meanwhile
    QVERIFY(onProxy([](TcpProxy *p) { return p->restore(); }));
    QTRY_VERIFY_WITH_TIMEOUT(!recovered.isEmpty(), 15000);

    // Whatever a lost connection interrupted is failed and retryable; nothing is lost.
    const store::Database db(m_db->url());
    QTRY_VERIFY_WITH_TIMEOUT(countWithStatus(u"running"_s) == 0
                                 && countWithStatus(u"created"_s) == 0
                                 && countWithStatus(u"resumed"_s) == 0,
                             30000);
    for (const QString &id : std::as_const(ids)) {
        const auto process = store::ProcessRepository(db).find(id);
        if (process->status == ProcessStatus::Failed) {
            QVERIFY(testsupport::await(engine->resume(id, {})).ok());
            QCOMPARE(testsupport::waitStopped(*engine, id), ProcessStatus::Completed);
        }
    }
    QCOMPARE(countWithStatus(u"completed"_s), processes);
    qInfo() << "completed before the outage:" << doneBeforeCut << "of" << processes;
    for (const QString &id : std::as_const(ids)) {
        const auto process = store::ProcessRepository(db).find(id);
        for (int n = 1; n <= 10; ++n)
            QVERIFY(process->state.contains(u"slow_%1"_s.arg(n)));
    }
    db.closeThreadConnection();
}

QTEST_GUILESS_MAIN(TestScaleOut)
#include "tst_scaleout.moc"
