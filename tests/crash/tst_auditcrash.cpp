// Every operator action and its audit row are one transaction: `orchestratorctl` is killed just
// before each of its first commits in turn (WFO_TEST_CRASH_AT_COMMIT, a hook of test builds)
// while it starts, aborts, skips, resets and adds operators. After every kill, each effect has
// its audit row and each allowed audit row its effect; nothing is half done.
#include "testdatabase.h"

#include "store/database.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo;

class TestAuditCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedBeforeEachCommit();

private:
    struct Run
    {
        int exitCode = -1;
        bool killed = false;
    };
    Run ctl(const QStringList &arguments, int crashAtCommit = 0);
    QString failedProcess();
    void checkEffectsMatchTheAudit(const QString &when);

    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_flag;
};

TestAuditCrash::Run TestAuditCrash::ctl(const QStringList &arguments, int crashAtCommit)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_USER"_s, u"tester"_s);
    env.insert(u"WFO_TEST_FLAG_FILE"_s, m_flag);
    env.insert(u"WFO_TEST_STEP_MS"_s, u"1"_s);
    env.remove(u"WFO_TEST_CRASH_AT_COMMIT"_s);
    if (crashAtCommit > 0)
        env.insert(u"WFO_TEST_CRASH_AT_COMMIT"_s, QString::number(crashAtCommit));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ORCHESTRATORCTL), QStringList {u"--db"_s, m_url} + arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.killed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = process.exitCode();
    return run;
}

void TestAuditCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_flag = m_dir.filePath(u"fail"_s);
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_url = m_db->url().toString();
    QCOMPARE(ctl({u"init"_s}).exitCode, 0);
    // Once an operator is defined, only operators may act: the tester is the admin.
    QCOMPARE(ctl({u"operators"_s, u"add"_s, u"tester"_s, u"--role"_s, u"admin"_s}).exitCode, 0);
}

QString TestAuditCrash::failedProcess()
{
    QFile flag(m_flag);
    if (!flag.open(QIODevice::WriteOnly))
        return QString();
    flag.close();
    const store::Database db(m_db->url());
    QSet<QString> before;
    for (const store::ProcessRecord &p : store::ProcessRepository(db).list({}))
        before.insert(p.id);
    const Run run = ctl({u"start"_s, u"test_fail_once"_s});
    QFile::remove(m_flag);
    if (run.exitCode != 6) // came to rest failed
        return QString();
    for (const store::ProcessRecord &p : store::ProcessRepository(db).list({})) {
        if (!before.contains(p.id))
            return p.id;
    }
    return QString();
}

void TestAuditCrash::checkEffectsMatchTheAudit(const QString &when)
{
    const store::Database db(m_db->url());
    store::ProcessRepository processes(db);
    store::AuditFilter all;
    all.limit = 100000;
    // Per action, the targets of its allowed audit rows, with how often.
    QHash<QString, QHash<QString, int>> audited;
    for (const store::AuditRecord &row : store::OperatorRepository(db).auditTrail(all)) {
        if (row.allowed)
            ++audited[row.action][row.targetId];
    }
    QHash<QString, QHash<QString, int>> effects;
    store::ProcessFilter everything;
    everything.limit = 100000;
    for (const store::ProcessRecord &process : processes.list(everything)) {
        effects[u"start"_s][process.id] = 1;
        QSet<QString> resets;
        for (const store::StepRecord &row : processes.steps(process.id)) {
            if (row.name == "User Aborted"_L1 && row.createdBy == "tester"_L1)
                ++effects[u"abort"_s][process.id];
            if (row.status == StepStatus::Skipped && !row.reason.isEmpty())
                ++effects[u"skip"_s][process.id];
            if (!row.rewoundAt.isEmpty())
                resets.insert(row.rewoundAt);
        }
        if (!resets.isEmpty())
            effects[u"reset"_s][process.id] = int(resets.size());
    }
    for (const store::OperatorRecord &record : store::OperatorRepository(db).list())
        effects[u"manage_operators"_s][record.userName] = 1;
    for (const QString &action :
         {u"start"_s, u"abort"_s, u"skip"_s, u"reset"_s, u"manage_operators"_s}) {
        QVERIFY2(audited.value(action) == effects.value(action),
                 qPrintable(when + u": the effects of '"_s + action
                            + u"' and its audit rows disagree"_s));
    }
    db.closeThreadConnection();
}

void TestAuditCrash::killedBeforeEachCommit()
{
    checkEffectsMatchTheAudit(u"after the setup"_s);
    // Per command: how often it was killed and how often it ran to its end.
    QHash<QString, int> killed;
    QHash<QString, int> finished;
    for (int commit = 1; commit <= 10; ++commit) {
        const QString round = u"crash at commit %1"_s.arg(commit);
        const QString toAbort = failedProcess();
        const QString toSkip = failedProcess();
        const QString toReset = failedProcess();
        QVERIFY(!toAbort.isEmpty() && !toSkip.isEmpty() && !toReset.isEmpty());
        checkEffectsMatchTheAudit(round + u", before"_s);
        const QList<QStringList> commands {
            {u"start"_s, u"test_steps"_s, u"--detach"_s},
            {u"operators"_s, u"add"_s, u"op%1"_s.arg(commit), u"--role"_s, u"operator"_s},
            {u"abort"_s, toAbort},
            {u"skip"_s, toSkip, u"--reason"_s, u"done by hand"_s, u"--detach"_s},
            {u"reset"_s, toReset, u"--to-step"_s, u"1"_s, u"--detach"_s},
        };
        for (const QStringList &command : commands) {
            const Run run = ctl(command, commit);
            QVERIFY2(run.killed || run.exitCode == 0,
                     qPrintable(round + u": "_s + command.join(u' ')));
            ++(run.killed ? killed : finished)[command.constFirst()];
            checkEffectsMatchTheAudit(round + u", after "_s + command.join(u' '));
        }
    }
    // Every command was killed before each of its commits in turn (the action's own among
    // them) until it had none left and finished: the hook fired everywhere it had to.
    for (const QString &command : {u"start"_s, u"operators"_s, u"abort"_s, u"skip"_s, u"reset"_s}) {
        QVERIFY2(killed.value(command) > 0 && finished.value(command) > 0,
                 qPrintable(u"%1: killed %2 times, finished %3 times"_s.arg(command)
                                .arg(killed.value(command))
                                .arg(finished.value(command))));
    }
}

QTEST_MAIN(TestAuditCrash)
#include "tst_auditcrash.moc"
