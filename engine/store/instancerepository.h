#pragma once
// What the engine instances sharing the database are doing: the processes each one has
// claimed. Read-only; the registry of instances itself is EngineRepository's.

#include "database.h"
#include "wfo_engine_export.h"

#include <QList>
#include <QString>

namespace wfo::store {

struct ClaimedProcessRow
{
    QString claimedBy; // the instance id
    QString processId;
    QString workflowName;
    QString status;
    QString nextStepName; // the step it runs next
};

class WFO_ENGINE_EXPORT InstanceRepository
{
public:
    explicit InstanceRepository(const Database &database)
        : m_db(database)
    { }

    // Every claimed process, least recently changed first.
    QList<ClaimedProcessRow> claimedProcesses();

private:
    const Database &m_db;
};

} // namespace wfo::store
