// The kill soak (docs/reliability.md, "Kill soak"): several `orchestratorctl worker`s run a mixed
// workload on one database (slow steps with effects, steps that fail and are retried, input
// steps, subscriptions created, validated in bulk and noted) while one of them, chosen at random,
// is SIGKILLed at a random moment, N times. After every kill, from the database alone:
//  - half applied: a step's effects (state keys, rows in test_effects, subscription versions)
//    without its step-log row or the other way round; a process without the audit row of the
//    start that made it, or an allowed start audited without its process;
//  - lost: fewer committed steps, subscription versions or audit rows than seen before;
//  - stuck: a process still `running` for an engine that has been dead longer than its lease
//    while live engines are up.
// At the end every interrupted process is retried to completion; those that do not complete
// are stuck too. Last line: {"kills", "half_applied", "lost", "stuck", "retried"}.
//
//   wfo_soak [--kills N] [--workers K] [--seed S]   (WFO_TEST_BACKEND=postgresql for PostgreSQL)
#include "signalprocess.h"
#include "testdatabase.h"

#include "store/database.h"
#include "store/timestamps.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

constexpr int LeaseSeconds = 3;
constexpr int SlowSteps = 10; // test_slow's steps, each with one row in test_effects

void say(const QString &line)
{
    std::fprintf(stderr, "soak: %s\n", qPrintable(line));
    std::fflush(stderr);
}

// What the database holds, read in one snapshot.
struct Snapshot
{
    struct Process
    {
        QString workflow;
        QString status;
        QString failedReason;
        QString claimedBy;
        QJsonObject state;
    };
    QHash<QString, Process> processes;
    // process -> step name -> success rows (not rewound)
    QHash<QString, QHash<QString, int>> successes;
    // process -> step name -> whether its success row's delta holds a subscription
    QSet<QString> stepsWritingSubscriptions; // "process/step"
    QHash<QString, int> effects; // "process/step" -> rows in test_effects
    QSet<QString> versionSteps; // "process/step" of each subscription version
    QHash<QString, int> subscriptionVersion; // the subscription row's version
    QHash<QString, int> latestVersion; // the highest version row
    QSet<QString> startedAudited; // processes an allowed start audit row names
    int auditRows = 0;
    QHash<QString, QString> heartbeats; // engine instance -> last heartbeat
    QString now;
};

class Soak
{
public:
    Soak(int kills, int workers, quint32 seed)
        : m_kills(kills)
        , m_workerCount(workers)
        , m_random(seed)
    { }

    int run();

private:
    QProcessEnvironment environment() const;
    int ctl(const QStringList &arguments, QByteArray *out = nullptr, bool quiet = false);
    void startWorker(int slot);
    void stopWorkers();
    void feed(int round);
    void retryInterrupted();
    Snapshot read();
    void check(const QString &when);
    QStringList offeredNodes();

    int m_kills;
    int m_workerCount;
    QRandomGenerator m_random;
    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_scratch;
    QString m_url;
    QString m_flag; // while it exists, test_fail_once fails
    std::vector<std::unique_ptr<QProcess>> m_workers;
    QStringList m_nodes;
    int m_enrolled = 0;

    // What was committed when last looked at: never less afterwards.
    QHash<QString, int> m_committed;
    QHash<QString, int> m_versions;
    int m_auditRows = 0;
    QSet<QString> m_retried;

    int m_halfApplied = 0;
    int m_lost = 0;
    int m_stuck = 0;
};

QProcessEnvironment Soak::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_TEST_STEP_MS"_s, u"50"_s);
    env.insert(u"WFO_TEST_FLAG_FILE"_s, m_flag);
    env.insert(u"WFO_POLL_MS"_s, u"50"_s);
    env.insert(u"WFO_HEARTBEAT_MS"_s, u"200"_s);
    env.insert(u"WFO_LEASE_SECONDS"_s, QString::number(LeaseSeconds));
    env.insert(u"WFO_NO_SCHEDULES"_s, u"1"_s);
    env.insert(u"WFO_USER"_s, u"soak"_s);
    env.remove(u"WFO_DATABASE_URL"_s);
    return env;
}

int Soak::ctl(const QStringList &arguments, QByteArray *out, bool quiet)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(ORCHESTRATORCTL), QStringList {u"--db"_s, m_url} + arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        say(u"orchestratorctl %1 did not finish"_s.arg(arguments.join(u' ')));
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    if (process.exitCode() != 0 && !quiet)
        say(u"orchestratorctl %1: exit %2: %3"_s.arg(arguments.join(u' '))
                .arg(process.exitCode())
                .arg(QString::fromUtf8(process.readAllStandardError().trimmed())));
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void Soak::startWorker(int slot)
{
    auto worker = std::make_unique<QProcess>();
    worker->setProcessEnvironment(environment());
    worker->setStandardOutputFile(QProcess::nullDevice());
    worker->setStandardErrorFile(m_scratch.filePath(u"worker-%1.log"_s.arg(slot)),
                                 QIODevice::Append);
    worker->start(QStringLiteral(ORCHESTRATORCTL),
                  {u"--db"_s, m_url, u"worker"_s, u"--threads"_s, u"2"_s});
    worker->waitForStarted();
    m_workers[size_t(slot)] = std::move(worker);
}

void Soak::stopWorkers()
{
    for (auto &worker : m_workers) {
        if (worker && worker->state() != QProcess::NotRunning) {
            testsupport::signalProcess(*worker, SIGTERM);
            if (!worker->waitForFinished(30000)) {
                worker->kill();
                worker->waitForFinished();
            }
        }
    }
}

QStringList Soak::offeredNodes()
{
    // Without input the form asks for its first page and prints its schema (exit 3).
    QByteArray out;
    if (ctl({u"start"_s, u"create_node_enrollment"_s, u"--json"_s}, &out, true) != 3)
        return {};
    const QJsonObject defs = QJsonDocument::fromJson(out)
                                 .object()
                                 .value(u"schema")
                                 .toObject()
                                 .value(u"$defs")
                                 .toObject();
    QStringList names;
    for (auto it = defs.begin(); it != defs.end(); ++it) {
        if (it.key().startsWith("SelectNode"_L1)) {
            for (const QJsonValue &value : it.value().toObject().value(u"enum").toArray())
                names.append(value.toString());
        }
    }
    return names;
}

// Work for the next rounds, different each round: slow tasks, failing ones, input steps,
// subscriptions created, validated in bulk and given notes.
void Soak::feed(int round)
{
    const QStringList detach {u"--detach"_s};
    for (int i = 0; i < 4; ++i)
        ctl(QStringList {u"start"_s, u"test_slow"_s} + detach);
    if (round % 2 == 0)
        ctl(QStringList {u"start"_s, u"test_fail_once"_s} + detach);
    if (round % 3 == 0)
        ctl(QStringList {u"start"_s, u"test_input"_s} + detach);
    if (m_enrolled < m_nodes.size()) {
        const QString node = m_nodes.at(m_enrolled++);
        ctl({u"start"_s, u"create_node_enrollment"_s, u"--detach"_s, u"--input"_s,
             uR"({"customer_id": "soak", "select_node": "%1", "role_id": "core"})"_s.arg(node)});
    }
    if (round % 4 == 3) {
        // Whatever finished provisioning meanwhile, validated as one bulk action.
        ctl({u"start"_s, u"validate_node_enrollment"_s, u"--matching"_s, u"status:provisioning"_s,
             u"--yes"_s, u"--detach"_s},
            nullptr, true);
    }
}

// Interrupted processes (and test_fail_once's failures) are retried; input steps answered.
void Soak::retryInterrupted()
{
    QByteArray out;
    if (ctl({u"processes"_s, u"--status"_s, u"failed,waiting,suspended"_s, u"--json"_s}, &out) != 0)
        return;
    for (const QJsonValue &value : QJsonDocument::fromJson(out).array()) {
        const QJsonObject process = value.toObject();
        const QString id = process.value(u"id").toString();
        if (process.value(u"status").toString() == "suspended"_L1) {
            ctl({u"resume"_s, id, u"--input"_s, uR"({"name": "soak", "age": 7})"_s, u"--detach"_s});
            continue;
        }
        if (process.value(u"failed_reason").toString().startsWith(u"Interrupted"_s))
            m_retried.insert(id);
        ctl({u"resume"_s, id, u"--detach"_s}, nullptr, true);
    }
}

Snapshot Soak::read()
{
    Snapshot snapshot;
    const store::Database db(m_db->url());
    // One snapshot: SQLite's read transaction (WAL), PostgreSQL's repeatable read.
    db.exec(m_db->isPostgres() ? u"BEGIN ISOLATION LEVEL REPEATABLE READ"_s : u"BEGIN"_s);
    QSqlQuery q = db.exec(u"SELECT process_id, workflow_name, status, failed_reason, "
                          "claimed_by, state FROM processes"_s);
    while (q.next()) {
        snapshot.processes.insert(q.value(0).toString(),
                                  {q.value(1).toString(), q.value(2).toString(),
                                   q.value(3).toString(), q.value(4).toString(),
                                   QJsonDocument::fromJson(q.value(5).toByteArray()).object()});
    }
    q = db.exec(u"SELECT process_id, name, state_delta FROM process_steps WHERE status = "
                "'success' AND rewound_at IS NULL"_s);
    while (q.next()) {
        const QString process = q.value(0).toString();
        const QString step = q.value(1).toString();
        ++snapshot.successes[process][step];
        const QJsonObject delta = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
        for (auto it = delta.begin(); it != delta.end(); ++it) {
            if (it.value().isObject() && it.value().toObject().contains(u"subscription_id")
                && it.value().toObject().contains(u"product"))
                snapshot.stepsWritingSubscriptions.insert(process + u'/' + step);
        }
    }
    q = db.exec(u"SELECT process_id, step, COUNT(*) FROM test_effects GROUP BY process_id, step"_s);
    while (q.next())
        snapshot.effects.insert(q.value(0).toString() + u'/' + q.value(1).toString(),
                                q.value(2).toInt());
    q = db.exec(u"SELECT subscription_id, version, process_id, step_name FROM "
                "subscription_versions"_s);
    while (q.next()) {
        const QString id = q.value(0).toString();
        snapshot.latestVersion[id] = qMax(snapshot.latestVersion.value(id), q.value(1).toInt());
        if (!q.value(2).isNull() && !q.value(2).toString().isEmpty())
            snapshot.versionSteps.insert(q.value(2).toString() + u'/' + q.value(3).toString());
    }
    q = db.exec(u"SELECT subscription_id, version FROM subscriptions"_s);
    while (q.next())
        snapshot.subscriptionVersion.insert(q.value(0).toString(), q.value(1).toInt());
    q = db.exec(u"SELECT target_kind, target_id, action, allowed, detail FROM audit_log"_s);
    while (q.next()) {
        ++snapshot.auditRows;
        if (!q.value(3).toBool() || q.value(2).toString() != "start"_L1)
            continue;
        if (q.value(0).toString() == "process"_L1) {
            snapshot.startedAudited.insert(q.value(1).toString());
        } else if (q.value(0).toString() == "bulk"_L1) {
            const QJsonObject detail = QJsonDocument::fromJson(q.value(4).toByteArray()).object();
            for (const QJsonValue &id : detail.value(u"processes").toArray())
                snapshot.startedAudited.insert(id.toString());
        }
    }
    q = db.exec(u"SELECT instance_id, heartbeat_at FROM engine_instances"_s);
    while (q.next())
        snapshot.heartbeats.insert(q.value(0).toString(), q.value(1).toString());
    db.exec(u"COMMIT"_s);
    db.closeThreadConnection();
    return snapshot;
}

void Soak::check(const QString &when)
{
    const Snapshot s = read();
    const auto halfApplied = [&](const QString &what) {
        ++m_halfApplied;
        say(when + u": half applied: "_s + what);
    };
    const auto lost = [&](const QString &what) {
        ++m_lost;
        say(when + u": lost: "_s + what);
    };
    for (auto it = s.processes.begin(); it != s.processes.end(); ++it) {
        const QString &id = it.key();
        const Snapshot::Process &process = it.value();
        const QHash<QString, int> steps = s.successes.value(id);
        int committed = 0;
        for (const int rows : steps)
            committed += rows;
        for (auto step = steps.begin(); step != steps.end(); ++step) {
            if (step.value() > 1 && process.workflow != "test_fail_once"_L1)
                halfApplied(u"%1 logged '%2' %3 times"_s.arg(id, step.key()).arg(step.value()));
        }
        if (process.workflow == "test_slow"_L1) {
            for (int n = 1; n <= SlowSteps; ++n) {
                const QString name = u"Slow step %1"_s.arg(n);
                const int rows = steps.value(name);
                const bool inState = process.state.contains(u"slow_%1"_s.arg(n));
                const int effects = s.effects.value(id + u'/' + name);
                if (inState != (rows == 1) || effects != rows)
                    halfApplied(
                        u"%1 '%2': %3 log rows, %4 effect rows, in state: %5"_s.arg(id, name)
                            .arg(rows)
                            .arg(effects)
                            .arg(inState));
            }
        }
        // Started by an operator (or a bulk start): its audit row came with it.
        if (!s.startedAudited.contains(id))
            halfApplied(u"%1 (%2) has no audited start"_s.arg(id, process.workflow));
        if (committed < m_committed.value(id))
            lost(u"%1 had %2 committed steps, now %3"_s.arg(id)
                     .arg(m_committed.value(id))
                     .arg(committed));
        m_committed.insert(id, committed);
        // A process left running by a dead engine is recovered by the live ones.
        if (process.status == "running"_L1 && !process.claimedBy.isEmpty()) {
            const QString heartbeat = s.heartbeats.value(process.claimedBy);
            const QDateTime last = store::Timestamps::fromText(heartbeat);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (heartbeat.isEmpty() || (last.isValid() && last.secsTo(now) > 4 * LeaseSeconds)) {
                ++m_stuck;
                say(u"%1: stuck: %2 running for engine %3, silent since %4"_s.arg(
                    when, id, process.claimedBy, heartbeat));
            }
        }
    }
    for (const QString &id : s.startedAudited) {
        if (!s.processes.contains(id))
            halfApplied(u"an allowed start of %1 without its process"_s.arg(id));
    }
    // Subscription versions: one per writing step, the row's version the latest.
    for (const QString &step : s.stepsWritingSubscriptions) {
        if (!s.versionSteps.contains(step))
            halfApplied(u"step %1 wrote a subscription without its version"_s.arg(step));
    }
    for (const QString &step : s.versionSteps) {
        const QString process = step.section(u'/', 0, 0);
        const QString name = step.section(u'/', 1);
        if (s.successes.value(process).value(name) == 0)
            halfApplied(u"a subscription version by %1 without its step-log row"_s.arg(step));
    }
    for (auto it = s.subscriptionVersion.begin(); it != s.subscriptionVersion.end(); ++it) {
        if (it.value() != s.latestVersion.value(it.key()))
            halfApplied(
                u"subscription %1 is at version %2, its latest version row %3"_s.arg(it.key())
                    .arg(it.value())
                    .arg(s.latestVersion.value(it.key())));
        if (it.value() < m_versions.value(it.key()))
            lost(u"subscription %1 went back to version %2"_s.arg(it.key()).arg(it.value()));
        m_versions.insert(it.key(), it.value());
    }
    if (s.auditRows < m_auditRows)
        lost(u"audit rows went from %1 to %2"_s.arg(m_auditRows).arg(s.auditRows));
    m_auditRows = s.auditRows;
}

int Soak::run()
{
    m_db = std::make_unique<TestDatabase>();
    if (!m_db->isValid()) {
        say(u"no database: "_s + m_db->error());
        return 2;
    }
    m_url = m_db->url().toString();
    m_flag = m_scratch.filePath(u"fail-once"_s);
    QFile(m_flag).open(QIODevice::WriteOnly);
    if (ctl({u"init"_s}) != 0)
        return 2;
    {
        const store::Database db(m_db->url());
        db.exec(u"CREATE TABLE IF NOT EXISTS test_effects (process_id TEXT NOT NULL, step TEXT "
                "NOT NULL)"_s);
        db.closeThreadConnection();
    }
    m_nodes = offeredNodes();
    say(u"%1 kills, %2 workers, %3 nodes to enroll, database %4 (logs in %5)"_s.arg(m_kills)
            .arg(m_workerCount)
            .arg(m_nodes.size())
            .arg(TestDatabase::backend(), m_scratch.path()));
    m_scratch.setAutoRemove(qEnvironmentVariableIsEmpty("WFO_SOAK_KEEP"));

    m_workers.resize(size_t(m_workerCount));
    for (int slot = 0; slot < m_workerCount; ++slot)
        startWorker(slot);
    // A kill between two steps interrupts nothing, and once, on PostgreSQL, all thirty fell
    // there. Until one has interrupted a running step, the soak goes on killing, at most twice
    // as often as asked.
    const int asked = m_kills;
    for (int kill = 1; kill <= asked || (m_retried.isEmpty() && kill <= 2 * asked); ++kill) {
        m_kills = kill;
        feed(kill);
        QThread::msleep(100 + m_random.bounded(600));
        const int slot = int(m_random.bounded(m_workerCount));
        QProcess &victim = *m_workers[size_t(slot)];
        if (victim.state() != QProcess::NotRunning) {
            testsupport::signalProcess(victim, SIGKILL);
            victim.waitForFinished(10000);
        }
        check(u"after kill %1"_s.arg(kill));
        startWorker(slot);
        retryInterrupted();
    }

    // The end: no more failures; every process comes to completion.
    QFile::remove(m_flag);
    QDeadlineTimer deadline(240000);
    int open = 0;
    while (!deadline.hasExpired()) {
        retryInterrupted();
        const Snapshot s = read();
        open = 0;
        for (const Snapshot::Process &process : s.processes)
            open += process.status != "completed"_L1 ? 1 : 0;
        if (open == 0)
            break;
        QThread::msleep(1000);
    }
    stopWorkers();
    check(u"at the end"_s);
    if (open > 0) {
        const Snapshot last = read();
        for (auto it = last.processes.cbegin(); it != last.processes.cend(); ++it) {
            if (it->status != "completed"_L1)
                say(u"did not complete: %1 %2 %3 %4"_s.arg(it.key(), it->workflow, it->status,
                                                           it->failedReason));
        }
        m_stuck += open;
    }
    const Snapshot end = read();
    say(u"%1 processes, %2 subscriptions, %3 audit rows"_s.arg(end.processes.size())
            .arg(end.subscriptionVersion.size())
            .arg(end.auditRows));
    std::printf("{\"kills\": %d, \"half_applied\": %d, \"lost\": %d, \"stuck\": %d, "
                "\"retried\": %d}\n",
                m_kills, m_halfApplied, m_lost, m_stuck, int(m_retried.size()));
    if (m_kills >= 20 && m_retried.isEmpty()) {
        say(u"no kill interrupted a running step: the soak proved nothing"_s);
        return 1;
    }
    return m_halfApplied + m_lost + m_stuck == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"SIGKILL workers at random moments and check, from the database, that nothing is "
        "half applied, lost or stuck."_s);
    parser.addHelpOption();
    parser.addOption({u"kills"_s, u"How many kills (default 30)."_s, u"N"_s, u"30"_s});
    parser.addOption({u"workers"_s, u"Workers running at once (default 3)."_s, u"K"_s, u"3"_s});
    parser.addOption({u"seed"_s, u"Random seed (default: random)."_s, u"S"_s});
    parser.process(app);
    bool ok = false;
    const int kills = parser.value(u"kills"_s).toInt(&ok);
    if (!ok || kills < 1)
        parser.showHelp(2);
    const int workers = parser.value(u"workers"_s).toInt(&ok);
    if (!ok || workers < 1 || workers > 16)
        parser.showHelp(2);
    const quint32 seed = parser.isSet(u"seed"_s) ? parser.value(u"seed"_s).toUInt()
                                                 : QRandomGenerator::global()->generate();
    say(u"seed %1"_s.arg(seed));
    return Soak(kills, workers, seed).run();
}
