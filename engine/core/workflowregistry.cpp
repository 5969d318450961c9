#include "workflowregistry.h"

#include "store/processrepository.h"
#include "store/transaction.h"

#include <algorithm>

namespace wfo {

void WorkflowRegistry::add(const Workflow &workflow)
{
    QWriteLocker locker(&m_lock);
    auto ptr = std::make_shared<const Workflow>(workflow);
    for (WorkflowPtr &existing : m_workflows) {
        if (existing->name() == workflow.name()) {
            existing = ptr;
            return;
        }
    }
    m_workflows.append(ptr);
    std::sort(m_workflows.begin(), m_workflows.end(),
              [](const WorkflowPtr &a, const WorkflowPtr &b) { return a->name() < b->name(); });
}

WorkflowPtr WorkflowRegistry::find(const QString &name) const
{
    QReadLocker locker(&m_lock);
    for (const WorkflowPtr &workflow : m_workflows) {
        if (workflow->name() == name)
            return workflow;
    }
    return nullptr;
}

QList<WorkflowPtr> WorkflowRegistry::all() const
{
    QReadLocker locker(&m_lock);
    return m_workflows;
}

void recordCatalogue(const WorkflowRegistry &registry, const store::Database &database)
{
    store::WriteTransaction transaction(database);
    database.lockCatalogue();
    store::ProcessRepository repository(database);
    for (const WorkflowPtr &workflow : registry.all())
        repository.registerWorkflow(workflow->name(), toText(workflow->target()),
                                    workflow->descriptionSource(), workflow->isTask());
    transaction.commit();
}

} // namespace wfo
