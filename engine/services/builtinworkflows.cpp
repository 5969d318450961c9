#include "builtinworkflows.h"

#include "store/processrepository.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo {

Workflow resumeWorkflowsTask()
{
    const Step findWaiting = step(u"Find waiting workflows"_s, [](const StepContext &context) {
        store::ProcessFilter filter;
        filter.statuses = { u"waiting"_s };
        filter.limit = 10000;
        QJsonArray ids;
        if (context.database()) {
            for (const store::ProcessRecord &process :
                 store::ProcessRepository(*context.database()).list(filter)) {
                if (process.id != context.processId())
                    ids.append(process.id);
            }
        }
        // The engine queues the listed processes in this step's own transaction.
        return QJsonObject { { u"number_of_waiting_processes"_s, ids.size() },
                             { u"__resume_processes"_s, ids },
                             { u"resumed_process_ids"_s, ids } };
    });
    return Workflow::task(u"task_resume_workflows"_s,
                          QT_TRANSLATE_NOOP("wfo::workflows",
                                            "Resume all workflows that are "
                                            "waiting for a retry"),
                          begin >> findWaiting);
}

void registerBuiltinWorkflows(WorkflowRegistry &registry)
{
    registry.add(resumeWorkflowsTask());
}

} // namespace wfo
