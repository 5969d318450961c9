// A full disk (docs/reliability.md, "Disk full"): the SQLite file lives on a tmpfs of a few MB
// and a workflow grows its state until a step cannot commit. That step fails cleanly (nothing of
// it is written; the process is failed at it, or recovered as interrupted), every committed step
// is intact, and once there is room again a retry completes the process.
//
// Mounting needs root (CI runs as root); elsewhere the suite says so and skips.
#include "enginewaiter.h"
#include "qtestprinters.h"

#include "core/engine.h"
#include "services/builtinworkflows.h"
#include "store/database.h"
#include "store/processrepository.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo;
using testsupport::await;

namespace {

constexpr int Steps = 24;
constexpr qsizetype StepBytes = 120 * 1024;

bool runMount(const QStringList &arguments, QString *error)
{
    QProcess mount;
    mount.start(u"mount"_s, arguments);
    if (!mount.waitForFinished(10000) || mount.exitCode() != 0) {
        *error = QString::fromUtf8(mount.readAllStandardError()).trimmed();
        return false;
    }
    return true;
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aStepThatCannotCommitFailsCleanlyAndIsRetryable();

private:
    // Each committed step's key is in the state exactly when its success row is in the log.
    void checkStepsAgreeWithState(const QString &processId, int *committed);

    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
    WorkflowRegistry m_registry;
};

void TestDiskFull::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_mount = m_dir.filePath(u"small"_s);
    QVERIFY(QDir().mkpath(m_mount));
    QString error;
    if (!runMount({u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=3m"_s, u"tmpfs"_s, m_mount}, &error))
        QSKIP(qPrintable(u"cannot mount a small tmpfs here (needs root): "_s + error));
    m_mounted = true;
    registerBuiltinWorkflows(m_registry);
    StepList steps;
    for (int n = 1; n <= Steps; ++n) {
        steps = steps >> step(u"Grow %1"_s.arg(n), [n](const StepContext &) {
                    return QJsonObject {{u"grow_%1"_s.arg(n), QString(StepBytes, u'x')}};
                });
    }
    m_registry.add(Workflow::task(u"wf_grow"_s, "Grow", begin >> steps));
}

void TestDiskFull::cleanupTestCase()
{
    if (m_mounted) {
        QString error;
        if (!runMount({u"-t"_s, u"tmpfs"_s, u"-o"_s, u"remount,size=64m"_s, u"tmpfs"_s, m_mount},
                      &error)
            || QProcess::execute(u"umount"_s, {m_mount}) != 0)
            qWarning() << "could not unmount" << m_mount << error;
    }
}

void TestDiskFull::checkStepsAgreeWithState(const QString &processId, int *committed)
{
    const store::Database db(
        store::DatabaseUrl::parse(u"sqlite://"_s + m_mount + u"/wfo.db"_s, nullptr).value());
    store::ProcessRepository repository(db);
    const std::optional<store::ProcessRecord> process = repository.find(processId);
    QVERIFY(process);
    QHash<QString, int> successes;
    for (const store::StepRecord &step : repository.steps(processId)) {
        if (step.status == StepStatus::Success)
            ++successes[step.name];
    }
    int count = 0;
    for (int n = 1; n <= Steps; ++n) {
        const int rows = successes.value(u"Grow %1"_s.arg(n));
        QVERIFY2(rows <= 1, qPrintable(u"Grow %1 logged twice"_s.arg(n)));
        const QJsonValue value = process->state.value(u"grow_%1"_s.arg(n));
        QCOMPARE(!value.isUndefined(), rows == 1);
        if (rows == 1) {
            QCOMPARE(value.toString().size(), StepBytes); // written whole
            ++count;
        }
    }
    *committed = count;
}

void TestDiskFull::aStepThatCannotCommitFailsCleanlyAndIsRetryable()
{
    const std::optional<store::DatabaseUrl> url =
        store::DatabaseUrl::parse(u"sqlite://"_s + m_mount + u"/wfo.db"_s, nullptr);
    QVERIFY(url);
    EngineOptions options;
    options.url = *url;
    options.threads = 1;
    options.pollIntervalMs = 50;
    options.heartbeatMs = 200;
    options.leaseSeconds = 2;
    auto engine = std::make_unique<Engine>(&m_registry, options);
    QString error;
    QVERIFY2(testsupport::openEngine(*engine, &error), qPrintable(error));

    StartRequest start;
    start.workflow = u"wf_grow"_s;
    start.actor = u"tester"_s;
    testsupport::StopRecorder stops(*engine);
    const ActionResult started = await(engine->start(start));
    QVERIFY2(started.ok(), qPrintable(started.message));
    const QString id = started.processId;

    // The disk fills up: the process comes to rest failed, with the reason, either at once or
    // (when even the failure could not be written) once the engine recovers it.
    store::ProcessRecord process;
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        try {
            const store::Database db(*url);
            const std::optional<store::ProcessRecord> found = store::ProcessRepository(db).find(id);
            if (found && found->status == ProcessStatus::Failed) {
                process = *found;
                break;
            }
        } catch (const store::StoreError &) {
            // the full disk may refuse a reader's WAL index too: look again
        }
        QTest::qWait(200);
    }
    QCOMPARE(process.status, ProcessStatus::Failed);
    qInfo() << "failed at" << process.lastStep << "with" << process.failedReason;
    QVERIFY2(process.failedReason.contains(u"full"_s, Qt::CaseInsensitive)
                 || process.failedReason.startsWith(u"Interrupted"_s),
             qPrintable(process.failedReason));
    int committed = 0;
    checkStepsAgreeWithState(id, &committed);
    QVERIFY2(committed > 0 && committed < Steps, qPrintable(QString::number(committed)));

    // Room again: the retry runs the step that could not commit and completes the process.
    QVERIFY2(runMount({u"-t"_s, u"tmpfs"_s, u"-o"_s, u"remount,size=64m"_s, u"tmpfs"_s, m_mount},
                      &error),
             qPrintable(error));
    ResumeRequest retry;
    retry.actor = u"tester"_s;
    const ActionResult resumed = await(engine->resume(id, retry));
    QVERIFY2(resumed.ok(), qPrintable(resumed.message));
    QTRY_COMPARE_WITH_TIMEOUT(store::ProcessRepository(store::Database(*url)).find(id)->status,
                              ProcessStatus::Completed, 60000);
    checkStepsAgreeWithState(id, &committed);
    QCOMPARE(committed, Steps);
    engine.reset();
    store::Database(*url).closeThreadConnection();
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
