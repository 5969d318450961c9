#pragma once
// The form of a suspended input step, inline in the process detail: the engine replays the
// step's form (Engine::resumeForm, off the GUI thread) page by page; errors appear under their
// fields; when the last page is valid the process resumes with the answers.

#include <QJsonArray>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

#include "forms/core/formgenerator.h"
#include "forms/widgets/formpagewidget.h"

namespace wfo::console {

class ConsoleContext;

class InputStepPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InputStepPanel)

public:
    explicit InputStepPanel(ConsoleContext *context, QWidget *parent = nullptr);

    // Asks for the first page of the form `processId` waits for.
    void setProcess(const QString &processId);
    QString processId() const { return m_processId; }
    void clear();
    // Why the operator may not resume (their role); empty when they may.
    void setRefusal(const QString &reason);
    forms::FormPageWidget *page() const { return m_page; }

public slots:
    void submit();

signals:
    void resumed(const QString &processId);
    void failed(const QString &message);

private:
    void evaluate(const QJsonArray &inputs);
    void handle(const QJsonArray &inputs, const forms::FormResult &result);
    void setBusy(bool busy);
    void enableSubmit(bool enabled);

    ConsoleContext *m_context;
    QString m_processId;
    QJsonArray m_answers; // pages answered before the one shown
    quint64 m_generation = 0;
    QLabel *m_title;
    QLabel *m_message;
    QScrollArea *m_scroll;
    QPointer<forms::FormPageWidget> m_page;
    QPushButton *m_submit;
    QString m_refusal;
};

} // namespace wfo::console
