#include "processactions.h"

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

bool isRunning(const store::ProcessRecord &process)
{
    return process.status == ProcessStatus::Running || process.status == ProcessStatus::Created
        || process.status == ProcessStatus::Resumed
        || (!process.claimedBy.isEmpty() && !isFinal(process.status));
}

bool hasFailedStep(ProcessStatus status)
{
    return status == ProcessStatus::Failed || status == ProcessStatus::Waiting
        || status == ProcessStatus::ApiUnavailable || status == ProcessStatus::InconsistentData;
}

} // namespace

QString ProcessActions::retryBlocked(const store::ProcessRecord &process)
{
    if (process.status == ProcessStatus::Suspended)
        return tr("This process waits for input: answer the form on the Input tab.");
    if (process.status == ProcessStatus::AwaitingCallback)
        return tr("This process awaits a callback from an external system at its route; abort "
                  "it, or let it time out and retry it then.");
    if (isRunning(process))
        return tr("This process is running.");
    if (!isResumable(process.status))
        return tr("A %1 process cannot be retried; only a failed or waiting one can.")
            .arg(displayName(process.status));
    return QString();
}

QString ProcessActions::resetBlocked(const store::ProcessRecord &process,
                                     const QList<ResetTarget> &targets)
{
    if (isRunning(process))
        return tr("This process is running; it can be reset once it stops.");
    if (!isResumable(process.status))
        return tr("A %1 process cannot be reset; only one that is not running and not "
                  "completed or aborted can.")
            .arg(displayName(process.status));
    if (targets.isEmpty())
        return tr("This process has no step to go back to.");
    return QString();
}

QString ProcessActions::skipBlocked(const store::ProcessRecord &process)
{
    if (isRunning(process))
        return tr("This process is running.");
    if (!hasFailedStep(process.status))
        return tr("Only the step a failed or waiting process stopped at can be skipped; this "
                  "process is %1.")
            .arg(displayName(process.status));
    return QString();
}

QString ProcessActions::abortBlocked(const store::ProcessRecord &process)
{
    if (isFinal(process.status))
        return tr("This process is %1 already.").arg(displayName(process.status));
    return QString();
}

QString ProcessActions::deleteBlocked(const store::ProcessRecord &process)
{
    if (!isAtRest(process.status) || !process.claimedBy.isEmpty())
        return tr("This process is running; abort it first.");
    if (!process.isTask)
        return tr("Only task processes can be deleted; a workflow's process is part of its "
                  "subscriptions' history.");
    return QString();
}

QList<store::StepRecord> ProcessActions::rewoundBy(const QList<store::StepRecord> &log, int target)
{
    QList<store::StepRecord> rewound;
    for (const store::StepRecord &row : log) {
        if (!row.rewoundAt.isEmpty())
            continue;
        if (!rewound.isEmpty() || row.index >= target)
            rewound.append(row);
    }
    return rewound;
}

QList<ResetTarget> ProcessActions::resetTargets(const Workflow &workflow,
                                                const store::ProcessRecord &process,
                                                const QList<store::StepRecord> &log)
{
    QList<ResetTarget> targets;
    const StepList &steps = workflow.steps();
    const int last = std::min(process.nextStep, int(steps.size()) - 1);
    for (int index = 0; index <= last; ++index) {
        QList<store::StepRecord> rewound = rewoundBy(log, index);
        if (rewound.isEmpty())
            break;
        targets.append({index, steps.at(index).name(), rewound});
    }
    return targets;
}

QStringList ProcessActions::describe(const QList<store::StepRecord> &rows)
{
    QStringList names;
    for (const store::StepRecord &row : rows) {
        const QString name = u"%1 (%2)"_s.arg(row.name, toText(row.status));
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

} // namespace wfo::console
