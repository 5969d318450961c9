#include "runcontrol.h"

#include <utility>

namespace wfo {

void RunControl::requestAbort(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    m_aborts.insert(processId);
}

bool RunControl::abortRequested(const QString &processId) const
{
    QMutexLocker locker(&m_mutex);
    return m_aborts.contains(processId);
}

void RunControl::clearAbort(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    m_aborts.remove(processId);
}

bool RunControl::markRunning(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    if (m_running.contains(processId))
        return false;
    m_running.insert(processId);
    return true;
}

void RunControl::markStopped(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    m_running.remove(processId);
}

bool RunControl::isRunning(const QString &processId) const
{
    QMutexLocker locker(&m_mutex);
    return m_running.contains(processId);
}

int RunControl::runningCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_running.size());
}

void RunControl::addUnreleased(const QString &processId)
{
    QMutexLocker locker(&m_mutex);
    if (!m_unreleased.contains(processId))
        m_unreleased.append(processId);
}

QStringList RunControl::takeUnreleased()
{
    QMutexLocker locker(&m_mutex);
    return std::exchange(m_unreleased, {});
}

} // namespace wfo
