#pragma once
// Turns SIGINT and SIGTERM into a Qt signal on the main thread. A signal handler may do almost
// nothing, so it writes the signal number into a socket pair; a QSocketNotifier reads it in
// the event loop, where the engine can be shut down in an orderly way.

#include <QObject>

class QSocketNotifier;

namespace wfo::ctl {

class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    // Only one watcher may exist at a time; it installs the handlers and restores the default
    // ones when destroyed.
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

    // Holds SIGINT and SIGTERM back (blocked, so they stay pending) until a watcher exists or
    // releaseSignals() is called: a worker told to stop while it is still starting (loading
    // packs) then stops in an orderly way instead of dying. Call before any thread starts.
    static void holdSignals();
    static void releaseSignals();

signals:
    void signalled(int signalNumber);

private:
    void readSignal();
    static void handle(int signalNumber);

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace wfo::ctl
