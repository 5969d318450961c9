#pragma once
// The standard steps around an author's steps, and the workflow kinds that add them, as in
// orchestrator-core:
//   create    = init >> steps >> setStatus(status) >> resync >> done
//   modify    = init >> storeProcessSubscription >> unsync >> steps >> resync >> done
//   terminate = init >> storeProcessSubscription >> unsync >> steps >> setStatus(terminated)
//               >> resync >> done
//   validate  = init >> storeProcessSubscription >> unsyncUnchecked >> steps >> resync >> done

#include "core/workflow.h"
#include "base/lifecycle.h"
#include "wfo_engine_export.h"

namespace wfo {

WFO_ENGINE_EXPORT Step storeProcessSubscription();
WFO_ENGINE_EXPORT Step unsync(); // fails when the subscription is out of sync already
WFO_ENGINE_EXPORT Step unsyncUnchecked(); // for validate workflows
WFO_ENGINE_EXPORT Step resync();
WFO_ENGINE_EXPORT Step setStatus(Lifecycle status);

WFO_ENGINE_EXPORT Workflow createWorkflow(const QString &name, const char *description,
                                          const forms::FormGenerator &form, Lifecycle status,
                                          const StepList &steps);
WFO_ENGINE_EXPORT Workflow modifyWorkflow(const QString &name, const char *description,
                                          const forms::FormGenerator &form, const StepList &steps);
WFO_ENGINE_EXPORT Workflow terminateWorkflow(const QString &name, const char *description,
                                             const forms::FormGenerator &form,
                                             const StepList &steps);
WFO_ENGINE_EXPORT Workflow validateWorkflow(const QString &name, const char *description,
                                            const StepList &steps);

} // namespace wfo
