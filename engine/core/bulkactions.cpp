// Bulk operations of the action side (docs/architecture.md, "The action side"): one workflow on
// many subscriptions, a retry or an abort of many processes. Each is authorized once and is
// ONE audited action: its audit row (target kind "bulk") lists the processes it started,
// retried or aborted and the ones it could not, with why, and is written in the same write
// transaction as their effects, so the trail never misses a process nor names one that was not
// touched. Part of Actions, kept apart for size.
#include "actions.h"

#include "state.h"

#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QJsonArray>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo {

using store::ProcessRecord;
using store::ProcessRepository;
using store::StepRecord;
using store::StoreError;
using store::Timestamps;

namespace {

BulkResult bulkFailure(const ActionResult &result)
{
    BulkResult bulk;
    bulk.outcome = result.outcome;
    bulk.message = result.message;
    bulk.refusal = result.refusal;
    return bulk;
}

BulkResult bulkFailure(ActionResult::Outcome outcome, const QString &message)
{
    return bulkFailure(ActionResult::failure(outcome, message));
}

// Runs `once`, and again a few times when PostgreSQL undid it to break a deadlock with steps
// that commit at the same time (their rows locked in another order); a store failure that
// stays is the operation's.
template<typename Once>
BulkResult againWhileBusy(Once once)
{
    for (int attempt = 0;; ++attempt) {
        try {
            return once();
        } catch (const StoreError &e) {
            if (e.kind() != StoreError::Kind::Busy || attempt >= 5)
                return bulkFailure(ActionResult::Outcome::Failed, e.message());
            QThread::msleep(50 * (attempt + 1));
        }
    }
}

BulkItem refusedItem(const QString &id, const QString &code, const QString &message,
                     const QJsonObject &details = {})
{
    return BulkItem {id, QString(), code, message, details};
}

QJsonArray processList(const QList<BulkItem> &items)
{
    QJsonArray list;
    for (const BulkItem &item : items)
        list.append(item.processId);
    return list;
}

QJsonArray refusedList(const QList<BulkItem> &items)
{
    QJsonArray list;
    for (const BulkItem &item : items)
        list.append(QJsonObject {{u"id"_s, item.id}, {u"code"_s, item.code}});
    return list;
}

QString newBulkId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

QStringList BulkResult::processIds() const
{
    QStringList ids;
    for (const BulkItem &item : done) {
        if (!item.processId.isEmpty())
            ids.append(item.processId);
    }
    return ids;
}

ActionResult BulkResult::asAction() const
{
    ActionResult result;
    result.outcome = outcome;
    result.message = message;
    result.refusal = refusal;
    return result;
}

QJsonObject BulkResult::toJson() const
{
    const auto items = [](const QList<BulkItem> &list) {
        QJsonArray array;
        for (const BulkItem &item : list) {
            QJsonObject o {{u"id"_s, item.id}};
            if (!item.processId.isEmpty())
                o.insert(u"process_id"_s, item.processId);
            if (!item.code.isEmpty()) {
                o.insert(u"code"_s, item.code);
                o.insert(u"message"_s, item.message);
            }
            if (!item.details.isEmpty())
                o.insert(u"details"_s, item.details);
            array.append(o);
        }
        return array;
    };
    QJsonObject json {{u"done"_s, items(done)}, {u"refused"_s, items(refused)}};
    if (!bulkId.isEmpty())
        json.insert(u"bulk_id"_s, bulkId);
    if (!ok())
        json.insert(u"message"_s, message);
    return json;
}

BulkResult Actions::startMany(const BulkStartRequest &request)
{
    const WorkflowPtr workflow = m_registry->find(request.workflow);
    if (!workflow)
        return bulkFailure(ActionResult::Outcome::UnknownWorkflow,
                           tr("There is no workflow '%1'.").arg(request.workflow));
    return againWhileBusy([&]() -> BulkResult {
        if (auto refused = authorize(request.actor, Permission::Start, workflow->startRole(),
                                     u"workflow"_s, workflow->name()))
            return bulkFailure(*refused);
        // Every subscription is judged before anything starts: the constraints (usable
        // statuses, in sync, in use by others) and the initial form with the common answers.
        BulkResult result;
        QList<ProcessRecord> processes;
        QList<QJsonArray> userInputs;
        QStringList seen;
        for (const QString &subscriptionId : request.subscriptionIds) {
            if (seen.contains(subscriptionId))
                continue;
            seen.append(subscriptionId);
            QJsonObject state {{u"subscription_id"_s, subscriptionId},
                               {u"workflow_name"_s, workflow->name()},
                               {u"workflow_target"_s, toText(workflow->target())}};
            std::optional<Refusal> blocked;
            for (const auto &extension : std::as_const(m_extensions)) {
                if ((blocked = extension->checkStart(m_database, *workflow, state)))
                    break;
            }
            if (blocked) {
                result.refused.append(
                    refusedItem(subscriptionId, blocked->code, blocked->message, blocked->details));
                continue;
            }
            const forms::FormResult form =
                runForm(workflow->initialForm(), state, {}, request.inputObject);
            if (!form.isDone()) {
                const QString code = form.kind == forms::FormResult::Kind::NeedsInput
                    ? u"form.needs_input"_s
                    : form.kind == forms::FormResult::Kind::Invalid ? u"form.invalid"_s
                                                                    : u"form.error"_s;
                QString message = form.message;
                if (message.isEmpty())
                    message = tr("The workflow's form needs answers that were not given.");
                result.refused.append(refusedItem(subscriptionId, code, message));
                continue;
            }
            mergeState(state, form.values);
            result.done.append(BulkItem {subscriptionId, {}, {}, {}, {}});
            if (!request.preview) {
                processes.append(newProcess(*workflow, state, request.actor.name,
                                            request.detach ? QString() : m_instanceId));
                userInputs.append(form.userInputs);
            }
        }
        if (request.preview || processes.isEmpty())
            return result;

        result.bulkId = newBulkId();
        store::WriteTransaction transaction(m_database);
        ProcessRepository repository(m_database);
        repository.registerWorkflow(workflow->name(), toText(workflow->target()),
                                    workflow->descriptionSource(), workflow->isTask());
        for (qsizetype i = 0; i < processes.size(); ++i) {
            const ProcessRecord &process = processes.at(i);
            repository.insertProcess(process);
            repository.insertInputState(process.id, QString(), u"initial_state"_s, userInputs.at(i),
                                        request.actor.name);
            for (const auto &extension : std::as_const(m_extensions))
                extension->processCreated(m_database, process);
            result.done[i].processId = process.id;
        }
        audit(request.actor, Permission::Start, u"bulk"_s, result.bulkId,
              {{u"bulk"_s, u"start"_s},
               {u"workflow"_s, workflow->name()},
               {u"processes"_s, processList(result.done)},
               {u"refused"_s, refusedList(result.refused)}});
        transaction.commit();
        return result;
    });
}

BulkResult Actions::retryMany(const QStringList &processIds, const Actor &actor, bool detach)
{
    return againWhileBusy([&]() -> BulkResult {
        if (auto refused =
                authorize(actor, Permission::Resume, Role::Operator, u"bulk"_s, QString()))
            return bulkFailure(*refused);
        const std::optional<Role> role = roleOf(actor);
        ProcessRepository repository(m_database);
        BulkResult result;
        QList<ProcessRecord> retryable;
        for (const QString &id : processIds) {
            const std::optional<ProcessRecord> process = repository.find(id);
            if (!process) {
                result.refused.append(
                    refusedItem(id, u"process.not_found"_s, tr("There is no process %1.").arg(id)));
                continue;
            }
            // A retry runs the failed step again; a suspended process waits for an answer
            // instead, which a bulk retry cannot give.
            if (!isResumable(process->status) || process->status == ProcessStatus::Resumed
                || process->status == ProcessStatus::Suspended || !process->claimedBy.isEmpty()) {
                result.refused.append(
                    refusedItem(id, u"process.not_retryable"_s,
                                tr("Process %1 is %2; only failed, waiting, api_unavailable, "
                                   "inconsistent_data or awaiting_callback processes are retried.")
                                    .arg(id, toText(process->status))));
                continue;
            }
            const WorkflowPtr workflow = m_registry->find(process->workflowName);
            if (!workflow) {
                result.refused.append(
                    refusedItem(id, u"workflow.not_installed"_s,
                                tr("Process %1 runs workflow '%2', which is not installed here.")
                                    .arg(id, process->workflowName)));
                continue;
            }
            const Role needed = workflow->resumeRoleAt(process->nextStep);
            if (!isAllowed(role, Permission::Resume, needed)) {
                result.refused.append(
                    refusedItem(id, u"permission.denied"_s,
                                refusalMessage(actor.name, role, Permission::Resume, needed)));
                continue;
            }
            retryable.append(*process);
        }
        if (retryable.isEmpty())
            return result;

        result.bulkId = newBulkId();
        store::WriteTransaction transaction(m_database);
        for (const ProcessRecord &process : std::as_const(retryable)) {
            // Only the status we looked at: a process retried meanwhile runs once.
            if (!repository.markResumed(process.id, process.status, actor.name, QJsonObject(),
                                        detach ? QString() : m_instanceId)) {
                result.refused.append(
                    refusedItem(process.id, u"process.changed"_s,
                                tr("Process %1 changed meanwhile; look again.").arg(process.id)));
                continue;
            }
            result.done.append(BulkItem {process.id, process.id, {}, {}, {}});
        }
        if (result.done.isEmpty()) {
            transaction.rollback();
            result.bulkId.clear();
            return result;
        }
        audit(actor, Permission::Resume, u"bulk"_s, result.bulkId,
              {{u"bulk"_s, u"retry"_s},
               {u"processes"_s, processList(result.done)},
               {u"refused"_s, refusedList(result.refused)}});
        transaction.commit();
        return result;
    });
}

BulkResult Actions::abortMany(const QStringList &processIds, const Actor &actor)
{
    return againWhileBusy([&]() -> BulkResult {
        if (auto refused =
                authorize(actor, Permission::Abort, Role::Operator, u"bulk"_s, QString()))
            return bulkFailure(*refused);
        ProcessRepository repository(m_database);
        BulkResult result;
        QList<ProcessRecord> abortable;
        for (const QString &id : processIds) {
            const std::optional<ProcessRecord> process = repository.find(id);
            if (!process) {
                result.refused.append(
                    refusedItem(id, u"process.not_found"_s, tr("There is no process %1.").arg(id)));
                continue;
            }
            if (isFinal(process->status)) {
                result.refused.append(
                    refusedItem(id, u"process.finished"_s,
                                tr("Process %1 is %2 already.").arg(id, toText(process->status))));
                continue;
            }
            abortable.append(*process);
        }
        if (abortable.isEmpty())
            return result;

        result.bulkId = newBulkId();
        QStringList stopHere;
        store::WriteTransaction transaction(m_database);
        for (const ProcessRecord &process : std::as_const(abortable)) {
            // At rest it is aborted now; running (or taken meanwhile) its runner is asked to
            // stop before its next step and logs the abort itself.
            if (process.status != ProcessStatus::Running
                && repository.markAborted(process.id, process.status, actor.name, m_instanceId)) {
                StepRecord step;
                step.processId = process.id;
                step.index = process.nextStep;
                step.name = u"User Aborted"_s;
                step.status = StepStatus::Abort;
                step.createdBy = actor.name;
                step.startedAt = step.completedAt = Timestamps::now();
                repository.insertStep(step);
                result.abortedNow.append(process.id);
            } else {
                repository.requestAbort(process.id);
                if (process.claimedBy == m_instanceId)
                    stopHere.append(process.id);
            }
            result.done.append(BulkItem {process.id, process.id, {}, {}, {}});
        }
        QJsonArray requested;
        for (const BulkItem &item : std::as_const(result.done)) {
            if (!result.abortedNow.contains(item.processId))
                requested.append(item.processId);
        }
        audit(actor, Permission::Abort, u"bulk"_s, result.bulkId,
              {{u"bulk"_s, u"abort"_s},
               {u"processes"_s, processList(result.done)},
               {u"requested"_s, requested},
               {u"refused"_s, refusedList(result.refused)}});
        transaction.commit();
        for (const QString &id : std::as_const(stopHere))
            m_flags->requestAbort(id);
        return result;
    });
}

} // namespace wfo
