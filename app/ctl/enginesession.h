#pragma once
// An engine run from the command line: opens it and waits until it is open, waits for the
// answers to requests and for processes to come to rest, and shuts it down. Every wait runs a
// local event loop on the main thread; SIGINT and SIGTERM shut the engine down in an orderly
// way (running processes stop after their current step and are queued again).

#include "signalwatcher.h"

#include "core/engine.h"
#include "services/installation.h"

#include <QCoreApplication>
#include <QFuture>
#include <QHash>
#include <QObject>

#include <optional>

namespace wfo::ctl {

class EngineSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineSession)

public:
    // The engine runs the installation's workflows with its extensions.
    EngineSession(const Installation &installation, const EngineOptions &options,
                  QObject *parent = nullptr);
    ~EngineSession() override;

    Engine &engine() { return *m_engine; }

    // Opens the engine; on failure returns false with the engine's message.
    bool open(QString *message);
    ActionResult wait(const QFuture<ActionResult> &future);
    BulkResult wait(const QFuture<BulkResult> &future);
    // Waits until the process stopped running here; nothing when interrupted by a signal
    // before it did.
    std::optional<ProcessStatus> waitUntilStopped(const QString &processId);
    // Shuts the engine down and waits until it has stopped.
    void shutdown();
    // Runs until the engine stops (after a signal); for the worker.
    void runUntilStopped();

    bool interrupted() const { return m_interrupted; }

private:
    void onSignal(int signalNumber);

    Engine *m_engine;
    SignalWatcher m_signals;
    QHash<QString, ProcessStatus> m_stoppedProcesses;
    bool m_stopped = false;
    bool m_interrupted = false;
};

} // namespace wfo::ctl
