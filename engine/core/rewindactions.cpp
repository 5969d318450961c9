// Reset and skip: the operator's moves on a process at rest besides a retry
// (docs/architecture.md, "The action side"). Part of Actions, kept apart for size.
#include "actions.h"

#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo {

using store::ProcessRecord;
using store::ProcessRepository;
using store::StepRecord;
using store::StoreError;
using store::Timestamps;

namespace {

// A process an operator may reset or skip: at rest, not completed, and nobody runs it.
bool restsUnclaimed(const ProcessRecord &process)
{
    return isResumable(process.status) && process.status != ProcessStatus::Resumed
        && process.claimedBy.isEmpty();
}

} // namespace

ActionResult Actions::reset(const QString &processId, const ResetRequest &request)
{
    try {
        ProcessRepository repository(m_database);
        std::optional<ProcessRecord> process = repository.find(processId);
        if (!process)
            return unknownProcess(processId);
        const ProcessStatus before = process->status;
        if (!restsUnclaimed(*process))
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is %2 and cannot be reset; only a process that is not running "
                   "and not completed or aborted can be (suspended, waiting, failed, "
                   "api_unavailable, inconsistent_data or awaiting_callback).")
                    .arg(processId, toText(before)));
        const WorkflowPtr workflow = m_registry->find(process->workflowName);
        if (!workflow)
            return unknownWorkflow(*process);
        if (auto refused =
                authorize(request.actor, Permission::Reset,
                          workflow->resumeRoleAt(process->nextStep), u"process"_s, processId))
            return *refused;

        const StepList &steps = workflow->steps();
        const int target =
            request.toStep >= 0 ? request.toStep : workflow->indexOf(request.toStepName);
        if (target < 0 || target >= steps.size())
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                request.toStep >= 0
                    ? tr("Workflow %1 has no step %2; its steps are numbered 1 to %3.")
                          .arg(workflow->name())
                          .arg(request.toStep + 1)
                          .arg(steps.size())
                    : tr("Workflow %1 has no step '%2'.")
                          .arg(workflow->name(), request.toStepName));
        if (target > process->nextStep)
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Step %1 '%2' has not run yet: process %3 stopped at step %4 '%5'.")
                    .arg(target + 1)
                    .arg(steps.at(target).name(), processId)
                    .arg(process->nextStep + 1)
                    .arg(process->nextStepName));
        const std::optional<QJsonObject> initial = repository.initialState(processId);
        if (!initial)
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 started before this database kept initial states, so its state "
                   "cannot be rebuilt; it cannot be reset.")
                    .arg(processId));

        // The state before the target step: the initial state and every step that counts
        // (not rewound by an earlier reset) up to the first row at or after the target.
        const QList<StepRecord> log = repository.steps(processId);
        QJsonObject state = *initial;
        QList<StepRecord> rewound;
        QString lastStep;
        std::optional<StepStatus> lastStatus;
        for (const StepRecord &row : log) {
            if (!row.rewoundAt.isEmpty())
                continue;
            if (!rewound.isEmpty() || row.index >= target) {
                rewound.append(row);
                continue;
            }
            applyStepDelta(state, row.delta);
            lastStep = row.name;
            lastStatus = row.status;
        }
        if (rewound.isEmpty())
            return ActionResult::failure(ActionResult::Outcome::NotAllowed,
                                         tr("Process %1 has nothing to rewind from step %2.")
                                             .arg(processId)
                                             .arg(target + 1));

        process->state = state;
        process->nextStep = target;
        process->nextStepName = steps.at(target).name();
        process->lastStep = lastStep;
        process->lastStatus = lastStatus;
        process->runBy = request.actor.name;

        QStringList names;
        for (const StepRecord &row : std::as_const(rewound))
            names.append(row.name);
        QJsonObject detail {{u"from_status"_s, toText(before)},
                            {u"to_step"_s, target + 1},
                            {u"to_step_name"_s, process->nextStepName},
                            {u"rewound_rows"_s, rewound.size()},
                            {u"rewound_steps"_s, QJsonArray::fromStringList(names)}};

        store::WriteTransaction transaction(m_database);
        for (const auto &extension : std::as_const(m_extensions)) {
            if (const std::optional<Refusal> refusal = extension->processRewound(
                    m_database, *process, rewound, request.actor.name, &detail)) {
                ActionResult result;
                result.outcome = ActionResult::Outcome::Blocked;
                result.refusal = *refusal;
                result.message = refusal->message;
                return result;
            }
        }
        if (!repository.requeueAt(*process, before, request.detach ? QString() : m_instanceId))
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 changed meanwhile; look again.").arg(processId));
        repository.markRewound(processId, rewound.constFirst().id);
        audit(request.actor, Permission::Reset, u"process"_s, processId, detail);
        transaction.commit();
        ActionResult result;
        result.processId = processId;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::skip(const QString &processId, const SkipRequest &request)
{
    try {
        const QString reason = request.reason.trimmed();
        if (reason.isEmpty())
            return ActionResult::failure(ActionResult::Outcome::InvalidInput,
                                         tr("Skipping a step needs a reason."));
        ProcessRepository repository(m_database);
        std::optional<ProcessRecord> process = repository.find(processId);
        if (!process)
            return unknownProcess(processId);
        const ProcessStatus before = process->status;
        const bool failed = before == ProcessStatus::Failed || before == ProcessStatus::Waiting
            || before == ProcessStatus::ApiUnavailable || before == ProcessStatus::InconsistentData;
        if (!failed || !process->claimedBy.isEmpty())
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is %2; only the step of a failed, waiting, api_unavailable or "
                   "inconsistent_data process can be skipped.")
                    .arg(processId, toText(before)));
        const WorkflowPtr workflow = m_registry->find(process->workflowName);
        if (!workflow)
            return unknownWorkflow(*process);
        if (auto refused =
                authorize(request.actor, Permission::Skip,
                          workflow->resumeRoleAt(process->nextStep), u"process"_s, processId))
            return *refused;
        const StepList &steps = workflow->steps();
        if (process->nextStep >= steps.size())
            return ActionResult::failure(ActionResult::Outcome::NotAllowed,
                                         tr("Process %1 has no step left to skip.").arg(processId));

        StepRecord row;
        row.processId = processId;
        row.index = process->nextStep;
        row.name = steps.at(process->nextStep).name();
        row.status = StepStatus::Skipped;
        row.createdBy = request.actor.name;
        row.startedAt = row.completedAt = Timestamps::now();
        row.reason = reason;

        ++process->nextStep;
        process->nextStepName =
            process->nextStep < steps.size() ? steps.at(process->nextStep).name() : QString();
        process->lastStep = row.name;
        process->lastStatus = StepStatus::Skipped;
        process->runBy = request.actor.name;

        store::WriteTransaction transaction(m_database);
        if (!repository.requeueAt(*process, before, request.detach ? QString() : m_instanceId))
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 changed meanwhile; look again.").arg(processId));
        repository.insertStep(row);
        audit(request.actor, Permission::Skip, u"process"_s, processId,
              {{u"from_status"_s, toText(before)},
               {u"step"_s, row.name},
               {u"step_index"_s, row.index + 1},
               {u"reason"_s, reason}});
        transaction.commit();
        ActionResult result;
        result.processId = processId;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

} // namespace wfo
