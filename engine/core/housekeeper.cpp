#include "housekeeper.h"

#include "scheduler.h"

#include "store/enginerepository.h"
#include "store/processrepository.h"
#include "store/timestamps.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSysInfo>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHousekeeper, "wfo.engine.housekeeper")

namespace wfo {

Housekeeper::Housekeeper(const RunnerContext &context, const HousekeeperOptions &options,
                         QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_options(options)
{ }

store::EngineInstanceRecord Housekeeper::selfRecord() const
{
    store::EngineInstanceRecord self;
    self.id = m_context.instanceId;
    self.hostname = store::instanceHostName();
    self.pid = QCoreApplication::applicationPid();
    self.kind = m_options.kind;
    self.threads = m_options.threads;
    self.startedAt = store::Timestamps::now();
    return self;
}

void Housekeeper::open()
{
    try {
        m_context.database.ensureSchema(m_options.migrate);
        if (!m_context.database.mayWrite()) {
            // A role that only reads (a viewer's): show everything, run and register nothing.
            m_context.flags->setReadOnly(true);
            store::EngineRepository engines(m_context.database);
            const bool locked = engines.globalLock();
            m_context.flags->setPaused(locked);
            emit globalLockChanged(locked);
            emit opened(true, QString());
            return;
        }
        recordCatalogue(*m_context.registry, m_context.database);
        for (const auto &extension : std::as_const(m_context.extensions))
            extension->databaseOpened(m_context.database);
        store::EngineRepository engines(m_context.database);
        engines.registerInstance(selfRecord());
        const bool locked = engines.globalLock();
        m_context.flags->setPaused(locked);
        m_open = true;
        beat(); // recovers what dead engines left running
        emit globalLockChanged(locked);
        emit opened(true, QString());
    } catch (const store::StoreError &e) {
        emit opened(false, e.message());
        return;
    }
    m_timer = new QTimer(this);
    m_timer->setInterval(m_options.heartbeatMs);
    connect(m_timer, &QTimer::timeout, this, &Housekeeper::beat);
    m_timer->start();
}

void Housekeeper::beat()
{
    if (!m_open)
        return;
    try {
        store::EngineRepository engines(m_context.database);
        store::ProcessRepository processes(m_context.database);
        if (!engines.heartbeat(m_context.instanceId)) {
            // Declared dead by another engine (we were unreachable too long): what we held
            // was recovered there; register again and go on with fresh claims.
            qCWarning(lcHousekeeper) << "this engine's lease had expired; registering again";
            engines.registerInstance(selfRecord());
        }
        for (const QString &id : m_context.flags->takeUnreleased()) {
            try {
                processes.release(id, m_context.instanceId);
            } catch (const store::StoreError &) {
                m_context.flags->addUnreleased(id);
                throw;
            }
        }
        const QStringList recoveredIds = processes.recoverInterrupted(m_options.leaseSeconds);
        if (!recoveredIds.isEmpty()) {
            qCInfo(lcHousekeeper) << "recovered interrupted processes" << recoveredIds;
            emit recovered(recoveredIds);
        }
        // A pause or unpause asked here meanwhile wins over this reading (RunFlags).
        const quint64 lockGeneration = m_context.flags->lockGeneration();
        const bool locked = engines.globalLock();
        if (m_context.flags->followGlobalLock(locked, lockGeneration))
            emit globalLockChanged(locked);
        for (const QString &id : processes.abortRequested(m_context.instanceId))
            m_context.flags->requestAbort(id);
        // What fell due by the clock: callback steps past their deadline fail, so no process
        // awaits forever (docs/architecture.md, "Callback steps"), and the schedules' due runs
        // start.
        Scheduler scheduler(m_context);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        scheduler.expireCallbacks(now);
        if (m_options.runSchedules) {
            const QStringList started = scheduler.tick(now);
            if (!started.isEmpty())
                emit scheduled(started);
        }
        if (!m_healthy) {
            m_healthy = true;
            emit databaseOk();
        }
    } catch (const store::StoreError &e) {
        if (m_healthy) {
            m_healthy = false;
            qCWarning(lcHousekeeper) << "database problem:" << e.message();
        }
        emit databaseProblem(e.message());
    }
}

void Housekeeper::close(const QStringList &releaseClaims)
{
    if (m_timer)
        m_timer->stop();
    if (m_open) {
        try {
            store::ProcessRepository processes(m_context.database);
            for (const QString &id : releaseClaims)
                processes.release(id, m_context.instanceId);
            store::EngineRepository(m_context.database).unregisterInstance(m_context.instanceId);
        } catch (const store::StoreError &e) {
            qCWarning(lcHousekeeper) << "could not sign off cleanly:" << e.message();
        }
    }
    m_open = false;
    m_context.database.closeThreadConnection();
    emit closed();
}

} // namespace wfo
