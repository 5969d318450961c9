#pragma once
// The simulated NSO (network service orchestrator) device registry. Its devices are records
// the store keeps for the pack (store::PackRecords); they survive between processes and programs.
// The NSO steps write it directly, outside the step's transaction, the way a call to the real NSO
// API would change the network whether or not the engine later commits the step. That is why every
// NSO step is idempotent: a retry after a crash or a failure may call NSO a second time.
//
// NODE_ENROLLMENT_NSO_OFFLINE=1 makes every call fail with "NSO unavailable".

#include "core/extension.h"
#include "core/state.h"
#include "store/database.h"
#include "store/packrecords.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QString>

#include <optional>

namespace wfo::nodeenrollment {

struct NsoDevice
{
    QString name;
    int esdbNodeId = 0;
    QString serviceId;
    QString routingDomain;
    QString role;
    QString siteId;
    int deployments = 0;
    QString deployedAt;
};

class NsoRegistry
{
    Q_DECLARE_TR_FUNCTIONS(wfo::nodeenrollment::NsoRegistry)

public:
    // Throws StepError when the step has no database or NSO is offline.
    explicit NsoRegistry(const StepContext &context);

    // Creates or updates the device (counting deployments).
    void deploy(const NsoDevice &device);
    std::optional<NsoDevice> find(const QString &name) const;
    // Starts an upgrade job of the device's software; NSO calls `callbackRoute` when it is done
    // (NsoCallback). Idempotent: a retry replaces the job. Throws StepError for no device.
    void requestUpgrade(const QString &name, const QString &version, const QString &callbackRoute);
    // Returns whether there was a device to remove.
    bool remove(const QString &name);

    static bool offline();
    // Every device as a JSON row with its `device_name`, for the console's Metadata screen.
    static QJsonArray devicesTable(const store::Database &database);

private:
    const store::Database &m_database;
};

} // namespace wfo::nodeenrollment
