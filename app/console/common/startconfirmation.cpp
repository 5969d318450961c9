#include "startconfirmation.h"

#include "presentation.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

StartConfirmation::StartConfirmation(const Subject &subject, QWidget *parent)
    : QDialog(parent)
    , m_subject(subject)
{
    setObjectName(u"startConfirmation"_s);
    setWindowTitle(tr("Start %1?").arg(subject.description));
    setWindowModality(Qt::WindowModal);
    const bool terminate = subject.target.compare(u"TERMINATE"_s, Qt::CaseInsensitive) == 0;

    auto *heading = new QLabel(subject.description, this);
    heading->setObjectName(u"confirmWorkflow"_s);
    heading->setWordWrap(true);
    QFont font = heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    heading->setFont(font);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *target = new QLabel(targetText(subject.target), this);
    target->setObjectName(u"confirmTarget"_s);
    if (terminate)
        target->setStyleSheet(u"QLabel { color: #c62828; font-weight: bold; }"_s);
    form->addRow(tr("Target:"), target);
    auto *subscription = new QLabel(this);
    subscription->setObjectName(u"confirmSubscription"_s);
    subscription->setWordWrap(true);
    subscription->setTextInteractionFlags(Qt::TextSelectableByMouse);
    subscription->setText(subject.subscriptionId.isEmpty()
                              ? tr("none (the workflow runs on its own)")
                              : subject.subscriptionDescription);
    subscription->setToolTip(subject.subscriptionId);
    form->addRow(tr("Subscription:"), subscription);

    auto *steps = new QListWidget(this);
    steps->setObjectName(u"confirmSteps"_s);
    steps->setAccessibleName(tr("Steps that will run"));
    steps->setFocusPolicy(Qt::NoFocus);
    steps->setSelectionMode(QAbstractItemView::NoSelection);
    for (qsizetype i = 0; i < subject.steps.size(); ++i)
        steps->addItem(tr("%1. %2").arg(i + 1).arg(subject.steps.at(i)));

    auto *buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(u"confirmStartButton"_s);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("These steps will run:"), this));
    layout->addWidget(steps, 1);
    if (terminate) {
        auto *warning = new QLabel(
            tr("Terminating ends the customer's service. Type the subscription's description to "
               "confirm:"),
            this);
        warning->setWordWrap(true);
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(u"confirmTypedName"_s);
        m_typed->setAccessibleName(tr("Subscription description, typed to confirm"));
        m_typed->setPlaceholderText(subject.subscriptionDescription.isEmpty()
                                        ? subject.subscriptionId
                                        : subject.subscriptionDescription);
        layout->addWidget(warning);
        layout->addWidget(m_typed);
        m_start->setText(tr("&Terminate"));
        connect(m_typed, &QLineEdit::textChanged, this, &StartConfirmation::updateStart);
    }
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter starts; for a TERMINATE only once the description is typed (until then the
    // default button is disabled and Enter does nothing).
    m_start->setDefault(true);
    cancel->setAutoDefault(false);
    updateStart();
    if (m_typed)
        m_typed->setFocus();
    else
        m_start->setFocus();
    resize(520, 420);
}

void StartConfirmation::updateStart()
{
    if (!m_typed)
        return;
    const QString wanted = m_subject.subscriptionDescription.simplified().isEmpty()
        ? m_subject.subscriptionId
        : m_subject.subscriptionDescription.simplified();
    const bool matches = !wanted.isEmpty() && m_typed->text().simplified() == wanted;
    m_start->setEnabled(matches);
    m_start->setToolTip(matches ? QString()
                                : tr("Type the subscription's description to enable this."));
}

} // namespace wfo::console
