#include "ctlapp.h"

#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"
#include "signalwatcher.h"

#include <QCommandLineParser>

#include <functional>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

using CommandFunction = std::function<int(CtlContext &, const QStringList &)>;

struct CommandEntry
{
    QString name;
    CommandFunction run;
};

QList<CommandEntry> commands()
{
    return {
        {u"init"_s, &EngineCommands::init},
        {u"workflows"_s, &EngineCommands::workflows},
        {u"products"_s, &DomainCommands::products},
        {u"start"_s, &RunCommands::start},
        {u"processes"_s, &ProcessCommands::processes},
        {u"show"_s, &ProcessCommands::show},
        {u"resume"_s, &RunCommands::resume},
        {u"reset"_s, &RunCommands::reset},
        {u"skip"_s, &RunCommands::skip},
        {u"abort"_s, &ProcessCommands::abort},
        {u"subscriptions"_s, &DomainCommands::subscriptions},
        {u"subscription"_s, &DomainCommands::subscription},
        {u"engine"_s, &EngineCommands::engine},
        {u"worker"_s, &WorkerCommand::run},
        {u"serve"_s, &ServeCommand::run},
        {u"operators"_s, &OperatorCommands::operators},
        {u"audit"_s, &OperatorCommands::audit},
        {u"tokens"_s, &OperatorCommands::tokens},
        {u"schedules"_s, &ScheduleCommands::schedules},
        {u"retry"_s, &BulkCommands::retry},
        {u"resume-all"_s, &BulkCommands::resumeAll},
    };
}

} // namespace

QString CtlApp::commandSummary()
{
    return tr("Runs and inspects Orchestrator Console workflows from the command line.\n"
              "\n"
              "Commands:\n"
              "  init                      create or migrate the schema, register workflows\n"
              "  workflows | products      list\n"
              "  start WORKFLOW [--product NAME|ID] [--subscription ID] [--input JSON|@FILE] "
              "[--detach]\n"
              "  start WORKFLOW --matching QUERY [--dry-run] [--yes]\n"
              "  retry --matching QUERY | resume-all   retry many processes / every failed task\n"
              "  processes [--status S] [--workflow W]\n"
              "  show PROCESS_ID           a process with its steps\n"
              "  resume PROCESS_ID [--input JSON|@FILE] [--detach]\n"
              "  abort PROCESS_ID\n"
              "  reset PROCESS_ID --to-step N|NAME [--detach]\n"
              "  skip PROCESS_ID --reason TEXT [--detach]\n"
              "  subscriptions [--search Q] [--status S] | subscription SUBSCRIPTION_ID\n"
              "  engine status|pause|resume\n"
              "  worker [--threads N]      run the engine headless until SIGINT/SIGTERM\n"
              "  serve [--listen HOST:PORT] [--tls-cert F --tls-key F] [--threads N]\n"
              "                            the engine and the REST API until SIGINT/SIGTERM\n"
              "  operators list | add NAME --role R | set NAME --role R | disable NAME | "
              "grant-sql\n"
              "  audit [--since T] [--actor A] [--target ID]\n"
              "  tokens list | create --user NAME [--expires DAYS] [--description TEXT] | "
              "revoke ID\n"
              "  schedules list | add WORKFLOW [--id ID] --cron EXPR|--every D|--at T [--tz Z] "
              "| set ID ... | enable ID | disable ID | remove ID | run ID\n"
              "'orchestratorctl COMMAND --help' describes a command.\n"
              "\n"
              "Exit codes: 0 done, 1 error, 2 usage, 3 the form needs more input, 4 the input "
              "is not valid, 5 the workflow is blocked, 6 the process came to rest failed, "
              "waiting or aborted, 7 the action is not permitted for this operator.");
}

int CtlApp::run(const QStringList &arguments)
{
    // Held since main() until the command that runs an engine watches for them.
    CtlContext context;
    QCommandLineParser parser;
    parser.setApplicationDescription(commandSummary());
    parser.addHelpOption();
    const QCommandLineOption version(u"version"_s, tr("Print the version."));
    parser.addOption(version);
    parser.addOptions(CommandParser::globalOptions());
    parser.addPositionalArgument(u"command"_s, tr("The command and its arguments."),
                                 u"COMMAND ..."_s);
    // Everything after the command belongs to the command's own parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);

    if (!parser.parse(arguments)) {
        context.out().error(parser.errorText());
        context.out().error(tr("Try 'orchestratorctl --help'."));
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        context.out().print(parser.helpText().trimmed());
        return ExitOk;
    }
    if (parser.isSet(version)) {
        context.out().print(u"orchestratorctl "_s + QStringLiteral(WFO_VERSION));
        // Found by their metadata only: --version runs no plugin code.
        QStringList problems;
        const QStringList packs = Installation::packFiles(&problems);
        for (const QString &pack : packs)
            context.out().print(tr("product pack: %1").arg(pack));
        for (const QString &problem : std::as_const(problems))
            context.out().error(tr("Warning: %1").arg(problem));
        return ExitOk;
    }
    if (parser.isSet(u"db"_s))
        context.setDatabaseOption(parser.value(u"db"_s));
    context.setJson(parser.isSet(u"json"_s));

    const QStringList rest = parser.positionalArguments();
    if (rest.isEmpty()) {
        context.out().error(tr("No command given."));
        context.out().error(tr("Try 'orchestratorctl --help'."));
        return ExitUsage;
    }
    const QString name = rest.constFirst();
    static const QStringList following {u"worker"_s, u"serve"_s, u"start"_s,
                                        u"resume"_s, u"reset"_s, u"skip"_s};
    if (!following.contains(name))
        SignalWatcher::releaseSignals();
    for (const CommandEntry &command : commands()) {
        if (command.name == name)
            return command.run(context, rest.mid(1));
    }
    context.out().error(tr("Unknown command '%1'.").arg(name));
    context.out().error(tr("Try 'orchestratorctl --help'."));
    return ExitUsage;
}

} // namespace wfo::ctl
