#pragma once
// The statuses of processes and steps, the workflow targets and the engine's own state, with
// their exact lower-case database and API spellings (shared with orchestrator-core).

#include "wfo_engine_export.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace wfo {

enum class ProcessStatus {
    Created,
    Running,
    Suspended,
    Waiting,
    AwaitingCallback,
    Aborted,
    Failed,
    ApiUnavailable,
    InconsistentData,
    Completed,
    Resumed,
};

enum class StepStatus {
    Success,
    Skipped,
    Suspend,
    Waiting,
    AwaitingCallback,
    Failed,
    Abort,
    Complete,
};

enum class Target {
    Create,
    Modify,
    Terminate,
    System,
    Validate,
    Reconcile,
};

// RUNNING: processes run. PAUSING: paused, but processes are still finishing a step.
// PAUSED: paused and nothing runs.
enum class EngineState {
    Running,
    Pausing,
    Paused,
};

WFO_ENGINE_EXPORT QString toText(ProcessStatus status);
WFO_ENGINE_EXPORT QString toText(StepStatus status);
WFO_ENGINE_EXPORT QString toText(Target target); // upper case: "CREATE"
WFO_ENGINE_EXPORT QString toText(EngineState state); // upper case: "RUNNING"

WFO_ENGINE_EXPORT std::optional<ProcessStatus> processStatusFromString(QStringView text);
WFO_ENGINE_EXPORT std::optional<StepStatus> stepStatusFromString(QStringView text);
WFO_ENGINE_EXPORT std::optional<Target> targetFromString(QStringView text); // any case

// Statuses from which an operator may resume or retry.
WFO_ENGINE_EXPORT bool isResumable(ProcessStatus status);
// Statuses in which a process does not run and will not run unless someone acts.
WFO_ENGINE_EXPORT bool isAtRest(ProcessStatus status);
// Statuses that can never change again.
WFO_ENGINE_EXPORT bool isFinal(ProcessStatus status);

// The translated, human name of a status for display (the raw string stays in data).
WFO_ENGINE_EXPORT QString displayName(ProcessStatus status);

} // namespace wfo

Q_DECLARE_METATYPE(wfo::ProcessStatus)
Q_DECLARE_METATYPE(wfo::StepStatus)
Q_DECLARE_METATYPE(wfo::EngineState)
