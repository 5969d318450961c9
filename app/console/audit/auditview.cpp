#include "auditview.h"

#include "auditlistmodel.h"

#include "common/consolecontext.h"

#include "base/permissions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

AuditView::AuditView(ConsoleContext *context, bool screen, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_screen(screen)
    , m_model(new AuditListModel(context, this))
    , m_table(new QTableView(this))
    , m_sinceEnabled(new QCheckBox(tr("&Since"), this))
    , m_since(new QDateEdit(QDate::currentDate().addDays(-7), this))
    , m_actor(new QLineEdit(this))
    , m_targetEdit(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_allowed(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_filterDelay(new QTimer(this))
{
    setObjectName(screen ? u"auditPage"_s : u"auditTab"_s);
    m_table->setObjectName(u"auditTable"_s);
    m_table->setAccessibleName(tr("Audit trail"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(AuditListModel::At,
                            metrics.horizontalAdvance(u"2026-12-31 23:59:59"_s) + 16);
    m_table->setColumnWidth(AuditListModel::Actor, 75);
    m_table->setColumnWidth(AuditListModel::Origin, 100);
    m_table->setColumnWidth(AuditListModel::Action,
                            metrics.horizontalAdvance(u"manage_operators"_s) + 16);
    m_table->setColumnWidth(AuditListModel::Target,
                            metrics.horizontalAdvance(u"subscription 00000000…"_s) + 16);
    m_table->setColumnWidth(AuditListModel::Result, 70);

    m_sinceEnabled->setObjectName(u"auditSinceEnabled"_s);
    m_since->setObjectName(u"auditSince"_s);
    m_since->setAccessibleName(tr("Since date"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_since->setEnabled(false);
    m_actor->setObjectName(u"auditActor"_s);
    m_actor->setPlaceholderText(tr("Actor"));
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setClearButtonEnabled(true);
    m_targetEdit->setObjectName(u"auditTarget"_s);
    m_targetEdit->setPlaceholderText(tr("Target id"));
    m_targetEdit->setAccessibleName(tr("Target id"));
    m_targetEdit->setClearButtonEnabled(true);
    m_action->setObjectName(u"auditAction"_s);
    m_action->setAccessibleName(tr("Action"));
    m_action->addItem(tr("Every action"), QString());
    for (const Permission permission :
         {Permission::Start, Permission::Resume, Permission::Abort, Permission::Reset,
          Permission::Skip, Permission::SetNote, Permission::SetInSync, Permission::DeleteTask, Permission::PauseEngine,
          Permission::EditSchedules, Permission::ManageOperators, Permission::EditSettings})
        m_action->addItem(toText(permission), toText(permission));
    m_allowed->setObjectName(u"auditAllowed"_s);
    m_allowed->setAccessibleName(tr("Allowed or refused"));
    m_allowed->addItem(tr("Allowed and refused"));
    m_allowed->addItem(tr("Allowed only"), true);
    m_allowed->addItem(tr("Refused only"), false);
    m_summary->setObjectName(u"auditSummary"_s);
    m_summary->setEnabled(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_sinceEnabled);
    filters->addWidget(m_since);
    filters->addWidget(m_actor, 1);
    filters->addWidget(m_targetEdit, 2);
    filters->addWidget(m_action);
    filters->addWidget(m_allowed);
    auto *layout = new QVBoxLayout(this);
    if (screen) {
        auto *title = new QLabel(tr("Audit"), this);
        title->setObjectName(u"pageTitle"_s);
        QFont font = title->font();
        font.setPointSizeF(font.pointSizeF() * 1.5);
        font.setBold(true);
        title->setFont(font);
        layout->addWidget(title);
        auto *hint = new QLabel(tr("Every operator action, allowed or refused, newest first. "
                                   "Nothing deletes these rows."),
                                this);
        hint->setEnabled(false);
        hint->setWordWrap(true);
        layout->addWidget(hint);
    } else {
        layout->setContentsMargins(0, 0, 0, 0);
        // One target: who did what to it is all there is to filter.
        for (QWidget *widget :
             {static_cast<QWidget *>(m_sinceEnabled), static_cast<QWidget *>(m_since),
              static_cast<QWidget *>(m_actor), static_cast<QWidget *>(m_targetEdit)})
            widget->hide();
        filters->addStretch(1);
    }
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);

    // Typing waits for a pause before asking the database again.
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(300);
    connect(m_filterDelay, &QTimer::timeout, this, &AuditView::reload);
    connect(m_actor, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_targetEdit, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_sinceEnabled, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_sinceEnabled, &QCheckBox::toggled, this, &AuditView::reload);
    connect(m_since, &QDateEdit::dateChanged, this, [this] {
        if (m_sinceEnabled->isChecked())
            reload();
    });
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditView::reload);
    connect(m_allowed, &QComboBox::currentIndexChanged, this, &AuditView::reload);
    connect(m_table, &QTableView::activated, this, &AuditView::openRow);
    connect(m_table, &QTableView::doubleClicked, this, &AuditView::openRow);
    connect(m_model, &PagedModel::pageLoaded, this, &AuditView::updateSummary);
    connect(m_model, &PagedModel::pageLoaded, this, &AuditView::loaded);
    connect(m_model, &PagedModel::loadFailed, this, [this](const QString &message) {
        m_summary->setText(tr("Cannot load the audit trail: %1").arg(message));
        m_summary->setEnabled(true);
    });
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible() && m_loadedOnce)
            refresh();
    });
}

void AuditView::setTargets(const QStringList &targetIds)
{
    if (targetIds == m_targets)
        return;
    m_targets = targetIds;
    m_loadedOnce = false;
    if (isVisible())
        reload();
}

void AuditView::reload()
{
    m_filterDelay->stop();
    AuditListFilter filter;
    if (m_sinceEnabled->isChecked())
        filter.since = m_since->date().toString(Qt::ISODate);
    filter.actor = m_actor->text().trimmed();
    if (m_screen)
        filter.targetId = m_targetEdit->text().trimmed();
    else
        filter.targetIds = m_targets;
    filter.action = m_action->currentData().toString();
    const QVariant allowed = m_allowed->currentData();
    if (allowed.isValid())
        filter.allowed = allowed.toBool();
    if (!m_screen && m_targets.isEmpty())
        return; // a tab without its target yet
    m_loadedOnce = true;
    m_model->setFilter(filter);
    m_model->reload();
}

void AuditView::refresh()
{
    m_model->refresh();
}

void AuditView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_loadedOnce)
        refresh();
    else
        reload();
}

void AuditView::openRow(const QModelIndex &index)
{
    const QJsonObject row = m_model->row(index.row());
    const QString kind = row.value(u"target_kind").toString();
    const QString id = row.value(u"target_id").toString();
    if (id.isEmpty() || (!m_targets.isEmpty() && id == m_targets.constFirst()))
        return;
    if (kind == u"process")
        emit m_context->openProcessRequested(id);
    else if (kind == u"subscription")
        emit m_context->openSubscriptionRequested(id);
}

void AuditView::updateSummary()
{
    m_summary->setEnabled(false);
    const int rows = m_model->rowCount();
    m_summary->setText(m_model->canFetchMore({})
                           ? tr("%n newest entries shown; scroll for more.", nullptr, rows)
                           : tr("%n entries.", nullptr, rows));
}

} // namespace wfo::console
