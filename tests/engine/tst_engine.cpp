// The engine: every step kind and status transition, state merging, retry from the failed step,
// input steps, abort, pause, many processes at once, atomic step commits and recovery.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "testdatabase.h"

#include "core/engine.h"
#include "core/processrunner.h"
#include "services/builtinworkflows.h"
#include "store/enginerepository.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/timestamps.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace wfo;
using testsupport::await;
using testsupport::runToRest;

namespace {

// How often each step body ran, across threads.
class Counter
{
public:
    void hit(const QString &key)
    {
        QMutexLocker locker(&m_mutex);
        ++m_counts[key];
    }
    int value(const QString &key) const
    {
        QMutexLocker locker(&m_mutex);
        return m_counts.value(key);
    }
    void reset()
    {
        QMutexLocker locker(&m_mutex);
        m_counts.clear();
    }

private:
    mutable QMutex m_mutex;
    QHash<QString, int> m_counts;
};

Counter counter;
std::atomic<bool> failStep3 = false;
std::atomic<bool> failRetry = false;
std::atomic<int> slowStepMs = 0;
// While set, S1 of wf_slow waits for the test to release it: a process known to be running.
std::atomic<bool> holdS1 = false;
QSemaphore s1Gate;

Step counted(const QString &name, const QJsonObject &delta)
{
    return step(name, [name, delta](const StepContext &context) {
        counter.hit(context.processId() + u'/' + name);
        counter.hit(name);
        return delta;
    });
}

// Writes a row per step that returns `effect`, inside the step's transaction.
class EffectExtension final : public EngineExtension
{
public:
    // Once, before anything runs: steps that created it on the fly would race on PostgreSQL.
    void databaseOpened(const store::Database &db) override
    {
        db.exec(u"CREATE TABLE IF NOT EXISTS test_effects (process_id TEXT, step TEXT)"_s);
    }

    void persistStep(const store::Database &db, store::ProcessRecord &process,
                     store::StepRecord &step) override
    {
        if (step.delta.contains(u"explode"))
            throw std::runtime_error("the effect could not be stored");
        if (!step.delta.contains(u"effect"))
            return;
        db.exec(u"INSERT INTO test_effects (process_id, step) VALUES (:p, :s)"_s,
                {{u"p"_s, process.id}, {u"s"_s, step.name}});
    }
};

void registerTestWorkflows(WorkflowRegistry &registry)
{
    registerBuiltinWorkflows(registry);
    registry.add(Workflow::task(u"wf_linear"_s, "Linear",
                                begin >> counted(u"One"_s, {{u"a"_s, 1}})
                                    >> counted(u"Two"_s, {{u"b"_s, 2}, {u"effect"_s, true}})
                                    >> counted(u"Three"_s, {{u"c"_s, 3}})));
    registry.add(Workflow::task(
        u"wf_fail"_s, "Fails at step 3 while failStep3 is set",
        begin >> counted(u"One"_s, {{u"a"_s, 1}}) >> counted(u"Two"_s, {{u"b"_s, 2}}) >> step(
            u"Three"_s,
            [](const StepContext &context) {
                counter.hit(u"Three"_s);
                if (failStep3)
                    throw StepError(u"Simulated failure in step three"_s);
                // Runs from the state after the last successful step.
                return QJsonObject {{u"sum"_s, context.get<int>(u"a") + context.get<int>(u"b")}};
            })
            >> counted(u"Four"_s, {{u"d"_s, 4}})));
    registry.add(Workflow::task(u"wf_retry"_s, "A retrystep",
                                begin >> retrystep(u"Flaky"_s, [](const StepContext &) {
                                    counter.hit(u"Flaky"_s);
                                    if (failRetry)
                                        throw std::runtime_error("remote API timed out");
                                    return QJsonObject {{u"flaky_done"_s, true}};
                                })));
    registry.add(Workflow::task(
        u"wf_conditional"_s, "Conditional",
        begin >> counted(u"Set"_s, {{u"go"_s, false}}) >> conditional([](const QJsonObject &s) {
            return s.value(u"go").toBool();
        })(counted(u"Maybe"_s, {{u"maybe"_s, true}}))
            >> counted(u"After"_s, {{u"__remove_keys"_s, QJsonArray {u"go"_s}}})));
    registry.add(Workflow::task(
        u"wf_group"_s, "Group",
        begin >> stepGroup(
            u"Group"_s,
            begin >> counted(u"G1"_s, {{u"g1"_s, 1}}) >> step(u"G2"_s, [](const StepContext &) {
                counter.hit(u"G2"_s);
                if (failStep3)
                    throw StepError(u"G2 failed"_s);
                return QJsonObject {{u"g2"_s, 2}};
            }) >> counted(u"G3"_s, {{u"g3"_s, 3}}))));
    forms::FormGenerator nameForm = [](forms::FormSession &session) {
        session.page(forms::FormPage(
            u"Who"_s,
            {forms::Field::text(u"name"_s), forms::Field::integer(u"age"_s).range(0, 150)}));
        return QJsonObject();
    };
    registry.add(Workflow::task(
        u"wf_input"_s, "Input",
        begin >> counted(u"Before"_s, {{u"x"_s, 1}}) >> inputstep(u"Ask"_s, nameForm)
            >> step(u"Greet"_s, [](const StepContext &c) {
                  return QJsonObject {
                      {u"greeting"_s, QString(u"Hello "_s + c.get<QString>(u"name"))}};
              })));
    registry.add(Workflow::task(u"wf_slow"_s, "Slow",
                                begin >> step(u"S1"_s, [](const StepContext &) {
                                    if (holdS1)
                                        s1Gate.acquire();
                                    QThread::msleep(slowStepMs);
                                    counter.hit(u"S1"_s);
                                    return QJsonObject {{u"s1"_s, 1}};
                                }) >> step(u"S2"_s, [](const StepContext &) {
                                    QThread::msleep(slowStepMs);
                                    counter.hit(u"S2"_s);
                                    return QJsonObject {{u"s2"_s, 2}};
                                }) >> counted(u"S3"_s, {{u"s3"_s, 3}})));
    registry.add(
        Workflow::task(u"wf_explode"_s, "Effects that cannot be stored",
                       begin >> counted(u"Set"_s, {{u"kept"_s, 1}, {u"gone"_s, u"x"_s}})
                           >> counted(u"Boom"_s,
                                      {{u"explode"_s, true},
                                       {u"kept"_s, 2},
                                       {RemoveKeysKey.toString(), QJsonArray {u"gone"_s}}})));
    registry.add(Workflow(u"wf_abort_builtin"_s, Target::System, "Aborts itself",
                          begin >> init() >> wfo::abort() >> counted(u"Never"_s, {})));
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void staleGlobalLockReadingNeverUndoesAPause();

    void statusNames();
    void threadsDefaultToTheDatabasesDefault();
    void mergeRules();
    void combineDeltasKeepsRemovals();
    void linearWorkflowCompletes();
    void runningStepsLeaveStatusAndClaimUnwritten();
    void failedStepIsRetriedFromWhereItFailed();
    void retryOfCompletedIsRefused();
    void retrystepWaitsAndResumeTaskRetries();
    void conditionalSkips();
    void groupIsOneRowAndRetriesInside();
    void inputStepSuspendsAndResumes();
    void abortAtRest();
    void abortWhileRunning();
    void builtinAbortStep();
    void pauseStopsBeforeNextStepAndUnpauseContinues();
    void refusedPauseLeavesTheEngineRunning();
    void manyProcessesOnSeveralThreads();
    void effectsAndLogCommitTogether();
    void failingEffectsRollBackTheStep();
    void interruptedProcessIsRecoveredAndRetryable();
    void unknownWorkflowAndProcess();
    void anotherEngineSeesChangesWithinASecond();

private:
    std::unique_ptr<wfo::Engine> makeEngine(int threads = 2);

    std::unique_ptr<TestDatabase> m_db;
    WorkflowRegistry m_registry;
};

void TestEngine::init()
{
    counter.reset();
    failStep3 = false;
    failRetry = false;
    slowStepMs = 0;
    holdS1 = false;
    s1Gate.acquire(s1Gate.available());
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    if (m_registry.all().isEmpty())
        registerTestWorkflows(m_registry);
}

void TestEngine::cleanup()
{
    store::Database(m_db->url()).closeThreadConnection();
    m_db.reset();
}

std::unique_ptr<Engine> TestEngine::makeEngine(int threads)
{
    EngineOptions options;
    options.url = m_db->url();
    options.threads = threads;
    options.pollIntervalMs = 100;
    options.heartbeatMs = 200;
    auto engine = std::make_unique<Engine>(&m_registry, options);
    engine->addExtension(std::make_shared<EffectExtension>());
    QString error;
    if (!testsupport::openEngine(*engine, &error))
        qWarning() << "engine did not open:" << error;
    return engine;
}

static store::ProcessRecord load(const TestDatabase &db, const QString &id)
{
    return store::ProcessRepository(store::Database(db.url()))
        .find(id)
        .value_or(store::ProcessRecord());
}

static QList<store::StepRecord> stepsOf(const TestDatabase &db, const QString &id)
{
    return store::ProcessRepository(store::Database(db.url())).steps(id);
}

void TestEngine::threadsDefaultToTheDatabasesDefault()
{
    // Unset, an engine runs 16 threads on SQLite (more threads waiting on the shared flush make
    // larger groups) and 8 on PostgreSQL (each thread holds a server connection); set, it runs
    // what it was given.
    const int expected = m_db->url().isSqlite() ? 16 : 8;
    QCOMPARE(EngineOptions::defaultThreads(m_db->url()), expected);
    EngineOptions options;
    options.url = m_db->url();
    QCOMPARE(options.threads, 0);
    QCOMPARE(Engine(&m_registry, options).threads(), expected);
    options.threads = 3;
    QCOMPARE(Engine(&m_registry, options).threads(), 3);
}

void TestEngine::statusNames()
{
    const QStringList process {
        u"created"_s,           u"running"_s,   u"suspended"_s, u"waiting"_s,
        u"awaiting_callback"_s, u"aborted"_s,   u"failed"_s,    u"api_unavailable"_s,
        u"inconsistent_data"_s, u"completed"_s, u"resumed"_s};
    for (const QString &name : process) {
        const auto status = processStatusFromString(name);
        QVERIFY2(status.has_value(), qPrintable(name));
        QCOMPARE(toText(*status), name);
    }
    const QStringList step {u"success"_s,           u"skipped"_s, u"suspend"_s, u"waiting"_s,
                            u"awaiting_callback"_s, u"failed"_s,  u"abort"_s,   u"complete"_s};
    for (const QString &name : step)
        QCOMPARE(toText(stepStatusFromString(name).value()), name);
    const QStringList resumable {u"suspended"_s, u"waiting"_s,         u"awaiting_callback"_s,
                                 u"failed"_s,    u"api_unavailable"_s, u"inconsistent_data"_s,
                                 u"resumed"_s};
    for (const QString &name : process)
        QCOMPARE(isResumable(*processStatusFromString(name)), resumable.contains(name));
    QCOMPARE(toText(Target::Terminate), u"TERMINATE"_s);
    QCOMPARE(targetFromString(u"validate").value(), Target::Validate);
}

void TestEngine::mergeRules()
{
    QJsonObject state {{u"a"_s, 1}, {u"nested"_s, QJsonObject {{u"x"_s, 1}, {u"y"_s, 2}}}};
    mergeState(state, {{u"b"_s, 2}, {u"nested"_s, QJsonObject {{u"x"_s, 9}}}});
    // Shallow: the nested object is replaced, not merged.
    QCOMPARE(state.value(u"nested").toObject(), (QJsonObject {{u"x"_s, 9}}));
    QCOMPARE(state.value(u"a").toInt(), 1);
    QCOMPARE(state.value(u"b").toInt(), 2);
    mergeState(state, {{u"__remove_keys"_s, QJsonArray {u"a"_s, u"missing"_s}}, {u"c"_s, 3}});
    QVERIFY(!state.contains(u"a"));
    QVERIFY(!state.contains(u"__remove_keys"));
    QCOMPARE(state.value(u"c").toInt(), 3);
}

void TestEngine::combineDeltasKeepsRemovals()
{
    const QJsonObject first {{u"a"_s, 1}, {u"__remove_keys"_s, QJsonArray {u"x"_s}}};
    const QJsonObject second {{u"x"_s, 5}, {u"__remove_keys"_s, QJsonArray {u"a"_s}}};
    const QJsonObject combined = combineDeltas(first, second);
    QJsonObject viaCombined {{u"a"_s, 0}, {u"x"_s, 0}};
    mergeState(viaCombined, combined);
    QJsonObject viaSteps {{u"a"_s, 0}, {u"x"_s, 0}};
    mergeState(viaSteps, first);
    mergeState(viaSteps, second);
    QCOMPARE(viaCombined, viaSteps);
}

void TestEngine::linearWorkflowCompletes()
{
    auto engine = makeEngine();
    QSignalSpy committed(engine.get(), &Engine::stepCommitted);
    QSignalSpy started(engine.get(), &Engine::processStarted);
    StartRequest request;
    request.workflow = u"wf_linear"_s;
    request.actor = u"alice"_s;
    ProcessStatus status = ProcessStatus::Running;
    const QString id = runToRest(*engine, request, &status);
    QVERIFY(!id.isEmpty());
    QCOMPARE(status, ProcessStatus::Completed);
    const store::ProcessRecord process = load(*m_db, id);
    QCOMPARE(process.status, ProcessStatus::Completed);
    QCOMPARE(process.state.value(u"a").toInt(), 1);
    QCOMPARE(process.state.value(u"c").toInt(), 3);
    QCOMPARE(process.lastStep, u"Done"_s);
    QVERIFY(process.claimedBy.isEmpty());
    const auto steps = stepsOf(*m_db, id);
    QCOMPARE(steps.size(), 5);
    QCOMPARE(steps.at(0).name, u"Start"_s);
    QCOMPARE(steps.at(1).delta, (QJsonObject {{u"a"_s, 1}}));
    QCOMPARE(steps.at(4).status, StepStatus::Complete);
    for (const auto &s : steps)
        QCOMPARE(s.createdBy, u"alice"_s);
    QCOMPARE(committed.size(), 5);
    QCOMPARE(started.size(), 1);
    // Each committed step carries the id its log row got.
    for (qsizetype i = 0; i < committed.size(); ++i) {
        QCOMPARE(committed.at(i).at(1).value<store::StepRecord>().name, steps.at(i).name);
        QCOMPARE(committed.at(i).at(1).value<store::StepRecord>().id, steps.at(i).id);
    }
}

void TestEngine::runningStepsLeaveStatusAndClaimUnwritten()
{
    // Each column an UPDATE sets rewrites its entries in every index over it; a step that
    // leaves its process running and claimed sets neither the status nor the claim. Counted
    // with a trigger on those columns (SQLite's syntax).
    if (!m_db->url().isSqlite())
        QSKIP("The trigger that counts the writes is written for SQLite.");
    auto engine = makeEngine(); // the tables are made first
    {
        const store::Database db(m_db->url());
        db.exec(u"CREATE TABLE status_writes (process_id TEXT, status TEXT)"_s);
        db.exec(u"CREATE TRIGGER count_status_writes AFTER UPDATE OF status, claimed_by ON "
                "processes BEGIN INSERT INTO status_writes VALUES (NEW.process_id, "
                "NEW.status); END"_s);
        db.closeThreadConnection();
    }
    StartRequest request;
    request.workflow = u"wf_linear"_s; // Start, One, Two, Three, Done
    request.actor = u"alice"_s;
    ProcessStatus status = ProcessStatus::Running;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Completed);
    QCOMPARE(stepsOf(*m_db, id).size(), 5);
    const store::Database db(m_db->url());
    QSqlQuery q = db.exec(u"SELECT status FROM status_writes WHERE process_id = :id ORDER BY "
                          "rowid"_s,
                          {{u"id"_s, id}});
    QStringList writes;
    while (q.next())
        writes.append(q.value(0).toString());
    // The claim, and the last step's completion; none of the four steps in between.
    QCOMPARE(writes, (QStringList {u"running"_s, u"completed"_s}));
    db.closeThreadConnection();
}

void TestEngine::failedStepIsRetriedFromWhereItFailed()
{
    auto engine = makeEngine();
    failStep3 = true;
    StartRequest request;
    request.workflow = u"wf_fail"_s;
    ProcessStatus status;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Failed);
    store::ProcessRecord process = load(*m_db, id);
    QCOMPARE(process.failedReason, u"Simulated failure in step three"_s);
    QCOMPARE(process.lastStep, u"Three"_s);
    QVERIFY(process.traceback.contains(u"Simulated failure"_s));
    QCOMPARE(counter.value(u"One"_s), 1);
    QCOMPARE(counter.value(u"Three"_s), 1);

    // Fails again: a second failed row with retries = 1.
    ResumeRequest retry;
    retry.actor = u"bob"_s;
    {
        testsupport::StopRecorder stops(*engine);
        QVERIFY(await(engine->resume(id, retry)).ok());
        QCOMPARE(stops.wait(id), ProcessStatus::Failed);
    }

    failStep3 = false;
    {
        testsupport::StopRecorder stops(*engine);
        QVERIFY(await(engine->resume(id, retry)).ok());
        QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    }
    QCOMPARE(counter.value(u"One"_s), 1); // never re-run
    QCOMPARE(counter.value(u"Two"_s), 1);
    QCOMPARE(counter.value(u"Three"_s), 3);
    QCOMPARE(counter.value(u"Four"_s), 1);
    process = load(*m_db, id);
    QCOMPARE(process.state.value(u"sum"_s).toInt(), 3);
    QVERIFY(process.failedReason.isEmpty());

    const auto steps = stepsOf(*m_db, id);
    QStringList trail;
    for (const auto &s : steps)
        trail.append(s.name + u':' + toText(s.status) + u':' + QString::number(s.retries));
    QCOMPARE(trail,
             (QStringList {u"Start:success:0"_s, u"One:success:0"_s, u"Two:success:0"_s,
                           u"Three:failed:0"_s, u"Three:failed:1"_s, u"Three:success:2"_s,
                           u"Four:success:0"_s, u"Done:complete:0"_s}));
    QCOMPARE(steps.at(5).createdBy, u"bob"_s);
    QCOMPARE(steps.at(3).errorMessage, u"Simulated failure in step three"_s);
}

void TestEngine::retryOfCompletedIsRefused()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_linear"_s;
    const QString id = runToRest(*engine, request);
    const ActionResult result = await(engine->resume(id, {}));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotAllowed);
    QVERIFY(result.message.contains(u"completed"_s));
    QCOMPARE(load(*m_db, id).status, ProcessStatus::Completed);
}

void TestEngine::retrystepWaitsAndResumeTaskRetries()
{
    auto engine = makeEngine();
    failRetry = true;
    StartRequest request;
    request.workflow = u"wf_retry"_s;
    ProcessStatus status;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Waiting);
    QCOMPARE(stepsOf(*m_db, id).last().status, StepStatus::Waiting);

    failRetry = false;
    StartRequest task;
    task.workflow = u"task_resume_workflows"_s;
    ProcessStatus taskStatus;
    const QString taskId = runToRest(*engine, task, &taskStatus);
    QCOMPARE(taskStatus, ProcessStatus::Completed);
    QCOMPARE(load(*m_db, taskId).state.value(u"number_of_waiting_processes"_s).toInt(), 1);
    // The engine picks the resumed process from the queue.
    QTRY_COMPARE_WITH_TIMEOUT(load(*m_db, id).status, ProcessStatus::Completed, 15000);
    QCOMPARE(counter.value(u"Flaky"_s), 2);
    QCOMPARE(load(*m_db, id).state.value(u"flaky_done"_s).toBool(), true);
}

void TestEngine::conditionalSkips()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_conditional"_s;
    const QString id = runToRest(*engine, request);
    const auto steps = stepsOf(*m_db, id);
    QCOMPARE(steps.at(2).name, u"Maybe"_s);
    QCOMPARE(steps.at(2).status, StepStatus::Skipped);
    QCOMPARE(counter.value(u"Maybe"_s), 0);
    const auto process = load(*m_db, id);
    QVERIFY(!process.state.contains(u"go")); // removed by __remove_keys
    QVERIFY(!process.state.contains(u"maybe"));
}

void TestEngine::groupIsOneRowAndRetriesInside()
{
    auto engine = makeEngine();
    failStep3 = true;
    StartRequest request;
    request.workflow = u"wf_group"_s;
    ProcessStatus status;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Failed);
    auto steps = stepsOf(*m_db, id);
    QCOMPARE(steps.last().name, u"Group"_s);
    QCOMPARE(steps.last().delta, (QJsonObject {{u"g1"_s, 1}})); // G1's work is kept
    failStep3 = false;
    {
        testsupport::StopRecorder stops(*engine);
        QVERIFY(await(engine->resume(id, {})).ok());
        QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    }
    QCOMPARE(counter.value(u"G1"_s), 1); // not redone
    QCOMPARE(counter.value(u"G2"_s), 2);
    steps = stepsOf(*m_db, id);
    QCOMPARE(steps.size(), 4); // Start, Group failed, Group success, Done
    QCOMPARE(steps.at(2).delta, (QJsonObject {{u"g2"_s, 2}, {u"g3"_s, 3}}));
    const auto process = load(*m_db, id);
    QCOMPARE(process.state.value(u"g1"_s).toInt(), 1);
    QCOMPARE(process.state.value(u"g3"_s).toInt(), 3);
}

void TestEngine::inputStepSuspendsAndResumes()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_input"_s;
    ProcessStatus status;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Suspended);
    QCOMPARE(stepsOf(*m_db, id).last().status, StepStatus::Suspend);

    const forms::FormResult form = await(engine->resumeForm(id, {}));
    QCOMPARE(form.kind, forms::FormResult::Kind::NeedsInput);
    QCOMPARE(form.page.title(), u"Who"_s);

    ResumeRequest bad;
    bad.inputObject = QJsonObject {{u"name"_s, u"Ada"_s}, {u"age"_s, u"old"_s}};
    ActionResult result = await(engine->resume(id, bad));
    QCOMPARE(result.outcome, ActionResult::Outcome::InvalidInput);
    QCOMPARE(result.form.errors.size(), 1);
    QCOMPARE(result.form.errors.first().loc, QJsonArray {u"age"_s});
    QCOMPARE(load(*m_db, id).status, ProcessStatus::Suspended);

    ResumeRequest good;
    good.userInputs = QJsonArray {QJsonObject {{u"name"_s, u"Ada"_s}, {u"age"_s, 36}}};
    good.actor = u"carol"_s;
    testsupport::StopRecorder stops(*engine);
    result = await(engine->resume(id, good));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    const auto process = load(*m_db, id);
    QCOMPARE(process.state.value(u"greeting"_s).toString(), u"Hello Ada"_s);
    QCOMPARE(process.state.value(u"age"_s).toInt(), 36);
    QVERIFY(!process.pendingInput.has_value());
    const auto steps = stepsOf(*m_db, id);
    QCOMPARE(steps.at(3).name, u"Ask"_s);
    QCOMPARE(steps.at(3).status, StepStatus::Success);
    QCOMPARE(steps.at(3).createdBy, u"carol"_s);
    const QJsonArray inputs =
        store::ProcessRepository(store::Database(m_db->url())).inputStates(id);
    QCOMPARE(inputs.size(), 2);
    QCOMPARE(inputs.at(1).toObject().value(u"input_type").toString(), u"user_input"_s);
}

void TestEngine::abortAtRest()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_input"_s;
    const QString id = runToRest(*engine, request);
    QSignalSpy stopped(engine.get(), &Engine::processStopped);
    QVERIFY(await(engine->abort(id, u"dave"_s)).ok());
    QTRY_COMPARE(stopped.size(), 1);
    const auto process = load(*m_db, id);
    QCOMPARE(process.status, ProcessStatus::Aborted);
    const auto last = stepsOf(*m_db, id).last();
    QCOMPARE(last.name, u"User Aborted"_s);
    QCOMPARE(last.status, StepStatus::Abort);
    QCOMPARE(last.createdBy, u"dave"_s);
    QCOMPARE(await(engine->abort(id, u"dave"_s)).outcome, ActionResult::Outcome::NotAllowed);
    QCOMPARE(await(engine->resume(id, {})).outcome, ActionResult::Outcome::NotAllowed);
}

void TestEngine::abortWhileRunning()
{
    auto engine = makeEngine();
    slowStepMs = 600;
    QSignalSpy started(engine.get(), &Engine::processStarted);
    StartRequest request;
    request.workflow = u"wf_slow"_s;
    const ActionResult result = await(engine->start(request));
    QVERIFY(!started.isEmpty() || started.wait(5000)); // it may have started already
    // Recording from before the abort: a loaded machine may answer the abort only after the
    // step ended and the process stopped.
    testsupport::StopRecorder stops(*engine);
    QVERIFY(await(engine->abort(result.processId, u"erin"_s)).ok());
    QCOMPARE(stops.wait(result.processId), ProcessStatus::Aborted);
    QCOMPARE(counter.value(u"S3"_s), 0);
    const auto steps = stepsOf(*m_db, result.processId);
    QCOMPARE(steps.last().name, u"User Aborted"_s);
    QCOMPARE(load(*m_db, result.processId).status, ProcessStatus::Aborted);
}

void TestEngine::builtinAbortStep()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_abort_builtin"_s;
    ProcessStatus status;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Aborted);
    QCOMPARE(stepsOf(*m_db, id).last().status, StepStatus::Abort);
    QCOMPARE(counter.value(u"Never"_s), 0);
}

void TestEngine::pauseStopsBeforeNextStepAndUnpauseContinues()
{
    auto engine = makeEngine();
    // S1 holds until released, so the process is surely running when the pause comes, however
    // slowly a loaded machine answers the start.
    holdS1 = true;
    const auto neverHeld = qScopeGuard([] { // a failed check must not leave S1 waiting
        holdS1 = false;
        s1Gate.release();
    });
    QSignalSpy states(engine.get(), &Engine::stateChanged);
    QSignalSpy started(engine.get(), &Engine::processStarted);
    StartRequest request;
    request.workflow = u"wf_slow"_s;
    const ActionResult result = await(engine->start(request));
    QVERIFY(!started.isEmpty() || started.wait(5000)); // it may have started already
    engine->pause();
    QCOMPARE(engine->state(), EngineState::Pausing);
    s1Gate.release();
    QCOMPARE(testsupport::waitStopped(*engine, result.processId), ProcessStatus::Resumed);
    QCOMPARE(engine->state(), EngineState::Paused);
    QCOMPARE(counter.value(u"S2"_s), 0); // stopped before the next step
    QCOMPARE(load(*m_db, result.processId).status, ProcessStatus::Resumed);

    // New processes wait while paused.
    StartRequest second;
    second.workflow = u"wf_linear"_s;
    const ActionResult queued = await(engine->start(second));
    QTest::qWait(500);
    QCOMPARE(load(*m_db, queued.processId).status, ProcessStatus::Created);
    QVERIFY(store::EngineRepository(store::Database(m_db->url())).globalLock());

    engine->unpause();
    QTRY_COMPARE_WITH_TIMEOUT(load(*m_db, result.processId).status, ProcessStatus::Completed,
                              15000);
    QTRY_COMPARE_WITH_TIMEOUT(load(*m_db, queued.processId).status, ProcessStatus::Completed,
                              15000);
    QCOMPARE(counter.value(u"S1"_s), 1);
    QCOMPARE(engine->state(), EngineState::Running);
    bool sawPausing = false;
    for (const auto &args : states)
        sawPausing |= args.at(0).value<EngineState>() == EngineState::Pausing;
    QVERIFY(sawPausing);
}

void TestEngine::manyProcessesOnSeveralThreads()
{
    auto engine = makeEngine(4);
    QSet<QString> done;
    connect(engine.get(), &Engine::processStopped, this,
            [&done](const QString &id, ProcessStatus status) {
                if (status == ProcessStatus::Completed)
                    done.insert(id);
            });
    QSet<QThread *> threads;
    QMutex mutex;
    QStringList ids;
    const int count = m_db->isPostgres() ? 40 : 60;
    for (int i = 0; i < count; ++i) {
        StartRequest request;
        request.workflow = u"wf_linear"_s;
        ids.append(await(engine->start(request)).processId);
    }
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), count, 60000);
    for (const QString &id : std::as_const(ids)) {
        QCOMPARE(counter.value(id + u"/One"_s), 1);
        QCOMPARE(counter.value(id + u"/Three"_s), 1);
    }
}

void TestEngine::effectsAndLogCommitTogether()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_linear"_s;
    const QString id = runToRest(*engine, request);
    store::Database db(m_db->url());
    QSqlQuery q = db.exec(u"SELECT step FROM test_effects WHERE process_id = :p"_s, {{u"p"_s, id}});
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), u"Two"_s);
    QVERIFY(!q.next());
}

void TestEngine::failingEffectsRollBackTheStep()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"wf_explode"_s;
    ProcessStatus status;
    const QString id = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Failed);
    const auto process = load(*m_db, id);
    QVERIFY(process.failedReason.contains(u"could not be stored"_s));
    // The step's state was not kept: nothing added, changed or removed.
    QVERIFY(!process.state.contains(u"explode"));
    QCOMPARE(process.state.value(u"kept"), QJsonValue(1));
    QCOMPARE(process.state.value(u"gone"), QJsonValue(u"x"_s));
    const auto last = stepsOf(*m_db, id).last();
    QCOMPARE(last.name, u"Boom"_s);
    QCOMPARE(last.status, StepStatus::Failed);
    QVERIFY(last.delta.isEmpty());
}

void TestEngine::interruptedProcessIsRecoveredAndRetryable()
{
    QString id;
    QString queuedId;
    {
        // A process that a dead engine left running at step "Two".
        store::Database db(m_db->url());
        db.ensureSchema(true);
        store::ProcessRepository repo(db);
        repo.registerWorkflow(u"wf_linear"_s, u"SYSTEM"_s, u"Linear"_s, true);
        store::ProcessRecord p;
        p.id = u"11111111-2222-3333-4444-555555555555"_s;
        p.workflowName = u"wf_linear"_s;
        p.isTask = true;
        p.status = ProcessStatus::Running;
        p.nextStep = 2;
        p.nextStepName = u"Two"_s;
        p.state = QJsonObject {{u"a"_s, 1}};
        p.createdBy = u"SYSTEM"_s;
        p.startedAt = p.lastModifiedAt = store::Timestamps::now();
        p.claimedBy = u"worker-dead"_s;
        repo.insertProcess(p);
        // And one it had claimed from the queue but not begun: it goes back to the queue.
        store::ProcessRecord queued = p;
        queued.id = u"11111111-2222-3333-4444-666666666666"_s;
        queued.status = ProcessStatus::Created;
        queued.nextStep = 0;
        queued.nextStepName = u"One"_s;
        repo.insertProcess(queued);
        queuedId = queued.id;
        db.closeThreadConnection();
        id = p.id;
    }
    auto engine = makeEngine();
    QTRY_COMPARE_WITH_TIMEOUT(load(*m_db, queuedId).status, ProcessStatus::Completed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(load(*m_db, id).status, ProcessStatus::Failed, 10000);
    const auto process = load(*m_db, id);
    QCOMPARE(process.failedReason, u"Interrupted while running step 'Two'"_s);
    {
        testsupport::StopRecorder stops(*engine);
        QVERIFY(await(engine->resume(id, {})).ok());
        QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    }
    QCOMPARE(counter.value(id + u"/One"_s), 0);
    QCOMPARE(counter.value(id + u"/Two"_s), 1);
    QCOMPARE(load(*m_db, id).state.value(u"c"_s).toInt(), 3);
}

void TestEngine::unknownWorkflowAndProcess()
{
    auto engine = makeEngine();
    StartRequest request;
    request.workflow = u"no_such_workflow"_s;
    QCOMPARE(await(engine->start(request)).outcome, ActionResult::Outcome::UnknownWorkflow);
    QCOMPARE(await(engine->resume(u"nope"_s, {})).outcome, ActionResult::Outcome::UnknownProcess);
    QCOMPARE(await(engine->abort(u"nope"_s, u"x"_s)).outcome,
             ActionResult::Outcome::UnknownProcess);
}

void TestEngine::anotherEngineSeesChangesWithinASecond()
{
    auto runner = makeEngine();
    EngineOptions options;
    options.url = m_db->url();
    options.threads = 1;
    options.claimQueued = false; // only watches
    options.kind = u"console"_s;
    Engine watcher(&m_registry, options);
    QVERIFY(testsupport::openEngine(watcher));
    QTest::qWait(300); // let its feed take its first look
    QSignalSpy changes(&watcher, &Engine::changed);
    QElapsedTimer timer;
    timer.start();
    StartRequest request;
    request.workflow = u"wf_linear"_s;
    const QString id = runToRest(*runner, request);
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty(), 1000);
    qInfo() << "first change seen by the other engine after" << timer.elapsed() << "ms";
    if (m_db->isPostgres()) {
        // PostgreSQL names what changed.
        bool sawProcess = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &args : changes)
                    sawProcess |=
                        args.at(0).toString() == "process"_L1 && args.at(1).toString() == id;
                return sawProcess;
            }(),
            1000);
    }
}

void TestEngine::refusedPauseLeavesTheEngineRunning()
{
    auto engine = makeEngine();
    {
        const store::Database db(m_db->url());
        store::OperatorRepository(db).save({u"vic"_s, QString(), u"viewer"_s, true, {}, {}});
        db.closeThreadConnection();
    }
    Actor viewer(u"vic"_s);
    const ActionResult refused = await(engine->pause(viewer));
    QCOMPARE(refused.outcome, ActionResult::Outcome::NotPermitted);
    QCOMPARE(refused.refusal.details.value(u"required_role").toString(), u"admin"_s);
    // At once, not only when the next heartbeat reads the lock again.
    QCoreApplication::processEvents();
    QCOMPARE(engine->state(), EngineState::Running);
    const store::Database db(m_db->url());
    QVERIFY(!store::EngineRepository(db).globalLock());
    // The refusal is in the audit trail.
    const QList<store::AuditRecord> trail = store::OperatorRepository(db).auditTrail({});
    QCOMPARE(trail.size(), 1);
    QCOMPARE(trail.first().actor, u"vic"_s);
    QCOMPARE(trail.first().action, u"pause_engine"_s);
    QVERIFY(!trail.first().allowed);
    db.closeThreadConnection();
}

void TestEngine::staleGlobalLockReadingNeverUndoesAPause()
{
    // The housekeeper reads the global lock while an operator pauses this engine: the reading,
    // taken before the pause committed, must not unpause it (nor one taken during it).
    RunFlags flags;
    const quint64 before = flags.lockGeneration();
    flags.beginLockChange(true);
    QVERIFY(flags.isPaused());
    QVERIFY(!flags.followGlobalLock(false, before));
    QVERIFY(!flags.followGlobalLock(false, flags.lockGeneration())); // still under way
    QVERIFY(flags.isPaused());
    flags.endLockChange();
    QVERIFY(!flags.followGlobalLock(false, before));
    QVERIFY(flags.isPaused());
    // A reading taken after the change committed is followed (another engine unpaused).
    QVERIFY(flags.followGlobalLock(false, flags.lockGeneration()));
    QVERIFY(!flags.isPaused());
    QVERIFY(!flags.followGlobalLock(false, flags.lockGeneration())); // no change
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
