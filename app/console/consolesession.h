#pragma once
// One run of the console on one database: the engine, the console context and the main window,
// and the switch to another database chosen in the database dialog. A switch stops the engine
// as shutdown() does (running processes finish their current step and are queued again), then
// destroys the window, the context and the engine, in that order, and opens the new database
// with a new engine and a new window. When the new database cannot be opened the operator
// chooses another one, goes back to the previous one, or quits. A PostgreSQL URL without a
// password gets the one kept in the keychain (or in this session's memory) before it opens.

#include "core/engine.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QMessageBox;
class QTimer;

namespace wfo::console {

class ConsoleContext;
class MainWindow;
class PasswordStore;
struct PasswordResult;

class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)

public:
    using EngineHook = std::function<void(Engine &)>;
    using WindowHook = std::function<void(MainWindow *)>;

    // `options.url` and `options.migrate` are set per database (SQLite files are migrated at
    // open, PostgreSQL databases by 'orchestratorctl init').
    ConsoleSession(const WorkflowRegistry *registry, const EngineOptions &options,
                   EngineHook configureEngine, WindowHook decorateWindow,
                   QObject *parent = nullptr);
    ~ConsoleSession() override;

    void start(const store::DatabaseUrl &url);
    void switchTo(const store::DatabaseUrl &url);

    Engine *engine() const { return m_engine.get(); }
    ConsoleContext *context() const { return m_context.get(); }
    MainWindow *window() const { return m_window.get(); }
    bool isSwitching() const { return m_switching; }
    // How long a switch waits for running steps before it offers to quit instead.
    void setStopTimeout(int ms) { m_stopTimeoutMs = ms; }

signals:
    // A window is shown on a database that opened.
    void ready(wfo::console::MainWindow *window);
    // The database could not be opened; the operator is asked what to do.
    void openFailed(const QString &message);

private:
    void open(const store::DatabaseUrl &url);
    void opened(bool ok, const QString &message);
    void tearDown();
    void askAfterFailure(const QString &message);
    void askAfterSlowStop();

    const WorkflowRegistry *m_registry;
    EngineOptions m_options;
    EngineHook m_configureEngine;
    WindowHook m_decorateWindow;
    PasswordStore *m_passwords;
    QTimer *m_stopWatch;
    int m_stopTimeoutMs = 30000;

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    std::optional<store::DatabaseUrl> m_current; // the database a window was shown for
    std::optional<store::DatabaseUrl> m_pending; // the one a switch goes to
    QByteArray m_geometry;
    bool m_switching = false;
};

} // namespace wfo::console
