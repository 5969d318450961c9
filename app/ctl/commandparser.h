#pragma once
// The option parser of one orchestratorctl command. It accepts the global options (--db,
// --json) after the command name too, prints the command's --help, and turns every parse
// problem into a usage error (exit code 2): QCommandLineParser::process() would exit with
// code 1 on its own, which the command-line contract does not allow.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace wfo::ctl {

class CtlContext;

class CommandParser
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::CommandParser)

public:
    // `command` is what follows the program name in the usage line, e.g. "engine".
    CommandParser(CtlContext &context, const QString &command, const QString &description);

    void addPositional(const QString &name, const QString &description, const QString &syntax = {});
    void addOption(const QCommandLineOption &option);

    // Parses the command's own arguments (those after its name). Returns the exit code to
    // leave with (0 after --help, 2 on a usage error, the message printed), or nothing when
    // the command should go on. The positional argument count must be in [min, max].
    std::optional<int> parse(const QStringList &arguments, int minPositional, int maxPositional);

    QStringList positional() const;
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }

    // Prints "message" and the usage line to stderr; returns the usage exit code.
    int usageError(const QString &message);

    // --threads N of the commands that run an engine; threads() is 0 (the database's default,
    // EngineOptions::defaultThreads) when it is not given, nothing when it is not a number from 1
    // to 64 (the usage error printed).
    void addThreadsOption();
    std::optional<int> threads();

    // The global options, shared with the program's own parser.
    static QList<QCommandLineOption> globalOptions();

private:
    CtlContext &m_context;
    QString m_command;
    QCommandLineParser m_parser;
};

} // namespace wfo::ctl
