#pragma once
// The console's read-only look at the engine instances sharing its database: each registered
// instance (console, worker, ctl) with what it runs now (the processes it has claimed). Runs on
// a query thread with store::Database, never on the GUI thread.

#include "store/database.h"
#include "store/records.h"

#include <QList>
#include <QString>

namespace wfo::console {

struct ClaimedProcess
{
    QString processId;
    QString workflowName;
    QString status;
    QString stepName; // the step it runs next
};

struct InstanceRow
{
    store::EngineInstanceRecord instance;
    QList<ClaimedProcess> running;
};

QList<InstanceRow> loadInstances(const store::Database &database);

} // namespace wfo::console
