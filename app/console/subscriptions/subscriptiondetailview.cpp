#include "subscriptiondetailview.h"

#include "common/consolecontext.h"
#include "common/presentation.h"
#include "common/workflowlauncher.h"

#include "domain/workflowconstraints.h"
#include "store/subscriptionrepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

// "ne.esdb_node_id" = 12, for a readable diff of two versions.
void flatten(const QJsonValue &value, const QString &path, QMap<QString, QString> *out)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(array.at(i), path + u'[' + QString::number(i) + u']', out);
    } else {
        out->insert(path,
                    QString::fromUtf8(QJsonDocument(QJsonArray {value})
                                          .toJson(QJsonDocument::Compact)
                                          .mid(1)
                                          .chopped(1)));
    }
}

bool isResourceKey(const QString &key)
{
    return key != u"subscription_instance_id" && key != u"owner_subscription_id" && key != u"name"
        && key != u"label";
}

} // namespace

SubscriptionDetailView::SubscriptionDetailView(ConsoleContext *context,
                                               const ConstraintSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_settings(settings)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_actions(new QToolButton(this))
    , m_actionsMenu(new QMenu(this))
    , m_tabs(new QTabWidget(this))
    , m_general(new QLabel(this))
    , m_note(new QPlainTextEdit(this))
    , m_editNote(new QPushButton(tr("Edit note…"), this))
    , m_blocks(new QTreeWidget(this))
    , m_processes(new QTreeWidget(this))
    , m_showValidations(new QCheckBox(tr("Show validation tasks"), this))
    , m_versionA(new QComboBox(this))
    , m_versionB(new QComboBox(this))
    , m_diff(new QPlainTextEdit(this))
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
    m_diff->setReadOnly(true);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
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

    auto *header = new QHBoxLayout;
    header->addWidget(back);
    header->addWidget(m_title, 1);
    header->addWidget(m_status);
    header->addWidget(m_actions);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    connect(back, &QPushButton::clicked, this, &SubscriptionDetailView::backRequested);
    connect(m_editNote, &QPushButton::clicked, this, [this] { runWorkflow(u"modify_note"_s); });
    connect(m_showValidations, &QCheckBox::toggled, this, &SubscriptionDetailView::fillProcesses);
    connect(m_versionA, &QComboBox::currentIndexChanged, this, &SubscriptionDetailView::showDiff);
    connect(m_versionB, &QComboBox::currentIndexChanged, this, &SubscriptionDetailView::showDiff);
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
}

void SubscriptionDetailView::setSubscription(const QString &subscriptionId)
{
    if (subscriptionId != m_id) {
        m_id = subscriptionId;
        m_snapshot = Snapshot();
        m_title->setText(tr("Loading…"));
        m_actionsMenu->clear();
        m_actions->setEnabled(false);
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
            store::SubscriptionRepository repository(database);
            Snapshot s;
            const auto model = repository.load(id);
            if (!model)
                return s;
            s.found = true;
            s.subscription = *model;
            s.inUseBy = repository.inUseBy(id);
            s.dependsOn = repository.dependsOn(id);
            s.processes = repository.processes(id);
            s.versions = repository.versions(id);
            for (const WorkflowAvailability &w :
                 WorkflowConstraints(settings, registry).forSubscription(database, id)) {
                QJsonObject entry = w.toJson();
                entry.insert(u"target"_s, toText(w.target));
                s.workflows.append(entry);
            }
            return s;
        },
        [this, generation](const QueryResult<Snapshot> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                m_title->setText(tr("Cannot load the subscription: %1").arg(result.error));
                return;
            }
            apply(result.value);
        });
}

void SubscriptionDetailView::apply(const Snapshot &snapshot)
{
    const bool versionsChanged = snapshot.versions != m_snapshot.versions;
    m_snapshot = snapshot;
    if (!snapshot.found) {
        m_title->setText(tr("There is no subscription %1.").arg(m_id));
        emit loaded();
        return;
    }
    const QJsonObject &s = snapshot.subscription;
    const QJsonObject product = s.value(u"product").toObject();
    const QString status = s.value(u"status").toString();
    const bool insync = s.value(u"insync").toBool();
    m_title->setText(s.value(u"description").toString());
    m_status->setText(u"<b style='color:%1'>%2</b>%3"_s.arg(
        statusColor(status).name(), status.toHtmlEscaped(),
        insync ? QString() : u" · <b style='color:#c62828'>%1</b>"_s.arg(tr("out of sync"))));

    auto links = [](const QJsonArray &subscriptions) {
        QStringList parts;
        for (const QJsonValue &v : subscriptions) {
            const QJsonObject o = v.toObject();
            parts << u"<a href=\"subscription:%1\">%2</a> (%3)"_s.arg(
                o.value(u"subscription_id").toString(),
                o.value(u"description").toString().toHtmlEscaped(), o.value(u"status").toString());
        }
        return parts.isEmpty() ? tr("none") : parts.join(u"<br>"_s);
    };
    QString html = u"<table cellspacing=6>"_s;
    auto row = [&html](const QString &label, const QString &value) {
        html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(label, value);
    };
    row(tr("Subscription id"), u"<tt>%1</tt>"_s.arg(m_id));
    row(tr("Product"),
        u"%1 (%2)"_s.arg(product.value(u"name").toString().toHtmlEscaped(),
                         product.value(u"tag").toString().toHtmlEscaped()));
    row(tr("Customer"), s.value(u"customer_id").toString().toHtmlEscaped());
    row(tr("Status"), status);
    row(tr("In sync"), insync ? tr("yes") : tr("no"));
    row(tr("Start date"), formatTime(s.value(u"start_date").toString()));
    row(tr("End date"), formatTime(s.value(u"end_date").toString()));
    row(tr("Version"), QString::number(s.value(u"version").toInt()));
    row(tr("Depends on"), links(snapshot.dependsOn));
    row(tr("In use by"), links(snapshot.inUseBy));
    html += u"</table>"_s;
    m_general->setText(html);
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
    fillProcesses();
    if (versionsChanged) {
        const QSignalBlocker a(m_versionA);
        const QSignalBlocker b(m_versionB);
        m_versionA->clear();
        m_versionB->clear();
        for (const QJsonValue &v : snapshot.versions) {
            const QJsonObject o = v.toObject();
            const QString label =
                tr("%1 — %2 by %3")
                    .arg(o.value(u"version").toInt())
                    .arg(o.value(u"step_name").toString(), o.value(u"created_by").toString());
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
        } else if (isResourceKey(it.key())) {
            const QJsonValue v = it.value();
            const QString text = v.isString()
                ? v.toString()
                : QString::fromUtf8(
                    QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
            new QTreeWidgetItem(parent, {it.key(), text});
        }
    }
}

void SubscriptionDetailView::fillActions()
{
    m_actionsMenu->clear();
    QMap<QString, QList<QJsonObject>> byTarget;
    for (const QJsonValue &v : m_snapshot.workflows)
        byTarget[v.toObject().value(u"target").toString()].append(v.toObject());
    const QStringList order = {u"MODIFY"_s, u"VALIDATE"_s, u"RECONCILE"_s, u"SYSTEM"_s,
                               u"TERMINATE"_s};
    for (const QString &target : order) {
        if (!byTarget.contains(target))
            continue;
        m_actionsMenu->addSection(target.left(1) + target.mid(1).toLower());
        for (const QJsonObject &w : byTarget.value(target)) {
            const QString name = w.value(u"name").toString();
            QString text = w.value(u"description").toString();
            if (text.isEmpty())
                text = name;
            QAction *action = m_actionsMenu->addAction(text);
            action->setObjectName(u"action_"_s + name);
            action->setData(name);
            const QJsonObject reason = w.value(u"reason").toObject();
            if (!reason.isEmpty()) {
                action->setEnabled(false);
                action->setToolTip(reason.value(u"message").toString());
                action->setStatusTip(reason.value(u"code").toString());
            } else {
                action->setToolTip(name);
            }
            connect(action, &QAction::triggered, this, [this, name] { runWorkflow(name); });
        }
    }
    m_actions->setEnabled(!m_actionsMenu->isEmpty());
    bool noteAllowed = false;
    for (const QJsonValue &v : m_snapshot.workflows) {
        if (v.toObject().value(u"name").toString() == u"modify_note")
            noteAllowed = !v.toObject().contains(u"reason");
    }
    m_editNote->setEnabled(noteAllowed);
}

void SubscriptionDetailView::fillProcesses()
{
    m_processes->clear();
    const bool showValidations = m_showValidations->isChecked();
    for (const QJsonValue &v : m_snapshot.processes) {
        const QJsonObject p = v.toObject();
        const QString target = p.value(u"workflow_target").toString().toUpper();
        if (!showValidations && (target == u"VALIDATE" || p.value(u"is_task").toBool()))
            continue;
        auto *item = new QTreeWidgetItem(
            m_processes,
            {formatTime(p.value(u"started_at").toString()), p.value(u"workflow").toString(), target,
             p.value(u"status").toString(), p.value(u"created_by").toString()});
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
            store::SubscriptionRepository repository(database);
            return QJsonArray {repository.version(id, a).value_or(QJsonObject()),
                               repository.version(id, b).value_or(QJsonObject())};
        },
        [this, a, b](const QueryResult<QJsonArray> &result) {
            if (!result.ok() || result.value.size() != 2) {
                m_diff->setPlainText(result.error);
                return;
            }
            QMap<QString, QString> left;
            QMap<QString, QString> right;
            flatten(result.value.at(0), QString(), &left);
            flatten(result.value.at(1), QString(), &right);
            QStringList lines;
            lines << tr("Version %1 → version %2").arg(a).arg(b) << QString();
            QStringList keys = left.keys() + right.keys();
            keys.removeDuplicates();
            keys.sort();
            for (const QString &key : keys) {
                const bool inLeft = left.contains(key);
                const bool inRight = right.contains(key);
                if (inLeft && inRight && left.value(key) == right.value(key))
                    continue;
                if (inLeft)
                    lines << u"- %1 = %2"_s.arg(key, left.value(key));
                if (inRight)
                    lines << u"+ %1 = %2"_s.arg(key, right.value(key));
            }
            if (lines.size() == 2)
                lines << tr("No differences.");
            m_diff->setPlainText(lines.join(u'\n'));
        });
}

void SubscriptionDetailView::runWorkflow(const QString &workflow)
{
    auto *launcher = new WorkflowLauncher(m_context, this);
    launcher->launch(workflow, QJsonObject {{u"subscription_id"_s, m_id}});
}

} // namespace wfo::console
