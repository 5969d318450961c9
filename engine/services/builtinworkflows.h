#pragma once
// The workflows every installation has, whatever packs are loaded.

#include "core/workflowregistry.h"
#include "wfo_engine_export.h"

namespace wfo {

// task_resume_workflows: queues every `waiting` process (a retrystep that failed) for a retry.
WFO_ENGINE_EXPORT Workflow resumeWorkflowsTask();

WFO_ENGINE_EXPORT void registerBuiltinWorkflows(WorkflowRegistry &registry);

} // namespace wfo
