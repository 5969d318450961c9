#pragma once
// One process in detail: its header (workflow, status, who, when, failure), the step timeline,
// the selected step's state delta and error, the full state, the traceback, and the inline form
// of a suspended input step, and for a modify the subscription's delta (before vs now). Retry /
// Abort / Delete ask the engine (never SQL on the GUI thread), are enabled only when the status
// allows them, and Abort and Delete ask first. The view follows the engine's signals and a light
// poll, so it is live within a second.

#include "queries/processdetail.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;
class QTreeView;

namespace wfo::console {

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
    QString processId() const { return m_processId; }
    // What was loaded last (nullopt while loading or when the process is gone).
    const std::optional<store::ProcessRecord> &process() const { return m_process; }
    StepListModel *stepModel() const { return m_steps; }
    SubscriptionDeltaView *subscriptionDelta() const { return m_subscriptionDelta; }

public slots:
    void reload();
    void retry();
    void abort();
    void remove();

signals:
    void loaded();
    void backRequested();
    void removed(const QString &processId);

private:
    void apply(const std::optional<queries::ProcessDetail> &detail);
    void updateActions();
    void showStep(int row);
    void actionDone(const QString &what, bool ok, const QString &message);

    ConsoleContext *m_context;
    QString m_processId;
    std::optional<store::ProcessRecord> m_process;
    quint64 m_generation = 0;
    bool m_actionRunning = false;

    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_info;
    QLabel *m_failure;
    QProgressBar *m_activity;
    QPushButton *m_back;
    QPushButton *m_retry;
    QPushButton *m_abort;
    QPushButton *m_delete;
    StepListModel *m_steps;
    QTreeView *m_timeline;
    QTabWidget *m_tabs;
    JsonView *m_delta;
    QLabel *m_stepError;
    JsonView *m_state;
    QPlainTextEdit *m_traceback;
    InputStepPanel *m_input;
    SubscriptionDeltaView *m_subscriptionDelta;
    QTimer *m_reloadTimer;
};

} // namespace wfo::console
