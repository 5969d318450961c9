#pragma once
// The workflows this program knows in code, by name. Packs and built-ins add to it at start-up;
// engine threads only read it. Thread-safe.

#include "store/database.h"
#include "wfo_engine_export.h"
#include "workflow.h"

#include <QList>
#include <QReadWriteLock>
#include <QString>

namespace wfo {

class WFO_ENGINE_EXPORT WorkflowRegistry
{
public:
    WorkflowRegistry() = default;
    Q_DISABLE_COPY_MOVE(WorkflowRegistry)

    // Replaces a workflow of the same name.
    void add(const Workflow &workflow);
    WorkflowPtr find(const QString &name) const;
    QList<WorkflowPtr> all() const; // sorted by name

private:
    mutable QReadWriteLock m_lock;
    QList<WorkflowPtr> m_workflows;
};

// Records every workflow of the registry in the database's catalogue (idempotent); engines do
// it when they open the database.
WFO_ENGINE_EXPORT void recordCatalogue(const WorkflowRegistry &registry,
                                       const store::Database &database);

} // namespace wfo
