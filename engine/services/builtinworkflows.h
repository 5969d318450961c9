#pragma once
// The workflows every installation has, whatever packs are loaded:
//   modify_note                  (MODIFY) a form with one long-text field `note`; stores it
//   task_resume_workflows        queues every `waiting` process (a failed retrystep) again
//   task_clean_up_tasks          deletes completed task processes older than a retention period
//   task_validate_products       checks the catalogue against the code (fails listing problems)
//   task_validate_subscriptions  starts the validate workflows of in-sync active subscriptions

#include "domain/constraintsettings.h"

#include "core/workflowregistry.h"
#include "wfo_engine_export.h"

namespace wfo {

WFO_ENGINE_EXPORT Workflow modifyNoteWorkflow();
WFO_ENGINE_EXPORT Workflow resumeWorkflowsTask();
WFO_ENGINE_EXPORT Workflow cleanUpTasksTask();
WFO_ENGINE_EXPORT Workflow validateProductsTask(const WorkflowRegistry *registry);
WFO_ENGINE_EXPORT Workflow validateSubscriptionsTask();

WFO_ENGINE_EXPORT void registerBuiltinWorkflows(WorkflowRegistry &registry);

} // namespace wfo
