// The operator actions of the action side: reset to an earlier step (the state rebuilt exactly
// from the step log, the rewound rows kept), skip a failed step, and every action by every role,
// allowed or refused, each with its audit row.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "testdatabase.h"

#include "core/engine.h"
#include "services/builtinworkflows.h"
#include "store/enginerepository.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"

#include <QMutex>
#include <QSqlQuery>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace wfo;
using testsupport::await;
using testsupport::runToRest;

namespace {

std::atomic<bool> groupFails = false;
QMutex runsMutex;
QHash<QString, int> runs; // step name -> how often its body ran

Step counted(const QString &name, const QJsonObject &delta)
{
    return step(name, [name, delta](const StepContext &) {
        QMutexLocker locker(&runsMutex);
        ++runs[name];
        return delta;
    });
}

int runsOf(const QString &name)
{
    QMutexLocker locker(&runsMutex);
    return runs.value(name);
}

void registerWorkflows(WorkflowRegistry &registry)
{
    registerBuiltinWorkflows(registry);
    // Start, A, B, C, G (a group that fails in G2 while groupFails), E.
    registry.add(Workflow::task(
        u"wf_rewind"_s, "Rewind",
        begin >> counted(u"A"_s, {{u"a"_s, 1}, {u"shared"_s, u"from A"_s}})
            >> counted(u"B"_s, {{u"b"_s, 2}, {u"tmp"_s, u"x"_s}, {u"shared"_s, u"from B"_s}})
            >> counted(u"C"_s, {{u"c"_s, 3}, {u"__remove_keys"_s, QJsonArray {u"tmp"_s}}})
            >> stepGroup(u"G"_s,
                         begin >> counted(u"G1"_s, {{u"g1"_s, 1}})
                             >> step(u"G2"_s,
                                     [](const StepContext &) {
                                         {
                                             QMutexLocker locker(&runsMutex);
                                             ++runs[u"G2"_s];
                                         }
                                         if (groupFails)
                                             throw StepError(u"G2 failed"_s);
                                         return QJsonObject {{u"g2"_s, 2}};
                                     }))
            >> counted(u"E"_s, {{u"e"_s, 5}})));
    Workflow adminOnly =
        Workflow::task(u"wf_admin_only"_s, "Admins only", begin >> counted(u"X"_s, {{u"x"_s, 1}}));
    adminOnly.startRole(Role::Admin).retryRole(Role::Admin);
    registry.add(adminOnly);
    // An operator may run it, but only an admin approves at its input step.
    const forms::FormGenerator approval = [](forms::FormSession &session) {
        session.page(forms::FormPage(u"Approve"_s, {forms::Field::text(u"why"_s)}));
        return QJsonObject();
    };
    registry.add(Workflow::task(u"wf_admin_approves"_s, "An admin approves",
                                begin >> counted(u"Before"_s, {{u"b"_s, 1}})
                                    >> inputstep(u"Approve"_s, approval).resumeRole(Role::Admin)
                                    >> counted(u"After"_s, {{u"a"_s, 2}})));
}

} // namespace

class TestOperatorActions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void resetRebuildsTheExactStateAndRunsAgain();
    void resetIsRefusedWhereItMustBe();
    void skipContinuesWithTheNextStep();
    void everyActionByEveryRole_data();
    void everyActionByEveryRole();
    void workflowsMayAskForMoreThanTheirPermission();
    void anInputStepMayAskForMoreThanItsWorkflow();

private:
    std::unique_ptr<Engine> makeEngine();
    QString failedProcess(Engine &engine); // wf_rewind failed in G, started by "seed"
    QList<store::StepRecord> stepsOf(const QString &processId);
    store::ProcessRecord load(const QString &processId);
    QList<store::AuditRecord> auditOf(const QString &targetId);
    void addOperators();

    std::unique_ptr<TestDatabase> m_db;
    WorkflowRegistry m_registry;
    // The state after each committed step, per process, in commit order.
    QHash<QString, QList<QJsonObject>> m_statesAfter;
};

void TestOperatorActions::init()
{
    groupFails = true;
    {
        QMutexLocker locker(&runsMutex);
        runs.clear();
    }
    m_statesAfter.clear();
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    if (m_registry.all().isEmpty())
        registerWorkflows(m_registry);
}

void TestOperatorActions::cleanup()
{
    store::Database(m_db->url()).closeThreadConnection();
    m_db.reset();
}

std::unique_ptr<Engine> TestOperatorActions::makeEngine()
{
    EngineOptions options;
    options.url = m_db->url();
    options.threads = 2;
    options.pollIntervalMs = 100;
    options.heartbeatMs = 200;
    auto engine = std::make_unique<Engine>(&m_registry, options);
    connect(engine.get(), &Engine::stepCommitted, this,
            [this](const store::ProcessRecord &process, const store::StepRecord &) {
                m_statesAfter[process.id].append(process.state);
            });
    QString error;
    if (!testsupport::openEngine(*engine, &error))
        qWarning() << "engine did not open:" << error;
    return engine;
}

QString TestOperatorActions::failedProcess(Engine &engine)
{
    StartRequest request;
    request.workflow = u"wf_rewind"_s;
    request.actor = u"seed"_s; // before any operator is defined: admin
    ProcessStatus status = ProcessStatus::Running;
    const QString id = runToRest(engine, request, &status);
    if (status != ProcessStatus::Failed)
        qWarning() << "wf_rewind came to rest" << toText(status);
    return id;
}

QList<store::StepRecord> TestOperatorActions::stepsOf(const QString &processId)
{
    return store::ProcessRepository(store::Database(m_db->url())).steps(processId);
}

store::ProcessRecord TestOperatorActions::load(const QString &processId)
{
    return store::ProcessRepository(store::Database(m_db->url())).find(processId).value();
}

QList<store::AuditRecord> TestOperatorActions::auditOf(const QString &targetId)
{
    store::AuditFilter filter;
    filter.targetId = targetId;
    return store::OperatorRepository(store::Database(m_db->url())).auditTrail(filter);
}

void TestOperatorActions::addOperators()
{
    const store::Database db(m_db->url());
    store::OperatorRepository operators(db);
    operators.save({u"vic"_s, u"Vic Viewer"_s, u"viewer"_s, true, {}, {}});
    operators.save({u"olga"_s, u"Olga Operator"_s, u"operator"_s, true, {}, {}});
    operators.save({u"ada"_s, u"Ada Admin"_s, u"admin"_s, true, {}, {}});
    operators.save({u"gone"_s, u"Disabled admin"_s, u"admin"_s, false, {}, {}});
}

void TestOperatorActions::resetRebuildsTheExactStateAndRunsAgain()
{
    auto engine = makeEngine();
    const QString id = failedProcess(*engine);
    QVERIFY(!id.isEmpty());
    // Start, A, B, C, G(failed): the state recorded after A is the state before B.
    const QList<QJsonObject> firstRun = m_statesAfter.value(id);
    QCOMPARE(firstRun.size(), 5);
    const QJsonObject beforeB = firstRun.at(1);
    QCOMPARE(beforeB.value(u"shared"_s).toString(), u"from A"_s);
    QVERIFY(load(id).state.contains(u"g1"_s)); // the failed group's partial work

    ResetRequest reset;
    reset.toStepName = u"B"_s;
    reset.actor = u"olga"_s;
    {
        testsupport::StopRecorder stops(*engine);
        const ActionResult result = await(engine->reset(id, reset));
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(stops.wait(id), ProcessStatus::Failed); // G still fails
    }
    QCOMPARE(runsOf(u"A"_s), 1); // before the reset point: never again
    QCOMPARE(runsOf(u"B"_s), 2);
    QCOMPARE(runsOf(u"C"_s), 2);

    // The rows from B on are kept and marked rewound; the new ones count.
    QList<store::StepRecord> log = stepsOf(id);
    QStringList trail;
    for (const store::StepRecord &row : std::as_const(log))
        trail.append(row.name + u':' + toText(row.status)
                     + (row.rewoundAt.isEmpty() ? u""_s : u":rewound"_s) + u':'
                     + QString::number(row.retries));
    QCOMPARE(trail,
             (QStringList {u"Start:success:0"_s, u"A:success:0"_s, u"B:success:rewound:0"_s,
                           u"C:success:rewound:0"_s, u"G:failed:rewound:0"_s, u"B:success:0"_s,
                           u"C:success:0"_s, u"G:failed:0"_s}));
    // The second run of B started from exactly the state recorded before its first run.
    const QList<QJsonObject> afterReset = m_statesAfter.value(id).mid(5);
    QCOMPARE(afterReset.size(), 3);
    QJsonObject expectedAfterB = beforeB;
    expectedAfterB.insert(u"b"_s, 2);
    expectedAfterB.insert(u"tmp"_s, u"x"_s);
    expectedAfterB.insert(u"shared"_s, u"from B"_s);
    QCOMPARE(afterReset.at(0), expectedAfterB);
    QCOMPARE(afterReset.at(1), firstRun.at(3)); // after C: the same as the first time
    QCOMPARE(afterReset.at(2), firstRun.at(4)); // after the failed group: g1 again

    // A second reset, to the group: the state before it is the state after C.
    reset.toStepName.clear();
    reset.toStep = 4; // Start, A, B, C, G
    groupFails = false;
    {
        testsupport::StopRecorder stops(*engine);
        const ActionResult result = await(engine->reset(id, reset));
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    }
    QCOMPARE(runsOf(u"G1"_s), 3); // the rewound partial group work is redone
    QCOMPARE(runsOf(u"E"_s), 1);
    const store::ProcessRecord done = load(id);
    QJsonObject expectedFinal = firstRun.at(3);
    expectedFinal.insert(u"g1"_s, 1);
    expectedFinal.insert(u"g2"_s, 2);
    expectedFinal.insert(u"e"_s, 5);
    QCOMPARE(done.state, expectedFinal);
    QVERIFY(!done.state.contains(u"tmp"_s));

    log = stepsOf(id);
    QCOMPARE(log.size(), 11); // 8 + G, E, Done; nothing deleted
    QVERIFY(!log.at(7).rewoundAt.isEmpty()); // the second failed G
    QVERIFY(log.at(6).rewoundAt.isEmpty()); // C of the second run counts
    QCOMPARE(log.at(8).name, u"G"_s);
    QCOMPARE(log.at(8).retries, 0); // rewound failures are not counted as attempts

    // Both resets are audited with what they rewound.
    QList<store::AuditRecord> resets;
    for (const store::AuditRecord &row : auditOf(id)) {
        if (row.action == "reset"_L1)
            resets.append(row);
    }
    QCOMPARE(resets.size(), 2);
    QVERIFY(resets.at(0).allowed);
    QCOMPARE(resets.at(0).actor, u"olga"_s);
    QCOMPARE(resets.at(0).detail.value(u"to_step"_s).toInt(), 5); // newest first
    QCOMPARE(resets.at(1).detail.value(u"to_step_name"_s).toString(), u"B"_s);
    QCOMPARE(resets.at(1).detail.value(u"rewound_rows"_s).toInt(), 3);
}

void TestOperatorActions::resetIsRefusedWhereItMustBe()
{
    auto engine = makeEngine();
    const QString id = failedProcess(*engine);
    ResetRequest reset;
    reset.actor = u"olga"_s;

    reset.toStepName = u"No such step"_s;
    ActionResult result = await(engine->reset(id, reset));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotAllowed);
    QVERIFY(result.message.contains(u"No such step"_s));

    reset.toStepName.clear();
    reset.toStep = 5; // E has not run yet
    result = await(engine->reset(id, reset));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotAllowed);
    QVERIFY2(result.message.contains(u"has not run yet"_s), qPrintable(result.message));

    reset.toStep = 42;
    QCOMPARE(await(engine->reset(id, reset)).outcome, ActionResult::Outcome::NotAllowed);
    QCOMPARE(await(engine->reset(u"no-such-process"_s, reset)).outcome,
             ActionResult::Outcome::UnknownProcess);

    // A process started before initial states were kept cannot be rebuilt.
    {
        const store::Database db(m_db->url());
        db.exec(u"UPDATE processes SET initial_state = NULL WHERE process_id = :id"_s,
                {{u"id"_s, id}});
    }
    reset.toStep = 1;
    result = await(engine->reset(id, reset));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotAllowed);
    QVERIFY2(result.message.contains(u"cannot be rebuilt"_s), qPrintable(result.message));
    QVERIFY(stepsOf(id).constLast().rewoundAt.isEmpty()); // nothing was marked

    // A completed process is not reset.
    groupFails = false;
    StartRequest request;
    request.workflow = u"wf_rewind"_s;
    ProcessStatus status = ProcessStatus::Running;
    const QString completed = runToRest(*engine, request, &status);
    QCOMPARE(status, ProcessStatus::Completed);
    result = await(engine->reset(completed, reset));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotAllowed);
    QVERIFY(result.message.contains(u"completed"_s));
    for (const store::StepRecord &row : stepsOf(completed))
        QVERIFY(row.rewoundAt.isEmpty());
}

void TestOperatorActions::skipContinuesWithTheNextStep()
{
    auto engine = makeEngine();
    const QString id = failedProcess(*engine);

    SkipRequest skip;
    skip.actor = u"ada"_s;
    skip.reason = u"  "_s;
    QCOMPARE(await(engine->skip(id, skip)).outcome, ActionResult::Outcome::InvalidInput);

    skip.reason = u"Provisioned by hand in the NOC"_s;
    {
        testsupport::StopRecorder stops(*engine);
        const ActionResult result = await(engine->skip(id, skip));
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    }
    QCOMPARE(runsOf(u"E"_s), 1);
    QCOMPARE(runsOf(u"G2"_s), 1); // the skipped step did not run again
    const QList<store::StepRecord> log = stepsOf(id);
    QCOMPARE(log.size(), 8); // Start, A, B, C, G failed, G skipped, E, Done
    QCOMPARE(log.at(5).name, u"G"_s);
    QCOMPARE(log.at(5).status, StepStatus::Skipped);
    QCOMPARE(log.at(5).createdBy, u"ada"_s);
    QCOMPARE(log.at(5).reason, u"Provisioned by hand in the NOC"_s);
    const store::ProcessRecord done = load(id);
    QVERIFY(done.state.contains(u"g1"_s)); // the group's partial work stays
    QVERIFY(!done.state.contains(u"g2"_s));
    QCOMPARE(done.state.value(u"e"_s).toInt(), 5);

    const QList<store::AuditRecord> trail = auditOf(id);
    QVERIFY(!trail.isEmpty());
    QCOMPARE(trail.constFirst().action, u"skip"_s);
    QCOMPARE(trail.constFirst().detail.value(u"reason"_s).toString(),
             u"Provisioned by hand in the NOC"_s);
    QCOMPARE(trail.constFirst().detail.value(u"step"_s).toString(), u"G"_s);

    // Nothing is left to skip on a completed process.
    QCOMPARE(await(engine->skip(id, skip)).outcome, ActionResult::Outcome::NotAllowed);
}

void TestOperatorActions::everyActionByEveryRole_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<bool>("allowed");
    const QStringList actions {
        u"start"_s, u"resume"_s,      u"abort"_s,        u"reset"_s,
        u"skip"_s,  u"delete_task"_s, u"pause_engine"_s, u"manage_operators"_s};
    const QSet<QString> adminOnly {u"skip"_s, u"delete_task"_s, u"pause_engine"_s,
                                   u"manage_operators"_s};
    for (const QString &action : actions) {
        for (const QString &actor : {u"vic"_s, u"olga"_s, u"ada"_s, u"gone"_s, u"mallory"_s}) {
            const bool allowed =
                actor == "ada"_L1 || (actor == "olga"_L1 && !adminOnly.contains(action));
            QTest::addRow("%s by %s", qPrintable(action), qPrintable(actor))
                << action << actor << allowed;
        }
    }
}

void TestOperatorActions::everyActionByEveryRole()
{
    QFETCH(QString, action);
    QFETCH(QString, actor);
    QFETCH(bool, allowed);
    auto engine = makeEngine();
    const QString id = failedProcess(*engine);
    addOperators();

    ActionResult result;
    QString target = id;
    bool effect = false;
    const Actor who(actor);
    testsupport::StopRecorder stops(*engine);
    if (action == "start"_L1) {
        StartRequest request;
        request.workflow = u"wf_rewind"_s;
        request.actor = who;
        request.detach = true;
        result = await(engine->start(request));
        target = result.processId;
        effect = !target.isEmpty();
    } else if (action == "resume"_L1) {
        ResumeRequest request;
        request.actor = who;
        result = await(engine->resume(id, request));
        effect = result.ok() && stops.wait(id) == ProcessStatus::Failed && stepsOf(id).size() == 6;
    } else if (action == "abort"_L1) {
        result = await(engine->abort(id, who));
        effect = load(id).status == ProcessStatus::Aborted;
    } else if (action == "reset"_L1) {
        ResetRequest request;
        request.toStep = 1;
        request.actor = who;
        result = await(engine->reset(id, request));
        effect = result.ok() && stops.wait(id) == ProcessStatus::Failed
            && !stepsOf(id).at(1).rewoundAt.isEmpty();
    } else if (action == "skip"_L1) {
        SkipRequest request;
        request.reason = u"done by hand"_s;
        request.actor = who;
        result = await(engine->skip(id, request));
        effect = result.ok() && stops.wait(id) == ProcessStatus::Completed;
    } else if (action == "delete_task"_L1) {
        result = await(engine->remove(id, who));
        effect = !store::ProcessRepository(store::Database(m_db->url())).find(id).has_value();
    } else if (action == "pause_engine"_L1) {
        result = await(engine->pause(who));
        target.clear();
        // The effect is the lock every engine on the database obeys.
        effect = store::EngineRepository(store::Database(m_db->url())).globalLock();
        if (effect)
            await(engine->unpause(u"ada"_s));
        else
            QTRY_COMPARE(engine->state(), EngineState::Running);
    } else if (action == "manage_operators"_L1) {
        target = u"newbie"_s;
        result = await(engine->saveOperator({target, {}, Role::Viewer, true, u"add"_s, who}));
        effect = store::OperatorRepository(store::Database(m_db->url())).find(target).has_value();
    }

    if (allowed) {
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(effect);
    } else {
        QCOMPARE(result.outcome, ActionResult::Outcome::NotPermitted);
        QVERIFY(!effect);
        // The refusal names the permission and the role that has it.
        QVERIFY2(result.message.contains(displayName(requiredRole(
                     action == "delete_task"_L1            ? Permission::DeleteTask
                         : action == "skip"_L1             ? Permission::Skip
                         : action == "pause_engine"_L1     ? Permission::PauseEngine
                         : action == "manage_operators"_L1 ? Permission::ManageOperators
                                                           : Permission::Start))),
                 qPrintable(result.message));
    }
    // Exactly one audit row of this action by this actor, allowed or not.
    store::AuditFilter filter;
    filter.actor = actor;
    QList<store::AuditRecord> rows =
        store::OperatorRepository(store::Database(m_db->url())).auditTrail(filter);
    rows.removeIf([&](const store::AuditRecord &row) {
        return row.action == "pause_engine"_L1 && row.detail.value(u"global_lock"_s) == false;
    });
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst().action, action);
    QCOMPARE(rows.constFirst().allowed, allowed);
    if (!target.isEmpty() && allowed)
        QCOMPARE(rows.constFirst().targetId, target);
}

void TestOperatorActions::workflowsMayAskForMoreThanTheirPermission()
{
    auto engine = makeEngine();
    addOperators();
    StartRequest request;
    request.workflow = u"wf_admin_only"_s;
    request.actor = u"olga"_s;
    request.detach = true;
    ActionResult result = await(engine->start(request));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotPermitted);
    QVERIFY2(result.message.contains(displayName(Role::Admin)), qPrintable(result.message));
    QCOMPARE(result.refusal.details.value(u"required_role"_s).toString(), u"admin"_s);
    request.actor = u"ada"_s;
    result = await(engine->start(request));
    QVERIFY2(result.ok(), qPrintable(result.message));
}

void TestOperatorActions::anInputStepMayAskForMoreThanItsWorkflow()
{
    auto engine = makeEngine();
    addOperators();
    StartRequest start;
    start.workflow = u"wf_admin_approves"_s;
    start.actor = u"olga"_s;
    ProcessStatus status = ProcessStatus::Created;
    const QString id = runToRest(*engine, start, &status);
    QCOMPARE(status, ProcessStatus::Suspended);
    QCOMPARE(load(id).nextStepName, u"Approve"_s);
    QCOMPARE(engine->registry()->find(u"wf_admin_approves"_s)->resumeRoleAt(load(id).nextStep),
             Role::Admin);

    // The operator who started it may not submit the approval: the step asks for an admin.
    ResumeRequest request;
    request.actor = u"olga"_s;
    request.inputObject = QJsonObject {{u"why"_s, u"looks fine"_s}};
    ActionResult result = await(engine->resume(id, request));
    QCOMPARE(result.outcome, ActionResult::Outcome::NotPermitted);
    QVERIFY2(result.message.contains(displayName(Role::Admin)), qPrintable(result.message));
    QCOMPARE(result.refusal.details.value(u"required_role"_s).toString(), u"admin"_s);
    QCOMPARE(load(id).status, ProcessStatus::Suspended);
    QCOMPARE(runsOf(u"After"_s), 0);

    // An admin may.
    request.actor = u"ada"_s;
    testsupport::StopRecorder stops(*engine);
    result = await(engine->resume(id, request));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(stops.wait(id), ProcessStatus::Completed);
    QCOMPARE(runsOf(u"After"_s), 1);
}

QTEST_MAIN(TestOperatorActions)
#include "tst_operatoractions.moc"
