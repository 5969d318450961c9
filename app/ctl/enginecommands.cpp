#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"

#include "core/actions.h"
#include "queries/engineinstances.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

int printEngineStatus(CtlContext &context, const store::Database &database)
{
    const queries::EngineStatusSnapshot status = queries::EngineInstancesQuery::status(database);
    const bool locked = status.paused;
    const int running = status.runningProcesses;
    const EngineState state = !locked ? EngineState::Running
        : running > 0                 ? EngineState::Pausing
                                      : EngineState::Paused;
    if (context.json()) {
        context.out().printJson(QJsonObject {{u"global_lock"_s, locked},
                                             {u"status"_s, toText(state)},
                                             {u"running_processes"_s, running}});
    } else {
        context.out().print(
            EngineCommands::tr("Engine: %1 (%n running process(es))", nullptr, running)
                .arg(toText(state)));
    }
    return ExitOk;
}

} // namespace

int EngineCommands::init(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"init"_s,
                         tr("Create or migrate the database schema and register the workflows "
                            "and the packs' products."));
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store, true))
        return *exit;
    try {
        const store::Database &database = store->database();
        const int version = database.schemaVersion();
        const qsizetype workflows = context.registry().all().size();
        if (context.json()) {
            context.out().printJson(QJsonObject {{u"database"_s, database.url().displayString()},
                                                 {u"schema_version"_s, version},
                                                 {u"workflows"_s, workflows}});
        } else {
            context.out().print(tr("Database %1 is ready (schema version %2); %n workflow(s) "
                                   "registered.",
                                   nullptr, int(workflows))
                                    .arg(database.url().displayString(), QString::number(version)));
        }
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

int EngineCommands::workflows(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"workflows"_s, tr("List the workflows this program can run."));
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    const QList<WorkflowPtr> workflows = context.registry().all();
    if (context.json()) {
        QJsonArray array;
        for (const WorkflowPtr &workflow : workflows) {
            array.append(QJsonObject {{u"name"_s, workflow->name()},
                                      {u"target"_s, toText(workflow->target())},
                                      {u"description"_s, workflow->description()},
                                      {u"is_task"_s, workflow->isTask()}});
        }
        context.out().printJson(array);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const WorkflowPtr &workflow : workflows) {
        rows.append({workflow->name(), toText(workflow->target()),
                     workflow->isTask() ? tr("task") : QString(), workflow->description()});
    }
    context.out().print(
        Output::table({tr("NAME"), tr("TARGET"), tr("KIND"), tr("DESCRIPTION")}, rows));
    return ExitOk;
}

int EngineCommands::engine(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"engine"_s,
                         tr("Show the engine status (RUNNING, PAUSING or PAUSED), or pause or "
                            "resume every engine on the database (the global lock)."));
    parser.addPositional(u"action"_s, tr("status, pause or resume."), u"status|pause|resume"_s);
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    const QString action = parser.positional().constFirst();
    if (action != "status"_L1 && action != "pause"_L1 && action != "resume"_L1)
        return parser.usageError(tr("Unknown engine action '%1'.").arg(action));

    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        if (action != "status"_L1) {
            const bool pause = action == "pause"_L1;
            RunFlags flags;
            Actions actions(store->database(), &context.registry(), {}, &flags, u"ctl"_s);
            const ActionResult result = actions.setGlobalLock(pause, CtlContext::actor());
            if (!result.ok()) {
                context.out().error(result.message);
                return exitCodeForRefusal(result);
            }
            if (!context.json())
                context.out().print(pause ? tr("Engine paused: new and resumed processes wait; "
                                               "running ones stop after their current step.")
                                          : tr("Engine resumed."));
        }
        return printEngineStatus(context, store->database());
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

} // namespace wfo::ctl
