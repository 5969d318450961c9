#include "consolesession.h"

#include "common/consolecontext.h"
#include "database/databasedialog.h"
#include "database/databasesettings.h"
#include "database/passwordstore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace wfo::console {

ConsoleSession::ConsoleSession(const WorkflowRegistry *registry, const EngineOptions &options,
                               EngineHook configureEngine, WindowHook decorateWindow,
                               QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_options(options)
    , m_configureEngine(std::move(configureEngine))
    , m_decorateWindow(std::move(decorateWindow))
    , m_passwords(new PasswordStore(this))
    , m_stopWatch(new QTimer(this))
{
    m_stopWatch->setSingleShot(true);
    connect(m_stopWatch, &QTimer::timeout, this, &ConsoleSession::askAfterSlowStop);
}

ConsoleSession::~ConsoleSession()
{
    m_window.reset();
    m_context.reset();
    m_engine.reset();
}

void ConsoleSession::start(const store::DatabaseUrl &url)
{
    if (url.isSqlite() || !url.password.isEmpty()) {
        open(url);
        return;
    }
    // The stored URL has no password: ask the keychain (or this session's memory) first. The
    // connection is tried without one when there is none (trust, .pgpass, a certificate).
    const QString key = DatabaseSettings::keychainKey(url);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(
        m_passwords, &PasswordStore::finished, this,
        [this, url, key, connection](const QString &answeredKey, const PasswordResult &result) {
            if (answeredKey != key)
                return;
            disconnect(*connection);
            store::DatabaseUrl withPassword = url;
            if (result.outcome == PasswordResult::Outcome::Done)
                withPassword.password = result.password;
            open(withPassword);
        });
    m_passwords->read(key);
}

void ConsoleSession::open(const store::DatabaseUrl &url)
{
    EngineOptions options = m_options;
    options.url = url;
    options.migrate = url.isSqlite();
    m_pending = url;
    m_engine = std::make_unique<Engine>(m_registry, options);
    if (m_configureEngine)
        m_configureEngine(*m_engine);
    // Queued: a failed engine is destroyed in opened(), not inside its own signal.
    connect(m_engine.get(), &Engine::opened, this, &ConsoleSession::opened, Qt::QueuedConnection);
    m_engine->open();
}

void ConsoleSession::opened(bool ok, const QString &message)
{
    if (!ok) {
        m_engine.reset();
        emit openFailed(message);
        askAfterFailure(message);
        return;
    }
    m_current = m_pending;
    m_context = std::make_unique<ConsoleContext>(m_engine.get());
    m_window = std::make_unique<MainWindow>(m_context.get());
    if (m_decorateWindow)
        m_decorateWindow(m_window.get());
    connect(m_window.get(), &MainWindow::databaseSwitchRequested, this, &ConsoleSession::switchTo);
    if (m_switching) {
        m_window->restoreGeometry(m_geometry);
        m_window->showPage(MainWindow::Page::Settings);
        m_window->statusBar()->showMessage(tr("Now working on %1.").arg(m_current->displayString()),
                                           8000);
        m_switching = false;
    }
    m_window->show();
    QApplication::setQuitOnLastWindowClosed(true);
    emit ready(m_window.get());
}

void ConsoleSession::switchTo(const store::DatabaseUrl &url)
{
    if (m_switching || !m_engine)
        return;
    m_switching = true;
    m_pending = url;
    // The window goes away before the new one comes: that is not the last window closing.
    QApplication::setQuitOnLastWindowClosed(false);
    if (m_window) {
        m_geometry = m_window->saveGeometry();
        m_window->setEnabled(false);
        m_window->statusBar()->showMessage(
            tr("Switching to %1: %n process(es) finishing their current step…", nullptr,
               m_engine->runningCount())
                .arg(url.displayString()));
    }
    if (!m_engine->isOpen()) {
        tearDown();
        return;
    }
    connect(m_engine.get(), &Engine::stopped, this, &ConsoleSession::tearDown,
            Qt::QueuedConnection);
    m_stopWatch->start(m_stopTimeoutMs);
    m_engine->shutdown();
}

void ConsoleSession::tearDown()
{
    m_stopWatch->stop();
    if (!m_switching || !m_pending)
        return;
    if (m_window)
        m_geometry = m_window->saveGeometry();
    m_window.reset();
    m_context.reset();
    m_engine.reset();
    start(*m_pending);
}

void ConsoleSession::askAfterFailure(const QString &message)
{
    const store::DatabaseUrl failed = m_pending.value_or(store::DatabaseUrl());
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Orchestrator Console"),
                                tr("Cannot open the database %1.").arg(failed.displayString()));
    box->setObjectName(u"openFailedBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(message);
    QPushButton *choose = box->addButton(tr("&Choose a database…"), QMessageBox::AcceptRole);
    choose->setObjectName(u"chooseDatabaseButton"_s);
    QPushButton *previous = nullptr;
    if (m_current && m_current->toString() != failed.toString()) {
        previous = box->addButton(tr("&Back to %1").arg(m_current->displayString()),
                                  QMessageBox::ResetRole);
        previous->setObjectName(u"previousDatabaseButton"_s);
    }
    QPushButton *quit = box->addButton(tr("&Quit"), QMessageBox::RejectRole);
    quit->setObjectName(u"quitButton"_s);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, box, choose, previous, failed](QAbstractButton *button) {
                if (button == choose) {
                    auto *dialog = new DatabaseDialog(failed);
                    dialog->setAttribute(Qt::WA_DeleteOnClose);
                    connect(dialog, &DatabaseDialog::urlChosen, this, &ConsoleSession::start);
                    connect(dialog, &QDialog::rejected, this, [this, failed] {
                        askAfterFailure(tr("No other database was chosen."));
                    });
                    dialog->open();
                } else if (previous && button == previous) {
                    DatabaseSettings::setStoredUrl(*m_current);
                    start(*m_current);
                } else {
                    QApplication::exit(1);
                }
                box->close();
            });
    box->open();
}

void ConsoleSession::askAfterSlowStop()
{
    if (!m_switching || !m_engine)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Switching database"),
                                tr("The engine has not stopped yet: %n process(es) are still in "
                                   "their current step, or the database does not answer.",
                                   nullptr, m_engine->runningCount()),
                                QMessageBox::NoButton, m_window.get());
    box->setObjectName(u"slowStopBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Keep waiting, or quit now and start the console again: it then "
                               "opens the new database."));
    box->addButton(tr("&Keep waiting"), QMessageBox::RejectRole);
    QPushButton *quit = box->addButton(tr("&Quit the console"), QMessageBox::DestructiveRole);
    connect(box, &QMessageBox::buttonClicked, this, [this, quit](QAbstractButton *button) {
        if (button == quit)
            QApplication::exit(0);
        else if (m_switching)
            m_stopWatch->start(m_stopTimeoutMs);
    });
    box->open();
}

} // namespace wfo::console
