#pragma once
// Runs one claimed process, step by step, on the calling (worker) thread. Each step's outcome
// is committed in one write transaction: the extensions' writes (the step's database effects),
// the step-log row and the process row. The runner stops at rest (completed, suspended,
// failed, waiting, aborted) or, between steps, when the engine pauses or shuts down.

#include "extension.h"
#include "runflags.h"
#include "wfo_engine_export.h"
#include "workflowregistry.h"

#include "store/database.h"
#include "store/records.h"

#include <functional>
#include <memory>

namespace wfo::store {
class GroupCommit;
}

namespace wfo {

struct RunnerContext
{
    store::Database database;
    const WorkflowRegistry *registry = nullptr;
    QList<std::shared_ptr<EngineExtension>> extensions;
    RunFlags *flags = nullptr;
    QString instanceId;
    // Shared by the engine's worker threads: steps they finish at once commit together
    // (docs/architecture.md, "Group commit"). Without it each step commits alone.
    std::shared_ptr<store::GroupCommit> commits = nullptr;
};

class WFO_ENGINE_EXPORT ProcessRunner
{
public:
    struct Observer
    {
        std::function<void(const store::ProcessRecord &, const store::StepRecord &)> stepCommitted;
    };

    explicit ProcessRunner(const RunnerContext &context)
        : m_context(context)
    { }

    // Runs `processId`, which this instance must have claimed. Returns the status it stopped in
    // (`resumed` when stopped by pause/shutdown: it is queued again for any engine).
    ProcessStatus run(const QString &processId, const Observer &observer);

private:
    struct Outcome;
    Outcome execute(const Workflow &workflow, const Step &step, store::ProcessRecord &process);
    Outcome executeGroup(const Workflow &workflow, const Step &group,
                         store::ProcessRecord &process);
    Outcome executeCallback(const Workflow &workflow, const Step &step,
                            store::ProcessRecord &process);
    void applyEffects(const QJsonObject &delta);
    bool writeStep(store::ProcessRecord &process, store::StepRecord &step,
                   const store::JsonText &state, const store::JsonText &delta);
    // `beforeStep` is the process before the step but for its state, which `undo` gives back
    // from the process's.
    bool commit(store::ProcessRecord &process, store::StepRecord &step,
                const store::ProcessRecord &beforeStep, const StateUndo &undo);
    static void failInstead(store::ProcessRecord &process, store::StepRecord &step,
                            const store::ProcessRecord &beforeStep, const StateUndo &undo,
                            const QString &errorClass, const QString &message);
    ProcessStatus stopBetweenSteps(store::ProcessRecord &process);
    void failWithoutWorkflow(store::ProcessRecord &process, const Observer &observer);
    void failBeforeStep(store::ProcessRecord &process, const QString &errorClass,
                        const QString &message, const Observer &observer);

    RunnerContext m_context;
};

// Combines two step deltas as if applied one after the other (keeps `__remove_keys` right).
WFO_ENGINE_EXPORT QJsonObject combineDeltas(QJsonObject first, const QJsonObject &second);

} // namespace wfo
