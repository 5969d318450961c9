#pragma once
// The test pack: a product pack built only for the test suites, never shipped. The programs
// load it as a plugin when a test puts its folder (WFO_TEST_PACK_DIR) on WFO_PACK_PATH; suites
// that run an engine in-process add TestPack directly. Its workflows are deterministic tasks:
//   test_steps         five steps "Step 1".."Step 5", each returning {"counter_<n>": n}
//   test_fail_once     fails with "Simulated failure" while the flag file exists (state key
//                      `flag_file`, else $WFO_TEST_FLAG_FILE)
//   test_retry         a retrystep that fails while $WFO_TEST_FLAG_FILE exists
//   test_input         asks for `name` and `age` (0..150), then greets
//   test_slow          ten steps sleeping $WFO_TEST_STEP_MS (default 200) each
//   test_initial_form  a two-page initial form: `customer_id`, then `role_id`
// Its engine extension writes a row (process_id, step) into table `test_effects` in the step's
// transaction for every step whose state delta has a key starting with "slow_": the crash test
// checks that these effects and the step log always agree.

#include "core/extension.h"
#include "domain/productpack.h"

namespace wfo::testpack {

class TestPack final : public ProductPack
{
public:
    QString name() const override;
    void install(PackContext &context) override;
};

class TestEffectsExtension final : public EngineExtension
{
public:
    void databaseOpened(const store::Database &database) override;
    void persistStep(const store::Database &database, store::ProcessRecord &process,
                     store::StepRecord &step) override;
};

} // namespace wfo::testpack
