#pragma once
// The orchestratorctl commands, one class per group and one source file per class. Each
// command gets its own arguments (those after the command name) and returns the exit code.

#include "base/status.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace wfo::ctl {

class CtlContext;

// init, workflows, engine status|pause|resume (enginecommands.cpp)
class EngineCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::EngineCommands)

public:
    static int init(CtlContext &context, const QStringList &arguments);
    static int workflows(CtlContext &context, const QStringList &arguments);
    static int engine(CtlContext &context, const QStringList &arguments);
};

// processes, show, abort (processcommands.cpp)
class ProcessCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::ProcessCommands)

public:
    static int processes(CtlContext &context, const QStringList &arguments);
    static int show(CtlContext &context, const QStringList &arguments);
    static int abort(CtlContext &context, const QStringList &arguments);

    // Prints a stored process with its steps; returns its status, or nothing (with a message)
    // when there is no such process. Throws store::StoreError.
    static std::optional<ProcessStatus>
    printStored(CtlContext &context, const store::Database &database, const QString &processId);
};

// start, resume, reset, skip: run a process in this program's engine until it comes to rest
// (runcommands.cpp)
class RunCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::RunCommands)

public:
    static int start(CtlContext &context, const QStringList &arguments);
    static int resume(CtlContext &context, const QStringList &arguments);
    static int reset(CtlContext &context, const QStringList &arguments);
    static int skip(CtlContext &context, const QStringList &arguments);
};

// start WORKFLOW --matching QUERY, retry --matching QUERY, resume-all: one action on many
// subscriptions or processes (bulkcommands.cpp)
class BulkCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::BulkCommands)

public:
    // `start` with --matching: one process per subscription the search matches that may run
    // the workflow; the others are listed with why. On a terminal it asks before starting
    // unless `yes`. Exit 0 when every started process completed, 6 when some came to rest
    // otherwise, 5 when none could start.
    static int startMatching(CtlContext &context, const QString &workflow, const QString &search,
                             bool dryRun, bool yes, bool detach);
    static int retry(CtlContext &context, const QStringList &arguments);
    static int resumeAll(CtlContext &context, const QStringList &arguments);
};

// schedules list|add|set|enable|disable|delete|run (schedulecommands.cpp)
class ScheduleCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::ScheduleCommands)

public:
    static int schedules(CtlContext &context, const QStringList &arguments);
};

// worker: the headless engine (workercommand.cpp)
class WorkerCommand
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::WorkerCommand)

public:
    static int run(CtlContext &context, const QStringList &arguments);
};

// serve: the headless engine with the REST API (servecommand.cpp)
class ServeCommand
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::ServeCommand)

public:
    static int run(CtlContext &context, const QStringList &arguments);
};

// products, subscriptions, subscription: they come with the domain (domaincommands.cpp)
class DomainCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::DomainCommands)

public:
    static int products(CtlContext &context, const QStringList &arguments);
    static int subscriptions(CtlContext &context, const QStringList &arguments);
    static int subscription(CtlContext &context, const QStringList &arguments);
};

// operators, audit: who may do what, and what they did (operatorcommands.cpp)
class OperatorCommands
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::OperatorCommands)

public:
    static int operators(CtlContext &context, const QStringList &arguments);
    static int audit(CtlContext &context, const QStringList &arguments);
    static int tokens(CtlContext &context, const QStringList &arguments);
};

} // namespace wfo::ctl
