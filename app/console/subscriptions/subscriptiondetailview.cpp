#include "subscriptiondetailview.h"

#include "subscriptiondetailpresenter.h"

#include "audit/auditview.h"
#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "common/presentation.h"
#include "common/workflowlauncher.h"

#include "queries/jsontext.h"
#include "queries/subscriptionblocks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

SubscriptionDetailView::SubscriptionDetailView(ConsoleContext *context,
                                               const ConstraintSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_settings(settings)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_actions(new QToolButton(this))
    , m_actionsMenu(new QMenu(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_bannerOpen(new QPushButton(tr("&Open process"), m_banner))
    , m_bannerRetry(new QPushButton(tr("Re&try"), m_banner))
    , m_bannerSetInSync(new QPushButton(tr("Set &in sync…"), m_banner))
    , m_tabs(new QTabWidget(this))
    , m_general(new QLabel(this))
    , m_note(new QPlainTextEdit(this))
    , m_editNote(new QPushButton(tr("Edit note…"), this))
    , m_blocks(new QTreeWidget(this))
    , m_processes(new QTreeWidget(this))
    , m_showValidations(new QCheckBox(tr("Show validation tasks"), this))
    , m_versionA(new QComboBox(this))
    , m_versionB(new QComboBox(this))
    , m_diff(new QTextBrowser(this))
    , m_audit(new AuditView(context, false, this))
{
    setObjectName(u"subscriptionDetail"_s);
    auto *back = new QPushButton(tr("← Back"), this);
    back->setObjectName(u"backButton"_s);
    back->setFlat(true);
    back->setAccessibleName(tr("Back"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"subscriptionTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_status->setObjectName(u"subscriptionStatus"_s);
    m_actions->setObjectName(u"actionsButton"_s);
    m_actions->setText(tr("Actions"));
    m_actions->setAccessibleName(tr("Actions"));
    m_actions->setPopupMode(QToolButton::InstantPopup);
    m_actions->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_actions->setMenu(m_actionsMenu);
    m_actionsMenu->setObjectName(u"actionsMenu"_s);
    m_actionsMenu->setToolTipsVisible(true);

    m_general->setObjectName(u"subscriptionGeneral"_s);
    m_general->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_general->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_note->setObjectName(u"subscriptionNote"_s);
    m_note->setReadOnly(true);
    m_note->setAccessibleName(tr("Note"));
    m_note->setMaximumHeight(90);
    m_editNote->setObjectName(u"editNoteButton"_s);
    auto *generalPage = new QWidget(this);
    auto *generalLayout = new QVBoxLayout(generalPage);
    generalLayout->addWidget(m_general);
    generalLayout->addWidget(new QLabel(tr("Note:"), generalPage));
    generalLayout->addWidget(m_note);
    generalLayout->addWidget(m_editNote, 0, Qt::AlignLeft);
    generalLayout->addStretch(1);

    m_blocks->setObjectName(u"productBlockTree"_s);
    m_blocks->setAccessibleName(tr("Product blocks"));
    m_blocks->setHeaderLabels({tr("Block / resource"), tr("Value")});
    m_blocks->setColumnWidth(0, 280);
    m_blocks->setAlternatingRowColors(true);

    m_processes->setObjectName(u"subscriptionProcesses"_s);
    m_processes->setAccessibleName(tr("Process history"));
    m_processes->setRootIsDecorated(false);
    m_processes->setHeaderLabels(
        {tr("Started"), tr("Workflow"), tr("Target"), tr("Status"), tr("Created by")});
    m_processes->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_showValidations->setObjectName(u"showValidationTasks"_s);
    m_showValidations->setChecked(true);
    auto *processPage = new QWidget(this);
    auto *processLayout = new QVBoxLayout(processPage);
    processLayout->addWidget(m_showValidations);
    processLayout->addWidget(m_processes, 1);

    m_versionA->setObjectName(u"versionA"_s);
    m_versionA->setAccessibleName(tr("Older version"));
    m_versionB->setObjectName(u"versionB"_s);
    m_versionB->setAccessibleName(tr("Newer version"));
    m_diff->setObjectName(u"versionDiff"_s);
    m_diff->setOpenLinks(false);
    m_diff->setAccessibleName(tr("Differences"));
    auto *versionPage = new QWidget(this);
    auto *versionRow = new QHBoxLayout;
    versionRow->addWidget(new QLabel(tr("Compare version"), versionPage));
    versionRow->addWidget(m_versionA);
    versionRow->addWidget(new QLabel(tr("with"), versionPage));
    versionRow->addWidget(m_versionB);
    versionRow->addStretch(1);
    auto *versionLayout = new QVBoxLayout(versionPage);
    versionLayout->addLayout(versionRow);
    versionLayout->addWidget(m_diff, 1);

    m_tabs->setObjectName(u"subscriptionTabs"_s);
    m_tabs->addTab(generalPage, tr("General"));
    m_tabs->addTab(m_blocks, tr("Product blocks"));
    m_tabs->addTab(processPage, tr("Processes"));
    m_tabs->addTab(versionPage, tr("Versions"));
    m_tabs->addTab(m_audit, tr("Audit"));

    auto *header = new QHBoxLayout;
    header->addWidget(back);
    header->addWidget(m_title, 1);
    header->addWidget(m_status);
    header->addWidget(m_actions);
    m_banner->setObjectName(u"outOfSyncBanner"_s);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setStyleSheet(u"#outOfSyncBanner { background: #fdedec; border: 1px solid #e6b0aa; "
                            "border-radius: 3px; } #outOfSyncBanner QLabel { color: #922b21; }"_s);
    m_bannerText->setObjectName(u"outOfSyncText"_s);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerOpen->setObjectName(u"bannerOpenButton"_s);
    m_bannerRetry->setObjectName(u"bannerRetryButton"_s);
    m_bannerRetry->setToolTip(tr("Run the failed step of that process again"));
    m_bannerSetInSync->setObjectName(u"bannerSetInSyncButton"_s);
    m_bannerSetInSync->setToolTip(
        tr("Mark the subscription in sync without running a workflow (audited)"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerOpen);
    bannerLayout->addWidget(m_bannerRetry);
    bannerLayout->addWidget(m_bannerSetInSync);
    m_banner->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);

    connect(m_bannerOpen, &QPushButton::clicked, this, [this] {
        if (!m_causeProcess.isEmpty())
            emit m_context->openProcessRequested(m_causeProcess);
    });
    connect(m_bannerRetry, &QPushButton::clicked, this, &SubscriptionDetailView::retryCause);
    connect(m_bannerSetInSync, &QPushButton::clicked, this, &SubscriptionDetailView::setInSync);

    connect(back, &QPushButton::clicked, this, &SubscriptionDetailView::backRequested);
    connect(m_editNote, &QPushButton::clicked, this, [this] { runWorkflow(u"modify_note"_s); });
    connect(m_showValidations, &QCheckBox::toggled, this, &SubscriptionDetailView::fillProcesses);
    connect(m_versionA, &QComboBox::currentIndexChanged, this, &SubscriptionDetailView::showDiff);
    connect(m_versionB, &QComboBox::currentIndexChanged, this, &SubscriptionDetailView::showDiff);
    // A version's link opens the process that made it, on the step that saved it.
    connect(m_diff, &QTextBrowser::anchorClicked, this, [this](const QUrl &link) {
        if (link.scheme() != "process"_L1 || link.path().isEmpty())
            return;
        const QString step = QUrlQuery(link).queryItemValue(u"step"_s, QUrl::FullyDecoded);
        if (step.isEmpty())
            emit m_context->openProcessRequested(link.path());
        else
            emit m_context->openProcessStepRequested(link.path(), step);
    });
    connect(m_general, &QLabel::linkActivated, this, [this](const QString &link) {
        emit m_context->openSubscriptionRequested(link.section(u':', 1));
    });
    auto open = [this](QTreeWidgetItem *item) {
        const QString subscription = item->data(0, Qt::UserRole).toString();
        const QString process = item->data(0, Qt::UserRole + 1).toString();
        if (!subscription.isEmpty() && subscription != m_id)
            emit m_context->openSubscriptionRequested(subscription);
        else if (!process.isEmpty())
            emit m_context->openProcessRequested(process);
    };
    connect(m_blocks, &QTreeWidget::itemActivated, this, open);
    connect(m_processes, &QTreeWidget::itemActivated, this, open);
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible() && !m_id.isEmpty())
            reload();
    });
    connect(context, &ConsoleContext::roleChanged, this, [this] {
        fillActions();
        fillBanner();
    });
}

void SubscriptionDetailView::setSubscription(const QString &subscriptionId)
{
    if (subscriptionId != m_id) {
        m_id = subscriptionId;
        m_detail.reset();
        m_title->setText(tr("Loading…"));
        m_actionsMenu->clear();
        m_actions->setEnabled(false);
        m_banner->hide();
        m_tabs->setCurrentIndex(0);
    }
    reload();
}

void SubscriptionDetailView::reload()
{
    const quint64 generation = ++m_generation;
    const QString id = m_id;
    const ConstraintSettings settings = m_settings;
    const WorkflowRegistry *registry = m_context->engine()->registry();
    m_context->query(
        this,
        [id, settings, registry](const store::Database &database) {
            return queries::SubscriptionDetailQuery(settings, registry).load(database, id);
        },
        [this, generation](const QueryResult<std::optional<queries::SubscriptionDetail>> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                m_title->setText(tr("Cannot load the subscription: %1").arg(result.error));
                return;
            }
            apply(result.value);
        });
}

void SubscriptionDetailView::apply(const std::optional<queries::SubscriptionDetail> &detail)
{
    const QJsonArray oldVersions = m_detail ? m_detail->versions : QJsonArray();
    m_detail = detail;
    if (!detail) {
        m_title->setText(tr("There is no subscription %1.").arg(m_id));
        emit loaded();
        return;
    }
    const bool versionsChanged = detail->versions != oldVersions;
    const QJsonObject &s = detail->model;
    m_title->setText(s.value(u"description").toString());
    m_status->setText(SubscriptionDetailPresenter::statusHtml(s));
    m_general->setText(SubscriptionDetailPresenter::generalHtml(*detail));
    m_note->setPlainText(s.value(u"note").toString());

    m_blocks->clear();
    for (auto it = s.begin(); it != s.end(); ++it) {
        if (!it.value().isObject() || it.key() == u"product")
            continue;
        auto *item = new QTreeWidgetItem(m_blocks, {it.key()});
        fillBlocks(item, it.value().toObject());
    }
    m_blocks->expandAll();
    fillActions();
    fillBanner();
    fillProcesses();
    // What was done to the subscription and to the processes that ran on it (the newest
    // hundred: one query each, and the store filters on one target at a time).
    QStringList auditTargets {m_id};
    for (qsizetype i = detail->processes.size() - 1; i >= 0 && auditTargets.size() <= 100; --i)
        auditTargets.append(detail->processes.at(i).toObject().value(u"process_id").toString());
    m_audit->setTargets(auditTargets);
    if (versionsChanged) {
        const QSignalBlocker a(m_versionA);
        const QSignalBlocker b(m_versionB);
        m_versionA->clear();
        m_versionB->clear();
        for (const QJsonValue &v : detail->versions) {
            const QJsonObject o = v.toObject();
            const QString label = SubscriptionDetailPresenter::versionLabel(o);
            m_versionA->addItem(label, o.value(u"version").toInt());
            m_versionB->addItem(label, o.value(u"version").toInt());
        }
        m_versionB->setCurrentIndex(m_versionB->count() - 1);
        m_versionA->setCurrentIndex(qMax(0, m_versionA->count() - 2));
        showDiff();
    }
    emit loaded();
}

void SubscriptionDetailView::fillBlocks(QTreeWidgetItem *parent, const QJsonObject &block)
{
    const QString owner = block.value(u"owner_subscription_id").toString();
    parent->setText(1, block.value(u"name").toString());
    if (!owner.isEmpty() && owner != m_id) {
        parent->setText(
            1, tr("%1 — of subscription %2 (open)").arg(block.value(u"name").toString(), owner));
        parent->setData(0, Qt::UserRole, owner);
        parent->setForeground(1, palette().link());
        parent->setToolTip(1, tr("Depends on another subscription; double-click to open it"));
    }
    for (auto it = block.begin(); it != block.end(); ++it) {
        if (it.value().isObject()) {
            fillBlocks(new QTreeWidgetItem(parent, {it.key()}), it.value().toObject());
        } else if (!queries::SubscriptionBlocks::isIdentityKey(it.key())) {
            new QTreeWidgetItem(parent, {it.key(), queries::jsonText(it.value())});
        }
    }
}

void SubscriptionDetailView::fillActions()
{
    m_actionsMenu->clear();
    QMap<QString, QList<WorkflowAvailability>> byTarget;
    if (m_detail) {
        for (const WorkflowAvailability &w : m_detail->workflows)
            byTarget[toText(w.target)].append(w);
    }
    const QStringList order = {u"MODIFY"_s, u"VALIDATE"_s, u"RECONCILE"_s, u"SYSTEM"_s,
                               u"TERMINATE"_s};
    for (const QString &target : order) {
        if (!byTarget.contains(target))
            continue;
        m_actionsMenu->addSection(targetText(target));
        for (const WorkflowAvailability &w : byTarget.value(target)) {
            const QString name = w.name;
            QString text = w.description;
            if (text.isEmpty())
                text = name;
            QAction *action = m_actionsMenu->addAction(text);
            action->setObjectName(u"action_"_s + name);
            action->setData(name);
            const WorkflowPtr workflow = m_context->engine()->registry()->find(name);
            const QString refusal = m_context->refusal(
                Permission::Start, workflow ? workflow->startRole() : Role::Operator);
            // The reason shows as the tooltip (the menu shows tooltips) and, for the keyboard,
            // in the status bar while the item is highlighted; the engine's code stays on the
            // action for scripts and tests.
            if (w.reason) {
                const QString why =
                    SubscriptionDetailPresenter::blockedReason(*m_detail, *w.reason);
                action->setEnabled(false);
                action->setToolTip(why);
                action->setStatusTip(why);
                action->setWhatsThis(why);
                action->setProperty("reasonCode", w.reason->code);
            } else {
                action->setToolTip(name);
                setAllowed(action, refusal);
                action->setStatusTip(refusal);
                if (!refusal.isEmpty())
                    action->setProperty("reasonCode", u"permission.denied"_s);
            }
            connect(action, &QAction::triggered, this, [this, name] { runWorkflow(name); });
        }
    }
    m_actions->setEnabled(!m_actionsMenu->isEmpty());
    const WorkflowPtr note = m_context->engine()->registry()->find(u"modify_note"_s);
    QString noteReason =
        m_context->refusal(Permission::Start, note ? note->startRole() : Role::Operator);
    if (noteReason.isEmpty() && !(m_detail && m_detail->mayRun(u"modify_note"_s)))
        noteReason = tr("The note cannot be changed on this subscription now.");
    if (!m_detail)
        setBusy(m_editNote);
    else
        setAllowed(m_editNote, noteReason);
    m_editNote->setStatusTip(noteReason);
}

void SubscriptionDetailView::fillBanner()
{
    const bool outOfSync = m_detail && !m_detail->model.value(u"insync").toBool(true);
    m_banner->setVisible(outOfSync);
    if (!outOfSync) {
        m_causeProcess.clear();
        return;
    }
    const SubscriptionDetailPresenter::OutOfSync cause =
        SubscriptionDetailPresenter::outOfSyncCause(*m_detail);
    m_causeProcess = cause.processId;
    m_bannerText->setText(SubscriptionDetailPresenter::outOfSyncText(*m_detail, cause));
    m_bannerOpen->setVisible(!cause.isEmpty());
    m_bannerRetry->setVisible(!cause.isEmpty());
    const auto status = processStatusFromString(cause.status);
    QString retryReason = m_context->refusal(Permission::Resume);
    if (retryReason.isEmpty() && !(status && isResumable(*status)))
        retryReason = tr("Process %1 is %2: it cannot be retried.")
                          .arg(cause.workflow, statusText(cause.status));
    QString syncReason = m_context->refusal(Permission::SetInSync, Role::Operator);
    if (syncReason.isEmpty() && !cause.isEmpty() && cause.status != "aborted"_L1)
        syncReason = tr("Process %1 still owns the subscription: retry or abort it first.")
                         .arg(cause.workflow);
    if (m_bannerBusy) {
        setBusy(m_bannerRetry);
        setBusy(m_bannerSetInSync);
        return;
    }
    setAllowed(m_bannerRetry, retryReason);
    setAllowed(m_bannerSetInSync, syncReason);
}

void SubscriptionDetailView::retryCause()
{
    if (!m_bannerRetry->isEnabled() || m_causeProcess.isEmpty())
        return;
    ResumeRequest request;
    request.actor = m_context->actor();
    const QString id = m_causeProcess;
    m_bannerBusy = true;
    fillBanner();
    m_context->engine()->resume(id, request).then(this, [this, id](const ActionResult &result) {
        m_bannerBusy = false;
        m_context->notifyChanged();
        if (!result.ok()) {
            showError(this, tr("Retry"),
                      result.message.isEmpty() ? result.refusal.message : result.message);
            fillBanner();
            return;
        }
        emit m_context->openProcessRequested(id);
    });
}

void SubscriptionDetailView::setInSync()
{
    if (!m_bannerSetInSync->isEnabled() || !m_detail)
        return;
    const QString id = m_id;
    askConfirmation(
        this, u"confirmSetInSync"_s, tr("Set in sync"),
        tr("Mark '%1' in sync without running a workflow? Do this only when you checked that the "
           "subscription matches the network.")
            .arg(m_detail->model.value(u"description").toString()),
        tr("Set in sync"), [this, id] {
            if (id != m_id)
                return;
            m_bannerBusy = true;
            fillBanner();
            m_context->engine()
                ->setInSync(id, m_context->actor())
                .then(this, [this](const ActionResult &result) {
                    m_bannerBusy = false;
                    if (!result.ok())
                        showError(this, tr("Set in sync"),
                                  result.message.isEmpty() ? result.refusal.message
                                                           : result.message);
                    m_context->notifyChanged();
                    reload();
                });
        });
}

void SubscriptionDetailView::fillProcesses()
{
    m_processes->clear();
    const bool showValidations = m_showValidations->isChecked();
    if (!m_detail)
        return;
    for (const QJsonValue &v : m_detail->processes) {
        const QJsonObject p = v.toObject();
        const QString target = p.value(u"workflow_target").toString().toUpper();
        if (!showValidations && (target == u"VALIDATE" || p.value(u"is_task").toBool()))
            continue;
        auto *item = new QTreeWidgetItem(m_processes,
                                         {formatTime(p.value(u"started_at").toString()),
                                          p.value(u"workflow").toString(), targetText(target),
                                          statusText(p.value(u"status").toString()),
                                          p.value(u"created_by").toString()});
        item->setIcon(3, statusIcon(p.value(u"status").toString()));
        item->setData(0, Qt::UserRole + 1, p.value(u"process_id").toString());
        item->setToolTip(1, tr("Double-click to open the process"));
    }
}

void SubscriptionDetailView::showDiff()
{
    if (m_versionA->count() == 0) {
        m_diff->clear();
        return;
    }
    const int a = m_versionA->currentData().toInt();
    const int b = m_versionB->currentData().toInt();
    const QString id = m_id;
    m_context->query(
        this,
        [id, a, b](const store::Database &database) {
            return QJsonArray {queries::SubscriptionDetailQuery::version(database, id, a),
                               queries::SubscriptionDetailQuery::version(database, id, b)};
        },
        [this, a, b](const QueryResult<QJsonArray> &result) {
            if (!result.ok() || result.value.size() != 2) {
                m_diff->setPlainText(result.error);
                return;
            }
            // Who made each version, from the list the combo boxes were filled from.
            auto row = [this](int version) {
                for (const QJsonValue &v : m_detail ? m_detail->versions : QJsonArray()) {
                    if (v.toObject().value(u"version").toInt() == version)
                        return v.toObject();
                }
                return QJsonObject {{u"version"_s, version}};
            };
            m_diff->setHtml(SubscriptionDetailPresenter::diffHtml(
                row(a), row(b), result.value.at(0).toObject(), result.value.at(1).toObject()));
        });
}

void SubscriptionDetailView::runWorkflow(const QString &workflow)
{
    auto *launcher = new WorkflowLauncher(m_context, this);
    if (m_detail)
        launcher->setSubscriptionDescription(m_detail->model.value(u"description").toString());
    launcher->launch(workflow, QJsonObject {{u"subscription_id"_s, m_id}});
}

} // namespace wfo::console
