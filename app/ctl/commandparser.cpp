#include "commandparser.h"

#include "ctlcontext.h"

#include "core/engine.h"

using namespace Qt::StringLiterals;

namespace wfo::ctl {

CommandParser::CommandParser(CtlContext &context, const QString &command,
                             const QString &description)
    : m_context(context)
    , m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
    m_parser.addOptions(globalOptions());
    // The command name itself is the first positional argument, so that the usage line reads
    // "orchestratorctl [options] start WORKFLOW".
    m_parser.addPositionalArgument(u"command"_s, tr("The command: %1.").arg(command), command);
}

QList<QCommandLineOption> CommandParser::globalOptions()
{
    return {
        QCommandLineOption(u"db"_s,
                           tr("Database URL: sqlite:///abs/path.db or "
                              "postgresql://user[:pass]@host[:port]/db (default: "
                              "$WFO_DATABASE_URL, else a SQLite file in the user data folder)."),
                           tr("URL")),
        QCommandLineOption(u"json"_s, tr("Print results as JSON.")),
    };
}

void CommandParser::addPositional(const QString &name, const QString &description,
                                  const QString &syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
}

void CommandParser::addOption(const QCommandLineOption &option)
{
    m_parser.addOption(option);
}

std::optional<int> CommandParser::parse(const QStringList &arguments, int minPositional,
                                        int maxPositional)
{
    const QStringList all =
        QStringList {QCoreApplication::applicationName(), m_command} + arguments;
    if (!m_parser.parse(all))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(u"help"_s)) {
        m_context.out().print(m_parser.helpText().trimmed());
        return ExitOk;
    }
    if (m_parser.isSet(u"db"_s))
        m_context.setDatabaseOption(m_parser.value(u"db"_s));
    if (m_parser.isSet(u"json"_s))
        m_context.setJson(true);
    const qsizetype count = positional().size();
    if (count < minPositional)
        return usageError(tr("Missing argument."));
    if (count > maxPositional)
        return usageError(tr("Unexpected argument '%1'.").arg(positional().at(maxPositional)));
    return std::nullopt;
}

QStringList CommandParser::positional() const
{
    // The first positional argument is the command name put there by parse().
    return m_parser.positionalArguments().mid(1);
}

int CommandParser::usageError(const QString &message)
{
    const QString usage = m_parser.helpText().section(u'\n', 0, 0);
    m_context.out().error(message);
    m_context.out().error(usage);
    m_context.out().error(tr("Try 'orchestratorctl %1 --help'.").arg(m_command));
    return ExitUsage;
}

void CommandParser::addThreadsOption()
{
    store::DatabaseUrl sqlite;
    store::DatabaseUrl postgresql;
    postgresql.kind = store::DatabaseUrl::Kind::PostgreSQL;
    addOption({u"threads"_s,
               tr("Worker threads (default %1 on SQLite, %2 on PostgreSQL).")
                   .arg(EngineOptions::defaultThreads(sqlite))
                   .arg(EngineOptions::defaultThreads(postgresql)),
               tr("N")});
}

std::optional<int> CommandParser::threads()
{
    if (!isSet(u"threads"_s))
        return 0;
    bool ok = false;
    const int threads = value(u"threads"_s).toInt(&ok);
    if (!ok || threads < 1 || threads > 64) {
        usageError(tr("--threads needs a number from 1 to 64."));
        return std::nullopt;
    }
    return threads;
}

} // namespace wfo::ctl
