#include "workflowlauncher.h"

#include "confirm.h"
#include "consolecontext.h"
#include "startconfirmation.h"

#include "forms/widgets/formdialog.h"

using namespace Qt::StringLiterals;

namespace wfo::console {

WorkflowLauncher::WorkflowLauncher(ConsoleContext *context, QWidget *parentWidget)
    : QObject(parentWidget)
    , m_context(context)
    , m_parentWidget(parentWidget)
{ }

void WorkflowLauncher::launch(const QString &workflow, const QJsonObject &initialState)
{
    m_workflow = workflow;
    m_state = initialState;
    m_context->engine()
        ->startForm(workflow, initialState, {})
        .then(this, [this](const forms::FormResult &result) {
            switch (result.kind) {
            case forms::FormResult::Kind::Done: // no initial form
                if (m_confirm)
                    confirm();
                else
                    start(result.userInputs);
                break;
            case forms::FormResult::Kind::NeedsInput:
            case forms::FormResult::Kind::Invalid:
                showForm();
                break;
            case forms::FormResult::Kind::Error:
                fail(result.message);
                break;
            }
        });
}

void WorkflowLauncher::showForm()
{
    Engine *engine = m_context->engine();
    const QString workflow = m_workflow;
    const QJsonObject state = m_state;
    QPointer<WorkflowLauncher> self(this);
    const forms::FormEvaluator evaluator =
        [engine, workflow, state, self](const QJsonArray &inputs, const forms::FormReply &reply) {
            if (!self)
                return;
            engine->startForm(workflow, state, inputs)
                .then(self.data(), [reply](const forms::FormResult &result) { reply(result); });
        };
    m_dialog = new forms::FormDialog(evaluator, m_context->pickerProvider(), m_parentWidget);
    m_dialog->setObjectName(u"workflowFormDialog"_s);
    m_dialog->setFinishText(tr("&Start"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString title = workflow;
    if (const WorkflowPtr definition = engine->registry()->find(workflow))
        title = definition->description();
    m_dialog->setWindowTitle(title);
    m_dialog->resize(640, 520);
    connect(m_dialog, &QDialog::accepted, this, [this] { start(m_dialog->userInputs()); });
    connect(m_dialog, &QDialog::rejected, this, [this] {
        emit cancelled();
        deleteLater();
    });
    m_dialog->open();
}

void WorkflowLauncher::confirm()
{
    StartConfirmation::Subject subject;
    subject.workflow = m_workflow;
    subject.description = m_workflow;
    if (const WorkflowPtr definition = m_context->engine()->registry()->find(m_workflow)) {
        subject.description = definition->description();
        subject.target = toText(definition->target());
        subject.steps = definition->steps().names();
    }
    subject.subscriptionId = m_state.value(u"subscription_id").toString();
    subject.subscriptionDescription = m_description;
    m_confirmation = new StartConfirmation(subject, m_parentWidget);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QDialog::accepted, this, [this] { start({}); });
    connect(m_confirmation, &QDialog::rejected, this, [this] {
        emit cancelled();
        deleteLater();
    });
    m_confirmation->open();
}

void WorkflowLauncher::start(const QJsonArray &userInputs)
{
    StartRequest request;
    request.workflow = m_workflow;
    request.userInputs = userInputs;
    request.initialState = m_state;
    request.actor = m_context->actor();
    m_context->engine()->start(request).then(this, [this](const ActionResult &result) {
        if (!result.ok()) {
            QString message = result.message;
            if (result.outcome == ActionResult::Outcome::Blocked
                && !result.refusal.message.isEmpty())
                message = result.refusal.message;
            fail(message);
            return;
        }
        m_context->notifyChanged();
        emit started(result.processId);
        if (m_openProcess)
            emit m_context->openProcessRequested(result.processId);
        deleteLater();
    });
}

void WorkflowLauncher::fail(const QString &message)
{
    emit failed(message);
    if (m_parentWidget)
        showError(m_parentWidget, tr("Cannot start %1").arg(m_workflow), message);
    deleteLater();
}

} // namespace wfo::console
