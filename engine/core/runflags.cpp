#include "runflags.h"

#include <utility>

namespace wfo {

void RunFlags::requestAbort(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    m_aborts.insert(processId);
}

bool RunFlags::abortRequested(const QString &processId) const
{
    QMutexLocker locker(&m_mutex);
    return m_aborts.contains(processId);
}

void RunFlags::clearAbort(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    m_aborts.remove(processId);
}

bool RunFlags::markRunning(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    if (m_running.contains(processId))
        return false;
    m_running.insert(processId);
    return true;
}

void RunFlags::markStopped(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    m_running.remove(processId);
}

bool RunFlags::isRunning(const QString &processId) const
{
    QMutexLocker locker(&m_mutex);
    return m_running.contains(processId);
}

int RunFlags::runningCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_running.size());
}

void RunFlags::addUnreleased(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    if (!m_unreleased.contains(processId))
        m_unreleased.append(processId);
}

QStringList RunFlags::takeUnreleased()
{
    QMutexLocker locker(&m_mutex);
    return std::exchange(m_unreleased, {});
}

void RunFlags::beginLockChange(bool pauseNow)
{
    const QMutexLocker locker(&m_mutex);
    ++m_lockChanges;
    ++m_lockGeneration;
    if (pauseNow)
        m_paused.store(true);
}

void RunFlags::endLockChange()
{
    const QMutexLocker locker(&m_mutex);
    ++m_lockGeneration;
    --m_lockChanges;
}

quint64 RunFlags::lockGeneration() const
{
    const QMutexLocker locker(&m_mutex);
    return m_lockGeneration;
}

bool RunFlags::followGlobalLock(bool locked, quint64 generation)
{
    const QMutexLocker locker(&m_mutex);
    if (m_lockChanges > 0 || generation != m_lockGeneration || m_paused.load() == locked)
        return false;
    m_paused.store(locked);
    return true;
}

} // namespace wfo
