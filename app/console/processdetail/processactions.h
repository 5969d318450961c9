#pragma once
// What an operator may do with a process in the state it is in, and why not: the process
// detail's buttons, the timeline's menu and the process lists' context menus all ask here, so
// that the same process shows the same reasons everywhere. The role part comes from
// ConsoleContext::refusal(); the engine checks both again when the operator acts.

#include "core/workflow.h"
#include "queries/processdetail.h" // store::ProcessRecord, StepRecord

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace wfo::console {

// A step a reset may go back to, with the log rows it would rewind.
struct ResetTarget
{
    int index = 0; // the step's index in the workflow (0-based)
    QString name;
    QList<store::StepRecord> rewound;
};

class ProcessActions final
{
    Q_DECLARE_TR_FUNCTIONS(wfo::console::ProcessActions)

public:
    // Why the process cannot be retried now; empty when it can.
    static QString retryBlocked(const store::ProcessRecord &process);
    static QString resetBlocked(const store::ProcessRecord &process,
                                const QList<ResetTarget> &targets);
    static QString skipBlocked(const store::ProcessRecord &process);
    static QString abortBlocked(const store::ProcessRecord &process);
    static QString deleteBlocked(const store::ProcessRecord &process);

    // The steps a reset may go back to: each step of the workflow up to the one the process
    // stopped at, as far as the log has rows that count at or after it.
    static QList<ResetTarget> resetTargets(const Workflow &workflow,
                                           const store::ProcessRecord &process,
                                           const QList<store::StepRecord> &log);
    // The rows that count (not rewound before) from the first one at or after `target` on.
    static QList<store::StepRecord> rewoundBy(const QList<store::StepRecord> &log, int target);
    // "Prepare (success), Call the network (failed)" for a confirmation.
    static QStringList describe(const QList<store::StepRecord> &rows);
};

} // namespace wfo::console
