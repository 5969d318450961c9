#include "processespage.h"

#include "processlistview.h"

#include "common/presentation.h"

#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

ProcessesPage::ProcessesPage(ConsoleContext *context, bool tasks, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_layout(new QVBoxLayout(this))
    , m_tabs(new QTabWidget(this))
    , m_active(new ProcessListView(context, activeProcessStatuses(), tasks, m_tabs))
    , m_completed(new ProcessListView(context, completedProcessStatuses(), tasks, m_tabs))
{
    const QString prefix = tasks ? u"tasks"_s : u"processes"_s;
    setObjectName(prefix + u"Page"_s);
    auto *title = new QLabel(tasks ? tr("Tasks") : tr("Processes"), this);
    title->setObjectName(u"pageTitle"_s);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);
    m_layout->addWidget(title);

    m_active->setObjectName(prefix + u"ActiveList"_s);
    m_active->view()->setObjectName(prefix + u"ActiveView"_s);
    m_active->view()->setAccessibleName(tasks ? tr("Active tasks") : tr("Active processes"));
    m_completed->setObjectName(prefix + u"CompletedList"_s);
    m_completed->view()->setObjectName(prefix + u"CompletedView"_s);
    m_completed->view()->setAccessibleName(tasks ? tr("Completed tasks")
                                                 : tr("Completed processes"));
    m_tabs->setObjectName(prefix + u"Tabs"_s);
    m_tabs->addTab(m_active, tr("Active"));
    m_tabs->addTab(m_completed, tr("Completed"));
    m_layout->addWidget(m_tabs, 1);
}

void ProcessesPage::refresh()
{
    if (auto *list = qobject_cast<ProcessListView *>(m_tabs->currentWidget()))
        list->refresh();
}

} // namespace wfo::console
