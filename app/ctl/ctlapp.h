#pragma once
// orchestratorctl: parses the global options and the command name, and hands the rest of the
// command line to the command (one class per group in commands.h). Exit codes and --json
// shapes follow the command-line contract in the README ("orchestratorctl") and the man page.

#include "wfo_ctl_export.h"

#include <QCoreApplication>
#include <QStringList>

namespace wfo::ctl {

class CtlContext;

class WFO_CTL_EXPORT CtlApp
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::CtlApp)

public:
    // `arguments` as QCoreApplication::arguments() gives them, program name first.
    static int run(const QStringList &arguments);

private:
    static QString commandSummary();
};

} // namespace wfo::ctl
