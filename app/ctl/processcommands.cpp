#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"

#include "core/actions.h"
#include "queries/processdetail.h"
#include "queries/processpages.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

std::optional<ProcessStatus> ProcessCommands::printStored(CtlContext &context,
                                                          const store::Database &database,
                                                          const QString &processId)
{
    const std::optional<queries::ProcessDetail> detail =
        queries::ProcessDetailQuery::load(database, processId);
    if (!detail) {
        context.out().error(tr("There is no process '%1'.").arg(processId));
        return std::nullopt;
    }
    context.out().printProcess(*detail);
    return detail->process.status;
}

int ProcessCommands::processes(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"processes"_s,
                         tr("List processes, most recently changed first. With --json each "
                            "process has the shape of 'show --json' but an empty 'steps' list "
                            "(use 'show' for the steps)."));
    parser.addOption(
        {u"status"_s, tr("Only processes in status S (a comma-separated list)."), tr("S")});
    parser.addOption({u"workflow"_s, tr("Only processes of workflow W."), tr("W")});
    parser.addOption({u"search"_s,
                      tr("Only processes that the search Q selects, in the console's search "
                         "syntax (for instance 'status:failed customer:acme workflow:validate*')."),
                      tr("Q")});
    parser.addOption({u"limit"_s, tr("At most N processes (default 1000)."), tr("N"), u"1000"_s});
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;

    queries::ProcessFilter filter;
    if (parser.isSet(u"status"_s)) {
        const QStringList statuses = parser.value(u"status"_s).split(u',', Qt::SkipEmptyParts);
        for (const QString &status : statuses) {
            if (!processStatusFromString(status.trimmed()))
                return parser.usageError(tr("Unknown process status '%1'.").arg(status));
            filter.statuses.append(status.trimmed());
        }
    }
    filter.workflow = parser.value(u"workflow"_s);
    filter.search = parser.value(u"search"_s);
    bool ok = false;
    filter.limit = parser.value(u"limit"_s).toInt(&ok);
    if (!ok || filter.limit <= 0)
        return parser.usageError(tr("--limit needs a positive number."));

    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        context.out().printProcesses(queries::ProcessPageQuery::page(store->database(), filter));
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

int ProcessCommands::show(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"show"_s, tr("Show a process with its steps."));
    parser.addPositional(u"process_id"_s, tr("The process."), u"PROCESS_ID"_s);
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        return printStored(context, store->database(),
                           CtlContext::normalisedId(parser.positional().constFirst()))
            ? ExitOk
            : ExitError;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

int ProcessCommands::abort(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"abort"_s,
                         tr("Abort a process. A process at rest is aborted at once; a running "
                            "one stops after its current step."));
    parser.addPositional(u"process_id"_s, tr("The process."), u"PROCESS_ID"_s);
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    const QString processId = CtlContext::normalisedId(parser.positional().constFirst());
    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        // Aborting needs no engine threads: a process at rest is changed in one transaction,
        // and a running one is only flagged for the engine that runs it.
        RunFlags flags;
        const QString instance = u"ctl-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        Actions actions(store->database(), &context.registry(), {}, &flags, instance);
        bool abortedNow = false;
        const ActionResult result = actions.abort(processId, CtlContext::actor(), &abortedNow);
        if (!result.ok()) {
            context.out().error(result.message);
            return exitCodeForRefusal(result);
        }
        if (!abortedNow)
            context.out().error(tr("Abort requested: the engine running process %1 stops it "
                                   "after its current step.")
                                    .arg(processId));
        return printStored(context, store->database(), processId) ? ExitOk : ExitError;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

} // namespace wfo::ctl
