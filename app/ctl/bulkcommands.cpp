// start WORKFLOW --matching QUERY, retry --matching QUERY, resume-all: bulk operations through
// the engine's Actions (docs/architecture.md, "The action side"), each one audited action.
#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"
#include "enginesession.h"

#include "queries/processpages.h"
#include "queries/subscriptionpages.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

// The refused items: "ID  code: message" lines, or JSON.
void printRefused(CtlContext &context, const BulkResult &result, const QString &heading)
{
    if (result.refused.isEmpty() || context.json())
        return;
    context.out().print(heading);
    QList<QStringList> rows;
    for (const BulkItem &item : result.refused)
        rows.append({item.id, item.code, item.message});
    context.out().print(Output::table(
        {BulkCommands::tr("ID"), BulkCommands::tr("REASON"), BulkCommands::tr("WHY")}, rows));
}

std::unique_ptr<EngineSession> openSession(CtlContext &context, const store::DatabaseUrl &url,
                                           int *exitCode)
{
    auto session = std::make_unique<EngineSession>(
        context.installation(), CtlContext::engineOptions(url, u"ctl"_s, 1, false));
    QString message;
    if (!session->open(&message)) {
        context.out().error(message);
        *exitCode = ExitError;
        return nullptr;
    }
    return session;
}

// Waits for the processes to come to rest here (unless detached), prints the outcome and
// returns 0 when all completed, 6 when some came to rest otherwise, 1 when interrupted.
int follow(CtlContext &context, EngineSession &session, const BulkResult &result, bool detach)
{
    const QStringList ids = result.processIds();
    QHash<QString, ProcessStatus> statuses;
    bool interrupted = false;
    // A progress bar for a person at a terminal; scripts and --json get none.
    const bool bar = !detach && !context.json() && ::isatty(STDERR_FILENO) && !ids.isEmpty();
    const auto progress = [&ids, bar](qsizetype done) {
        if (!bar)
            return;
        constexpr int Width = 30;
        const int filled = int(done * Width / ids.size());
        const QString line = u"\r["_s + QString(filled, u'#') + QString(Width - filled, u'.')
            + u"] "_s + BulkCommands::tr("%1 of %2 at rest").arg(done).arg(ids.size());
        std::fputs(line.toLocal8Bit().constData(), stderr);
        if (done == ids.size())
            std::fputs("\n", stderr);
        std::fflush(stderr);
    };
    if (!detach) {
        progress(0);
        for (const QString &id : ids) {
            const std::optional<ProcessStatus> status = session.waitUntilStopped(id);
            if (!status) {
                interrupted = true;
                if (bar)
                    std::fputs("\n", stderr);
                break;
            }
            statuses.insert(id, *status);
            progress(statuses.size());
        }
    }
    session.shutdown();
    int completed = 0;
    int notDone = 0;
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
        if (*it == ProcessStatus::Completed)
            ++completed;
        else
            ++notDone;
    }
    if (context.json()) {
        QJsonObject json = result.toJson();
        QJsonObject rest;
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            rest.insert(it.key(), toText(*it));
        json.insert(u"statuses"_s, rest);
        context.out().printJson(json);
    } else if (detach) {
        context.out().print(BulkCommands::tr("%n process(es) queued.", nullptr, int(ids.size())));
    } else {
        context.out().print(BulkCommands::tr("%1 completed, %2 came to rest otherwise.")
                                .arg(completed)
                                .arg(notDone));
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
            if (*it != ProcessStatus::Completed)
                context.out().print(u"  "_s + it.key() + u"  "_s + toText(*it));
        }
    }
    if (interrupted) {
        context.out().error(BulkCommands::tr("Interrupted: the processes not yet at rest are "
                                             "queued again and run in the next engine."));
        return ExitError;
    }
    return notDone > 0 ? ExitNotDone : ExitOk;
}

int refusedExit(CtlContext &context, const BulkResult &result)
{
    ActionResult as;
    as.outcome = result.outcome;
    as.message = result.message;
    as.refusal = result.refusal;
    context.out().error(result.message);
    return exitCodeForRefusal(as);
}

// The processes a search selects (the console's process search), by default among those that
// failed or wait: a search without status: terms retries nothing that completed or runs.
std::optional<queries::ProcessFilter> parseProcessQuery(const QString &text, QString *error)
{
    queries::ProcessFilter filter;
    filter.limit = 100000;
    filter.search = text;
    QStringList statuses;
    try {
        statuses = queries::ProcessPageQuery::searchedStatuses(text);
    } catch (const store::StoreError &e) {
        *error = e.message();
        return std::nullopt;
    }
    for (const QString &status : std::as_const(statuses)) {
        if (!status.endsWith(u'*') && !processStatusFromString(status)) {
            *error = BulkCommands::tr("'%1' is not a process status.").arg(status);
            return std::nullopt;
        }
    }
    if (statuses.isEmpty())
        filter.statuses = queries::ProcessPageQuery::failedStatuses();
    return filter;
}

int retryProcesses(CtlContext &context, const queries::ProcessFilter &filter, bool detach)
{
    const std::optional<store::DatabaseUrl> url = context.databaseUrl();
    if (!url)
        return ExitUsage;
    QStringList ids;
    {
        std::unique_ptr<StoreHandle> store;
        if (const std::optional<int> exit = context.openStore(store))
            return *exit;
        try {
            ids = queries::ProcessPageQuery::ids(store->database(), filter);
        } catch (const store::StoreError &e) {
            return context.storeFailure(e);
        }
    }
    if (ids.isEmpty()) {
        if (context.json())
            context.out().printJson(BulkResult().toJson());
        else
            context.out().print(BulkCommands::tr("No process to retry."));
        return ExitOk;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<EngineSession> session = openSession(context, *url, &exitCode);
    if (!session)
        return exitCode;
    const BulkResult result =
        session->wait(session->engine().retryMany(ids, CtlContext::actor(), detach));
    if (!result.ok()) {
        session->shutdown();
        return refusedExit(context, result);
    }
    if (!context.json())
        context.out().print(
            BulkCommands::tr("Retrying %n process(es).", nullptr, int(result.done.size())));
    printRefused(context, result, BulkCommands::tr("Not retried:"));
    return follow(context, *session, result, detach);
}

} // namespace

int BulkCommands::startMatching(CtlContext &context, const QString &workflow, const QString &search,
                                bool dryRun, bool yes, bool detach)
{
    const std::optional<store::DatabaseUrl> url = context.databaseUrl();
    if (!url)
        return ExitUsage;
    if (!context.registry().find(workflow)) {
        context.out().error(tr("There is no workflow '%1'; 'orchestratorctl workflows' lists "
                               "them.")
                                .arg(workflow));
        return ExitError;
    }
    QStringList subscriptions;
    {
        std::unique_ptr<StoreHandle> store;
        if (const std::optional<int> exit = context.openStore(store))
            return *exit;
        try {
            queries::SubscriptionFilter filter;
            filter.search = search;
            subscriptions = queries::SubscriptionPageQuery::ids(store->database(), filter);
        } catch (const store::StoreError &e) {
            context.out().error(e.message()); // a search the syntax refuses says why
            return ExitUsage;
        }
    }
    if (subscriptions.isEmpty()) {
        context.out().error(tr("No subscription matches '%1'.").arg(search));
        return ExitBlocked;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<EngineSession> session = openSession(context, *url, &exitCode);
    if (!session)
        return exitCode;
    BulkStartRequest request;
    request.workflow = workflow;
    request.subscriptionIds = subscriptions;
    request.actor = CtlContext::actor();
    request.detach = detach;
    // Which can run it is said before anything starts.
    request.preview = true;
    const BulkResult preview = session->wait(session->engine().startMany(request));
    if (!preview.ok()) {
        session->shutdown();
        return refusedExit(context, preview);
    }
    if (!context.json() || dryRun) {
        if (context.json()) {
            context.out().printJson(preview.toJson());
        } else {
            context.out().print(tr("%1 of %n matching subscription(s) can run %2.", nullptr,
                                   int(subscriptions.size()))
                                    .arg(preview.done.size())
                                    .arg(workflow));
            printRefused(context, preview, tr("Cannot run it:"));
        }
    }
    if (dryRun || preview.done.isEmpty()) {
        session->shutdown();
        return preview.done.isEmpty() ? ExitBlocked : ExitOk;
    }
    // A person at a terminal confirms what the preview said; scripts pass --yes or no terminal.
    if (!yes && !context.json() && ::isatty(STDIN_FILENO)) {
        std::fputs(tr("Start %n process(es)? [y/N] ", nullptr, int(preview.done.size()))
                       .toLocal8Bit()
                       .constData(),
                   stderr);
        std::fflush(stderr);
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != u"y" && answer != u"yes" && answer != tr("y")) {
            session->shutdown();
            context.out().print(tr("Nothing started."));
            return ExitOk;
        }
    }
    request.preview = false;
    const BulkResult result = session->wait(session->engine().startMany(request));
    if (!result.ok()) {
        session->shutdown();
        return refusedExit(context, result);
    }
    if (result.done.isEmpty()) {
        session->shutdown();
        return ExitBlocked; // all became blocked since the preview
    }
    if (!context.json())
        context.out().print(tr("Started %n process(es).", nullptr, int(result.done.size())));
    return follow(context, *session, result, detach);
}

int BulkCommands::retry(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"retry"_s,
                         tr("Retry every process the query matches (by default those that "
                            "failed or wait), as one audited action, and run them here until "
                            "they come to rest."));
    parser.addOption({u"matching"_s,
                      tr("Which processes, in the console's search syntax (without status: "
                         "those that failed or wait), e.g. 'status:failed "
                         "workflow:validate_node_enrollment customer:acme'."),
                      tr("QUERY")});
    parser.addOption({u"detach"_s, tr("Only queue them; a worker or console runs them.")});
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    if (!parser.isSet(u"matching"_s))
        return parser.usageError(tr("'retry' needs --matching QUERY."));
    QString error;
    const std::optional<queries::ProcessFilter> filter =
        parseProcessQuery(parser.value(u"matching"_s), &error);
    if (!filter)
        return parser.usageError(error);
    return retryProcesses(context, *filter, parser.isSet(u"detach"_s));
}

int BulkCommands::resumeAll(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"resume-all"_s,
                         tr("Retry every failed task, as orchestrator-core's resume-all, as one "
                            "audited action."));
    parser.addOption({u"detach"_s, tr("Only queue them; a worker or console runs them.")});
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    queries::ProcessFilter filter;
    filter.isTask = true;
    filter.statuses = queries::ProcessPageQuery::failedStatuses();
    filter.limit = 100000;
    return retryProcesses(context, filter, parser.isSet(u"detach"_s));
}

} // namespace wfo::ctl
