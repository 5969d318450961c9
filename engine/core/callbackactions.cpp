// Actions::callback and Actions::callbackProgress: the action side of callback steps
// (docs/architecture.md, "Callback steps"). The route's token is the caller's credential, so
// these take no operator role; every call, allowed or refused, leaves an audit row.
#include "actions.h"
#include "callbacks.h"

#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

using namespace Qt::StringLiterals;

namespace wfo {

using store::ProcessRecord;
using store::ProcessRepository;
using store::StoreError;

namespace {

void auditCallback(const store::Database &database, const Actor &actor, const QString &action,
                   const QString &processId, bool allowed, const QJsonObject &detail)
{
    store::OperatorRepository(database).audit({0, QString(), actor.name, actor.origin, actor.host,
                                               action, u"process"_s, processId, allowed, detail});
}

} // namespace

std::variant<ProcessRecord, ActionResult> Actions::awaitingCallback(const QString &processId,
                                                                    const CallbackRequest &request,
                                                                    const QString &what)
{
    std::optional<ProcessRecord> process = ProcessRepository(m_database).find(processId);
    if (!process)
        return unknownProcess(processId);
    ActionResult refused;
    if (process->status != ProcessStatus::AwaitingCallback) {
        // orchestrator-core answers 409 here too: a callback is taken once.
        refused = ActionResult::failure(
            ActionResult::Outcome::NotAllowed,
            tr("Process %1 is %2, not awaiting a callback; a callback is taken once, while the "
               "process awaits it.")
                .arg(processId, toText(process->status)));
    } else if (!Callbacks::tokenMatches(process->state, request.token)) {
        refused = ActionResult::failure(
            ActionResult::Outcome::UnknownProcess,
            tr("The callback token is not valid for process %1.").arg(processId));
    } else if (m_flags->isReadOnly()) {
        refused = ActionResult::failure(ActionResult::Outcome::NotPermitted,
                                        readOnlyRefusal(request.actor.name, Permission::Resume));
        refused.refusal.code = u"database.read_only"_s;
        refused.refusal.message = refused.message;
    } else {
        return *process;
    }
    store::WriteTransaction transaction(m_database);
    auditCallback(m_database, request.actor, what, processId, false,
                  {{u"reason"_s, refused.message}, {u"status"_s, toText(process->status)}});
    transaction.commit();
    return refused;
}

ActionResult Actions::callback(const QString &processId, const CallbackRequest &request)
{
    try {
        if (!request.body.isObject())
            return ActionResult::failure(ActionResult::Outcome::InvalidInput,
                                         tr("The callback's body must be a JSON object."));
        auto found = awaitingCallback(processId, request, u"callback"_s);
        if (auto *refused = std::get_if<ActionResult>(&found))
            return *refused;
        const ProcessRecord &process = std::get<ProcessRecord>(found);
        if (!m_registry->find(process.workflowName))
            return unknownWorkflow(process);

        store::WriteTransaction transaction(m_database);
        ProcessRepository repository(m_database);
        // Only while it still awaits: of two callbacks at once, one goes on.
        if (!repository.markResumed(processId, ProcessStatus::AwaitingCallback, process.runBy,
                                    request.body.toObject(),
                                    request.detach ? QString() : m_instanceId)) {
            transaction.rollback();
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is no longer awaiting a callback; a callback is taken once.")
                    .arg(processId));
        }
        repository.insertInputState(processId, process.nextStepName, u"callback"_s, request.body,
                                    request.actor.name);
        auditCallback(m_database, request.actor, u"callback"_s, processId, true,
                      {{u"step"_s, process.nextStepName}});
        transaction.commit();
        ActionResult result;
        result.processId = processId;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::callbackProgress(const QString &processId, const CallbackRequest &request)
{
    try {
        auto found = awaitingCallback(processId, request, u"callback_progress"_s);
        if (auto *refused = std::get_if<ActionResult>(&found))
            return *refused;
        store::WriteTransaction transaction(m_database);
        ProcessRepository repository(m_database);
        // Read again inside the write transaction, so no other change to the row is lost.
        std::optional<ProcessRecord> process = repository.find(processId);
        if (!process)
            return unknownProcess(processId);
        process->state.insert(Callbacks::ProgressKey, request.body);
        process->lastModifiedAt = store::Timestamps::now();
        if (!repository.updateUnclaimedWhile(*process, ProcessStatus::AwaitingCallback)) {
            transaction.rollback();
            return ActionResult::failure(
                ActionResult::Outcome::NotAllowed,
                tr("Process %1 is no longer awaiting a callback.").arg(processId));
        }
        auditCallback(m_database, request.actor, u"callback_progress"_s, processId, true,
                      {{u"step"_s, process->nextStepName}});
        transaction.commit();
        ActionResult result;
        result.processId = processId;
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

} // namespace wfo
