#include "processlistview.h"

#include "common/recordlist.h"

#include "processlistmodel.h"

#include "common/consolecontext.h"

#include <QHeaderView>
#include <QLabel>
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
{
    m_model->setStatuses(statuses);
    m_model->setTasks(tasks);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PagedModel::RawValueRole);
    m_view->setModel(m_proxy);
    setUpRecordList(m_view, ProcessListModel::LastModified, 130);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(ProcessListModel::Workflow, 220);
    m_view->setColumnWidth(ProcessListModel::Step, 200);
    m_view->setColumnWidth(ProcessListModel::Status, 110);
    m_view->setColumnWidth(ProcessListModel::Target, 90);
    m_view->setColumnWidth(ProcessListModel::Started, 150);
    m_message->setVisible(false);
    m_message->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_view);

    auto open = [this](const QModelIndex &index) {
        const QString id = index.data(PagedModel::IdRole).toString();
        if (!id.isEmpty())
            emit m_context->openProcessRequested(id);
    };
    // Enter activates; a double click opens whatever the style says about activation.
    connect(m_view, &QTableView::activated, this, open);
    connect(m_view, &QTableView::doubleClicked, this, open);
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_model, &PagedModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(tr("Cannot load the processes: %1").arg(message));
        m_message->setVisible(true);
    });
    connect(m_model, &PagedModel::pageLoaded, m_message, &QWidget::hide);
}

QString ProcessListView::currentProcessId() const
{
    return m_view->currentIndex().data(PagedModel::IdRole).toString();
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
