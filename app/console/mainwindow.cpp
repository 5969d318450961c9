#include "mainwindow.h"

#include "processlistmodel.h"

#include "core/engine.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(wfo::Engine *engine, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_model(new ProcessListModel(engine->database(), this))
    , m_view(new QTableView(this))
    , m_engineLabel(new QLabel(this))
    , m_databaseLabel(new QLabel(this))
    , m_pauseAction(new QAction(this))
    , m_refreshTimer(new QTimer(this))
{
    setWindowTitle(tr("Orchestrator Console"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(ProcessListModel::RawValueRole);
    m_view->setObjectName(u"processesView"_s);
    m_view->setAccessibleName(tr("Processes"));
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProcessListModel::LastModified, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setCentralWidget(m_view);

    auto *refresh = new QAction(tr("&Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, m_model, &ProcessListModel::refresh);
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        if (m_engine->state() == wfo::EngineState::Running)
            m_engine->pause();
        else
            m_engine->unpause();
    });
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(refresh);
    file->addSeparator();
    file->addAction(quit);
    QMenu *engineMenu = menuBar()->addMenu(tr("&Engine"));
    engineMenu->addAction(m_pauseAction);
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->addAction(refresh);
    toolBar->addAction(m_pauseAction);

    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_engineLabel);
    m_databaseLabel->setText(tr("Database: %1").arg(engine->database().url().displayString()));

    // Engine signals come in bursts; one refresh per burst keeps the list live and cheap.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250);
    connect(m_refreshTimer, &QTimer::timeout, m_model, &ProcessListModel::refresh);
    connect(engine, &wfo::Engine::stepCommitted, this, &MainWindow::scheduleRefresh);
    connect(engine, &wfo::Engine::processQueued, this, &MainWindow::scheduleRefresh);
    connect(engine, &wfo::Engine::processStopped, this, &MainWindow::scheduleRefresh);
    connect(engine, &wfo::Engine::recovered, this, &MainWindow::scheduleRefresh);
    connect(engine, &wfo::Engine::stateChanged, this, &MainWindow::updateEngineState);
    connect(engine, &wfo::Engine::databaseProblem, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Database problem: %1").arg(message), 10000);
    });
    connect(m_model, &ProcessListModel::loadFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Cannot load processes: %1").arg(message), 10000);
    });
    // Other programs (orchestratorctl, workers) change the database too.
    auto *poll = new QTimer(this);
    poll->setInterval(2000);
    connect(poll, &QTimer::timeout, m_model, &ProcessListModel::refresh);
    poll->start();

    updateEngineState();
    m_model->refresh();

    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1100, 650);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
}

void MainWindow::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void MainWindow::updateEngineState()
{
    const wfo::EngineState state = m_engine->state();
    const int running = m_engine->runningCount();
    switch (state) {
    case wfo::EngineState::Running:
        m_engineLabel->setText(tr("Engine running, %n process(es) active", nullptr, running));
        m_pauseAction->setText(tr("&Pause engine"));
        break;
    case wfo::EngineState::Pausing:
        m_engineLabel->setText(
            tr("Engine pausing, %n process(es) finishing a step", nullptr, running));
        m_pauseAction->setText(tr("&Resume engine"));
        break;
    case wfo::EngineState::Paused:
        m_engineLabel->setText(tr("Engine paused"));
        m_pauseAction->setText(tr("&Resume engine"));
        break;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    event->accept();
}
