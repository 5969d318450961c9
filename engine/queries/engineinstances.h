#pragma once
// The engine instances sharing a database (consoles, workers, orchestratorctl), each with the
// processes it runs now, and the engine-wide status (paused or not, how many processes run).

#include "wfo_engine_export.h"

#include "store/database.h"
#include "store/records.h"

#include <QList>
#include <QString>

namespace wfo::queries {

struct ClaimedProcess
{
    QString processId;
    QString workflowName;
    QString status;
    QString stepName; // the step it runs next
};

struct EngineInstance
{
    store::EngineInstanceRecord instance;
    QList<ClaimedProcess> running;
};

struct EngineStatusSnapshot
{
    bool paused = false; // the global lock is set
    int runningProcesses = 0;
};

class WFO_ENGINE_EXPORT EngineInstancesQuery
{
public:
    // Oldest instance first. A claim of an instance that is gone is left out: recovery fails
    // its process.
    static QList<EngineInstance> load(const store::Database &database);
    static EngineStatusSnapshot status(const store::Database &database);
};

} // namespace wfo::queries
