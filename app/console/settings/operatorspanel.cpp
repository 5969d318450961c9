#include "operatorspanel.h"

#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "common/presentation.h"

#include "queries/operators.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

enum Column { UserColumn, DisplayColumn, RoleColumn, EnabledColumn };

QString roleName(const QString &text)
{
    const std::optional<Role> role = roleFromText(text);
    return role ? displayName(*role) : text;
}

} // namespace

OperatorsPanel::OperatorsPanel(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_table(new QTreeWidget(this))
    , m_notice(new QLabel(this))
    , m_outcome(new QLabel(this))
    , m_add(new QPushButton(tr("&Add operator…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_toggle(new QPushButton(tr("&Disable"), this))
{
    setObjectName(u"operatorsPanel"_s);
    m_table->setObjectName(u"operatorsTable"_s);
    m_table->setAccessibleName(tr("Operators"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setHeaderLabels({tr("User"), tr("Display name"), tr("Role"), tr("Enabled")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setStretchLastSection(true);
    m_table->setMinimumHeight(110);
    m_notice->setObjectName(u"operatorsNotice"_s);
    m_notice->setWordWrap(true);
    m_outcome->setObjectName(u"operatorsOutcome"_s);
    m_outcome->setWordWrap(true);
    m_outcome->hide();
    m_add->setObjectName(u"addOperatorButton"_s);
    m_add->setAccessibleName(tr("Add operator"));
    m_add->setToolTip(tr("Give a user a role on this database"));
    m_edit->setObjectName(u"editOperatorButton"_s);
    m_edit->setAccessibleName(tr("Edit operator"));
    m_edit->setToolTip(tr("Change the selected operator's role or display name"));
    m_toggle->setObjectName(u"toggleOperatorButton"_s);
    m_toggle->setToolTip(tr("Disable or enable the selected operator"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_toggle);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_table, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_notice);
    layout->addLayout(row, 1);
    layout->addWidget(m_outcome);

    connect(m_add, &QPushButton::clicked, this, &OperatorsPanel::addOperator);
    connect(m_edit, &QPushButton::clicked, this, &OperatorsPanel::editOperator);
    connect(m_toggle, &QPushButton::clicked, this, &OperatorsPanel::toggleEnabled);
    connect(m_table, &QTreeWidget::currentItemChanged, this, &OperatorsPanel::updateActions);
    connect(m_table, &QTreeWidget::itemActivated, this, [this] {
        if (m_edit->isEnabled())
            editOperator();
    });
    connect(context, &ConsoleContext::roleChanged, this, &OperatorsPanel::updateActions);
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible())
            refresh();
    });
    updateActions();
}

void OperatorsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void OperatorsPanel::refresh()
{
    const quint64 generation = ++m_generation;
    m_context->query(
        this,
        [](const store::Database &database) {
            return queries::OperatorQueries::operators(database);
        },
        [this, generation](const QueryResult<QJsonArray> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                m_notice->setText(tr("Cannot load the operators: %1").arg(result.error));
                return;
            }
            apply(result.value);
        });
}

void OperatorsPanel::apply(const QJsonArray &operators)
{
    if (operators == m_operators && m_table->topLevelItemCount() == operators.size()) {
        updateActions(); // the polls come often; keep the selection and the scroll
        emit loaded();
        return;
    }
    const QString selected = current().value(u"user_name").toString();
    m_operators = operators;
    m_table->clear();
    for (const QJsonValue &value : operators) {
        const QJsonObject o = value.toObject();
        const bool enabled = o.value(u"enabled").toBool();
        auto *item = new QTreeWidgetItem(
            m_table,
            {o.value(u"user_name").toString(), o.value(u"display_name").toString(),
             roleName(o.value(u"role").toString()), enabled ? tr("yes") : tr("no")});
        item->setData(UserColumn, Qt::UserRole, o.value(u"user_name").toString());
        if (!enabled) {
            for (int c = 0; c < m_table->columnCount(); ++c)
                item->setForeground(c, palette().brush(QPalette::Disabled, QPalette::Text));
        }
        if (o.value(u"user_name").toString() == selected)
            m_table->setCurrentItem(item);
    }
    updateActions();
    emit loaded();
}

QJsonObject OperatorsPanel::current() const
{
    const QTreeWidgetItem *item = m_table->currentItem();
    if (!item)
        return {};
    const QString user = item->data(UserColumn, Qt::UserRole).toString();
    for (const QJsonValue &value : m_operators) {
        if (value.toObject().value(u"user_name").toString() == user)
            return value.toObject();
    }
    return {};
}

void OperatorsPanel::updateActions()
{
    const QString refusal = m_context->refusal(Permission::ManageOperators);
    QString notice;
    if (m_operators.isEmpty())
        notice = tr("No operator is defined, so everyone who opens this database acts as admin. "
                    "Once one is, users who are not enabled operators are refused: add "
                    "yourself as admin first.");
    if (!refusal.isEmpty())
        notice = notice.isEmpty() ? tr("Read only: %1").arg(refusal)
                                  : notice + u' ' + tr("Read only: %1").arg(refusal);
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
    if (m_saving) {
        setBusy(m_add);
        setBusy(m_edit);
        setBusy(m_toggle);
        return;
    }
    const QJsonObject selected = current();
    const QString none = selected.isEmpty() ? tr("Select an operator first.") : QString();
    const bool enabled = selected.value(u"enabled").toBool(true);
    m_toggle->setText(enabled ? tr("&Disable") : tr("E&nable"));
    m_toggle->setAccessibleName(enabled ? tr("Disable operator") : tr("Enable operator"));
    setAllowed(m_add, refusal);
    setAllowed(m_edit, firstReason(refusal, none));
    setAllowed(m_toggle, firstReason(refusal, none));
}

void OperatorsPanel::addOperator()
{
    if (!m_add->isEnabled())
        return;
    QString hint;
    QJsonObject suggestion;
    if (m_operators.isEmpty()) {
        hint = tr("This is the first operator: from now on only enabled operators may use this "
                  "database. Add yourself as admin first.");
        suggestion = {{u"user_name"_s, m_context->actor()},
                      {u"role"_s, u"admin"_s},
                      {u"enabled"_s, true},
                      {u"new"_s, true}};
    }
    auto *dialog = new OperatorDialog(suggestion, hint, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        save(dialog->userName(), dialog->displayName(), dialog->role(), dialog->isEnabled(),
             u"add"_s);
    });
    dialog->open();
}

void OperatorsPanel::editOperator()
{
    const QJsonObject selected = current();
    if (!m_edit->isEnabled() || selected.isEmpty())
        return;
    auto *dialog = new OperatorDialog(selected, QString(), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        save(dialog->userName(), dialog->displayName(), dialog->role(), dialog->isEnabled(),
             dialog->isEnabled() ? u"set"_s : u"disable"_s);
    });
    dialog->open();
}

void OperatorsPanel::toggleEnabled()
{
    const QJsonObject selected = current();
    if (!m_toggle->isEnabled() || selected.isEmpty())
        return;
    const bool enable = !selected.value(u"enabled").toBool();
    save(selected.value(u"user_name").toString(), selected.value(u"display_name").toString(),
         selected.value(u"role").toString(), enable, enable ? u"set"_s : u"disable"_s);
}

void OperatorsPanel::save(const QString &userName, const QString &displayName, const QString &role,
                          bool enabled, const QString &change)
{
    // An admin who takes away their own admin role may not be able to get it back.
    const bool self = userName == m_context->actor();
    if (self && m_context->role() == Role::Admin && (!enabled || role != toText(Role::Admin))) {
        askConfirmation(this, u"confirmOwnRole"_s, tr("Operators"),
                        tr("You are about to take away your own admin role. Only another admin "
                           "can give it back. Go on?"),
                        tr("Change my role"), [this, userName, displayName, role, enabled, change] {
                            store(userName, displayName, role, enabled, change);
                        });
        return;
    }
    store(userName, displayName, role, enabled, change);
}

void OperatorsPanel::store(const QString &userName, const QString &displayName, const QString &role,
                           bool enabled, const QString &change)
{
    OperatorChange request;
    request.userName = userName;
    request.displayName = displayName;
    request.role = roleFromText(role).value_or(Role::Viewer);
    request.enabled = enabled;
    request.change = change;
    request.actor = m_context->actor();
    m_saving = true;
    updateActions();
    m_context->engine()->saveOperator(request).then(this, [this, userName](const ActionResult &r) {
        m_saving = false;
        if (r.ok()) {
            m_outcome->setText(tr("Saved operator %1.").arg(userName));
            m_outcome->setStyleSheet(u"QLabel { color: #2e7d32; }"_s);
        } else {
            const QString message = r.message.isEmpty() ? r.refusal.message : r.message;
            m_outcome->setText(tr("Operator %1 not saved: %2").arg(userName, message));
            m_outcome->setStyleSheet(u"QLabel { color: #c62828; font-weight: bold; }"_s);
            showError(this, tr("Operators"), message);
        }
        m_outcome->show();
        m_context->refreshRole();
        m_context->notifyChanged();
        refresh();
    });
}

OperatorDialog::OperatorDialog(const QJsonObject &existing, const QString &hint, QWidget *parent)
    : QDialog(parent)
    , m_userName(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
{
    const bool adding = existing.isEmpty() || existing.value(u"new").toBool();
    setObjectName(u"operatorDialog"_s);
    setWindowTitle(adding ? tr("Add operator") : tr("Edit operator"));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);
    m_userName->setObjectName(u"operatorUserName"_s);
    m_userName->setAccessibleName(tr("User name"));
    m_userName->setPlaceholderText(tr("the login name, or WFO_USER"));
    m_userName->setText(existing.value(u"user_name").toString());
    m_userName->setReadOnly(!adding);
    m_displayName->setObjectName(u"operatorDisplayName"_s);
    m_displayName->setAccessibleName(tr("Display name"));
    m_displayName->setText(existing.value(u"display_name").toString());
    m_role->setObjectName(u"operatorRole"_s);
    m_role->setAccessibleName(tr("Role"));
    for (const Role role : {Role::Viewer, Role::Operator, Role::Admin})
        m_role->addItem(wfo::displayName(role), toText(role));
    m_role->setCurrentIndex(
        qMax(0, m_role->findData(existing.value(u"role").toString(u"operator"_s))));
    m_role->setToolTip(tr("viewer: reads everything; operator: also starts, retries, aborts and "
                          "resets processes; admin: also skips steps, deletes, pauses the engine "
                          "and manages operators"));
    m_enabled->setObjectName(u"operatorEnabled"_s);
    m_enabled->setChecked(existing.value(u"enabled").toBool(true));

    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_userName);
    form->addRow(tr("&Display name:"), m_displayName);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(QString(), m_enabled);
    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(adding ? tr("Add") : tr("Save"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(u"confirmButton"_s);
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    auto *layout = new QVBoxLayout(this);
    if (!hint.isEmpty()) {
        auto *label = new QLabel(hint, this);
        label->setObjectName(u"operatorHint"_s);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_userName, &QLineEdit::textChanged, this, &OperatorDialog::updateConfirm);
    updateConfirm();
    resize(440, sizeHint().height());
}

QString OperatorDialog::userName() const
{
    return m_userName->text().trimmed();
}

QString OperatorDialog::displayName() const
{
    return m_displayName->text().trimmed();
}

QString OperatorDialog::role() const
{
    return m_role->currentData().toString();
}

bool OperatorDialog::isEnabled() const
{
    return m_enabled->isChecked();
}

void OperatorDialog::updateConfirm()
{
    const bool named = !userName().isEmpty() && !userName().contains(u' ');
    m_confirm->setEnabled(named);
    m_confirm->setToolTip(named ? QString() : tr("A user name without spaces is required."));
}

} // namespace wfo::console
