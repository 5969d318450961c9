#include "processlistview.h"

#include "common/recordlist.h"

#include "processlistmodel.h"

#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "processdetail/processactions.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

ProcessListView::ProcessListView(ConsoleContext *context, const QStringList &statuses,
                                 std::optional<bool> tasks, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new ProcessListModel(context, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_message(new QLabel(this))
    , m_selection(new QPushButton(this))
{
    m_model->setStatuses(statuses);
    m_model->setTasks(tasks);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PagedModel::RawValueRole);
    m_view->setModel(m_proxy);
    setUpRecordList(m_view, ProcessListModel::LastModified, 130);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Which subscription and customer come first after the workflow: what tells two
    // "validate · Failed" rows apart is in view at 1024 px.
    QHeaderView *header = m_view->horizontalHeader();
    header->moveSection(header->visualIndex(ProcessListModel::Customer),
                        header->visualIndex(ProcessListModel::Subscription) + 1);
    m_view->setColumnWidth(ProcessListModel::Workflow, 190);
    m_view->setColumnWidth(ProcessListModel::Subscription, 190);
    m_view->setColumnWidth(ProcessListModel::Customer, 100);
    m_view->setColumnWidth(ProcessListModel::Step, 170);
    m_view->setColumnWidth(ProcessListModel::Status, 110);
    m_view->setColumnWidth(ProcessListModel::Target, 90);
    m_view->setColumnWidth(ProcessListModel::Started, 150);
    m_message->setObjectName(u"processListMessage"_s);
    m_message->setVisible(false);
    m_message->setWordWrap(true);

    // What is done to several processes at once, where the mouse and the keyboard find it
    // (Tab, then Space): the same menu as a right click on the selection.
    m_selection->setObjectName(u"selectionButton"_s);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_message, 1);
    bar->addWidget(m_selection, 0, Qt::AlignRight | Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view);

    auto open = [this](const QModelIndex &index) {
        const QString id = index.data(PagedModel::IdRole).toString();
        if (!id.isEmpty())
            emit m_context->openProcessRequested(id);
    };
    // Enter activates; a double click opens whatever the style says about activation.
    connect(m_view, &QTableView::activated, this, open);
    connect(m_view, &QTableView::doubleClicked, this, open);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = createContextMenu(index);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_model, &PagedModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(tr("Cannot load the processes: %1").arg(message));
        m_message->setVisible(true);
    });
    connect(m_model, &PagedModel::pageLoaded, this, [this] {
        // An empty list after a search says so, rather than looking like an empty database.
        const QString search = m_model->search();
        m_message->setText(tr("No processes match '%1'.").arg(search));
        m_message->setVisible(!search.isEmpty() && m_model->rowCount() == 0);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProcessListView::updateSelectionButton);
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            &ProcessListView::updateSelectionButton);
    updateSelectionButton();
}

void ProcessListView::updateSelectionButton()
{
    const QStringList ids = selectedProcessIds();
    if (QMenu *old = m_selection->menu()) {
        m_selection->setMenu(nullptr);
        old->deleteLater();
    }
    m_selection->setEnabled(ids.size() > 1);
    if (ids.size() > 1) {
        m_selection->setText(tr("%n selected", nullptr, int(ids.size())));
        m_selection->setToolTip(tr("Retry or abort the selected processes as one action"));
        m_selection->setMenu(createSelectionMenu(ids));
    } else {
        m_selection->setText(tr("Selection"));
        m_selection->setToolTip(
            tr("Select several processes (Ctrl or Shift and click) to retry or abort them "
               "together"));
    }
}

QString ProcessListView::currentProcessId() const
{
    return m_view->currentIndex().data(PagedModel::IdRole).toString();
}

namespace {

enum ListAction { Retry, Abort, Delete };

} // namespace

QStringList ProcessListView::selectedProcessIds() const
{
    QStringList ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const QString id = index.data(PagedModel::IdRole).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

QMenu *ProcessListView::createSelectionMenu(const QStringList &processIds)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"selectionMenu"_s);
    menu->setToolTipsVisible(true);
    const int count = int(processIds.size());
    QAction *retry = menu->addAction(tr("&Retry %n selected process(es)", nullptr, count));
    retry->setObjectName(u"retrySelectionAction"_s);
    retry->setToolTip(tr("Retry every selected process that failed or waits, as one action"));
    setAllowed(retry, m_context->refusal(Permission::Resume));
    connect(retry, &QAction::triggered, this,
            [this, processIds] { actOnSelection(processIds, false); });
    QAction *abort = menu->addAction(tr("&Abort %n selected process(es)…", nullptr, count));
    abort->setObjectName(u"abortSelectionAction"_s);
    abort->setToolTip(tr("Stop every selected process for good, as one action"));
    setAllowed(abort, m_context->refusal(Permission::Abort));
    connect(abort, &QAction::triggered, this,
            [this, processIds] { actOnSelection(processIds, true); });
    return menu;
}

void ProcessListView::actOnSelection(const QStringList &processIds, bool abort)
{
    const QString what = abort ? tr("Abort processes") : tr("Retry processes");
    QPointer<ProcessListView> self(this);
    auto done = [self, what](const BulkResult &result) {
        if (!self)
            return;
        self->m_context->notifyChanged();
        if (!result.ok()) {
            showError(self, what, result.message);
            return;
        }
        if (result.refused.isEmpty())
            return;
        QStringList lines;
        for (const BulkItem &item : result.refused)
            lines.append(u"%1: %2"_s.arg(item.id.left(8), item.message));
        showError(self, what,
                  tr("%1 of %n process(es) done; these were not:", nullptr,
                     int(result.done.size() + result.refused.size()))
                          .arg(result.done.size())
                      + u"\n"_s + lines.join(u'\n'));
    };
    Engine *engine = m_context->engine();
    const QString actor = m_context->actor();
    if (!abort) {
        engine->retryMany(processIds, actor).then(this, done);
        return;
    }
    askConfirmation(this, u"confirmAbortSelection"_s, what,
                    tr("Abort %n process(es)? They stop for good and cannot be retried.", nullptr,
                       int(processIds.size())),
                    what, [this, engine, processIds, actor, done] {
                        engine->abortMany(processIds, actor).then(this, done);
                    });
}

QMenu *ProcessListView::createContextMenu(const QModelIndex &index)
{
    const QStringList selected = selectedProcessIds();
    if (selected.size() > 1 && selected.contains(index.data(PagedModel::IdRole).toString()))
        return createSelectionMenu(selected);

    const QJsonObject row = index.data(PagedModel::RowRole).toJsonObject();
    const QString id = row.value(u"process_id").toString();
    store::ProcessRecord process;
    process.id = id;
    process.status =
        processStatusFromString(row.value(u"status").toString()).value_or(ProcessStatus::Completed);
    process.claimedBy = row.value(u"claimed_by").toString();
    const WorkflowPtr workflow =
        m_context->engine()->registry()->find(row.value(u"workflow").toString());
    // The row names its last step, where a failed or suspended process goes on.
    const Role retryRole = workflow
        ? workflow->resumeRoleAt(workflow->indexOf(row.value(u"last_step").toString()))
        : Role::Operator;

    auto *menu = new QMenu(this);
    menu->setObjectName(u"processMenu"_s);
    menu->setToolTipsVisible(true);
    QAction *openAction = menu->addAction(tr("&Open"));
    openAction->setObjectName(u"openProcessAction"_s);
    connect(openAction, &QAction::triggered, this,
            [this, id] { emit m_context->openProcessRequested(id); });
    menu->addSeparator();
    QAction *retry = menu->addAction(tr("&Retry"));
    retry->setObjectName(u"retryProcessAction"_s);
    retry->setToolTip(tr("Run the failed step again"));
    setAllowed(retry,
               firstReason(m_context->refusal(Permission::Resume, retryRole),
                           ProcessActions::retryBlocked(process)));
    connect(retry, &QAction::triggered, this, [this, id] { act(tr("Retry"), id, Retry); });
    QAction *abort = menu->addAction(tr("&Abort…"));
    abort->setObjectName(u"abortProcessAction"_s);
    abort->setToolTip(tr("Stop this process for good"));
    setAllowed(
        abort,
        firstReason(m_context->refusal(Permission::Abort), ProcessActions::abortBlocked(process)));
    connect(abort, &QAction::triggered, this, [this, id] { act(tr("Abort"), id, Abort); });
    QAction *remove = menu->addAction(tr("&Delete…"));
    remove->setObjectName(u"deleteProcessAction"_s);
    remove->setToolTip(tr("Remove this process and its log"));
    setAllowed(remove,
               firstReason(m_context->refusal(Permission::DeleteTask),
                           ProcessActions::deleteBlocked(process)));
    connect(remove, &QAction::triggered, this, [this, id] { act(tr("Delete"), id, Delete); });
    return menu;
}

void ProcessListView::act(const QString &what, const QString &processId, int action)
{
    auto done = [this, what](const ActionResult &result) {
        if (!result.ok())
            showError(this, what,
                      result.message.isEmpty() ? result.refusal.message : result.message);
        m_context->notifyChanged();
    };
    Engine *engine = m_context->engine();
    const QString actor = m_context->actor();
    if (action == Retry) {
        ResumeRequest request;
        request.actor = actor;
        engine->resume(processId, request).then(this, done);
        return;
    }
    const bool abort = action == Abort;
    askConfirmation(
        this, abort ? u"confirmAbort"_s : u"confirmDelete"_s,
        abort ? tr("Abort process") : tr("Delete process"),
        abort ? tr("Abort process %1? It stops for good and cannot be retried.").arg(processId)
              : tr("Delete process %1 and its step log? This cannot be undone.").arg(processId),
        abort ? tr("Abort process") : tr("Delete process"),
        [this, engine, processId, actor, abort, done] {
            (abort ? engine->abort(processId, actor) : engine->remove(processId, actor))
                .then(this, done);
        });
}

void ProcessListView::setSearch(const QString &search)
{
    if (search == m_model->search())
        return;
    m_model->setSearch(search);
    if (m_loadedOnce)
        m_model->reload();
}

void ProcessListView::refresh()
{
    m_model->refresh();
}

void ProcessListView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_loadedOnce) {
        refresh();
        return;
    }
    m_loadedOnce = true;
    m_model->reload();
}

} // namespace wfo::console
