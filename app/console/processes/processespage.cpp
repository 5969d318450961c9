#include "processespage.h"

#include "processlistview.h"

#include "common/presentation.h"

#include "queries/processpages.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
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
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
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

    m_search->setObjectName(prefix + u"Search"_s);
    m_search->setAccessibleName(tasks ? tr("Search tasks") : tr("Search processes"));
    m_search->setPlaceholderText(
        tr("Search: text, status:failed, workflow:validate*, customer:acme  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    auto *help = new QToolButton(this);
    help->setObjectName(prefix + u"SearchHelpButton"_s);
    help->setText(u"?"_s);
    help->setAccessibleName(tr("Search help"));
    help->setToolTip(tr("How to search"));
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(help);
    m_layout->addLayout(searchRow);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &ProcessesPage::applySearch);
    connect(m_searchTimer, &QTimer::timeout, this, &ProcessesPage::applySearch);
    connect(help, &QToolButton::clicked, this, &ProcessesPage::showSearchHelp);

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

void ProcessesPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ProcessesPage::applySearch()
{
    m_searchTimer->stop();
    const QString search = m_search->text().trimmed();
    m_active->setSearch(search);
    m_completed->setSearch(search);
}

void ProcessesPage::showSearchHelp()
{
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("Searching processes"),
        tr("<p>Words match the workflow, status, step, who started the process, the failure "
           "reason, and the description, customer and id of its subscription, ignoring "
           "case.</p>"
           "<table cellspacing=4>"
           "<tr><td><tt>validate acme</tt></td><td>both words</td></tr>"
           "<tr><td><tt>status:failed</tt></td><td>one field</td></tr>"
           "<tr><td><tt>status:(failed|waiting)</tt></td><td>any of the values</td></tr>"
           "<tr><td><tt>-creator:SYSTEM</tt></td><td>not</td></tr>"
           "<tr><td><tt>workflow:validate*</tt></td><td>starts with</td></tr>"
           "<tr><td><tt>subscription:\"node 12\"</tt></td><td>a part of its subscription's "
           "description or id</td></tr>"
           "<tr><td><tt>reason:timeout</tt></td><td>a part of the failure reason</td></tr>"
           "</table><p>Fields: %1</p>")
            .arg(queries::ProcessPageQuery::searchFields().join(u", "_s)),
        QMessageBox::Close, this);
    box->setObjectName(u"processSearchHelp"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void ProcessesPage::refresh()
{
    if (auto *list = qobject_cast<ProcessListView *>(m_tabs->currentWidget()))
        list->refresh();
}

} // namespace wfo::console
