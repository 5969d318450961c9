#include "stepactiondialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

QDialogButtonBox *confirmButtons(QDialog *dialog, const QString &acceptText, QPushButton **accept)
{
    auto *buttons = new QDialogButtonBox(dialog);
    *accept = buttons->addButton(acceptText, QDialogButtonBox::AcceptRole);
    (*accept)->setObjectName(u"confirmButton"_s);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setDefault(true);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

} // namespace

ResetDialog::ResetDialog(const QList<ResetTarget> &targets, int preselected, QWidget *parent)
    : QDialog(parent)
    , m_targets(targets)
    , m_step(new QComboBox(this))
    , m_warning(new QLabel(this))
{
    setObjectName(u"resetDialog"_s);
    setWindowTitle(tr("Reset to step"));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);
    m_step->setObjectName(u"resetStepChoice"_s);
    m_step->setAccessibleName(tr("Step to reset to"));
    for (const ResetTarget &target : targets)
        m_step->addItem(tr("%1. %2").arg(target.index + 1).arg(target.name), target.index);
    int row = m_step->findData(preselected);
    if (row < 0)
        row = int(targets.size()) - 1;
    m_step->setCurrentIndex(row);
    m_warning->setObjectName(u"resetWarning"_s);
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::RichText);
    m_warning->setMinimumWidth(420);
    m_warning->setStyleSheet(u"QLabel#resetWarning { background: #fff8e1; color: #4e3400; "
                             "border: 1px solid #ffb300; border-radius: 3px; padding: 6px; }"_s);

    auto *intro = new QLabel(tr("The process goes back to the state it had before the chosen "
                                "step, and runs again from there."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Run again from:"), m_step);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_warning, 1);
    layout->addWidget(confirmButtons(this, tr("Reset process"), &m_confirm));
    connect(m_step, &QComboBox::currentIndexChanged, this, &ResetDialog::updateWarning);
    updateWarning();
    resize(560, sizeHint().height());
}

int ResetDialog::chosenStep() const
{
    return m_step->currentData().isValid() ? m_step->currentData().toInt() : -1;
}

QString ResetDialog::chosenStepName() const
{
    const int row = m_step->currentIndex();
    return row >= 0 && row < m_targets.size() ? m_targets.at(row).name : QString();
}

void ResetDialog::updateWarning()
{
    const int row = m_step->currentIndex();
    m_confirm->setEnabled(row >= 0 && row < m_targets.size());
    if (!m_confirm->isEnabled()) {
        m_warning->clear();
        return;
    }
    const QStringList rewound = ProcessActions::describe(m_targets.at(row).rewound);
    QString list;
    for (const QString &name : rewound)
        list += u"<li>"_s + name.toHtmlEscaped() + u"</li>"_s;
    m_warning->setText(
        tr("<p><b>⚠ External effects are not undone.</b> What these steps did outside the "
           "orchestrator (calls to other systems, devices configured, messages sent) stays done; "
           "only the process state is rewound, and subscriptions they changed get a new "
           "version restoring what they were before.</p><p>%n step(s) will be rewound (kept in "
           "the log, marked rewound):</p><ul>%1</ul>",
           nullptr, int(rewound.size()))
            .arg(list));
}

SkipDialog::SkipDialog(const QString &step, const QString &error, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QPlainTextEdit(this))
{
    setObjectName(u"skipDialog"_s);
    setWindowTitle(tr("Skip step"));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    QString text = tr("The step <b>%1</b> is logged as skipped by you, and the process goes on "
                      "with the next step as if it had succeeded without changing the state.")
                       .arg(step.toHtmlEscaped());
    if (!error.isEmpty())
        text += u"<br><br>"_s + tr("It failed with: %1").arg(error.toHtmlEscaped());
    intro->setText(text);
    m_reason->setObjectName(u"skipReason"_s);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why may this step be skipped? (required, kept in the log "
                                    "and the audit trail)"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(110);
    auto *label = new QLabel(tr("&Reason:"), this);
    label->setBuddy(m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(label);
    layout->addWidget(m_reason);
    layout->addWidget(confirmButtons(this, tr("Skip step"), &m_confirm));
    connect(m_reason, &QPlainTextEdit::textChanged, this, &SkipDialog::updateConfirm);
    updateConfirm();
    resize(520, sizeHint().height());
}

QString SkipDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void SkipDialog::updateConfirm()
{
    const bool given = !reason().isEmpty();
    m_confirm->setEnabled(given);
    m_confirm->setToolTip(given ? QString() : tr("A reason is required."));
}

} // namespace wfo::console
