#pragma once
// The one place where orchestratorctl learns its workflows: the built-ins, the deterministic
// test workflows when WFO_TEST_WORKFLOWS=1, and (later) the product packs.

#include "core/workflowregistry.h"

namespace wfo::ctl {

void setUpRegistry(WorkflowRegistry &registry);

} // namespace wfo::ctl
