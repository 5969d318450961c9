#pragma once
// Starts a workflow the way an operator does: asks the engine for the workflow's initial form
// (on its housekeeping thread), shows it in a FormDialog whose evaluator also asks the engine
// asynchronously, and starts the process with the answers. The new process then opens (through
// ConsoleContext::openProcessRequested) and runs live. One launcher per start; it deletes
// itself when done.

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

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
    void launch(const QString &workflow, const QJsonObject &initialState = {});
    forms::FormDialog *dialog() const { return m_dialog; }

signals:
    void started(const QString &processId);
    void failed(const QString &message);
    void cancelled();

private:
    void showForm();
    void start(const QJsonArray &userInputs);
    void fail(const QString &message);

    ConsoleContext *m_context;
    QPointer<QWidget> m_parentWidget;
    QPointer<forms::FormDialog> m_dialog;
    QString m_workflow;
    QJsonObject m_state;
    bool m_openProcess = true;
};

} // namespace wfo::console
