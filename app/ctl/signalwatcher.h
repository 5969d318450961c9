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

signals:
    void signalled(int signalNumber);

private:
    void readSignal();
    static void handle(int signalNumber);

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace wfo::ctl
