#include "registrysetup.h"

#include "testworkflows.h"

#include "services/builtinworkflows.h"

namespace wfo::ctl {

void setUpRegistry(WorkflowRegistry &registry)
{
    registerBuiltinWorkflows(registry);
    // Product packs register here once the domain exists.
    if (qEnvironmentVariableIntValue("WFO_TEST_WORKFLOWS") == 1)
        registerTestWorkflows(registry);
}

} // namespace wfo::ctl
