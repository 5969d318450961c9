#pragma once
// Engine-wide settings (the global lock that pauses every engine) and the registry of live
// engine instances with their heartbeats (the lease on the processes they run).

#include "database.h"
#include "records.h"
#include "wfo_engine_export.h"

#include <QList>
#include <QString>

namespace wfo::store {

// This machine's name as engines record it: $WFO_INSTANCE_HOST when set (tests use it to play
// another machine, whose dead processes only an expired lease reveals), else the host name.
WFO_ENGINE_EXPORT QString instanceHostName();

class WFO_ENGINE_EXPORT EngineRepository
{
public:
    explicit EngineRepository(const Database &database)
        : m_db(database)
    { }

    bool globalLock();
    void setGlobalLock(bool locked);

    void registerInstance(const EngineInstanceRecord &instance);
    // Renews the lease; returns false when the row is gone (another engine declared us dead).
    bool heartbeat(const QString &instanceId);
    void unregisterInstance(const QString &instanceId);
    QList<EngineInstanceRecord> instances();

    // Removes the instances that are dead: their lease expired, or they ran on this host and
    // their process is gone (dead at once, without waiting for the lease). An instance is only
    // removed while its heartbeat is still the one that was judged, so one that just beat stays.
    // Call it inside the write transaction that acts on the result (see
    // ProcessRepository::recoverInterrupted): a liveness list read outside it goes stale.
    QStringList removeDeadInstances(int leaseSeconds);

private:
    const Database &m_db;
};

} // namespace wfo::store
