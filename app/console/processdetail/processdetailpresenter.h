#pragma once
// How the process detail screen shows a process: its title, the coloured status, the line of
// facts under it, and the step it is running. Kept out of the view so that the view only lays
// out widgets and fills them; its strings stay in the view's translation context.

#include "core/workflow.h"
#include "queries/processdetail.h"

#include <QCoreApplication>
#include <QString>

namespace wfo::console {

class ProcessDetailPresenter final
{
    Q_DECLARE_TR_FUNCTIONS(wfo::console::ProcessDetailView)

public:
    // "workflow — description" (the workflow's name alone when it is not installed).
    static QString title(const store::ProcessRecord &process, const WorkflowPtr &workflow);
    static QString statusHtml(const store::ProcessRecord &process);
    static QString statusAccessibleName(const store::ProcessRecord &process);
    // Id, target, who started it and when, last change, assignee and links to its
    // subscriptions ("subscription:<id>"), as rich text.
    static QString infoHtml(const store::ProcessRecord &process, const WorkflowPtr &workflow);
    // The ids the line leaves out, for its tooltip.
    static QString infoToolTip(const store::ProcessRecord &process);
    // How a subscription the process touches is named: its description from the state, else
    // the start of its id.
    static QString subscriptionName(const store::ProcessRecord &process,
                                    const QString &subscriptionId);
    // Everything a ticket about the process needs, as plain text: what ran on what, who started
    // it, where and why it stopped (with the error's class), the steps, the state and the
    // traceback.
    static QString ticketText(const store::ProcessRecord &process, const WorkflowPtr &workflow,
                              const QList<store::StepRecord> &steps);
    // How the attempt in `row` of the step log compares with the previous attempt of the same
    // step (a retry): which attempt it is, how the previous one ended and with what error, and
    // which keys of the result differ. Empty for a step's first attempt.
    static QString compareWithPrevious(const QList<store::StepRecord> &steps, int row);
    // The traceback with the engine's 0-based step number made 1-based.
    static QString tracebackText(const QString &traceback);
    // What a process awaiting a callback waits for: the route, the latest progress and the
    // deadline, as rich text (docs/architecture.md, "Callback steps").
    static QString callbackHtml(const queries::AwaitedCallback &callback);
    // Whether an engine is running it or about to.
    static bool isRunning(const store::ProcessRecord &process);
    // Whether it is queued (created or resumed) while the engine is paused or pausing: it waits
    // for the engine rather than runs.
    static bool waitsForEngine(const store::ProcessRecord &process, EngineState engine);
    // The name of the step it runs now; empty when it is not running.
    static QString runningStep(const store::ProcessRecord &process);
};

} // namespace wfo::console
