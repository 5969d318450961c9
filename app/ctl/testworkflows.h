#pragma once
// Deterministic workflows for end-to-end and crash tests, registered only when the environment
// variable WFO_TEST_WORKFLOWS=1 is set:
//   test_steps         five steps "Step 1".."Step 5", each returning {"counter_<n>": n}
//   test_fail_once     fails with "Simulated failure" while the flag file exists (state key
//                      `flag_file`, else $WFO_TEST_FLAG_FILE)
//   test_retry         a retrystep that fails while $WFO_TEST_FLAG_FILE exists
//   test_input         asks for `name` and `age` (0..150), then greets
//   test_slow          ten steps sleeping $WFO_TEST_STEP_MS (default 200) each
//   test_initial_form  a two-page initial form: `customer_id`, then `role_id`

#include "core/workflowregistry.h"

namespace wfo::ctl {

void registerTestWorkflows(WorkflowRegistry &registry);

} // namespace wfo::ctl
