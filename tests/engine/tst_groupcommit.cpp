// Group commit (docs/architecture.md, "Group commit"): steps that several worker threads finish
// at once commit in one transaction, each in its own savepoint. A refused effect in one process
// of a group fails that process's step alone, its effects rolled back and the others' kept; the
// step log of every process stays in order. On SQLite and on PostgreSQL. And the gate on which
// the writing threads of one program queue for a SQLite file, and the change notices that
// PostgreSQL's steps send after their commit, not in it ("Change notices on PostgreSQL").
#include "enginewaiter.h"
#include "testdatabase.h"

#include "core/engine.h"
#include "store/changefeed.h"
#include "store/database.h"
#include "store/packrecords.h"
#include "store/preparedstatements.h"
#include "store/processrepository.h"
#include "store/transaction.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSemaphore>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

// Writes one effect per step that returns `effect`, in the step's transaction, and refuses the
// step (after writing) when the step also returns `refuse`.
class EffectExtension final : public EngineExtension
{
public:
    void persistStep(const store::Database &database, store::ProcessRecord &process,
                     store::StepRecord &step) override
    {
        if (!step.delta.contains(u"effect"))
            return;
        store::PackRecords(database, u"groupcommit"_s, u"effect"_s)
            .put(process.id + u'/' + step.name, QJsonObject {{u"step"_s, step.name}});
        if (step.delta.value(u"refuse").toBool())
            throw store::StoreError(store::StoreError::Kind::Sql, u"refused by the test"_s);
    }
};

// The processes of a round meet in the step "Meet" and leave it together, so their commits
// arrive at the same moment.
std::atomic<int> g_arrived = 0;
int g_expected = 0;

Workflow meetingWorkflow()
{
    StepList steps = begin >> init()
        >> step(u"Meet"_s,
                [](const StepContext &context) {
                    ++g_arrived;
                    QDeadlineTimer deadline(5000);
                    while (g_arrived.load() < g_expected && !deadline.hasExpired())
                        QThread::yieldCurrentThread();
                    return QJsonObject {{u"effect"_s, true},
                                        {u"refuse"_s, context.value(u"refuse").toBool()}};
                })
        >> step(u"After"_s, [](const StepContext &) {
                         return QJsonObject {{u"effect"_s, true}, {u"after"_s, true}};
                     });
    return Workflow(u"group_meeting"_s, Target::System, "group commit test", steps >> done())
        .isTask(true);
}

Workflow countingWorkflow(int steps)
{
    StepList list = begin >> init();
    for (int i = 0; i < steps; ++i)
        list = list >> step(u"Count %1"_s.arg(i), [i](const StepContext &context) {
                   // Long enough for the other threads' steps to end meanwhile.
                   QThread::usleep(500);
                   return QJsonObject {{u"count"_s, context.value(u"count").toInt() + 1},
                                       {u"last"_s, i}};
               });
    return Workflow(u"group_counting"_s, Target::System, "group commit test", list >> done())
        .isTask(true);
}

// Runs `body(runner)` on `runners` threads at once ("runner 0" ...), each a member of `group`
// while it runs; false when one has not ended within a minute (left asleep: it is left be).
bool runAsMembers(store::GroupCommit &group, const store::Database &db, int runners,
                  const std::function<void(int)> &body)
{
    QSemaphore members;
    QSemaphore go;
    QList<QThread *> threads;
    for (int r = 0; r < runners; ++r) {
        threads.append(QThread::create([&, r] {
            const store::GroupCommit::Member member(&group);
            members.release();
            go.acquire();
            body(r);
            db.closeThreadConnection();
        }));
        threads.last()->setObjectName(u"runner %1"_s.arg(r));
        threads.last()->start();
    }
    members.acquire(runners);
    go.release(runners);
    for (QThread *thread : std::as_const(threads)) {
        if (!thread->wait(60000))
            return false;
    }
    qDeleteAll(threads);
    return true;
}

// The change notices this thread's connection of a PostgreSQL database hears, and whether each
// came from another connection.
class NoticeListener
{
public:
    explicit NoticeListener(const store::Database &db)
        : m_driver(db.connection().driver())
    {
        m_connection =
            QObject::connect(m_driver, &QSqlDriver::notification, m_driver,
                             [this](const QString &name, QSqlDriver::NotificationSource source,
                                    const QVariant &payload) {
                                 if (name != store::ChangeChannel)
                                     return;
                                 notices.append(payload.toString());
                                 if (source == QSqlDriver::SelfSource)
                                     fromItself.append(payload.toString());
                             });
        subscribed = m_driver->subscribeToNotification(store::ChangeChannel);
    }
    ~NoticeListener()
    {
        QObject::disconnect(m_connection);
        m_driver->unsubscribeFromNotification(store::ChangeChannel);
    }
    Q_DISABLE_COPY_MOVE(NoticeListener)

    bool subscribed = false;
    QStringList notices;
    QStringList fromItself;

private:
    QSqlDriver *m_driver;
    QMetaObject::Connection m_connection;
};

} // namespace

class TestGroupCommit : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refusedEffectFailsOnlyItsStep();
    void stepLogStaysInOrder();
    void groupsAreWrittenOnTheCommittersConnection();
    void eachMemberHearsItsOwnOutcome();
    void aStepQueuedWhileItsGroupIsWrittenJoinsIt();
    void aChangeIsNoticedAfterItsCommitNotInIt();
    void aStreamOfNoticesSharesStatements();
    void noticesGoOnAfterTheSendersConnectionIsLost();
    void writersOfOneProgramQueueForTheFile();
    void aSecondTransactionOnOneThreadIsRefusedAtOnce();
    void anOccasionalWriterIsNotStarvedByBusyOnes();

private:
    std::unique_ptr<Engine> openEngine(int threads);
    QHash<QString, ProcessStatus> runAll(Engine &engine, const QList<QJsonObject> &states,
                                         const QString &workflow);

    std::unique_ptr<TestDatabase> m_db;
    WorkflowRegistry m_registry;
};

void TestGroupCommit::init()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    if (!m_registry.find(u"group_meeting"_s)) {
        m_registry.add(meetingWorkflow());
        m_registry.add(countingWorkflow(30));
    }
}

void TestGroupCommit::cleanup()
{
    m_db.reset();
}

std::unique_ptr<Engine> TestGroupCommit::openEngine(int threads)
{
    EngineOptions options;
    options.url = m_db->url();
    options.threads = threads;
    options.claimQueued = false;
    auto engine = std::make_unique<Engine>(&m_registry, options);
    engine->addExtension(std::make_shared<EffectExtension>());
    QString error;
    if (!testsupport::openEngine(*engine, &error))
        qWarning() << "cannot open the engine:" << error;
    return engine;
}

QHash<QString, ProcessStatus>
TestGroupCommit::runAll(Engine &engine, const QList<QJsonObject> &states, const QString &workflow)
{
    QHash<QString, ProcessStatus> stopped;
    const QMetaObject::Connection connection = connect(
        &engine, &Engine::processStopped, &engine,
        [&stopped](const QString &id, ProcessStatus status) { stopped.insert(id, status); });
    QList<QFuture<ActionResult>> starts;
    for (const QJsonObject &state : states) {
        StartRequest request;
        request.workflow = workflow;
        request.initialState = state;
        starts.append(engine.start(request));
    }
    QHash<QString, ProcessStatus> result;
    QStringList ids;
    for (const QFuture<ActionResult> &start : std::as_const(starts)) {
        const ActionResult started = testsupport::await(start);
        if (started.ok())
            ids.append(started.processId);
    }
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        bool all = true;
        for (const QString &id : std::as_const(ids))
            all = all && stopped.contains(id);
        if (all)
            break;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    disconnect(connection);
    for (const QString &id : std::as_const(ids))
        result.insert(id, stopped.value(id, ProcessStatus::Running));
    return result;
}

void TestGroupCommit::refusedEffectFailsOnlyItsStep()
{
    constexpr int processes = 4;
    const std::unique_ptr<Engine> engine = openEngine(processes);
    const store::Database db(m_db->url());
    store::ProcessRepository repository(db);
    store::PackRecords effects(db, u"groupcommit"_s, u"effect"_s);
    // Threads meet, but the scheduler may still part their commits: a few rounds, each checked,
    // until one of them committed together.
    bool grouped = false;
    for (int round = 0; round < 8 && !grouped; ++round) {
        const quint64 before = store::GroupCommit::sharedCommits();
        g_arrived = 0;
        g_expected = processes;
        QList<QJsonObject> states;
        for (int i = 0; i < processes; ++i)
            states.append(QJsonObject {{u"refuse"_s, i == 1}});
        const QHash<QString, ProcessStatus> stopped = runAll(*engine, states, u"group_meeting"_s);
        QCOMPARE(stopped.size(), processes);
        int refused = 0;
        for (auto it = stopped.cbegin(); it != stopped.cend(); ++it) {
            const std::optional<store::ProcessRecord> process = repository.find(it.key());
            QVERIFY(process);
            const QList<store::StepRecord> steps = repository.steps(it.key());
            QStringList log;
            for (const store::StepRecord &s : steps)
                log.append(s.name + u':' + toText(s.status));
            if (process->state.value(u"refuse").toBool()) {
                ++refused;
                // Failed at "Meet", its effect rolled back, nothing after it.
                QCOMPARE(it.value(), ProcessStatus::Failed);
                QCOMPARE(log, (QStringList {u"Start:success"_s, u"Meet:failed"_s}));
                QVERIFY2(steps.last().errorMessage.contains(u"refused by the test"_s),
                         qPrintable(steps.last().errorMessage));
                QVERIFY(!effects.find(it.key() + u"/Meet"_s));
                QVERIFY(!process->state.contains(u"effect"));
            } else {
                QCOMPARE(it.value(), ProcessStatus::Completed);
                QCOMPARE(log,
                         (QStringList {u"Start:success"_s, u"Meet:success"_s, u"After:success"_s,
                                       u"Done:complete"_s}));
                QVERIFY(effects.find(it.key() + u"/Meet"_s));
                QVERIFY(effects.find(it.key() + u"/After"_s));
            }
        }
        QCOMPARE(refused, 1);
        grouped = store::GroupCommit::sharedCommits() > before;
    }
    QVERIFY2(grouped, "no two steps ever committed together; the test proved nothing");
    db.closeThreadConnection();
    engine->shutdown();
}

void TestGroupCommit::stepLogStaysInOrder()
{
    const std::unique_ptr<Engine> engine = openEngine(4);
    const store::Database db(m_db->url());
    store::ProcessRepository repository(db);
    // Whether commits coincide is up to the scheduler: rounds, each checked, until groups formed.
    bool grouped = false;
    for (int round = 0; round < 8 && !grouped; ++round) {
        const quint64 before = store::GroupCommit::sharedCommits();
        const QHash<QString, ProcessStatus> stopped = runAll(
            *engine, QList<QJsonObject>(8, QJsonObject {{u"count"_s, 0}}), u"group_counting"_s);
        QCOMPARE(stopped.size(), 8);
        for (auto it = stopped.cbegin(); it != stopped.cend(); ++it) {
            QCOMPARE(it.value(), ProcessStatus::Completed);
            // In the order of their ids (the order of commits), the rows are the steps in
            // order.
            QList<int> indexes;
            QSqlQuery q = db.exec(u"SELECT step_index FROM process_steps WHERE process_id = :id "
                                  "ORDER BY step_id"_s,
                                  {{u"id"_s, it.key()}});
            while (q.next())
                indexes.append(q.value(0).toInt());
            QList<int> expected;
            for (int i = 0; i < 32; ++i)
                expected.append(i);
            QCOMPARE(indexes, expected);
            QCOMPARE(repository.find(it.key())->state.value(u"count").toInt(), 30);
        }
        grouped = store::GroupCommit::sharedCommits() > before;
    }
    QVERIFY2(grouped, "no group formed with 4 busy threads; the test proved nothing");
    db.closeThreadConnection();
    engine->shutdown();
}

void TestGroupCommit::groupsAreWrittenOnTheCommittersConnection()
{
    // On SQLite every commit by one connection empties the page cache of the file's other
    // connections. Steps of several runners are written by the group's own committer thread,
    // always on one connection with a larger cache; a runner alone writes its own.
    if (m_db->isPostgres())
        QSKIP("the committer is SQLite's");
    const store::Database db(m_db->url());
    db.exec(u"CREATE TABLE committed_by (runner TEXT, thread TEXT, cache INTEGER)"_s);
    auto group = std::make_unique<store::GroupCommit>(db);
    auto writesFor = [&](const QString &runner) {
        return [&db, runner] {
            QSqlQuery cache = db.exec(u"PRAGMA cache_size"_s);
            cache.next();
            db.exec(u"INSERT INTO committed_by VALUES (:runner, :thread, :cache)"_s,
                    {{u"runner"_s, runner},
                     {u"thread"_s, QThread::currentThread()->objectName()},
                     {u"cache"_s, cache.value(0)}});
            return true;
        };
    };
    std::atomic<int> failures = 0;
    auto submit = [&](const QString &runner) {
        try {
            if (!group->submit(writesFor(runner)))
                ++failures;
        } catch (const store::StoreError &) {
            ++failures;
        }
    };
    constexpr int runners = 3;
    constexpr int steps = 20;
    QVERIFY(runAsMembers(*group, db, runners, [&](int r) {
        for (int s = 0; s < steps; ++s)
            submit(u"runner %1"_s.arg(r));
    }));
    QCOMPARE(failures.load(), 0);
    // The last runners may have been alone at the end; all the others were written by the
    // committer, with its own cache.
    auto rowsPerThread = [&db] {
        QMap<QString, int> rows;
        QSqlQuery q = db.exec(u"SELECT thread, cache, COUNT(*) FROM committed_by "
                              "GROUP BY thread, cache"_s);
        while (q.next())
            rows.insert(q.value(0).toString() + u'/' + q.value(1).toString(), q.value(2).toInt());
        return rows;
    };
    QMap<QString, int> rows = rowsPerThread();
    const QString committer = u"wfo-committer/-%1"_s.arg(store::GroupCommit::committerCacheKiB);
    QVERIFY2(rows.value(committer) >= (runners - 1) * steps, qPrintable(rows.keys().join(u',')));
    int total = 0;
    for (int n : std::as_const(rows))
        total += n;
    QCOMPARE(total, runners * steps);

    // A runner alone writes on its own thread, without waiting for another.
    db.exec(u"DELETE FROM committed_by"_s);
    QThread *alone = QThread::create([&] {
        const store::GroupCommit::Member member(group.get());
        for (int s = 0; s < steps; ++s)
            submit(u"alone"_s);
        db.closeThreadConnection();
    });
    alone->setObjectName(u"alone"_s);
    alone->start();
    QVERIFY(alone->wait(20000));
    delete alone;
    QCOMPARE(failures.load(), 0);
    rows = rowsPerThread();
    QCOMPARE(rows.keys(), QStringList {u"alone/-2000"_s});
    QCOMPARE(rows.value(u"alone/-2000"_s), steps);
    group.reset(); // stops the committer
    db.closeThreadConnection();
}

void TestGroupCommit::eachMemberHearsItsOwnOutcome()
{
    // The leader wakes the first member of a group and each member the next: across many
    // groups, every runner returns with its own step's outcome (stored, refused or thrown),
    // none is left asleep, and what was refused or thrown is not stored.
    // On PostgreSQL each step also publishes a change notice: only the stored steps' are sent.
    const store::Database db(m_db->url());
    db.exec(u"CREATE TABLE outcomes (runner INTEGER, step INTEGER)"_s);
    std::unique_ptr<NoticeListener> listener;
    if (m_db->isPostgres()) {
        listener = std::make_unique<NoticeListener>(db);
        QVERIFY(listener->subscribed);
    }
    auto group = std::make_unique<store::GroupCommit>(db);
    const quint64 sharedBefore = store::GroupCommit::sharedCommits();
    constexpr int runners = 8;
    constexpr int steps = 150;
    enum Outcome { Stored, Refused, Thrown };
    const auto outcomeOf = [](int runner, int step) {
        const int n = runner * steps + step;
        return n % 7 == 0 ? Thrown : n % 5 == 0 ? Refused : Stored;
    };
    std::atomic<int> wrong = 0;
    // One runner's steps: each hears back what it did.
    const auto runSteps = [&](int r) {
        for (int s = 0; s < steps; ++s) {
            const Outcome expected = outcomeOf(r, s);
            const QString thrown = u"thrown by step %1 of %2"_s.arg(s).arg(r);
            Outcome heard = Stored;
            try {
                const bool stored = group->submit([&] {
                    db.exec(u"INSERT INTO outcomes VALUES (:runner, :step)"_s,
                            {{u"runner"_s, r}, {u"step"_s, s}});
                    db.notifyChange(u"outcome"_s, u"%1/%2"_s.arg(r).arg(s));
                    if (expected == Thrown)
                        throw store::StoreError(store::StoreError::Kind::Sql, thrown);
                    return expected == Stored;
                });
                heard = stored ? Stored : Refused;
            } catch (const store::StoreError &error) {
                if (error.message() == thrown)
                    heard = Thrown;
                else
                    qWarning() << "runner" << r << "step" << s << "heard" << error.message();
            }
            if (heard != expected)
                ++wrong;
        }
    };
    QVERIFY2(runAsMembers(*group, db, runners, runSteps), "a runner was left asleep");
    group.reset();
    QCOMPARE(wrong.load(), 0);
    QVERIFY(store::GroupCommit::sharedCommits() > sharedBefore); // groups did form
    QSet<QPair<int, int>> stored;
    QSqlQuery q = db.exec(u"SELECT runner, step FROM outcomes"_s);
    while (q.next())
        stored.insert({q.value(0).toInt(), q.value(1).toInt()});
    int expectedRows = 0;
    for (int r = 0; r < runners; ++r) {
        for (int s = 0; s < steps; ++s) {
            const bool kept = outcomeOf(r, s) == Stored;
            expectedRows += kept ? 1 : 0;
            if (stored.contains({r, s}) != kept)
                QFAIL(qPrintable(u"runner %1 step %2 %3"_s.arg(r).arg(s).arg(
                    kept ? u"was not stored"_s : u"was stored though not kept"_s)));
        }
    }
    QCOMPARE(stored.size(), expectedRows);
    if (listener) {
        QSet<QString> expectedNotices;
        for (const auto &[r, s] : std::as_const(stored))
            expectedNotices.insert(u"outcome:%1/%2"_s.arg(r).arg(s));
        // All of them arrive, and then nothing else: no notice of a refused or thrown step.
        QTRY_COMPARE_WITH_TIMEOUT(
            QSet<QString>(listener->notices.cbegin(), listener->notices.cend()) & expectedNotices,
            expectedNotices, 20000);
        // A last notice after them all: what arrives before it is all there is.
        db.notifyChange(u"outcome"_s, u"end"_s);
        QTRY_VERIFY(listener->notices.contains(u"outcome:end"_s));
        listener->notices.removeAll(u"outcome:end"_s);
        QCOMPARE(QSet<QString>(listener->notices.cbegin(), listener->notices.cend()),
                 expectedNotices);
        listener.reset();
    }
    db.closeThreadConnection();
}

void TestGroupCommit::aStepQueuedWhileItsGroupIsWrittenJoinsIt()
{
    // A step that arrives while a group is being written joins that group's transaction: it
    // would wait for the group's flush anyway, and now shares it. Two runners' steps make a
    // group; the first step's writes hold on until a third runner's step is queued; the three
    // commit at once.
    const store::Database db(m_db->url());
    db.exec(u"CREATE TABLE joined (runner INTEGER)"_s);
    // A gather window long enough that the first two steps always meet.
    auto group = std::make_unique<store::GroupCommit>(db, 10'000'000);
    const quint64 commitsBefore = store::GroupCommit::sharedCommits();
    const quint64 stepsBefore = store::GroupCommit::sharedSteps();
    std::atomic<bool> first = true;
    QSemaphore writing;
    QSemaphore thirdQueued;
    std::atomic<int> stored = 0;
    QSemaphore ready;
    QSemaphore go;
    const auto runner = [&](int r) {
        QThread *thread = QThread::create([&, r] {
            const store::GroupCommit::Member member(group.get());
            ready.release();
            go.acquire();
            try {
                const bool kept = group->submit([&] {
                    db.exec(u"INSERT INTO joined VALUES (:runner)"_s, {{u"runner"_s, r}});
                    if (first.exchange(false)) {
                        writing.release();
                        return thirdQueued.tryAcquire(1, 20000);
                    }
                    return true;
                });
                stored += kept ? 1 : 0;
            } catch (const store::StoreError &error) {
                qWarning() << "runner" << r << error.message();
            }
            db.closeThreadConnection();
        });
        thread->setObjectName(u"runner %1"_s.arg(r));
        thread->start();
        return std::unique_ptr<QThread>(thread);
    };
    const std::unique_ptr<QThread> a = runner(0);
    const std::unique_ptr<QThread> b = runner(1);
    ready.acquire(2);
    go.release(2);
    QVERIFY(writing.tryAcquire(1, 20000)); // the group is being written
    QTRY_COMPARE(group->pendingSteps(), 2);
    const std::unique_ptr<QThread> c = runner(2);
    ready.acquire();
    go.release();
    QTRY_COMPARE(group->pendingSteps(), 3); // the third step waits in the queue
    thirdQueued.release();
    QVERIFY(a->wait(20000));
    QVERIFY(b->wait(20000));
    QVERIFY(c->wait(20000));
    group.reset();
    QCOMPARE(stored.load(), 3);
    QCOMPARE(store::GroupCommit::sharedCommits() - commitsBefore, quint64(1));
    QCOMPARE(store::GroupCommit::sharedSteps() - stepsBefore, quint64(3));
    QSqlQuery q = db.exec(u"SELECT COUNT(DISTINCT runner) FROM joined"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    db.closeThreadConnection();
}

void TestGroupCommit::aChangeIsNoticedAfterItsCommitNotInIt()
{
    // A transaction that runs NOTIFY holds a lock on the whole database from its COMMIT until
    // the commit is on the disk, so that transactions that notify never share a flush. A
    // change's notice is sent once its transaction committed, by another connection; none when
    // it rolled back.
    if (!m_db->isPostgres())
        QSKIP("SQLite's readers watch the data version; there are no notices");
    const store::Database db(m_db->url());
    db.exec(u"CREATE TABLE changes (id TEXT)"_s);
    auto listener = std::make_unique<NoticeListener>(db); // on the transactions' connection
    QVERIFY(listener->subscribed);
    {
        store::WriteTransaction transaction(db);
        db.exec(u"INSERT INTO changes VALUES ('one')"_s);
        db.notifyChange(u"test"_s, u"one"_s);
        QTest::qWait(300);
        QVERIFY(listener->notices.isEmpty()); // not before the commit
        transaction.commit();
    }
    QTRY_COMPARE(listener->notices, QStringList {u"test:one"_s});
    QCOMPARE(listener->fromItself, QStringList()); // not by the transaction's own connection
    {
        store::WriteTransaction transaction(db);
        db.exec(u"INSERT INTO changes VALUES ('two')"_s);
        db.notifyChange(u"test"_s, u"two"_s);
    } // rolled back
    db.notifyChange(u"test"_s, u"three"_s); // outside a transaction: sent at once
    QTRY_COMPARE(listener->notices, (QStringList {u"test:one"_s, u"test:three"_s}));
    QCOMPARE(listener->fromItself, QStringList());
    listener.reset(); // before its connection goes
    db.closeThreadConnection();
}

void TestGroupCommit::aStreamOfNoticesSharesStatements()
{
    // Steps that commit a millisecond apart must not cost a statement (a round trip and a
    // commit of the server) each for their notices: the sender sends at most once in 5 ms.
    if (!m_db->isPostgres())
        QSKIP("SQLite's readers watch the data version; there are no notices");
    const store::Database db(m_db->url());
    auto listener = std::make_unique<NoticeListener>(db);
    QVERIFY(listener->subscribed);
    db.notifyChange(u"test"_s, u"warm"_s); // the sender's thread and connection are up
    QTRY_COMPARE(listener->notices.size(), 1);
    QTest::qWait(20);
    constexpr int notices = 60;
    const quint64 before = store::statementCount();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < notices; ++i) {
        db.notifyChange(u"test"_s, QString::number(i));
        QThread::msleep(1);
    }
    QTRY_COMPARE(listener->notices.size(), 1 + notices);
    const qint64 elapsedMs = timer.elapsed();
    const quint64 statements = store::statementCount() - before;
    // One statement at the start, then at most one per 5 ms (however slow the machine).
    QVERIFY2(statements <= quint64(elapsedMs / 5 + 2),
             qPrintable(u"%1 statements in %2 ms"_s.arg(statements).arg(elapsedMs)));
    QVERIFY2(statements < quint64(notices), qPrintable(QString::number(statements)));
    for (int i = 0; i < notices; ++i)
        QCOMPARE(listener->notices.at(1 + i), u"test:"_s + QString::number(i)); // in order
    listener.reset();
    db.closeThreadConnection();
}

void TestGroupCommit::noticesGoOnAfterTheSendersConnectionIsLost()
{
    // The server ends the sender's connection (a restart, an administrator): the next notices
    // go on a new one, the one that met the ended connection included.
    if (!m_db->isPostgres())
        QSKIP("SQLite's readers watch the data version; there are no notices");
    const store::Database db(m_db->url());
    auto listener = std::make_unique<NoticeListener>(db);
    QVERIFY(listener->subscribed);
    db.notifyChange(u"test"_s, u"before"_s);
    QTRY_COMPARE(listener->notices, QStringList {u"test:before"_s});
    {
        // (A query left alive on the listening connection holds back its notices.)
        QSqlQuery ended =
            db.exec(u"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"_s);
        QVERIFY(ended.next());
        QCOMPARE(ended.value(0).toInt(), 1); // the sender's, still open (it lets go after 2 s)
    }
    db.notifyChange(u"test"_s, u"after"_s);
    QTRY_COMPARE(listener->notices, (QStringList {u"test:before"_s, u"test:after"_s}));
    listener.reset();
    db.closeThreadConnection();
}

void TestGroupCommit::writersOfOneProgramQueueForTheFile()
{
    if (m_db->isPostgres())
        QSKIP("the gate is SQLite's");
    const store::Database db(m_db->url());
    db.exec(u"CREATE TABLE gate_test (writer TEXT)"_s);
    QSemaphore held;
    QSemaphore release;
    QThread *first = QThread::create([&] {
        store::WriteTransaction transaction(db);
        db.exec(u"INSERT INTO gate_test VALUES ('first')"_s);
        held.release();
        release.acquire();
        transaction.commit();
        db.closeThreadConnection();
    });
    std::atomic<bool> secondDone = false;
    QString secondError;
    QThread *second = QThread::create([&] {
        held.acquire();
        try {
            store::WriteTransaction transaction(db);
            db.exec(u"INSERT INTO gate_test VALUES ('second')"_s);
            transaction.commit();
        } catch (const store::StoreError &e) {
            secondError = e.message();
        }
        db.closeThreadConnection();
        secondDone = true;
    });
    first->start();
    second->start();
    // The second writer waits for the first (on the gate, then the file) ...
    QTest::qWait(200);
    QVERIFY(!secondDone);
    // ... and writes once the first committed.
    release.release();
    QVERIFY(first->wait(10000));
    QVERIFY(second->wait(10000));
    delete first;
    delete second;
    QVERIFY2(secondError.isEmpty(), qPrintable(secondError));
    QSqlQuery q = db.exec(u"SELECT writer FROM gate_test ORDER BY rowid"_s);
    QStringList writers;
    while (q.next())
        writers.append(q.value(0).toString());
    QCOMPARE(writers, (QStringList {u"first"_s, u"second"_s}));

    // A writer that waits longer than the busy timeout hears that the database is locked.
    qputenv("WFO_BUSY_TIMEOUT_MS", "300");
    QThread *holder = QThread::create([&] {
        store::WriteTransaction transaction(db);
        held.release();
        release.acquire();
        db.closeThreadConnection();
    });
    holder->start();
    held.acquire();
    try {
        store::WriteTransaction transaction(db);
        QFAIL("a second writer got in while the first held the file");
    } catch (const store::StoreError &e) {
        QCOMPARE(e.kind(), store::StoreError::Kind::Busy);
        QCOMPARE(e.message(), store::Database::lockedError().message());
    }
    qunsetenv("WFO_BUSY_TIMEOUT_MS");
    release.release();
    QVERIFY(holder->wait(10000));
    delete holder;
    db.closeThreadConnection();
}

void TestGroupCommit::aSecondTransactionOnOneThreadIsRefusedAtOnce()
{
    // The thread holds the gate already: SQLite refuses the nested BEGIN itself, instead of
    // the thread waiting the whole busy timeout for itself.
    qputenv("WFO_BUSY_TIMEOUT_MS", "600000");
    const store::Database db(m_db->url());
    {
        store::WriteTransaction outer(db);
        try {
            store::WriteTransaction inner(db);
            if (!m_db->isPostgres())
                QFAIL("SQLite began a transaction inside a transaction");
        } catch (const store::StoreError &e) {
            QVERIFY2(e.kind() != store::StoreError::Kind::Busy, qPrintable(e.message()));
        }
    }
    qunsetenv("WFO_BUSY_TIMEOUT_MS");
    // The gate was let go: a new transaction begins.
    store::WriteTransaction again(db);
    again.commit();
    db.closeThreadConnection();
}

void TestGroupCommit::anOccasionalWriterIsNotStarvedByBusyOnes()
{
    // Two threads write back to back; a third writes now and then outside a transaction, as
    // the housekeeper's heartbeat does. Each of its writes gets its turn well within the busy
    // timeout: in SQLite's busy handler, polling, it lost to them until the timeout ended it.
    if (m_db->isPostgres())
        QSKIP("the gate is SQLite's");
    qputenv("WFO_BUSY_TIMEOUT_MS", "2000");
    const store::Database db(m_db->url());
    db.exec(u"CREATE TABLE busy_writes (writer INTEGER)"_s);
    db.exec(u"CREATE TABLE occasional_writes (n INTEGER)"_s);
    std::atomic<bool> stop = false;
    std::atomic<int> busyErrors = 0;
    QList<QThread *> busy;
    for (int i = 0; i < 2; ++i) {
        busy.append(QThread::create([&, i] {
            while (!stop) {
                try {
                    store::WriteTransaction transaction(db);
                    db.exec(u"INSERT INTO busy_writes VALUES (:i)"_s, {{u"i"_s, i}});
                    transaction.commit();
                } catch (const store::StoreError &) {
                    ++busyErrors;
                }
            }
            db.closeThreadConnection();
        }));
        busy.last()->start();
    }
    QStringList errors;
    for (int n = 0; n < 10; ++n) {
        QThread::msleep(50);
        try {
            db.exec(u"INSERT INTO occasional_writes VALUES (:n)"_s, {{u"n"_s, n}});
        } catch (const store::StoreError &e) {
            errors.append(e.message());
        }
    }
    stop = true;
    for (QThread *thread : std::as_const(busy)) {
        QVERIFY(thread->wait(10000));
        delete thread;
    }
    qunsetenv("WFO_BUSY_TIMEOUT_MS");
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(busyErrors.load(), 0);
    QSqlQuery q = db.exec(u"SELECT COUNT(*) FROM occasional_writes"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 10);
    q = db.exec(u"SELECT COUNT(*) FROM busy_writes"_s);
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() > 0);
    db.closeThreadConnection();
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
