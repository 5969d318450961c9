#pragma once
// The operator's actions on processes (start, resume or retry, abort) and the forms they
// need, done against the database on the calling thread. The engine runs these on its
// housekeeping thread, never on the GUI thread.

#include "actionresult.h"
#include "extension.h"
#include "runcontrol.h"
#include "wfo_engine_export.h"
#include "workflowregistry.h"

#include "store/database.h"
#include "store/records.h"

#include <QCoreApplication>
#include <QSet>

#include <memory>

namespace wfo {

class WFO_ENGINE_EXPORT ProcessControl
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ProcessControl)

public:
    ProcessControl(const store::Database &database, const WorkflowRegistry *registry,
                   const QList<std::shared_ptr<EngineExtension>> &extensions, RunControl *control,
                   const QString &instanceId);

    // Records every workflow of the registry in the database's catalogue (idempotent).
    void registerWorkflows();

    // Creates the process (status created). Unless detached, it is claimed for this instance.
    ActionResult start(const StartRequest &request);
    // Resumes a suspended process with input, or queues a failed/waiting one for a retry.
    ActionResult resume(const QString &processId, const ResumeRequest &request);
    // Aborts at once when the process is at rest; otherwise asks its runner to stop.
    ActionResult abort(const QString &processId, const QString &actor, bool *abortedNow);
    ActionResult remove(const QString &processId);

    // A new process row (status created) for `workflow` with `state`.
    static store::ProcessRecord newProcess(const Workflow &workflow, const QJsonObject &state,
                                           const QString &actor, const QString &claimedBy);

    // The initial form of a workflow, replayed with the answers so far.
    forms::FormResult startForm(const QString &workflow, const QJsonObject &initialState,
                                const QJsonArray &userInputs);
    // The form a suspended process waits for.
    forms::FormResult resumeForm(const QString &processId, const QJsonArray &userInputs);

private:
    forms::FormResult runForm(const forms::FormGenerator &form, const QJsonObject &state,
                              const QJsonArray &userInputs,
                              const std::optional<QJsonObject> &inputObject);
    static ActionResult unknownProcess(const QString &processId);
    static ActionResult fromForm(const forms::FormResult &form);

    store::Database m_database;
    const WorkflowRegistry *m_registry;
    QList<std::shared_ptr<EngineExtension>> m_extensions;
    RunControl *m_control;
    QString m_instanceId;
};

} // namespace wfo
