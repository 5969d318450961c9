#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"

#include "core/actions.h"
#include "queries/schedules.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

int listSchedules(CtlContext &context, const store::Database &database)
{
    const QJsonArray schedules = queries::ScheduleQueries::schedules(database);
    if (context.json()) {
        context.out().printJson(schedules);
        return ExitOk;
    }
    if (schedules.isEmpty()) {
        context.out().print(ScheduleCommands::tr("No schedules."));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : schedules) {
        const QJsonObject s = value.toObject();
        const QString trigger = s.value(u"trigger_kind").toString() + u' '
            + s.value(u"trigger").toString()
            + (s.value(u"time_zone").toString().isEmpty()
                   ? QString()
                   : u" ("_s + s.value(u"time_zone").toString() + u')');
        QString last = s.value(u"last_run_at").toString();
        if (!last.isEmpty() && !s.value(u"last_status").toString().isEmpty())
            last += u' ' + s.value(u"last_status").toString();
        if (s.value(u"last_missed").toInt() > 0)
            last += ScheduleCommands::tr(" (+%1 missed)").arg(s.value(u"last_missed").toInt());
        const QJsonArray next = s.value(u"next_runs").toArray();
        rows.append({s.value(u"schedule_id").toString(), s.value(u"workflow").toString(), trigger,
                     s.value(u"enabled").toBool() ? ScheduleCommands::tr("yes")
                                                  : ScheduleCommands::tr("no"),
                     next.isEmpty() ? u"-"_s : next.at(0).toString(),
                     last.isEmpty() ? u"-"_s : last});
    }
    context.out().print(
        Output::table({ScheduleCommands::tr("ID"), ScheduleCommands::tr("WORKFLOW"),
                       ScheduleCommands::tr("TRIGGER"), ScheduleCommands::tr("ENABLED"),
                       ScheduleCommands::tr("NEXT RUN"), ScheduleCommands::tr("LAST RUN")},
                      rows));
    return ExitOk;
}

} // namespace

int ScheduleCommands::schedules(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(
        context, u"schedules"_s,
        tr("List the schedules with their next and last runs, or add, change, enable, disable, "
           "delete (admin) or run one now. Every engine that takes queued work starts their "
           "due runs, each exactly once."));
    parser.addPositional(u"action"_s,
                         tr("list, add, set, enable, disable, remove (or delete) or run."),
                         u"list|add|set|enable|disable|remove|run"_s);
    parser.addPositional(u"id"_s,
                         tr("The schedule's id; for add, the workflow it starts (the id is then "
                            "made from its name unless --id gives one)."),
                         u"[ID|WORKFLOW]"_s);
    parser.addOption({u"workflow"_s,
                      tr("The workflow it starts (usually a task); with it, add takes the id as "
                         "its argument."),
                      tr("W")});
    parser.addOption({u"id"_s, tr("The id of a new schedule (add WORKFLOW)."), tr("ID")});
    parser.addOption(
        {u"cron"_s, tr("A cron expression of five fields, e.g. '10 0 * * *'."), tr("EXPR")});
    parser.addOption(
        {u"every"_s, tr("An interval from a minute up, e.g. '6h' or '1h30m'."), tr("DURATION")});
    parser.addOption(
        {u"at"_s, tr("Once, at a date and time, e.g. '2026-12-24T18:00'."), tr("TIME")});
    parser.addOption({u"tz"_s,
                      tr("The time zone of the cron expression or the time, e.g. "
                         "'Europe/Amsterdam' (default: the engine's)."),
                      tr("ZONE")});
    parser.addOption({u"name"_s, tr("A name to show."), tr("TEXT")});
    if (const std::optional<int> exit = parser.parse(arguments, 1, 2))
        return *exit;
    const QStringList positional = parser.positional();
    const QString action = positional.constFirst();
    static const QStringList actions {u"list"_s,    u"add"_s,    u"set"_s,    u"enable"_s,
                                      u"disable"_s, u"delete"_s, u"remove"_s, u"run"_s};
    if (!actions.contains(action))
        return parser.usageError(tr("Unknown schedules action '%1'.").arg(action));
    if (action != "list"_L1 && positional.size() < 2)
        return parser.usageError(action == "add"_L1
                                     ? tr("'schedules add' needs the workflow it starts.")
                                     : tr("'schedules %1' needs the schedule's id.").arg(action));

    ScheduleChange change;
    change.change = action;
    change.actor = CtlContext::actor();
    if (positional.size() > 1)
        change.id = positional.at(1).trimmed();
    // `add WORKFLOW [--id ID]`, or the older `add ID --workflow WORKFLOW`.
    const bool workflowFirst = action == "add"_L1 && !parser.isSet(u"workflow"_s);
    if (workflowFirst) {
        change.workflow = change.id;
        change.id = parser.value(u"id"_s).trimmed();
    } else if (parser.isSet(u"id"_s)) {
        return parser.usageError(tr("--id is for 'schedules add WORKFLOW'."));
    }
    int triggers = 0;
    for (const auto &[option, kind] :
         {std::pair {u"cron"_s, u"cron"_s}, std::pair {u"every"_s, u"interval"_s},
          std::pair {u"at"_s, u"once"_s}}) {
        if (parser.isSet(option)) {
            ++triggers;
            change.triggerKind = kind;
            change.trigger = parser.value(option).trimmed();
        }
    }
    if (triggers > 1)
        return parser.usageError(tr("Give one of --cron, --every and --at."));
    if (action == "add"_L1 && triggers == 0)
        return parser.usageError(tr("'schedules add' needs one of --cron, --every and --at."));
    if (!workflowFirst)
        change.workflow = parser.value(u"workflow"_s).trimmed();
    change.timeZone = parser.value(u"tz"_s).trimmed();
    change.name = parser.value(u"name"_s).trimmed();
    if (action == "enable"_L1 || action == "disable"_L1)
        change.enabled = action == "enable"_L1;

    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        if (action == "list"_L1)
            return listSchedules(context, store->database());
        if (action == "run"_L1) {
            const std::optional<QJsonObject> schedule =
                queries::ScheduleQueries::schedule(store->database(), change.id);
            if (!schedule) {
                context.out().error(tr("There is no schedule '%1'.").arg(change.id));
                return ExitError;
            }
            const QString workflow = schedule->value(u"workflow").toString();
            store.reset();
            return RunCommands::start(context, {workflow});
        }
        RunFlags flags;
        Actions actions(store->database(), &context.registry(), {}, &flags, u"ctl"_s);
        const ActionResult result = action == "delete"_L1 || action == "remove"_L1
            ? actions.removeSchedule(change.id, change.actor)
            : actions.saveSchedule(change);
        if (!result.ok()) {
            context.out().error(result.message);
            return exitCodeForRefusal(result);
        }
        return listSchedules(context, store->database());
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

} // namespace wfo::ctl
