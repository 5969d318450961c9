#include "formdialog.h"

#include "fieldeditor.h"
#include "formpagewidget.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

bool isNavigationKey(const QKeyEvent *event)
{
    return event->modifiers() == Qt::ControlModifier
        && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right);
}

} // namespace

FormEvaluator synchronousEvaluator(const FormGenerator &generator, const QJsonObject &state)
{
    return [generator, state](const QJsonArray &userInputs, const FormReply &reply) {
        reply(runForm(generator, state, userInputs));
    };
}

FormDialog::FormDialog(const FormEvaluator &evaluator, PickerProvider *provider, QWidget *parent)
    : QDialog(parent)
    , m_evaluator(evaluator)
    , m_provider(provider)
    , m_title(new QLabel(this))
    , m_step(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_previous(new QPushButton(tr("< &Previous"), this))
    , m_next(new QPushButton(tr("&Next >"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_probeTimer(new QTimer(this))
{
    setObjectName(u"formDialog"_s);
    m_title->setObjectName(u"pageTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_step->setObjectName(u"pageStep"_s);
    m_step->setEnabled(false);
    m_summary->setObjectName(u"formErrorSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setStyleSheet(u"QLabel { color: #922b21; background: #fdedec; "
                             "border: 1px solid #e6b0aa; border-radius: 3px; padding: 6px; }"_s);
    m_summary->setVisible(false);
    m_scroll->setObjectName(u"formScrollArea"_s);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_previous->setObjectName(u"previousButton"_s);
    m_previous->setToolTip(tr("Previous page (Ctrl+Left)"));
    m_next->setObjectName(u"nextButton"_s);
    m_next->setToolTip(tr("Next page (Ctrl+Right)"));
    m_next->setDefault(true);
    m_cancel->setObjectName(u"cancelButton"_s);
    // Enter means Next (or Start), wherever the focus is; never Cancel or Previous.
    m_cancel->setAutoDefault(false);
    m_previous->setAutoDefault(false);
    m_probeTimer->setSingleShot(true);
    m_probeTimer->setInterval(300);
    connect(m_probeTimer, &QTimer::timeout, this, &FormDialog::probe);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_step);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_summary);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(buttons);

    connect(m_previous, &QPushButton::clicked, this, &FormDialog::previous);
    connect(m_next, &QPushButton::clicked, this, &FormDialog::next);
    connect(m_cancel, &QPushButton::clicked, this, &FormDialog::reject);
    auto *back = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Left), this);
    auto *forward = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Right), this);
    connect(back, &QShortcut::activated, this, &FormDialog::previous);
    connect(forward, &QShortcut::activated, this, &FormDialog::next);

    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    resize(720, 560);
}

void FormDialog::setFinishText(const QString &text)
{
    m_finishText = text;
    if (m_lastPage)
        m_next->setText(text);
    else
        probe();
}

void FormDialog::setLastPage(bool last)
{
    m_lastPage = last;
    m_next->setText(last ? m_finishText : tr("&Next >"));
    m_next->setToolTip(last ? tr("Finish the form (Enter)") : tr("Next page (Ctrl+Right)"));
    setPageCount(last ? m_pageIndex + 1 : 0);
}

void FormDialog::setPageCount(int count)
{
    m_pageCount = count;
    m_step->setText(count > m_pageIndex ? tr("Page %1 of %2").arg(m_pageIndex + 1).arg(count)
                                        : tr("Page %1").arg(m_pageIndex + 1));
}

// What would the answers as they stand lead to? Done: this page is the last. Another page:
// it is not. Invalid: not known until the answers change.
void FormDialog::probe()
{
    if (!m_page || m_busy || m_finishText.isEmpty())
        return;
    QJsonArray inputs;
    for (int i = 0; i < m_pageIndex && i < m_answers.size(); ++i)
        inputs.append(m_answers.at(i));
    inputs.append(m_page->values());
    probeAhead(inputs, ++m_probeGeneration, m_pageIndex, 0);
}

// `inputs` answer the pages up to `page` + `depth`; the pages after `page` with their defaults.
void FormDialog::probeAhead(QJsonArray inputs, quint64 generation, int page, int depth)
{
    QPointer<FormDialog> self(this);
    m_evaluator(inputs, [self, inputs, generation, page, depth](const FormResult &result) {
        if (!self || self->m_probeGeneration != generation || self->m_pageIndex != page)
            return;
        if (result.kind == FormResult::Kind::Done) {
            if (depth == 0)
                self->setLastPage(true);
            else
                self->setPageCount(page + 1 + depth);
        } else if (result.kind == FormResult::Kind::NeedsInput
                   && result.pageIndex == page + 1 + depth) {
            if (depth == 0)
                self->setLastPage(false);
            if (depth < 3) { // a few pages ahead at most: each try replays the generator
                QJsonArray more = inputs;
                more.append(QJsonObject());
                self->probeAhead(more, generation, page, depth + 1);
            }
        }
        // Invalid: not known until the answers change.
    });
}

void FormDialog::start()
{
    if (m_started)
        return;
    m_started = true;
    evaluate(0);
}

void FormDialog::showEvent(QShowEvent *event)
{
    start();
    QDialog::showEvent(event);
}

bool FormDialog::hasEnteredData() const
{
    return m_pageIndex > 0 || (m_page && m_page->isModified());
}

void FormDialog::next()
{
    if (m_busy || !m_page)
        return;
    while (m_answers.size() <= m_pageIndex)
        m_answers.append(QJsonObject());
    m_answers[m_pageIndex] = m_page->values();
    evaluate(m_pageIndex + 1);
}

void FormDialog::previous()
{
    if (m_busy || !m_page || m_pageIndex <= 0)
        return;
    // Keep what was typed here, valid or not, for when the operator comes back.
    while (m_answers.size() <= m_pageIndex)
        m_answers.append(QJsonObject());
    m_answers[m_pageIndex] = m_page->values();
    evaluate(m_pageIndex - 1);
}

void FormDialog::reject()
{
    if (hasEnteredData()) {
        QMessageBox box(QMessageBox::Question, tr("Discard the form?"),
                        tr("The answers you entered will be lost."),
                        QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(u"discardConfirmation"_s);
        box.setDefaultButton(QMessageBox::Cancel);
        if (box.exec() != QMessageBox::Discard)
            return;
    }
    ++m_generation; // a reply still on its way is no longer wanted
    QDialog::reject();
}

void FormDialog::evaluate(int answeredPages)
{
    QJsonArray inputs;
    for (int i = 0; i < answeredPages && i < m_answers.size(); ++i)
        inputs.append(m_answers.at(i));
    const quint64 generation = ++m_generation;
    setBusy(true);
    QPointer<FormDialog> self(this);
    m_evaluator(inputs, [self, generation](const FormResult &result) {
        if (self && self->m_generation == generation)
            self->handleResult(result);
    });
}

void FormDialog::handleResult(const FormResult &result)
{
    setBusy(false);
    switch (result.kind) {
    case FormResult::Kind::NeedsInput:
        showPage(result.page, result.pageIndex);
        showSummary({});
        break;
    case FormResult::Kind::Invalid:
        // The page on screen keeps its widgets, and so everything typed into them; unless the
        // generator now offers other choices (a node enrolled meanwhile, a refused value): then
        // the page is built again from its new definition, with the answers as they stand.
        if (m_page && result.pageIndex == m_pageIndex
            && m_page->page().toJsonSchema() != result.page.toJsonSchema()) {
            while (m_answers.size() <= m_pageIndex)
                m_answers.append(QJsonObject());
            m_answers[m_pageIndex] = m_page->values();
            showPage(result.page, result.pageIndex);
        } else if (!m_page || result.pageIndex != m_pageIndex) {
            showPage(result.page, result.pageIndex);
        }
        showSummary(m_page->showErrors(result.errors));
        m_page->focusFirstError();
        break;
    case FormResult::Kind::Done:
        m_userInputs = result.userInputs;
        m_values = result.values;
        accept();
        break;
    case FormResult::Kind::Error:
        showSummary(
            {result.message.isEmpty() ? tr("The form could not be evaluated.") : result.message});
        break;
    }
}

void FormDialog::showPage(const FormPage &page, int index)
{
    auto *widget = new FormPageWidget(page, m_provider);
    widget->setObjectName(u"formPage%1"_s.arg(index));
    if (index < m_answers.size())
        widget->setValues(m_answers.at(index));
    m_scroll->setWidget(widget); // deletes the previous page
    m_page = widget;
    m_pageIndex = index;
    m_title->setText(page.title());
    ++m_probeGeneration; // an answer about the previous page says nothing of this one
    setLastPage(false);
    connect(widget, &FormPageWidget::modified, m_probeTimer, qOverload<>(&QTimer::start));
    setWindowTitle(page.title());
    connect(widget, &FormPageWidget::focusChainChanged, this, &FormDialog::updateTabOrder);
    updateTabOrder();
    m_previous->setEnabled(index > 0);
    m_scroll->verticalScrollBar()->setValue(0);
    const QList<QWidget *> chain = widget->focusChain();
    if (!chain.isEmpty())
        chain.first()->setFocus(Qt::TabFocusReason);
    else
        m_next->setFocus(Qt::TabFocusReason); // a page to read (a summary): Enter goes on
    emit pageShown(index);
    probe();
}

void FormDialog::showSummary(const QStringList &lines)
{
    if (lines.isEmpty()) {
        m_summary->clear();
        m_summary->setVisible(false);
        return;
    }
    QString html = u"<b>"_s + tr("Please correct the following:").toHtmlEscaped() + u"</b><ul>"_s;
    for (const QString &line : lines)
        html += u"<li>"_s + line.toHtmlEscaped() + u"</li>"_s;
    html += u"</ul>"_s;
    m_summary->setText(html);
    m_summary->setAccessibleDescription(lines.join(u'\n'));
    m_summary->setVisible(true);
}

void FormDialog::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    m_next->setEnabled(!busy);
    m_previous->setEnabled(!busy && m_pageIndex > 0);
    m_scroll->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    emit busyChanged(busy);
}

// Tab visits the fields in page order, then Previous, Next and Cancel. Ctrl+Left/Right belong
// to the dialog even inside text fields, which would otherwise take them as "word left/right".
void FormDialog::updateTabOrder()
{
    if (!m_page)
        return;
    QList<QWidget *> chain = m_page->focusChain();
    chain << m_previous << m_next << m_cancel;
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
    const auto children = m_page->findChildren<QWidget *>();
    for (QWidget *child : children)
        child->installEventFilter(this);
}

bool FormDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride
        && isNavigationKey(static_cast<QKeyEvent *>(event)))
        return true; // not accepted: the dialog's shortcut gets the key
    return QDialog::eventFilter(watched, event);
}

} // namespace wfo::forms
