#include "subscriptionspage.h"

#include "bulkstartdialog.h"
#include "common/allowance.h"

#include "common/recordlist.h"

#include "csvexport.h"
#include "subscriptionlistmodel.h"

#include "common/confirm.h"
#include "common/consolecontext.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTabBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {
const auto HeaderKey = "subscriptions/header";
}

QStringList SubscriptionsPage::statusesOf(Tab tab)
{
    switch (tab) {
    case Active:
        return {u"active"_s};
    case Terminated:
        return {u"terminated"_s};
    case Transient:
        return {u"initial"_s, u"provisioning"_s, u"migrating"_s};
    case All:
        return {};
    }
    return {};
}

SubscriptionsPage::SubscriptionsPage(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new SubscriptionListModel(context, this))
    , m_tabs(new QTabBar(this))
    , m_search(new QLineEdit(this))
    , m_help(new QToolButton(this))
    , m_columns(new QToolButton(this))
    , m_export(new QPushButton(tr("&Export CSV…"), this))
    , m_exportProgress(new QProgressBar(this))
    , m_cancelExport(new QPushButton(tr("Cancel export"), this))
    , m_exportResult(new QLabel(this))
    , m_startOnMany(new QPushButton(tr("Start &workflow…"), this))
    , m_showBulk(new QPushButton(tr("&Bulk progress…"), this))
    , m_count(new QLabel(this))
    , m_message(new QLabel(this))
    , m_view(new QTableView(this))
    , m_searchTimer(new QTimer(this))
    , m_exportWatcher(new QFutureWatcher<CsvExportResult>(this))
{
    setObjectName(u"subscriptionsPage"_s);
    auto *title = new QLabel(tr("Subscriptions"), this);
    title->setObjectName(u"pageTitle"_s);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);

    m_tabs->setObjectName(u"subscriptionTabs"_s);
    m_tabs->setAccessibleName(tr("Subscription lifecycle"));
    m_tabs->addTab(tr("Active"));
    m_tabs->addTab(tr("Terminated"));
    m_tabs->addTab(tr("Transient"));
    m_tabs->addTab(tr("All"));
    m_tabs->setTabToolTip(Transient, tr("initial, provisioning and migrating"));
    m_tabs->setCurrentIndex(Active); // what operators work on; All is one click away
    m_search->setObjectName(u"subscriptionSearch"_s);
    m_search->setAccessibleName(tr("Search subscriptions"));
    m_search->setPlaceholderText(
        tr("Search: text, status:active, -tag:(A|B), customer:acme*  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_help->setObjectName(u"searchHelpButton"_s);
    m_help->setText(u"?"_s);
    m_help->setAccessibleName(tr("Search help"));
    m_help->setToolTip(tr("How to search"));
    m_columns->setObjectName(u"columnsButton"_s);
    m_columns->setText(tr("Columns"));
    m_columns->setAccessibleName(tr("Choose columns"));
    m_columns->setPopupMode(QToolButton::InstantPopup);
    m_export->setObjectName(u"exportCsvButton"_s);
    m_export->setAccessibleName(tr("Export CSV"));
    m_exportProgress->setObjectName(u"exportProgress"_s);
    m_exportProgress->setAccessibleName(tr("Export progress"));
    m_exportProgress->hide();
    m_cancelExport->setObjectName(u"cancelExportButton"_s);
    m_cancelExport->hide();
    m_exportResult->setObjectName(u"exportResult"_s);
    m_exportResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportResult->hide();
    m_count->setObjectName(u"subscriptionCount"_s);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"QLabel { color: #c62828; }"_s);
    m_message->hide();

    m_startOnMany->setObjectName(u"startOnManyButton"_s);
    m_startOnMany->setToolTip(tr("Start one workflow on the selected subscriptions, or on every "
                                 "subscription the search matches when none is selected"));
    m_showBulk->setObjectName(u"bulkProgressButton"_s);
    m_showBulk->setToolTip(tr("Show how the last bulk start is coming along"));
    m_showBulk->hide();
    m_view->setObjectName(u"subscriptionsView"_s);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_view->indexAt(pos).isValid())
            return;
        auto *menu = new QMenu(this);
        menu->setObjectName(u"subscriptionsMenu"_s);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        const int selected = int(selectedSubscriptionIds().size());
        QAction *start = menu->addAction(
            tr("Start a workflow on %n selected subscription(s)…", nullptr, selected));
        setAllowed(start, m_context->refusal(Permission::Start));
        connect(start, &QAction::triggered, this, &SubscriptionsPage::startOnMany);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    m_view->setAccessibleName(tr("Subscriptions"));
    // No sort proxy: a click on a header sorts the whole result in the database.
    m_view->setModel(m_model);
    setUpRecordList(m_view, SubscriptionListModel::LastModified, 120);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->setColumnWidth(SubscriptionListModel::Description, 340);
    m_view->setColumnWidth(SubscriptionListModel::Product, 150);
    m_view->setColumnWidth(SubscriptionListModel::LastModified, 150);
    m_view->setColumnWidth(SubscriptionListModel::StartDate, 150);
    m_view->setColumnHidden(SubscriptionListModel::Note, true);
    m_view->setColumnHidden(SubscriptionListModel::EndDate, true);
    m_view->setColumnHidden(SubscriptionListModel::Id, true);
    restoreColumns();

    auto *columnsMenu = new QMenu(m_columns);
    for (int c = 0; c < SubscriptionListModel::ColumnCount; ++c) {
        QAction *action = columnsMenu->addAction(SubscriptionListModel::columnTitle(c));
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(c));
        action->setEnabled(c != SubscriptionListModel::Description);
        connect(action, &QAction::toggled, this, [this, c](bool on) {
            m_view->setColumnHidden(c, !on);
            saveColumns();
        });
    }
    m_columns->setMenu(columnsMenu);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_help);
    searchRow->addWidget(m_columns);
    searchRow->addWidget(m_export);
    searchRow->addWidget(m_startOnMany);
    searchRow->addWidget(m_showBulk);
    auto *tabRow = new QHBoxLayout;
    tabRow->addWidget(m_tabs);
    tabRow->addStretch(1);
    tabRow->addWidget(m_exportProgress);
    tabRow->addWidget(m_cancelExport);
    tabRow->addWidget(m_exportResult);
    tabRow->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(searchRow);
    layout->addLayout(tabRow);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &SubscriptionsPage::applySearch);
    connect(m_searchTimer, &QTimer::timeout, this, &SubscriptionsPage::applySearch);
    connect(m_tabs, &QTabBar::currentChanged, this, &SubscriptionsPage::applySearch);
    connect(m_help, &QToolButton::clicked, this, &SubscriptionsPage::showSearchHelp);
    connect(m_export, &QPushButton::clicked, this, &SubscriptionsPage::exportCsv);
    connect(m_startOnMany, &QPushButton::clicked, this, &SubscriptionsPage::startOnMany);
    connect(m_showBulk, &QPushButton::clicked, this, &SubscriptionsPage::showBulkProgress);
    connect(context, &ConsoleContext::roleChanged, this,
            [this] { setAllowed(m_startOnMany, m_context->refusal(Permission::Start)); });
    connect(m_cancelExport, &QPushButton::clicked, m_exportWatcher,
            &QFutureWatcher<CsvExportResult>::cancel);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        // A column the database does not sort by keeps the indicator where the order is.
        QHeaderView *header = m_view->horizontalHeader();
        if (header->sortIndicatorSection() != m_model->sortColumn()
            || header->sortIndicatorOrder() != m_model->sortOrder())
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    });
    connect(m_view->horizontalHeader(), &QHeaderView::sectionMoved, this,
            &SubscriptionsPage::saveColumns);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this,
            &SubscriptionsPage::saveColumns);
    auto open = [this](const QModelIndex &index) {
        const QString id = index.data(PagedModel::IdRole).toString();
        if (!id.isEmpty())
            emit m_context->openSubscriptionRequested(id);
    };
    connect(m_view, &QTableView::activated, this, open);
    connect(m_view, &QTableView::doubleClicked, this, open);
    connect(m_model, &PagedModel::totalCountChanged, this, &SubscriptionsPage::updateCount);
    connect(m_model, &PagedModel::pageLoaded, this, [this] {
        m_message->hide();
        updateCount();
        if (std::exchange(m_goingToStart, false) && m_model->rowCount() > 0) {
            m_view->setCurrentIndex(m_model->index(0, qMax(0, m_view->currentIndex().column())));
            m_view->scrollToTop();
        }
    });
    // The End key: the model holds the result's last rows; show and select the last one.
    connect(m_model, &PagedModel::lastRowsLoaded, this, [this] {
        const int rows = m_model->rowCount();
        if (rows == 0)
            return;
        m_view->setCurrentIndex(m_model->index(rows - 1, qMax(0, m_view->currentIndex().column())));
        m_view->scrollToBottom();
    });
    // After the End key the rows before the window come in as the view reaches its top.
    m_view->installEventFilter(this);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_view->verticalScrollBar()->minimum())
            m_model->fetchPrevious();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { keepRowsInPlace(first, last); });
    connect(m_model, &PagedModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(tr("Cannot search: %1").arg(message));
        m_message->show();
    });
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_exportWatcher, &QFutureWatcher<CsvExportResult>::progressRangeChanged,
            m_exportProgress, &QProgressBar::setRange);
    connect(m_exportWatcher, &QFutureWatcher<CsvExportResult>::progressValueChanged,
            m_exportProgress, &QProgressBar::setValue);
    connect(m_exportWatcher, &QFutureWatcher<CsvExportResult>::finished, this, [this] {
        m_exportProgress->hide();
        m_cancelExport->hide();
        m_export->setEnabled(true);
        const CsvExportResult result = m_exportWatcher->future().resultCount() > 0
            ? m_exportWatcher->future().result()
            : CsvExportResult {0, QString(), true};
        if (!result.error.isEmpty())
            showError(this, tr("Export CSV"), result.error);
        // Say what happened where the button was pressed: how many rows, which file.
        m_exportResult->setText(!result.error.isEmpty() ? tr("Export failed.")
                                    : result.cancelled
                                    ? tr("Export cancelled.")
                                    : tr("%n row(s) written to %1", nullptr, int(result.rows))
                                          .arg(QDir::toNativeSeparators(m_exportPath)));
        m_exportResult->setToolTip(m_exportPath);
        m_exportResult->show();
        emit exportFinished(result.rows, result.cancelled ? tr("Cancelled") : result.error);
    });
}

SubscriptionsPage::~SubscriptionsPage()
{
    m_exportWatcher->cancel();
    m_exportWatcher->waitForFinished();
}

void SubscriptionsPage::setTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void SubscriptionsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void SubscriptionsPage::applySearch()
{
    m_searchTimer->stop();
    m_model->setStatuses(statusesOf(Tab(m_tabs->currentIndex())));
    m_model->setSearch(m_search->text().trimmed());
    m_model->reload();
}

void SubscriptionsPage::refresh()
{
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        applySearch();
        return;
    }
    m_model->refresh();
}

void SubscriptionsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

bool SubscriptionsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers modifiers =
            key->modifiers() & ~(Qt::KeypadModifier | Qt::ControlModifier);
        if (modifiers == Qt::NoModifier && key->key() == Qt::Key_End) {
            goToEnd();
            return true;
        }
        if (modifiers == Qt::NoModifier && key->key() == Qt::Key_Home) {
            goToStart();
            return true;
        }
        if (key->key() == Qt::Key_Up && m_view->currentIndex().row() == 0)
            m_model->fetchPrevious();
    }
    return QWidget::eventFilter(watched, event);
}

void SubscriptionsPage::goToEnd()
{
    // Asked of the database in the reverse order: no page between here and there is fetched.
    m_goingToStart = false;
    m_model->fetchLast();
}

void SubscriptionsPage::goToStart()
{
    if (!m_model->isAtStart()) {
        m_goingToStart = true; // on the first page of the reload
        m_model->reload();
        return;
    }
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, qMax(0, m_view->currentIndex().column())));
    m_view->scrollToTop();
}

void SubscriptionsPage::keepRowsInPlace(int first, int last)
{
    if (first != 0 || last + 1 >= m_model->rowCount())
        return;
    // Rows came in above the ones shown (scrolling up after the End key): the view keeps
    // showing what it showed, with the new rows above it.
    const QModelIndex current = m_view->currentIndex();
    m_view->doItemsLayout();
    m_view->scrollTo(m_model->index(last + 1, qMax(0, current.column())),
                     QAbstractItemView::PositionAtTop);
}

void SubscriptionsPage::updateCount()
{
    const qint64 total = m_model->totalCount();
    m_count->setText(total < 0
                         ? QString()
                         : tr("%n subscription(s)", nullptr, int(qMin<qint64>(total, INT_MAX))));
}

void SubscriptionsPage::showSearchHelp()
{
    auto *box =
        new QMessageBox(QMessageBox::Information, tr("Searching subscriptions"),
                        tr("<p>Words match the id, description, customer, product, tag "
                           "and status, ignoring case.</p>"
                           "<table cellspacing=4>"
                           "<tr><td><tt>fiber ams</tt></td><td>both words</td></tr>"
                           "<tr><td><tt>status:active</tt></td><td>one field</td></tr>"
                           "<tr><td><tt>tag:(NodeEnrollment|IP)</tt></td><td>any of the "
                           "values</td></tr>"
                           "<tr><td><tt>-status:terminated</tt></td><td>not</td></tr>"
                           "<tr><td><tt>customer:acme*</tt></td><td>starts with</td></tr>"
                           "<tr><td><tt>product:\"Node Enrollment\"</tt></td><td>a phrase"
                           "</td></tr></table><p>Fields: %1</p>")
                            .arg(queries::SubscriptionPageQuery::searchFields().join(u", "_s)),
                        QMessageBox::Close, this);
    box->setObjectName(u"searchHelp"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void SubscriptionsPage::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export subscriptions"), u"subscriptions.csv"_s, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsvTo(path);
}

void SubscriptionsPage::exportCsvTo(const QString &path)
{
    if (m_exportWatcher->isRunning())
        return;
    QList<int> columns;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    m_export->setEnabled(false);
    m_exportPath = path;
    m_exportResult->hide();
    m_exportProgress->setRange(0, 0);
    m_exportProgress->show();
    m_cancelExport->show();
    m_exportWatcher->setFuture(exportSubscriptionsCsv(m_context->pool(), m_context->database(),
                                                      m_model->query(), columns, path));
}

void SubscriptionsPage::saveColumns()
{
    QSettings().setValue(QString::fromLatin1(HeaderKey), m_view->horizontalHeader()->saveState());
}

void SubscriptionsPage::restoreColumns()
{
    const QByteArray state = QSettings().value(QString::fromLatin1(HeaderKey)).toByteArray();
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

QStringList SubscriptionsPage::selectedSubscriptionIds() const
{
    QStringList ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const QString id = index.data(PagedModel::IdRole).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

void SubscriptionsPage::startOnMany()
{
    auto *dialog =
        new BulkStartDialog(m_context, selectedSubscriptionIds(), m_model->query(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkStartDialog::started, this,
            [this](const QStringList &processIds, const QString &title) {
                delete m_bulkProgress;
                m_bulkProgress = new BulkProgressDialog(m_context, processIds, title, this);
                m_showBulk->show();
                showBulkProgress();
            });
    dialog->open();
}

void SubscriptionsPage::showBulkProgress()
{
    if (!m_bulkProgress)
        return;
    m_bulkProgress->show();
    m_bulkProgress->raise();
    m_bulkProgress->activateWindow();
}

} // namespace wfo::console
