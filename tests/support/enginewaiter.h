#pragma once
// Waiting for the asynchronous engine in tests without blocking its queued signals.

#include "core/engine.h"
#include "services/installation.h"

#include <QFuture>
#include <QHash>

#include <functional>

#include <memory>
#include <optional>

namespace testsupport {

// Processes events until `done()` holds or the timeout passes, sleeping while none arrive (a
// loop of processEvents() alone would spin a core, which on a small machine is a core taken
// from the engine under test); returns `done()`.
bool processEventsUntil(const std::function<bool()> &done, int timeoutMs);

// Processes events until the future is ready (or the timeout passes) and returns its result.
template<typename T>
T await(const QFuture<T> &future, int timeoutMs = 30000);

bool openEngine(wfo::Engine &engine, QString *error = nullptr, int timeoutMs = 30000);

// Records every process the engine reports stopped from the moment it is made: create it before
// the action whose effect you wait for, so that a fast process cannot stop unseen.
class StopRecorder
{
public:
    explicit StopRecorder(wfo::Engine &engine);
    ~StopRecorder();
    Q_DISABLE_COPY_MOVE(StopRecorder)

    std::optional<wfo::ProcessStatus> wait(const QString &processId, int timeoutMs = 30000);

private:
    QHash<QString, wfo::ProcessStatus> m_stopped;
    QMetaObject::Connection m_connection;
};

// Waits until the engine reports that `processId` stopped; returns the status it stopped in.
std::optional<wfo::ProcessStatus> waitStopped(wfo::Engine &engine, const QString &processId,
                                              int timeoutMs = 30000);

// An engine with the built-ins and `pack` installed, opened on `url` with short poll and
// heartbeat intervals, as the engine suites use it. Nothing when it cannot open (`error` says).
struct InstalledEngine
{
    std::unique_ptr<wfo::Installation> installation;
    std::unique_ptr<wfo::Engine> engine;
};
std::optional<InstalledEngine> openInstalledEngine(const wfo::store::DatabaseUrl &url,
                                                   wfo::ProductPack &pack, QString *error);

// Starts a workflow and waits until it comes to rest; returns the process id (empty on error).
QString runToRest(wfo::Engine &engine, const wfo::StartRequest &request,
                  wfo::ProcessStatus *status = nullptr, int timeoutMs = 30000);

} // namespace testsupport

template<typename T>
T testsupport::await(const QFuture<T> &future, int timeoutMs)
{
    return processEventsUntil([&future] { return future.isFinished(); }, timeoutMs)
        ? future.result()
        : T();
}
