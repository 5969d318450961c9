#pragma once
// Starts a workflow the way an operator does: asks the engine for the workflow's initial form
// (on its housekeeping thread), shows it in a FormDialog whose evaluator also asks the engine
// asynchronously, and starts the process with the answers. The new process then opens (through
// ConsoleContext::openProcessRequested) and runs live. A workflow without a form does not start
// on the click alone: a StartConfirmation shows what it runs on and which steps will run (and a
// TERMINATE wants the subscription's description typed). One launcher per start; it deletes
// itself when done.

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include "startconfirmation.h"

#include "forms/widgets/formdialog.h"

namespace wfo::console {

class ConsoleContext;

class WorkflowLauncher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkflowLauncher)

public:
    WorkflowLauncher(ConsoleContext *context, QWidget *parentWidget);

    // Whether to open the new process when it started (default true).
    void setOpenProcess(bool open) { m_openProcess = open; }
    // Whether a workflow without a form asks first (default true; off where the operator
    // already confirmed in a dialog of its own, such as Run task).
    void setConfirmStart(bool confirm) { m_confirm = confirm; }
    // What the confirmation names the subscription by (its id when not given).
    void setSubscriptionDescription(const QString &description) { m_description = description; }
    void launch(const QString &workflow, const QJsonObject &initialState = {});
    forms::FormDialog *dialog() const { return m_dialog; }
    StartConfirmation *confirmation() const { return m_confirmation; }

signals:
    void started(const QString &processId);
    void failed(const QString &message);
    void cancelled();

private:
    void showForm();
    void confirm();
    void start(const QJsonArray &userInputs);
    void fail(const QString &message);

    ConsoleContext *m_context;
    QPointer<QWidget> m_parentWidget;
    QPointer<forms::FormDialog> m_dialog;
    QPointer<StartConfirmation> m_confirmation;
    QString m_description;
    bool m_confirm = true;
    QString m_workflow;
    QJsonObject m_state;
    bool m_openProcess = true;
};

} // namespace wfo::console
