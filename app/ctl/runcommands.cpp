#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"
#include "enginesession.h"
#include "inputoption.h"

#include "forms/core/validationerror.h"

#include <QJsonObject>

#include <functional>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

QCommandLineOption inputOption()
{
    return {u"input"_s,
            RunCommands::tr("Form input: a JSON object (keys handed to each page by field name) "
                            "or an array with one object per page; @FILE reads it from a file."),
            RunCommands::tr("JSON|@FILE")};
}

QCommandLineOption detachOption()
{
    return {u"detach"_s,
            RunCommands::tr("Only queue the process; a worker or console runs it. Without it, "
                            "the process runs here until it comes to rest.")};
}

// A refusal is "blocked" (5) unless it says the command named no product or subscription
// (usage, 2) or one that does not exist (1).
// Reads --input into a start or resume request; an exit code when it is malformed.
template<typename Request>
std::optional<int> readInput(CommandParser &parser, Request &request)
{
    if (!parser.isSet(u"input"_s))
        return std::nullopt;
    QString error;
    const std::optional<FormInput> input = InputOption::parse(parser.value(u"input"_s), &error);
    if (!input)
        return parser.usageError(error);
    request.userInputs = input->userInputs;
    request.inputObject = input->object;
    return std::nullopt;
}

int blockedExitCode(const QString &code)
{
    if (code == "product.required"_L1 || code == "subscription.required"_L1)
        return ExitUsage;
    if (code.endsWith(".not_found"_L1) || code == "workflow.not_installed"_L1)
        return ExitError;
    return ExitBlocked;
}

// What the engine answered when it did not take the request; nothing when it did.
std::optional<int> refusalExitCode(CtlContext &context, const ActionResult &result)
{
    Output &out = context.out();
    switch (result.outcome) {
    case ActionResult::Outcome::Ok:
        return std::nullopt;
    case ActionResult::Outcome::NeedsInput: {
        const QJsonObject schema = result.form.page.toJsonSchema();
        if (context.json()) {
            out.printJson(
                QJsonObject {{u"page_index"_s, result.form.pageIndex}, {u"schema"_s, schema}});
        } else {
            out.error(result.message);
            out.error(RunCommands::tr("Give the answers with --input; the page's JSON schema:"));
            out.printJson(schema);
        }
        return ExitNeedsInput;
    }
    case ActionResult::Outcome::InvalidInput:
        if (!context.json()) {
            out.error(result.message);
            for (const forms::ValidationError &error : result.form.errors) {
                out.error(error.field().isEmpty()
                              ? error.msg
                              : RunCommands::tr("%1: %2").arg(error.field(), error.msg));
            }
        }
        out.printJson(forms::toJson(result.form.errors));
        return ExitInvalidInput;
    case ActionResult::Outcome::Blocked: {
        // The details (usable_when, subscriptions...) beside the code, as in `subscription`.
        QJsonObject refusal = result.refusal.details;
        refusal.insert(u"code"_s, result.refusal.code);
        refusal.insert(u"message"_s, result.refusal.message);
        const int exitCode = blockedExitCode(result.refusal.code);
        if (context.json())
            out.printJson(refusal);
        else if (exitCode == ExitBlocked)
            out.print(RunCommands::tr("Blocked (%1): %2")
                          .arg(result.refusal.code, result.refusal.message));
        else
            out.error(result.refusal.message);
        return exitCode;
    }
    case ActionResult::Outcome::NotPermitted:
        if (context.json())
            out.printJson(QJsonObject {{u"code"_s, result.refusal.code},
                                       {u"message"_s, result.refusal.message},
                                       {u"details"_s, result.refusal.details}});
        out.error(result.message);
        return ExitNotPermitted;
    case ActionResult::Outcome::UnknownWorkflow:
    case ActionResult::Outcome::UnknownProcess:
    case ActionResult::Outcome::NotAllowed:
    case ActionResult::Outcome::Failed:
        break;
    }
    out.error(result.message.isEmpty() ? RunCommands::tr("The engine refused the request.")
                                       : result.message);
    return ExitError;
}

// Opens a one-shot engine ("ctl"): it runs only what this command starts or resumes.
std::unique_ptr<EngineSession> openSession(CtlContext &context, const store::DatabaseUrl &url,
                                           int *exitCode)
{
    auto session = std::make_unique<EngineSession>(
        context.installation(), CtlContext::engineOptions(url, u"ctl"_s, 1, false));
    QString message;
    if (!session->open(&message)) {
        if (url.isSqlite()) {
            // Whatever the engine tripped over, a damaged file is the thing to tell.
            const StoreHandle store(url);
            const QStringList problems = store.database().damage();
            if (!problems.isEmpty())
                message = store.database().damagedError(problems).message();
        }
        context.out().error(message);
        *exitCode = ExitError;
        return nullptr;
    }
    return session;
}

// While the engine is paused nothing would run here: queue the process instead of waiting.
bool detachWhenPaused(CtlContext &context, EngineSession &session, bool detach)
{
    if (detach || session.engine().state() == EngineState::Running)
        return detach;
    context.out().error(RunCommands::tr("The engine is paused: the process is queued and runs "
                                        "when the engine is resumed ('engine resume')."));
    return true;
}

// Waits for the process to come to rest (unless detached) and prints it.
int finish(CtlContext &context, EngineSession &session, const store::DatabaseUrl &url,
           const QString &processId, bool detached)
{
    std::optional<ProcessStatus> stoppedAs;
    if (!detached)
        stoppedAs = session.waitUntilStopped(processId);
    session.shutdown();

    StoreHandle store(url);
    std::optional<ProcessStatus> status;
    try {
        status = ProcessCommands::printStored(context, store.database(), processId);
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
    if (!status)
        return ExitError;
    if (detached)
        return ExitOk;
    if (session.interrupted() && !isAtRest(*status)) {
        context.out().error(RunCommands::tr("Interrupted: the process is queued again and runs "
                                            "in the next engine that takes it."));
        return ExitError;
    }
    if (!stoppedAs || *stoppedAs == ProcessStatus::Running) {
        context.out().error(RunCommands::tr("The engine lost the database while running the "
                                            "process; it is recovered when an engine starts."));
        return ExitError;
    }
    if (exitCodeFor(*status) == ExitNotDone && !context.json())
        context.out().error(RunCommands::tr("The process came to rest %1.").arg(toText(*status)));
    return exitCodeFor(*status);
}

} // namespace

int RunCommands::start(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"start"_s,
                         tr("Start a workflow and run it until it comes to rest (or only queue "
                            "it with --detach)."));
    parser.addPositional(u"workflow"_s, tr("The workflow's name."), u"WORKFLOW"_s);
    parser.addOption(
        {u"product"_s, tr("The product (name or id) for a create workflow."), tr("NAME|ID")});
    parser.addOption({u"subscription"_s, tr("The subscription the workflow works on."), tr("ID")});
    parser.addOption(inputOption());
    parser.addOption(detachOption());
    parser.addOption({u"matching"_s,
                      tr("Start it on every subscription this search matches (the syntax of "
                         "'subscriptions --search') that may run it, as one audited action; "
                         "those that may not are listed with why."),
                      tr("QUERY")});
    parser.addOption({u"dry-run"_s,
                      tr("With --matching: only say which subscriptions can run it, and why "
                         "the others cannot.")});
    parser.addOption({u"yes"_s,
                      tr("With --matching: start without asking (a terminal is asked "
                         "first).")});
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    if (parser.isSet(u"matching"_s)) {
        if (parser.isSet(u"subscription"_s) || parser.isSet(u"product"_s)
            || parser.isSet(u"input"_s))
            return parser.usageError(
                tr("--matching takes no --subscription, --product or --input."));
        return BulkCommands::startMatching(context, parser.positional().constFirst(),
                                           parser.value(u"matching"_s), parser.isSet(u"dry-run"_s),
                                           parser.isSet(u"yes"_s), parser.isSet(u"detach"_s));
    }
    if (parser.isSet(u"dry-run"_s) || parser.isSet(u"yes"_s))
        return parser.usageError(tr("--dry-run and --yes go with --matching."));

    StartRequest request;
    request.workflow = parser.positional().constFirst();
    request.actor = CtlContext::actor();
    request.detach = parser.isSet(u"detach"_s);
    if (parser.isSet(u"product"_s))
        request.initialState.insert(u"product"_s,
                                    CtlContext::normalisedId(parser.value(u"product"_s)));
    if (parser.isSet(u"subscription"_s))
        request.initialState.insert(u"subscription_id"_s,
                                    CtlContext::normalisedId(parser.value(u"subscription"_s)));
    if (const std::optional<int> exitCode = readInput(parser, request))
        return *exitCode;
    const std::optional<store::DatabaseUrl> url = context.databaseUrl();
    if (!url)
        return ExitUsage;
    const WorkflowPtr workflow = context.registry().find(request.workflow);
    if (!workflow) {
        context.out().error(tr("There is no workflow '%1'; 'orchestratorctl workflows' lists "
                               "them.")
                                .arg(request.workflow));
        return ExitError;
    }
    if (parser.isSet(u"input"_s) && !workflow->initialForm())
        context.out().error(
            tr("Note: %1 has no initial form; --input is not used.").arg(request.workflow));

    int exitCode = ExitOk;
    const std::unique_ptr<EngineSession> session = openSession(context, *url, &exitCode);
    if (!session)
        return exitCode;
    request.detach = detachWhenPaused(context, *session, request.detach);
    const ActionResult result = session->wait(session->engine().start(request));
    if (const std::optional<int> refused = refusalExitCode(context, result)) {
        session->shutdown();
        return *refused;
    }
    return finish(context, *session, *url, result.processId, request.detach);
}

namespace {

// Resume, reset and skip: ask the engine with `act` and follow the process until it comes to
// rest (unless detached), with the exit codes of `resume`.
int actAndFollow(CtlContext &context, const QString &processId, bool detach,
                 const std::function<QFuture<ActionResult>(Engine &, bool detach)> &act)
{
    const std::optional<store::DatabaseUrl> url = context.databaseUrl();
    if (!url)
        return ExitUsage;
    if (const std::optional<int> exit = context.refuseMissingFile(*url))
        return *exit; // no process can be in a database that does not exist
    int exitCode = ExitOk;
    const std::unique_ptr<EngineSession> session = openSession(context, *url, &exitCode);
    if (!session)
        return exitCode;
    detach = detachWhenPaused(context, *session, detach);
    const ActionResult result = session->wait(act(session->engine(), detach));
    if (const std::optional<int> refused = refusalExitCode(context, result)) {
        session->shutdown();
        return *refused;
    }
    return finish(context, *session, *url, processId, detach);
}

} // namespace

int RunCommands::resume(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"resume"_s,
                         tr("Resume a suspended process with input, or retry a failed or "
                            "waiting one, and run it until it comes to rest."));
    parser.addPositional(u"process_id"_s, tr("The process."), u"PROCESS_ID"_s);
    parser.addOption(inputOption());
    parser.addOption(detachOption());
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;

    const QString processId = CtlContext::normalisedId(parser.positional().constFirst());
    ResumeRequest request;
    request.actor = CtlContext::actor();
    if (const std::optional<int> exitCode = readInput(parser, request))
        return *exitCode;
    return actAndFollow(context, processId, parser.isSet(u"detach"_s),
                        [&](Engine &engine, bool detach) {
                            request.detach = detach;
                            return engine.resume(processId, request);
                        });
}

int RunCommands::reset(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(
        context, u"reset"_s,
        tr("Rewind a process that is not running and not completed to an earlier step: its "
           "state becomes the state before that step, the later log rows are kept and marked "
           "rewound, subscriptions the rewound steps wrote get a version restoring them, and the "
           "process runs again from that step until it comes to rest. What the rewound steps "
           "did outside the database is not undone."));
    parser.addPositional(u"process_id"_s, tr("The process."), u"PROCESS_ID"_s);
    parser.addOption({u"to-step"_s,
                      tr("The step to go back to: its number as 'show' prints it, or its name."),
                      tr("N|NAME")});
    parser.addOption(detachOption());
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    if (!parser.isSet(u"to-step"_s) || parser.value(u"to-step"_s).trimmed().isEmpty())
        return parser.usageError(tr("'reset' needs --to-step N|NAME."));

    const QString processId = CtlContext::normalisedId(parser.positional().constFirst());
    ResetRequest request;
    request.actor = CtlContext::actor();
    const QString step = parser.value(u"to-step"_s).trimmed();
    bool isNumber = false;
    const int number = step.toInt(&isNumber);
    if (isNumber && number < 1)
        return parser.usageError(tr("--to-step counts from 1, as 'show' numbers the steps."));
    if (isNumber)
        request.toStep = number - 1;
    else
        request.toStepName = step;
    return actAndFollow(context, processId, parser.isSet(u"detach"_s),
                        [&](Engine &engine, bool detach) {
                            request.detach = detach;
                            return engine.reset(processId, request);
                        });
}

int RunCommands::skip(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"skip"_s,
                         tr("Skip the failed step of a process (admin): it is logged as skipped "
                            "with the reason, and the process goes on with the next step until "
                            "it comes to rest."));
    parser.addPositional(u"process_id"_s, tr("The process."), u"PROCESS_ID"_s);
    parser.addOption({u"reason"_s, tr("Why the step is skipped (required)."), tr("TEXT")});
    parser.addOption(detachOption());
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    if (parser.value(u"reason"_s).trimmed().isEmpty())
        return parser.usageError(tr("'skip' needs --reason TEXT."));

    const QString processId = CtlContext::normalisedId(parser.positional().constFirst());
    SkipRequest request;
    request.actor = CtlContext::actor();
    request.reason = parser.value(u"reason"_s).trimmed();
    return actAndFollow(context, processId, parser.isSet(u"detach"_s),
                        [&](Engine &engine, bool detach) {
                            request.detach = detach;
                            return engine.skip(processId, request);
                        });
}

} // namespace wfo::ctl
