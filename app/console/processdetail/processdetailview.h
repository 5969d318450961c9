#pragma once
// One process in detail: its header (workflow, status, who, when, failure), the step timeline,
// the selected step's state delta and error, the full state, the traceback, and the inline form
// of a suspended input step, for a modify the subscription's delta (before vs now), and the
// process's audit trail. Retry / Reset to step… / Skip step… / Abort / Delete ask the engine
// (never SQL on the GUI thread); each is enabled only when the status and the operator's role
// allow it, and otherwise carries the reason as tooltip. Reset, Skip, Abort and Delete ask first;
// the outcome (or the refusal) shows under the buttons. The view follows the engine's signals and
// a light poll, so it is live within a second.

#include "processactions.h"

#include "core/actionresult.h"
#include "core/workflow.h"
#include "queries/processdetail.h"

#include <QFuture>
#include <QWidget>

#include <optional>

class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;
class QSplitter;
class QTreeView;

namespace wfo::console {

class AuditView;
class ConsoleContext;
class InputStepPanel;
class JsonView;
class StepListModel;
class SubscriptionDeltaView;

class ProcessDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessDetailView)

public:
    explicit ProcessDetailView(ConsoleContext *context, QWidget *parent = nullptr);

    void setProcess(const QString &processId);
    // Selects the newest row of the step named so once the process is (or was) loaded, as the
    // operator's own choice: the view then stays on it.
    void focusStep(const QString &stepName);
    QString processId() const { return m_processId; }
    // What was loaded last (nullopt while loading or when the process is gone).
    const std::optional<store::ProcessRecord> &process() const { return m_process; }
    StepListModel *stepModel() const { return m_steps; }
    SubscriptionDeltaView *subscriptionDelta() const { return m_subscriptionDelta; }
    AuditView *auditView() const { return m_audit; }
    // The timeline's context menu for a row (the caller owns it; shown on right click).
    QMenu *createTimelineMenu(int row);

public slots:
    void reload();
    void retry();
    // Asks which step (offering `step`, a workflow index, first) and confirms; -1: the latest.
    void resetToStep(int step = -1);
    void skipStep();
    void abort();
    void remove();

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    void loaded();
    void backRequested();
    void removed(const QString &processId);

private:
    void apply(const std::optional<queries::ProcessDetail> &detail);
    void updateActions();
    void showStep(int row);
    void selectFocusedStep();
    void runAction(const QString &what, const QString &success, QFuture<ActionResult> future);
    void actionDone(const QString &what, const QString &success, const ActionResult &result);
    void showOutcome(const QString &text, bool ok);

    ConsoleContext *m_context;
    QString m_processId;
    std::optional<store::ProcessRecord> m_process;
    WorkflowPtr m_workflow;
    QList<ResetTarget> m_resetTargets;
    quint64 m_generation = 0;
    bool m_actionRunning = false;

    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_info;
    QLabel *m_failure;
    QLabel *m_callback;
    QLabel *m_outcome;
    QProgressBar *m_activity;
    QLabel *m_waiting;
    QPushButton *m_copyTicket;
    QList<store::StepRecord> m_shownSteps; // for the ticket
    std::optional<ProcessStatus> m_shownStatus; // the status the last load showed
    int m_followedRow = -1; // the row the view selected by itself (not the operator)
    QString m_focusStep; // to select when the process comes (focusStep)
    QPushButton *m_back;
    QPushButton *m_retry;
    QPushButton *m_reset;
    QPushButton *m_skip;
    QPushButton *m_abort;
    QPushButton *m_delete;
    StepListModel *m_steps;
    QTreeView *m_timeline;
    QSplitter *m_splitter;
    QTabWidget *m_tabs;
    JsonView *m_delta;
    QLabel *m_stepNote;
    QLabel *m_stepError;
    JsonView *m_state;
    QPlainTextEdit *m_traceback;
    InputStepPanel *m_input;
    SubscriptionDeltaView *m_subscriptionDelta;
    AuditView *m_audit;
    QTimer *m_reloadTimer;
};

} // namespace wfo::console
