#include "engineinstances.h"

#include "store/enginerepository.h"
#include "store/instancerepository.h"
#include "store/processrepository.h"

#include <QHash>

namespace wfo::queries {

QList<EngineInstance> EngineInstancesQuery::load(const store::Database &database)
{
    QList<EngineInstance> rows;
    QHash<QString, qsizetype> byId;
    for (const store::EngineInstanceRecord &instance :
         store::EngineRepository(database).instances()) {
        byId.insert(instance.id, rows.size());
        rows.append(EngineInstance {instance, {}});
    }
    for (const store::ClaimedProcessRow &claim :
         store::InstanceRepository(database).claimedProcesses()) {
        const auto it = byId.constFind(claim.claimedBy);
        if (it == byId.constEnd())
            continue;
        rows[*it].running.append(
            ClaimedProcess {claim.processId, claim.workflowName, claim.status, claim.nextStepName});
    }
    return rows;
}

EngineStatusSnapshot EngineInstancesQuery::status(const store::Database &database)
{
    EngineStatusSnapshot status;
    status.paused = store::EngineRepository(database).globalLock();
    status.runningProcesses =
        store::ProcessRepository(database).countByStatus(toText(ProcessStatus::Running));
    return status;
}

} // namespace wfo::queries
