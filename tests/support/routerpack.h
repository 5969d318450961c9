#pragma once
// A small pack for the domain and read-side suites: routers (create, modify, validate,
// terminate) and services that use a router, whose blocks depend on the router's block.

#include "domain/productpack.h"

#include <atomic>

namespace testsupport {

class RouterPack final : public wfo::ProductPack
{
public:
    // While set, validate_test_router's check fails (the router "does not answer").
    inline static std::atomic<bool> validationFails = false;
    // How long "Check router" takes (ms): what a test needs to act while processes run.
    inline static std::atomic<int> checkDelayMs = 0;

    QString name() const override;
    void install(wfo::PackContext &context) override;
};

} // namespace testsupport
