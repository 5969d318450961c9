#include "mainwindow.h"

#include "notifications/processnotifier.h"

#include "audit/auditview.h"
#include "common/allowance.h"
#include "common/consolecontext.h"
#include "common/workflowlauncher.h"
#include "database/databasedialog.h"
#include "metadata/metadatapage.h"
#include "palette/commandpalette.h"
#include "processdetail/processdetailview.h"
#include "processes/processespage.h"
#include "processes/taskspage.h"
#include "schedules/schedulesview.h"
#include "settings/settingspage.h"
#include "start/startpage.h"

#include "forms/widgets/formgallery.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTime>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

MainWindow::MainWindow(ConsoleContext *context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_start(new StartPage(context, m_stack))
    , m_subscriptions(
          new QLabel(tr("Subscriptions are not available in this installation."), m_stack))
    , m_processes(new ProcessesPage(context, false, m_stack))
    , m_tasks(new TasksPage(context, m_stack))
    , m_metadata(new MetadataPage(context, m_stack))
    , m_settings(new SettingsPage(context, m_stack))
    , m_audit(new AuditView(context, true, m_stack))
    , m_schedules(new SchedulesView(context, m_stack))
    , m_processDetail(new ProcessDetailView(context, m_stack))
    , m_databaseLabel(new QLabel(this))
    , m_engineLabel(new QLabel(this))
    , m_databaseBackTimer(new QTimer(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Orchestrator Console"));
    m_subscriptions->setObjectName(u"subscriptionsPage"_s);
    static_cast<QLabel *>(m_subscriptions)->setAlignment(Qt::AlignCenter);

    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Navigation"));
    const QStringList names = {tr("Start"), tr("Subscriptions"), tr("Processes"),
                               tr("Tasks"), tr("Metadata"),      tr("Settings"),
                               tr("Audit"), tr("Schedules")};
    for (const QString &name : names)
        m_navigation->addItem(name);
    m_navigation->setFixedWidth(160);
    m_navigation->setSpacing(2);
    QFont navigationFont = m_navigation->font();
    navigationFont.setPointSizeF(navigationFont.pointSizeF() * 1.1);
    m_navigation->setFont(navigationFont);
    for (QWidget *page :
         {static_cast<QWidget *>(m_start), m_subscriptions, static_cast<QWidget *>(m_processes),
          static_cast<QWidget *>(m_tasks), static_cast<QWidget *>(m_metadata),
          static_cast<QWidget *>(m_settings), static_cast<QWidget *>(m_audit),
          static_cast<QWidget *>(m_schedules), static_cast<QWidget *>(m_processDetail)})
        m_stack->addWidget(page);
    m_stack->setObjectName(u"pages"_s);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_start->addCard(u"myRecentProcessesCard"_s, tr("My recent processes"), tr("All processes"),
                     myRecentProcessesLoader(context->actor()), u"processes"_s, 0);
    m_start->addCard(u"activeProcessesCard"_s, tr("Active processes"), tr("Active processes"),
                     activeProcessesLoader(), u"processes"_s, 0);
    m_start->addCard(u"failedTasksCard"_s, tr("Failed tasks"), tr("All tasks"), failedTasksLoader(),
                     u"tasks"_s, 0);
    m_start->addProcessChart();
    connect(m_start, &StartPage::searchSubscriptionsRequested, this,
            [this](const QString &search, int tab) {
                showPage(Page::Subscriptions);
                if (m_subscriptionActions.search)
                    m_subscriptionActions.search(search, tab);
            });
    m_notifier = new ProcessNotifier(
        context, [this](const QString &message) { statusBar()->showMessage(message, 15000); },
        this);

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPage(Page(row));
    });
    connect(m_start, &StartPage::showListRequested, this, [this](const QString &page, int tab) {
        if (page == u"processes") {
            showPage(Page::Processes);
            m_processes->tabs()->setCurrentIndex(tab);
        } else if (page == u"tasks") {
            showPage(Page::Tasks);
            m_tasks->tabs()->setCurrentIndex(tab);
        } else if (page == u"subscriptions") {
            showPage(Page::Subscriptions);
        }
    });
    connect(context, &ConsoleContext::openProcessRequested, this, &MainWindow::openProcess);
    connect(context, &ConsoleContext::openProcessStepRequested, this,
            [this](const QString &processId, const QString &stepName) {
                openProcess(processId);
                m_processDetail->focusStep(stepName);
            });
    connect(context, &ConsoleContext::openSubscriptionRequested, this,
            &MainWindow::openSubscription);
    connect(context, &ConsoleContext::backRequested, this, &MainWindow::back);
    connect(m_processDetail, &ProcessDetailView::backRequested, this, &MainWindow::back);
    connect(m_processDetail, &ProcessDetailView::removed, this, &MainWindow::back);
    connect(m_settings, &SettingsPage::databaseDialogRequested, this, &MainWindow::chooseDatabase);

    createMenus();
    updateHistoryActions();
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_engineLabel);
    m_databaseLabel->setObjectName(u"databaseStatus"_s);
    m_engineLabel->setObjectName(u"engineStatus"_s);
    m_databaseLabel->setAccessibleName(tr("Database state"));
    m_databaseBackTimer->setSingleShot(true);
    m_databaseBackTimer->setInterval(15000);
    connect(m_databaseBackTimer, &QTimer::timeout, this, [this] {
        if (!m_databaseProblem)
            setDatabaseState(true, {});
    });
    setDatabaseState(true, {});
    connect(context->engine(), &Engine::stateChanged, this, &MainWindow::updateEngineState);
    connect(context, &ConsoleContext::roleChanged, this, &MainWindow::updateEngineState);
    connect(context->engine(), &Engine::databaseProblem, this,
            [this](const QString &message) { setDatabaseState(false, message); });
    connect(context->engine(), &Engine::databaseOk, this, [this] { setDatabaseState(true, {}); });
    updateEngineState();

    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_navigation->setCurrentRow(0);
}

void MainWindow::createMenus()
{
    auto *newSubscription = new QAction(tr("&New subscription…"), this);
    newSubscription->setObjectName(u"newSubscriptionAction"_s);
    newSubscription->setShortcut(QKeySequence::New);
    connect(newSubscription, &QAction::triggered, this, &MainWindow::newSubscription);
    auto *search = new QAction(tr("&Search"), this);
    search->setStatusTip(tr("Search the processes or tasks in view, else the subscriptions"));
    search->setObjectName(u"searchAction"_s);
    search->setShortcut(QKeySequence::Find);
    connect(search, &QAction::triggered, this, &MainWindow::focusSearch);
    auto *refresh = new QAction(tr("&Refresh"), this);
    refresh->setObjectName(u"refreshAction"_s);
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    connect(refresh, &QAction::triggered, this, &MainWindow::refresh);
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    auto *connectDatabase = new QAction(tr("&Connect to database…"), this);
    connectDatabase->setObjectName(u"connectDatabaseAction"_s);
    connect(connectDatabase, &QAction::triggered, this, &MainWindow::chooseDatabase);
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(newSubscription);
    file->addSeparator();
    file->addAction(connectDatabase);
    file->addSeparator();
    file->addAction(quit);

    m_backAction = new QAction(tr("&Back"), this);
    m_backAction->setObjectName(u"backAction"_s);
    m_backAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_backAction->setStatusTip(tr("Go back to the screen shown before"));
    connect(m_backAction, &QAction::triggered, this, &MainWindow::back);
    m_forwardAction = new QAction(tr("&Forward"), this);
    m_forwardAction->setObjectName(u"forwardAction"_s);
    m_forwardAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_forwardAction->setStatusTip(tr("Go forward again after going back"));
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::forward);
    auto *palette = new QAction(tr("&Go to…"), this);
    palette->setObjectName(u"commandPaletteAction"_s);
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    palette->setStatusTip(
        tr("Jump to a subscription, process, workflow or screen by its name or id"));
    connect(palette, &QAction::triggered, this, &MainWindow::showCommandPalette);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(palette);
    view->addAction(m_backAction);
    view->addAction(m_forwardAction);
    view->addSeparator();
    view->addAction(search);
    view->addAction(refresh);
    view->addSeparator();
    const QStringList names = {tr("&Start"), tr("S&ubscriptions"), tr("&Processes"),
                               tr("&Tasks"), tr("&Metadata"),      tr("Se&ttings"),
                               tr("&Audit"), tr("Sc&hedules")};
    for (int i = 0; i < names.size(); ++i) {
        auto *action = view->addAction(names.at(i));
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
    }

    m_pauseAction = new QAction(this);
    m_pauseAction->setObjectName(u"pauseEngineAction"_s);
    connect(m_pauseAction, &QAction::triggered, m_settings, &SettingsPage::togglePause);
    QMenu *engine = menuBar()->addMenu(tr("&Engine"));
    engine->setToolTipsVisible(true); // a disabled pause says why
    engine->addAction(m_pauseAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    auto *shortcuts = help->addAction(tr("&Keyboard shortcuts"));
    shortcuts->setObjectName(u"shortcutsAction"_s);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    auto *gallery = help->addAction(tr("&Form gallery"));
    gallery->setObjectName(u"formGalleryAction"_s);
    connect(gallery, &QAction::triggered, this,
            [this] { forms::showFormGallery(this, m_context->pickerProvider()); });
    auto *about = help->addAction(tr("&About"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Orchestrator Console"),
                           tr("<b>Orchestrator Console</b> %1<br>Manage customer subscriptions "
                              "by running workflows.")
                               .arg(QApplication::applicationVersion()));
    });
}

QWidget *MainWindow::currentPage() const
{
    return m_stack->currentWidget();
}

void MainWindow::install(const ConsoleScreens &screens)
{
    const ConsoleScreens::Subscriptions &subscriptions = screens.subscriptions();
    if (subscriptions.page) {
        const int index = m_stack->indexOf(m_subscriptions);
        m_stack->insertWidget(index, subscriptions.page);
        m_stack->removeWidget(m_subscriptions);
        m_subscriptions->deleteLater();
        m_subscriptions = subscriptions.page;
    }
    if (subscriptions.detail) {
        m_subscriptionDetail = subscriptions.detail;
        m_stack->addWidget(subscriptions.detail);
    }
    if (subscriptions.page || subscriptions.detail)
        m_subscriptionActions = subscriptions;
    for (const ConsoleScreens::StartCard &card : screens.startCards())
        m_start->addCard(card.objectName, card.title, card.linkText, card.loader, card.page,
                         card.tab, card.search);
    for (const ConsoleScreens::MetadataTable &table : screens.metadataTables())
        m_metadata->addTable(table.objectName, table.title, table.columns, table.loader);
}

void MainWindow::showPage(Page page)
{
    goTo({Place::Kind::Page, int(page), {}});
}

void MainWindow::showWidget(QWidget *widget)
{
    m_stack->setCurrentWidget(widget);
}

void MainWindow::openProcess(const QString &processId)
{
    goTo({Place::Kind::Process, 0, processId});
}

void MainWindow::openSubscription(const QString &subscriptionId)
{
    if (!m_subscriptionDetail)
        return;
    goTo({Place::Kind::Subscription, 0, subscriptionId});
}

void MainWindow::goTo(const Place &place)
{
    if (!(place == m_current)) {
        m_back.append(m_current);
        m_forward.clear();
        // A long session stays light: the oldest places go first.
        if (m_back.size() > 100)
            m_back.removeFirst();
    }
    restore(place);
}

void MainWindow::restore(const Place &place)
{
    m_current = place;
    switch (place.kind) {
    case Place::Kind::Page: {
        static_assert(int(Page::Schedules) == 7);
        QWidget *widgets[] = {m_start,    m_subscriptions, m_processes, m_tasks,
                              m_metadata, m_settings,      m_audit,     m_schedules};
        showWidget(widgets[qBound(0, place.page, 7)]);
        const QSignalBlocker blocker(m_navigation);
        m_navigation->setCurrentRow(place.page);
        break;
    }
    case Place::Kind::Process:
        m_processDetail->setProcess(place.id);
        showWidget(m_processDetail);
        break;
    case Place::Kind::Subscription:
        if (m_subscriptionActions.open)
            m_subscriptionActions.open(place.id);
        if (m_subscriptionDetail)
            showWidget(m_subscriptionDetail);
        break;
    }
    updateHistoryActions();
}

void MainWindow::back()
{
    if (m_back.isEmpty()) {
        showPage(Page::Processes);
        return;
    }
    m_forward.append(m_current);
    restore(m_back.takeLast());
}

void MainWindow::forward()
{
    if (m_forward.isEmpty())
        return;
    m_back.append(m_current);
    restore(m_forward.takeLast());
}

void MainWindow::updateHistoryActions()
{
    if (m_backAction)
        m_backAction->setEnabled(!m_back.isEmpty());
    if (m_forwardAction)
        m_forwardAction->setEnabled(!m_forward.isEmpty());
}

void MainWindow::showCommandPalette()
{
    if (auto *open = findChild<CommandPalette *>(u"commandPalette"_s); open && open->isVisible()) {
        open->activateWindow();
        return;
    }
    QStringList screens;
    for (int row = 0; row < m_navigation->count(); ++row)
        screens << m_navigation->item(row)->text();
    auto *palette = new CommandPalette(m_context, screens, this);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    connect(palette, &CommandPalette::chosen, this,
            [this](CommandPalette::Kind kind, const QString &id) {
                switch (kind) {
                case CommandPalette::Kind::Screen:
                    showPage(Page(id.toInt()));
                    break;
                case CommandPalette::Kind::Subscription:
                    openSubscription(id);
                    break;
                case CommandPalette::Kind::Process:
                    openProcess(id);
                    break;
                case CommandPalette::Kind::Workflow:
                    showPage(Page::Metadata);
                    break;
                }
            });
    palette->open();
    palette->searchBox()->setFocus();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"shortcutsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    auto *list = new QTreeWidget(dialog);
    list->setObjectName(u"shortcutsList"_s);
    list->setRootIsDecorated(false);
    list->setHeaderLabels({tr("Keys"), tr("Does")});
    // The menus' own shortcuts, so the list never disagrees with them.
    for (QAction *menuAction : menuBar()->actions()) {
        const QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        for (QAction *action : menu->actions()) {
            if (action->shortcut().isEmpty())
                continue;
            new QTreeWidgetItem(list,
                                {action->shortcut().toString(QKeySequence::NativeText),
                                 action->text().remove(u'&')});
        }
    }
    const QList<QPair<QKeySequence, QString>> screens = {
        {QKeySequence(Qt::CTRL | Qt::Key_R), tr("Retry the process shown")},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
         tr("Abort the process shown (asks first)")},
        {QKeySequence(Qt::CTRL | Qt::Key_Left), tr("Previous page of a form")},
        {QKeySequence(Qt::CTRL | Qt::Key_Right), tr("Next page of a form")},
        {QKeySequence(Qt::Key_Return), tr("Open the selected process or subscription")},
        {QKeySequence(Qt::Key_Escape), tr("Close a dialog")},
    };
    for (const auto &[keys, does] : screens)
        new QTreeWidgetItem(list, {keys.toString(QKeySequence::NativeText), does});
    list->resizeColumnToContents(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(list);
    layout->addWidget(buttons);
    dialog->resize(520, 460);
    dialog->open();
}

void MainWindow::refresh()
{
    m_context->notifyChanged();
}

void MainWindow::focusSearch()
{
    // The list in view is the one searched; elsewhere the subscriptions are.
    if (m_stack->currentWidget() == m_processes || m_stack->currentWidget() == m_tasks) {
        static_cast<ProcessesPage *>(m_stack->currentWidget())->focusSearch();
        return;
    }
    showPage(Page::Subscriptions);
    if (m_subscriptionActions.focusSearch)
        m_subscriptionActions.focusSearch();
}

void MainWindow::newSubscription()
{
    if (m_subscriptionActions.newSubscription)
        m_subscriptionActions.newSubscription(this);
}

void MainWindow::updateEngineState()
{
    const Engine *engine = m_context->engine();
    const int running = engine->runningCount();
    switch (engine->state()) {
    case EngineState::Running:
        m_engineLabel->setText(tr("Engine RUNNING · %n running", nullptr, running));
        m_pauseAction->setText(tr("&Pause engine"));
        break;
    case EngineState::Pausing:
        m_engineLabel->setText(tr("Engine PAUSING · %n finishing a step", nullptr, running));
        m_pauseAction->setText(tr("&Resume engine"));
        break;
    case EngineState::Paused:
        m_engineLabel->setText(tr("Engine PAUSED"));
        m_pauseAction->setText(tr("&Resume engine"));
        break;
    }
    if (engine->isReadOnly()) {
        // A viewer's database login: nothing runs in this console.
        m_engineLabel->setText(tr("READ-ONLY · this database login may only read"));
    }
    setAllowed(m_pauseAction, m_context->refusal(Permission::PauseEngine));
}

void MainWindow::chooseDatabase()
{
    auto *dialog = new DatabaseDialog(m_context->database().url(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &DatabaseDialog::urlChosen, this, [this](const store::DatabaseUrl &url) {
        if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::databaseSwitchRequested))) {
            emit databaseSwitchRequested(url);
            return;
        }
        QMessageBox::information(
            this, tr("Database"),
            tr("The console opens %1 at its next start.").arg(url.displayString()));
    });
    dialog->open();
}

void MainWindow::setDatabaseState(bool ok, const QString &message)
{
    // The engine repeats its verdict while it lasts; only a change of state changes the text.
    const QString url = m_context->database().url().displayString();
    if (!ok) {
        const bool first = !m_databaseProblem;
        m_databaseProblem = true;
        m_databaseBackTimer->stop();
        const QString since = first ? QTime::currentTime().toString(u"HH:mm:ss"_s)
                                    : m_databaseLabel->property("since").toString();
        m_databaseLabel->setProperty("since", since);
        m_databaseLabel->setText(tr("⚠ Database unreachable since %1 (%2): %3 — showing what was "
                                    "loaded before; reconnecting…")
                                     .arg(since, url, message));
        m_databaseLabel->setToolTip(message);
        m_databaseLabel->setStyleSheet(u"QLabel { color: #c62828; font-weight: bold; }"_s);
        return;
    }
    if (m_databaseProblem) {
        m_databaseProblem = false;
        m_databaseLabel->setText(tr("✔ Database reachable again since %1 (%2)")
                                     .arg(QTime::currentTime().toString(u"HH:mm:ss"_s), url));
        m_databaseLabel->setToolTip(QString());
        m_databaseLabel->setStyleSheet(u"QLabel { color: #2e7d32; }"_s);
        m_databaseBackTimer->start();
        m_context->notifyChanged();
        return;
    }
    if (m_databaseBackTimer->isActive())
        return;
    m_databaseLabel->setText(tr("Database: %1").arg(url));
    m_databaseLabel->setToolTip(QString());
    m_databaseLabel->setStyleSheet(QString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    event->accept();
}

} // namespace wfo::console
