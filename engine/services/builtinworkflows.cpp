#include "builtinworkflows.h"

#include "subscriptionsteps.h"

#include "domain/subscriptionmodel.h"
#include "store/processrepository.h"
#include "store/subscriptionrepository.h"
#include "store/timestamps.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo {

namespace {

const store::Database &databaseOf(const StepContext &context)
{
    if (!context.database())
        throw StepError(
            QCoreApplication::translate("wfo::builtins", "This step needs the database."));
    return *context.database();
}

} // namespace

Workflow modifyNoteWorkflow()
{
    const forms::FormGenerator form = [](forms::FormSession &session) {
        QString current;
        if (const store::Database *db = store::CurrentDatabase::get()) {
            const auto model = store::SubscriptionRepository(*db).load(
                session.state().value(u"subscription_id").toString());
            if (model)
                current = model->value(u"note").toString();
        }
        session.page(
            forms::FormPage(QCoreApplication::translate("wfo::builtins", "Note"),
                            {forms::Field::longText(u"note"_s)
                                 .label(QCoreApplication::translate("wfo::builtins", "Note"))
                                 .optional()
                                 .defaultValue(current)}));
        return QJsonObject();
    };
    // No unsync/resync: a note may be kept on a subscription that is out of sync (that is what
    // WF_USABLE_WHILE_OUT_OF_SYNC allows), so it must not take the subscription over.
    const Step storeNote = step(u"Store subscription note"_s, [](const StepContext &context) {
        QJsonObject subscription = subscriptions::current(context);
        const QString note = context.value(u"note").toString();
        subscription.insert(u"note"_s,
                            note.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(note));
        return QJsonObject {{u"subscription"_s, subscription}};
    });
    Workflow workflow(u"modify_note"_s, Target::Modify,
                      QT_TRANSLATE_NOOP("wfo::workflows", "Modify the note"),
                      begin >> init() >> storeProcessSubscription() >> storeNote >> done());
    workflow.initialForm(form);
    return workflow;
}

Workflow resumeWorkflowsTask()
{
    const Step findWaiting = step(u"Find waiting workflows"_s, [](const StepContext &context) {
        store::ProcessFilter filter;
        filter.statuses = {u"waiting"_s};
        filter.limit = 10000;
        QJsonArray ids;
        for (const store::ProcessRecord &process :
             store::ProcessRepository(databaseOf(context)).list(filter)) {
            if (process.id != context.processId())
                ids.append(process.id);
        }
        // The engine queues the listed processes in this step's own transaction.
        return QJsonObject {{u"number_of_waiting_processes"_s, ids.size()},
                            {ResumeProcessesKey.toString(), ids},
                            {u"resumed_process_ids"_s, ids}};
    });
    return Workflow::task(
        u"task_resume_workflows"_s,
        QT_TRANSLATE_NOOP("wfo::workflows", "Resume all workflows that are waiting for a retry"),
        begin >> findWaiting);
}

Workflow cleanUpTasksTask()
{
    const Step findOld = step(u"Find old completed tasks"_s, [](const StepContext &context) {
        const int days = qEnvironmentVariableIsSet("TASK_LOG_RETENTION_DAYS")
            ? qEnvironmentVariableIntValue("TASK_LOG_RETENTION_DAYS")
            : 3;
        const QString cutoff =
            store::Timestamps::toText(QDateTime::currentDateTimeUtc().addDays(-days));
        const QJsonArray ids =
            QJsonArray::fromStringList(store::ProcessRepository(databaseOf(context))
                                           .completedTasksBefore(cutoff, context.processId()));
        return QJsonObject {{u"retention_days"_s, days},
                            {u"deleted_tasks"_s, ids.size()},
                            {DeleteProcessesKey.toString(), ids}};
    });
    return Workflow::task(u"task_clean_up_tasks"_s,
                          QT_TRANSLATE_NOOP("wfo::workflows", "Clean up old completed tasks"),
                          begin >> findOld);
}

Workflow validateProductsTask(const WorkflowRegistry *registry)
{
    const Step check =
        step(u"Check products and workflows"_s, [registry](const StepContext &context) {
            const store::Database &db = databaseOf(context);
            QStringList problems;
            QStringList inDatabase;
            for (const store::WorkflowRow &row : store::ProcessRepository(db).workflows()) {
                const QString &name = row.name;
                inDatabase.append(name);
                const WorkflowPtr code = registry->find(name);
                if (!code) {
                    problems.append(
                        QCoreApplication::translate("wfo::builtins",
                                                    "Workflow '%1' is in the database but not in "
                                                    "the code.")
                            .arg(name));
                } else if (toText(code->target()) != row.target) {
                    problems.append(
                        QCoreApplication::translate("wfo::builtins",
                                                    "Workflow '%1' has target %2 in the code and "
                                                    "%3 in the database.")
                            .arg(name, toText(code->target()), row.target));
                }
            }
            for (const WorkflowPtr &workflow : registry->all()) {
                if (!inDatabase.contains(workflow->name()))
                    problems.append(
                        QCoreApplication::translate("wfo::builtins",
                                                    "Workflow '%1' is in the code but not in the "
                                                    "database.")
                            .arg(workflow->name()));
            }
            QJsonArray checked;
            for (const QJsonValue &value : store::SubscriptionRepository(db).products()) {
                const QJsonObject product = value.toObject();
                const QJsonArray workflows = product.value(u"workflows").toArray();
                bool hasCreate = false;
                bool hasTerminate = false;
                for (const QJsonValue &w : workflows) {
                    const QString target = w.toObject().value(u"target").toString();
                    hasCreate |= target == "CREATE"_L1;
                    hasTerminate |= target == "TERMINATE"_L1;
                }
                const QString name = product.value(u"name").toString();
                if (workflows.isEmpty())
                    problems.append(QCoreApplication::translate("wfo::builtins",
                                                                "Product '%1' has no workflows.")
                                        .arg(name));
                else if (!hasCreate || !hasTerminate)
                    problems.append(
                        QCoreApplication::translate("wfo::builtins",
                                                    "Product '%1' has no create or no terminate "
                                                    "workflow.")
                            .arg(name));
                checked.append(name);
            }
            if (!problems.isEmpty())
                throw StepError(QCoreApplication::translate("wfo::builtins",
                                                            "The products do not validate:\n%1")
                                    .arg(problems.join(u'\n')),
                                ProcessStatus::InconsistentData);
            return QJsonObject {{u"checked_products"_s, checked}};
        });
    return Workflow::task(u"task_validate_products"_s,
                          QT_TRANSLATE_NOOP("wfo::workflows", "Validate products"), begin >> check);
}

Workflow validateSubscriptionsTask()
{
    const Step queue = step(u"Start validate workflows"_s, [](const StepContext &context) {
        // Every in-sync active subscription whose product has a validate workflow.
        QJsonArray starts;
        const auto validations =
            store::SubscriptionRepository(databaseOf(context)).validationsDue();
        for (const auto &[subscriptionId, workflow] : validations)
            starts.append(
                QJsonObject {{u"workflow"_s, workflow}, {u"subscription_id"_s, subscriptionId}});
        return QJsonObject {{u"number_of_validations"_s, starts.size()},
                            {StartProcessesKey.toString(), starts}};
    });
    return Workflow::task(u"task_validate_subscriptions"_s,
                          QT_TRANSLATE_NOOP("wfo::workflows", "Validate subscriptions"),
                          begin >> queue);
}

void registerBuiltinWorkflows(WorkflowRegistry &registry)
{
    registry.add(modifyNoteWorkflow());
    registry.add(resumeWorkflowsTask());
    registry.add(cleanUpTasksTask());
    registry.add(validateProductsTask(&registry));
    registry.add(validateSubscriptionsTask());
}

} // namespace wfo
