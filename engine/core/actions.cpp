#include "actions.h"

#include "scheduler.h"

#include "store/enginerepository.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/schedulerepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo {

using store::ProcessRecord;
using store::ProcessRepository;
using store::StepRecord;
using store::StoreError;
using store::Timestamps;

Actions::Actions(const store::Database &database, const WorkflowRegistry *registry,
                 const QList<std::shared_ptr<EngineExtension>> &extensions, RunFlags *flags,
                 const QString &instanceId, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_registry(registry)
    , m_extensions(extensions)
    , m_flags(flags)
    , m_instanceId(instanceId)
{ }

std::optional<Role> Actions::roleOf(const Actor &actor)
{
    if (actor.origin == "system"_L1)
        return Role::Admin;
    return store::OperatorRepository(m_database).roleOf(actor.name);
}

std::optional<ActionResult> Actions::authorize(const Actor &actor, Permission permission,
                                               Role needed, const QString &targetKind,
                                               const QString &targetId)
{
    const std::optional<Role> role = roleOf(actor);
    const bool readOnly = m_flags->isReadOnly();
    if (isAllowed(role, permission, needed) && !readOnly)
        return std::nullopt;
    needed = std::max(needed, requiredRole(permission));
    ActionResult result;
    result.outcome = ActionResult::Outcome::NotPermitted;
    result.refusal.code = readOnly ? u"database.read_only"_s : u"permission.denied"_s;
    result.refusal.details = QJsonObject {{u"permission"_s, toText(permission)},
                                          {u"required_role"_s, toText(needed)},
                                          {u"role"_s, role ? toText(*role) : QString()}};
    result.message = readOnly && isAllowed(role, permission, needed)
        ? readOnlyRefusal(actor.name, permission)
        : refusalMessage(actor.name, role, permission, needed);
    result.refusal.message = result.message;
    store::AuditRecord record {
        0,          QString(), actor.name, actor.origin,          actor.host, toText(permission),
        targetKind, targetId,  false,      result.refusal.details};
    record.detail.insert(u"reason"_s, result.message);
    store::WriteTransaction transaction(m_database);
    store::OperatorRepository(m_database).audit(record);
    transaction.commit();
    return result;
}

void Actions::audit(const Actor &actor, Permission permission, const QString &targetKind,
                    const QString &targetId, const QJsonObject &detail)
{
    store::OperatorRepository(m_database)
        .audit({0, QString(), actor.name, actor.origin, actor.host, toText(permission), targetKind,
                targetId, true, detail});
}

forms::FormResult Actions::runForm(const forms::FormGenerator &form, const QJsonObject &state,
                                   const QJsonArray &userInputs,
                                   const std::optional<QJsonObject> &inputObject)
{
    if (!form) {
        forms::FormResult done;
        done.kind = forms::FormResult::Kind::Done;
        return done;
    }
    const store::CurrentDatabase current(&m_database);
    return inputObject ? forms::runFormWithObject(form, state, *inputObject)
                       : forms::runForm(form, state, userInputs);
}

ActionResult Actions::unknownProcess(const QString &processId)
{
    return ActionResult::failure(ActionResult::Outcome::UnknownProcess,
                                 tr("There is no process '%1'.").arg(processId));
}

ActionResult Actions::unknownWorkflow(const ProcessRecord &process)
{
    return ActionResult::failure(
        ActionResult::Outcome::UnknownWorkflow,
        tr("The workflow '%1' is not known to this engine.").arg(process.workflowName));
}

ActionResult Actions::fromForm(const forms::FormResult &form)
{
    ActionResult result;
    result.form = form;
    switch (form.kind) {
    case forms::FormResult::Kind::NeedsInput:
        result.outcome = ActionResult::Outcome::NeedsInput;
        result.message = tr("The form needs more input: page %1 (%2).")
                             .arg(form.pageIndex + 1)
                             .arg(form.page.title());
        break;
    case forms::FormResult::Kind::Invalid:
        result.outcome = ActionResult::Outcome::InvalidInput;
        result.message = tr("The input is not valid.");
        break;
    case forms::FormResult::Kind::Error:
        result.outcome = ActionResult::Outcome::Failed;
        result.message = tr("The form could not be built: %1").arg(form.message);
        break;
    case forms::FormResult::Kind::Done:
        break;
    }
    return result;
}

forms::FormResult Actions::startForm(const QString &workflowName, const QJsonObject &initialState,
                                     const QJsonArray &userInputs)
{
    const WorkflowPtr workflow = m_registry->find(workflowName);
    if (!workflow) {
        forms::FormResult result;
        result.kind = forms::FormResult::Kind::Error;
        result.message = tr("There is no workflow '%1'.").arg(workflowName);
        return result;
    }
    QJsonObject state = initialState;
    state.insert(u"workflow_name"_s, workflow->name());
    state.insert(u"workflow_target"_s, toText(workflow->target()));
    try {
        for (const auto &extension : std::as_const(m_extensions)) {
            if (const std::optional<Refusal> refusal =
                    extension->checkStart(m_database, *workflow, state)) {
                forms::FormResult result;
                result.kind = forms::FormResult::Kind::Error;
                result.message = refusal->message;
                return result;
            }
        }
    } catch (const StoreError &e) {
        forms::FormResult result;
        result.kind = forms::FormResult::Kind::Error;
        result.message = e.message();
        return result;
    }
    return runForm(workflow->initialForm(), state, userInputs, std::nullopt);
}

forms::FormResult Actions::resumeForm(const QString &processId, const QJsonArray &userInputs)
{
    forms::FormResult result;
    result.kind = forms::FormResult::Kind::Error;
    const std::optional<ProcessRecord> process = ProcessRepository(m_database).find(processId);
    if (!process) {
        result.message = tr("There is no process '%1'.").arg(processId);
        return result;
    }
    const WorkflowPtr workflow = m_registry->find(process->workflowName);
    if (!workflow || process->status != ProcessStatus::Suspended || process->nextStep < 0
        || process->nextStep >= workflow->steps().size()
        || workflow->steps().at(process->nextStep).kind() != Step::Kind::InputStep) {
        result.message = tr("The process does not wait for input.");
        return result;
    }
    return runForm(workflow->steps().at(process->nextStep).form(), process->state, userInputs,
                   std::nullopt);
}

ProcessRecord Actions::newProcess(const Workflow &workflow, const QJsonObject &state,
                                  const QString &actor, const QString &claimedBy)
{
    ProcessRecord process;
    process.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    process.state = state;
    process.state.insert(u"process_id"_s, process.id);
    process.state.insert(u"workflow_name"_s, workflow.name());
    process.state.insert(u"workflow_target"_s, toText(workflow.target()));
    process.workflowName = workflow.name();
    process.isTask = workflow.isTask();
    process.status = ProcessStatus::Created;
    process.nextStep = 0;
    process.nextStepName = workflow.steps().size() ? workflow.steps().at(0).name() : QString();
    process.createdBy = actor;
    process.runBy = actor;
    process.startedAt = process.lastModifiedAt = Timestamps::now();
    process.claimedBy = claimedBy;
    return process;
}

ActionResult Actions::start(const StartRequest &request)
{
    const WorkflowPtr workflow = m_registry->find(request.workflow);
    if (!workflow)
        return ActionResult::failure(ActionResult::Outcome::UnknownWorkflow,
                                     tr("There is no workflow '%1'.").arg(request.workflow));
    try {
        if (auto refused = authorize(request.actor, Permission::Start, workflow->startRole(),
                                     u"workflow"_s, workflow->name()))
            return *refused;
        // A blocked workflow is refused before anyone fills in its form.
        QJsonObject state = request.initialState;
        state.insert(u"workflow_name"_s, workflow->name());
        state.insert(u"workflow_target"_s, toText(workflow->target()));
        for (const auto &extension : std::as_const(m_extensions)) {
            if (const std::optional<Refusal> refusal =
                    extension->checkStart(m_database, *workflow, state)) {
                ActionResult result;
                result.outcome = ActionResult::Outcome::Blocked;
                result.refusal = *refusal;
                result.message = refusal->message;
                return result;
            }
        }
        const forms::FormResult form =
            runForm(workflow->initialForm(), state, request.userInputs, request.inputObject);
        if (!form.isDone())
            return fromForm(form);
        mergeState(state, form.values);

        ProcessRecord process = newProcess(*workflow, state, request.actor.name,
                                           request.detach ? QString() : m_instanceId);

        store::WriteTransaction transaction(m_database);
        ProcessRepository repository(m_database);
        repository.registerWorkflow(workflow->name(), toText(workflow->target()),
                                    workflow->descriptionSource(), workflow->isTask());
        repository.insertProcess(process);
        repository.insertInputState(process.id, QString(), u"initial_state"_s, form.userInputs,
                                    request.actor.name);
        for (const auto &extension : std::as_const(m_extensions))
            extension->processCreated(m_database, process);
        audit(request.actor, Permission::Start, u"process"_s, process.id,
              {{u"workflow"_s, workflow->name()}});
        transaction.commit();

        ActionResult result;
        result.processId = process.id;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::resume(const QString &processId, const ResumeRequest &request)
{
    try {
        ProcessRepository repository(m_database);
        std::optional<ProcessRecord> process = repository.find(processId);
        if (!process)
            return unknownProcess(processId);
        const ProcessStatus before = process->status;
        if (!isResumable(before) || before == ProcessStatus::Resumed
            || !process->claimedBy.isEmpty()) {
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is %2 and cannot be resumed; only suspended, waiting, failed, "
                   "api_unavailable, inconsistent_data or awaiting_callback processes can.")
                    .arg(processId, toText(before)));
        }
        if (before == ProcessStatus::AwaitingCallback)
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 awaits a callback at its route (%2); it goes on when the "
                   "external system calls back. Abort it, or let it time out and retry it.")
                    .arg(processId, process->state.value(u"callback_route"_s).toString()));
        const WorkflowPtr workflow = m_registry->find(process->workflowName);
        if (!workflow)
            return unknownWorkflow(*process);
        if (auto refused =
                authorize(request.actor, Permission::Resume,
                          workflow->resumeRoleAt(process->nextStep), u"process"_s, processId))
            return *refused;

        forms::FormResult form;
        form.kind = forms::FormResult::Kind::Done;
        const bool awaitsInput = before == ProcessStatus::Suspended && process->nextStep >= 0
            && process->nextStep < workflow->steps().size()
            && workflow->steps().at(process->nextStep).kind() == Step::Kind::InputStep;
        if (awaitsInput) {
            form = runForm(workflow->steps().at(process->nextStep).form(), process->state,
                           request.userInputs, request.inputObject);
            if (!form.isDone())
                return fromForm(form);
            process->pendingInput = form.values;
        }

        process->status = ProcessStatus::Resumed;
        process->runBy = request.actor.name;
        process->lastModifiedAt = Timestamps::now();
        process->abortRequested = false;

        store::WriteTransaction transaction(m_database);
        // Only the status we looked at may be resumed: two operators pressing Retry at once
        // must not run the step twice.
        if (!repository.markResumed(processId, before, request.actor.name, process->pendingInput,
                                    request.detach ? QString() : m_instanceId))
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 changed meanwhile; look again.").arg(processId));
        if (awaitsInput)
            repository.insertInputState(processId, process->nextStepName, u"user_input"_s,
                                        form.userInputs, request.actor.name);
        audit(request.actor, Permission::Resume, u"process"_s, processId,
              {{u"from_status"_s, toText(before)}, {u"step"_s, process->nextStepName}});
        transaction.commit();
        ActionResult result;
        result.processId = processId;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::abort(const QString &processId, const Actor &actor, bool *abortedNow)
{
    *abortedNow = false;
    try {
        ProcessRepository repository(m_database);
        std::optional<ProcessRecord> process = repository.find(processId);
        if (!process)
            return unknownProcess(processId);
        if (isFinal(process->status))
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is %2 already.").arg(processId, toText(process->status)));
        if (auto refused =
                authorize(actor, Permission::Abort, Role::Operator, u"process"_s, processId))
            return *refused;
        ActionResult result;
        result.processId = processId;
        if (process->status == ProcessStatus::Running) {
            // Its runner stops before the next step and logs the abort.
            store::WriteTransaction transaction(m_database);
            repository.requestAbort(processId);
            audit(actor, Permission::Abort, u"process"_s, processId,
                  {{u"from_status"_s, toText(process->status)}, {u"requested"_s, true}});
            transaction.commit();
            if (process->claimedBy == m_instanceId)
                m_flags->requestAbort(processId);
            return result;
        }
        store::WriteTransaction transaction(m_database);
        store::StepRecord step;
        step.processId = processId;
        step.index = process->nextStep;
        step.name = u"User Aborted"_s;
        step.status = StepStatus::Abort;
        step.createdBy = actor.name;
        step.startedAt = step.completedAt = Timestamps::now();
        repository.insertStep(step);
        audit(actor, Permission::Abort, u"process"_s, processId,
              {{u"from_status"_s, toText(process->status)}});
        if (!repository.markAborted(processId, process->status, actor.name, m_instanceId)) {
            transaction.rollback();
            // It started running meanwhile (or another engine holds it): ask it to stop.
            store::WriteTransaction request(m_database);
            repository.requestAbort(processId);
            audit(actor, Permission::Abort, u"process"_s, processId,
                  {{u"from_status"_s, u"running"_s}, {u"requested"_s, true}});
            request.commit();
            return result;
        }
        transaction.commit();
        *abortedNow = true;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::remove(const QString &processId, const Actor &actor)
{
    try {
        ProcessRepository repository(m_database);
        std::optional<ProcessRecord> process = repository.find(processId);
        if (!process)
            return unknownProcess(processId);
        if (process->status == ProcessStatus::Running || !process->claimedBy.isEmpty())
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is running; abort it first.").arg(processId));
        if (!process->isTask)
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is a workflow's process, part of its subscriptions' history; only "
                   "task processes can be deleted.")
                    .arg(processId));
        if (auto refused =
                authorize(actor, Permission::DeleteTask, Role::Admin, u"process"_s, processId))
            return *refused;
        store::WriteTransaction transaction(m_database);
        repository.remove(processId);
        audit(actor, Permission::DeleteTask, u"process"_s, processId,
              {{u"workflow"_s, process->workflowName}});
        transaction.commit();
        ActionResult result;
        result.processId = processId;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::setGlobalLock(bool locked, const Actor &actor)
{
    try {
        if (auto refused =
                authorize(actor, Permission::PauseEngine, Role::Admin, u"engine"_s, QString()))
            return *refused;
        store::WriteTransaction transaction(m_database);
        store::EngineRepository(m_database).setGlobalLock(locked);
        audit(actor, Permission::PauseEngine, u"engine"_s, QString(), {{u"global_lock"_s, locked}});
        transaction.commit();
        return ActionResult();
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::saveOperator(const OperatorChange &asked)
{
    const QString &userName = asked.userName;
    const QString &displayName = asked.displayName;
    const Actor &actor = asked.actor;
    const bool enabled = asked.enabled;
    const Role role = asked.role;
    const QString &change = asked.change;
    try {
        if (auto refused =
                authorize(actor, Permission::ManageOperators, Role::Admin, u"operator"_s, userName))
            return *refused;
        store::WriteTransaction transaction(m_database);
        store::OperatorRepository operators(m_database);
        const std::optional<store::OperatorRecord> before = operators.find(userName);
        store::OperatorRecord record = before.value_or(store::OperatorRecord {});
        record.userName = userName;
        if (!displayName.isEmpty() || !before)
            record.displayName = displayName;
        record.role = toText(role);
        record.enabled = enabled;
        operators.save(record);
        audit(actor, Permission::ManageOperators, u"operator"_s, userName,
              {{u"change"_s, change},
               {u"role"_s, record.role},
               {u"enabled"_s, enabled},
               {u"role_before"_s, before ? before->role : QString()}});
        transaction.commit();
        return ActionResult();
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

namespace {

// A schedule id made from a workflow's name, as an operator would type it: "task-clean-up-tasks",
// then "task-clean-up-tasks-2" and so on while taken.
QString freeScheduleId(store::ScheduleRepository &schedules, const QString &workflow)
{
    QString base = workflow.toLower();
    base.replace(u'_', u'-');
    if (base.isEmpty())
        base = u"schedule"_s;
    QString id = base;
    for (int n = 2; schedules.find(id); ++n)
        id = base + u'-' + QString::number(n);
    return id;
}

} // namespace

ActionResult Actions::saveSchedule(const ScheduleChange &change)
{
    try {
        if (auto refused = authorize(change.actor, Permission::EditSchedules, Role::Admin,
                                     u"schedule"_s, change.id))
            return *refused;
        store::ScheduleRepository schedules(m_database);
        ScheduleChange named = change;
        if (named.change == "add"_L1 && named.id.isEmpty())
            named.id = freeScheduleId(schedules, named.workflow);
        const std::optional<store::ScheduleRecord> before = schedules.find(named.id);
        if (change.change == "add"_L1 && before)
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("There is a schedule '%1' already; change it with 'set'.").arg(named.id));
        if (change.change != "add"_L1 && !before)
            return ActionResult::failure(ActionResult::Outcome::NotAllowed,
                                         tr("There is no schedule '%1'.").arg(named.id));
        store::ScheduleRecord record = before.value_or(store::ScheduleRecord {});
        record.id = named.id;
        const bool triggerChanged = !change.triggerKind.isEmpty() || !change.trigger.isEmpty()
            || !change.timeZone.isEmpty();
        if (!change.name.isEmpty() || record.name.isEmpty())
            record.name = change.name.isEmpty() ? named.id : change.name;
        if (!change.workflow.isEmpty())
            record.workflow = change.workflow;
        if (!change.triggerKind.isEmpty())
            record.triggerKind = change.triggerKind;
        if (!change.trigger.isEmpty())
            record.triggerText = change.trigger;
        if (!change.timeZone.isEmpty())
            record.timeZone = change.timeZone;
        if (record.timeZone.isNull())
            record.timeZone = u""_s; // the engine's own zone (the column is NOT NULL)
        if (change.enabled)
            record.enabled = *change.enabled;
        if (!m_registry->find(record.workflow))
            return ActionResult::failure(ActionResult::Outcome::UnknownWorkflow,
                                         tr("There is no workflow '%1'.").arg(record.workflow));
        if (triggerChanged || !before) {
            record.anchor = Timestamps::now(); // intervals count from the change
            record.createdAt = record.anchor;
        }
        QString error;
        if (!Scheduler::triggerOf(record, &error))
            return ActionResult::failure(ActionResult::Outcome::InvalidInput, error);
        // The next engine that looks computes the next due time from now.
        record.nextRunAt.clear();

        store::WriteTransaction transaction(m_database);
        schedules.save(record);
        audit(change.actor, Permission::EditSchedules, u"schedule"_s, record.id,
              {{u"change"_s, change.change},
               {u"workflow"_s, record.workflow},
               {u"trigger_kind"_s, record.triggerKind},
               {u"trigger"_s, record.triggerText},
               {u"time_zone"_s, record.timeZone},
               {u"enabled"_s, record.enabled}});
        transaction.commit();
        ActionResult result;
        result.scheduleId = record.id;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::removeSchedule(const QString &scheduleId, const Actor &actor)
{
    try {
        if (auto refused =
                authorize(actor, Permission::EditSchedules, Role::Admin, u"schedule"_s, scheduleId))
            return *refused;
        store::ScheduleRepository schedules(m_database);
        const std::optional<store::ScheduleRecord> before = schedules.find(scheduleId);
        if (!before)
            return ActionResult::failure(ActionResult::Outcome::NotAllowed,
                                         tr("There is no schedule '%1'.").arg(scheduleId));
        store::WriteTransaction transaction(m_database);
        schedules.remove(scheduleId);
        audit(actor, Permission::EditSchedules, u"schedule"_s, scheduleId,
              {{u"change"_s, u"delete"_s},
               {u"workflow"_s, before->workflow},
               {u"trigger_kind"_s, before->triggerKind},
               {u"trigger"_s, before->triggerText}});
        transaction.commit();
        return ActionResult();
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

} // namespace wfo
