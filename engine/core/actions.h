#pragma once
// The action side's one door (docs/architecture.md, "The action side"): every operator action
// on processes (start, resume or retry, abort, delete) and the forms they need, each with the
// Actor who asks. The engine keeps one Actions object on its own actions thread, so that
// neither the GUI thread nor the housekeeping (heartbeats, leases, recovery) waits for one.

#include "actionresult.h"
#include "bulkresult.h"

#include "base/permissions.h"
#include "extension.h"
#include "runflags.h"
#include "wfo_engine_export.h"
#include "workflowregistry.h"

#include "store/database.h"
#include "store/records.h"

#include <QObject>
#include <QSet>

#include <memory>
#include <variant>

namespace wfo {

class WFO_ENGINE_EXPORT Actions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Actions)

public:
    Actions(const store::Database &database, const WorkflowRegistry *registry,
            const QList<std::shared_ptr<EngineExtension>> &extensions, RunFlags *flags,
            const QString &instanceId, QObject *parent = nullptr);

    const store::Database &database() const { return m_database; }

    // Creates the process (status created). Unless detached, it is claimed for this instance.
    ActionResult start(const StartRequest &request);
    // Resumes a suspended process with input, or queues a failed/waiting one for a retry.
    ActionResult resume(const QString &processId, const ResumeRequest &request);
    // Aborts at once when the process is at rest; otherwise asks its runner to stop.
    ActionResult abort(const QString &processId, const Actor &actor, bool *abortedNow);
    ActionResult remove(const QString &processId, const Actor &actor);
    // Rewinds a process at rest (not running, not completed) to an earlier step and queues it.
    ActionResult reset(const QString &processId, const ResetRequest &request);
    // Logs the failed step as skipped with the reason and queues the process at the next step.
    ActionResult skip(const QString &processId, const SkipRequest &request);
    // A process awaiting a callback goes on with `request.body` as the callback's result (only
    // with the token of its route, only once); `callbackProgress` records the latest progress.
    ActionResult callback(const QString &processId, const CallbackRequest &request);
    ActionResult callbackProgress(const QString &processId, const CallbackRequest &request);
    // The global lock, shared by every engine on the database: pause or resume them all.
    ActionResult setGlobalLock(bool locked, const Actor &actor);
    // Adds an operator or changes one (role, display name, enabled).
    ActionResult saveOperator(const OperatorChange &change);
    // Adds a schedule or changes one; its next due time is computed anew by the next engine.
    ActionResult saveSchedule(const ScheduleChange &change);
    ActionResult removeSchedule(const QString &scheduleId, const Actor &actor);
    // Edits that run no workflow (editactions.cpp): the note on a process; a subscription
    // marked in sync again, refused while a workflow on it is neither completed nor aborted.
    ActionResult setProcessNote(const QString &processId, const QString &note, const Actor &actor);
    ActionResult setInSync(const QString &subscriptionId, const Actor &actor);
    // API tokens (tokenactions.cpp): a new one answers with its secret, shown once.
    ActionResult createToken(const TokenRequest &request);
    ActionResult revokeToken(const QString &tokenId, const Actor &actor);

    // Bulk operations (core/bulkactions.cpp): each one authorized once and, unless a preview,
    // one audit row listing its processes, written with their effects in one transaction.
    // Starts `request.workflow` on every subscription that may run it; the others are listed
    // with the constraints' reason. A preview only says which can.
    BulkResult startMany(const BulkStartRequest &request);
    // Queues every failed/waiting process of `processIds` for a retry; the others are listed.
    BulkResult retryMany(const QStringList &processIds, const Actor &actor, bool detach);
    // Aborts every process of `processIds` that is not finished (running ones are asked to
    // stop); the others are listed.
    BulkResult abortMany(const QStringList &processIds, const Actor &actor);

    // A new process row (status created) for `workflow` with `state`.
    static store::ProcessRecord newProcess(const Workflow &workflow, const QJsonObject &state,
                                           const QString &actor, const QString &claimedBy);

    // The initial form of a workflow, replayed with the answers so far.
    forms::FormResult startForm(const QString &workflow, const QJsonObject &initialState,
                                const QJsonArray &userInputs);
    // The form a suspended process waits for.
    forms::FormResult resumeForm(const QString &processId, const QJsonArray &userInputs);

    // The role `actor` acts with: admin for the system and while no operator is defined;
    // nothing for a user who is not an enabled operator.
    std::optional<Role> roleOf(const Actor &actor);
    // Nothing when `actor` may do it (with at least `needed`); otherwise the refusal, audited.
    std::optional<ActionResult> authorize(const Actor &actor, Permission permission, Role needed,
                                          const QString &targetKind, const QString &targetId);

private:
    // An audit row for an allowed action, inside the caller's write transaction.
    void audit(const Actor &actor, Permission permission, const QString &targetKind,
               const QString &targetId, const QJsonObject &detail = {});
    forms::FormResult runForm(const forms::FormGenerator &form, const QJsonObject &state,
                              const QJsonArray &userInputs,
                              const std::optional<QJsonObject> &inputObject);
    static ActionResult unknownProcess(const QString &processId);
    // The process awaiting a callback that `request` may act on, or why not (audited).
    std::variant<store::ProcessRecord, ActionResult>
    awaitingCallback(const QString &processId, const CallbackRequest &request, const QString &what);
    static ActionResult unknownWorkflow(const store::ProcessRecord &process);
    static ActionResult fromForm(const forms::FormResult &form);

    store::Database m_database;
    const WorkflowRegistry *m_registry;
    QList<std::shared_ptr<EngineExtension>> m_extensions;
    RunFlags *m_flags;
    QString m_instanceId;
};

} // namespace wfo
