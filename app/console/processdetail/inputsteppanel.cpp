#include "inputsteppanel.h"

#include "common/allowance.h"
#include "common/consolecontext.h"

#include "forms/widgets/formpagewidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

InputStepPanel::InputStepPanel(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_submit(new QPushButton(tr("Resume"), this))
{
    setObjectName(u"inputStepPanel"_s);
    QFont font = m_title->font();
    font.setBold(true);
    m_title->setFont(font);
    m_message->setWordWrap(true);
    m_message->setObjectName(u"inputStepMessage"_s);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_submit->setObjectName(u"resumeWithInputButton"_s);
    m_submit->setAccessibleName(tr("Resume with these answers"));
    m_submit->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_submit);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(buttons);
    connect(m_submit, &QPushButton::clicked, this, &InputStepPanel::submit);
    clear();
}

void InputStepPanel::clear()
{
    ++m_generation;
    m_processId.clear();
    m_answers = {};
    delete m_page;
    m_title->clear();
    m_message->clear();
    enableSubmit(false);
}

void InputStepPanel::setProcess(const QString &processId)
{
    if (processId == m_processId && m_page)
        return; // keep what the operator typed
    clear();
    m_processId = processId;
    m_message->setText(tr("Loading the form…"));
    evaluate({});
}

void InputStepPanel::submit()
{
    if (!m_page || m_processId.isEmpty())
        return;
    QJsonArray inputs = m_answers;
    inputs.append(m_page->values());
    evaluate(inputs);
}

void InputStepPanel::evaluate(const QJsonArray &inputs)
{
    const quint64 generation = ++m_generation;
    setBusy(true);
    m_context->engine()
        ->resumeForm(m_processId, inputs)
        .then(this, [this, generation, inputs](const forms::FormResult &result) {
            if (generation != m_generation)
                return;
            setBusy(false);
            handle(inputs, result);
        });
}

void InputStepPanel::handle(const QJsonArray &inputs, const forms::FormResult &result)
{
    switch (result.kind) {
    case forms::FormResult::Kind::NeedsInput: {
        m_answers = inputs;
        while (m_answers.size() > result.pageIndex)
            m_answers.removeLast();
        delete m_page;
        m_page = new forms::FormPageWidget(result.page, m_context->pickerProvider(), m_scroll);
        m_page->setObjectName(u"inputStepForm"_s);
        m_scroll->setWidget(m_page);
        m_title->setText(result.page.title());
        m_message->setText(tr("This process waits for your answers."));
        enableSubmit(true);
        break;
    }
    case forms::FormResult::Kind::Invalid:
        if (m_page) {
            const QStringList lines = m_page->showErrors(result.errors);
            m_message->setText(lines.join(u'\n'));
            m_page->focusFirstError();
        }
        enableSubmit(true);
        break;
    case forms::FormResult::Kind::Done: {
        ResumeRequest request;
        request.userInputs = result.userInputs;
        request.actor = m_context->actor();
        const QString id = m_processId;
        setBusy(true);
        m_context->engine()->resume(id, request).then(this, [this, id](const ActionResult &r) {
            setBusy(false);
            if (!r.ok()) {
                m_message->setText(r.message);
                emit failed(r.message);
                return;
            }
            clear();
            m_context->notifyChanged();
            emit resumed(id);
        });
        break;
    }
    case forms::FormResult::Kind::Error:
        m_message->setText(result.message);
        emit failed(result.message);
        break;
    }
}

void InputStepPanel::setRefusal(const QString &reason)
{
    if (reason == m_refusal)
        return;
    m_refusal = reason;
    enableSubmit(bool(m_page));
}

void InputStepPanel::enableSubmit(bool enabled)
{
    // An operator who may not resume sees why, whatever the form's state.
    setAllowed(m_submit, m_refusal);
    if (m_refusal.isEmpty())
        m_submit->setEnabled(enabled);
}

void InputStepPanel::setBusy(bool busy)
{
    enableSubmit(!busy && m_page);
    if (m_page)
        m_page->setEnabled(!busy);
}

} // namespace wfo::console
