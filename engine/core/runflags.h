#pragma once
// What the engine's threads share to stop work in an orderly way: the pause flag (global
// lock), shutdown, per-process abort requests, and the set of processes running here.

#include "wfo_engine_export.h"

#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>

namespace wfo {

class WFO_ENGINE_EXPORT RunFlags
{
public:
    RunFlags() = default;
    Q_DISABLE_COPY_MOVE(RunFlags)

    bool isPaused() const { return m_paused.load(); }
    void setPaused(bool paused) { m_paused.store(paused); }
    bool isStopping() const { return m_stopping.load(); }
    // The database role may only read: no runners, no heartbeat, every action refused.
    bool isReadOnly() const { return m_readOnly.load(); }
    void setReadOnly(bool readOnly) { m_readOnly.store(readOnly); }
    void setStopping(bool stopping) { m_stopping.store(stopping); }

    // A pause or unpause asked on this engine is under way from begin to end (until its write
    // of the global lock committed): a reading of the lock taken before must not undo it.
    // begin pauses at once when asked to (effective for this engine's runners before the write).
    void beginLockChange(bool pauseNow);
    void endLockChange();
    quint64 lockGeneration() const;
    // Follows the global lock as read from the database, unless a change was asked here since
    // `generation` was taken or is still under way; true when the pause flag changed.
    bool followGlobalLock(bool locked, quint64 generation);

    void requestAbort(const QString &processId);
    bool abortRequested(const QString &processId) const;
    void clearAbort(const QString &processId);

    // Returns false when the process already runs on this engine.
    bool markRunning(const QString &processId);
    void markStopped(const QString &processId);
    bool isRunning(const QString &processId) const;
    int runningCount() const;

    // Processes whose claim could not be released because the database was unreachable.
    void addUnreleased(const QString &processId);
    QStringList takeUnreleased();

private:
    std::atomic<bool> m_paused = false;
    std::atomic<bool> m_stopping = false;
    std::atomic<bool> m_readOnly = false;
    mutable QMutex m_mutex;
    QSet<QString> m_aborts;
    QSet<QString> m_running;
    QStringList m_unreleased;
    int m_lockChanges = 0;
    quint64 m_lockGeneration = 0;
};

} // namespace wfo
