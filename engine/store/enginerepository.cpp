#include "enginerepository.h"

#include "timestamps.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

bool processExists(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace

QString instanceHostName()
{
    const QString fromEnv = qEnvironmentVariable("WFO_INSTANCE_HOST");
    return fromEnv.isEmpty() ? QSysInfo::machineHostName() : fromEnv;
}

bool EngineRepository::globalLock()
{
    QSqlQuery q = m_db.exec(u"SELECT value FROM engine_settings WHERE key = 'global_lock'"_s);
    return q.next() && q.value(0).toString() == "true"_L1;
}

void EngineRepository::setGlobalLock(bool locked)
{
    m_db.exec(SqlDialect::upsert(u"engine_settings"_s, {u"key"_s, u"value"_s}, u"key"_s),
              {{u"key"_s, u"global_lock"_s}, {u"value"_s, locked ? u"true"_s : u"false"_s}});
    m_db.notifyChange(u"engine"_s, u"lock"_s);
}

void EngineRepository::registerInstance(const EngineInstanceRecord &i)
{
    m_db.exec(SqlDialect::upsert(u"engine_instances"_s,
                                 {u"instance_id"_s, u"hostname"_s, u"pid"_s, u"kind"_s,
                                  u"threads"_s, u"started_at"_s, u"heartbeat_at"_s},
                                 u"instance_id"_s),
              {{u"instance_id"_s, i.id},
               {u"hostname"_s, i.hostname},
               {u"pid"_s, i.pid},
               {u"kind"_s, i.kind},
               {u"threads"_s, i.threads},
               {u"started_at"_s, i.startedAt},
               {u"heartbeat_at"_s, Timestamps::now()}});
    m_db.notifyChange(u"engine"_s, u"instances"_s);
}

bool EngineRepository::heartbeat(const QString &instanceId)
{
    QSqlQuery q = m_db.exec(u"UPDATE engine_instances SET heartbeat_at = :now WHERE instance_id "
                            "= :id"_s,
                            {{u"now"_s, Timestamps::now()}, {u"id"_s, instanceId}});
    return q.numRowsAffected() == 1;
}

void EngineRepository::unregisterInstance(const QString &instanceId)
{
    m_db.exec(u"DELETE FROM engine_instances WHERE instance_id = :id"_s, {{u"id"_s, instanceId}});
    m_db.notifyChange(u"engine"_s, u"instances"_s);
}

QList<EngineInstanceRecord> EngineRepository::instances()
{
    QSqlQuery q = m_db.exec(u"SELECT instance_id, hostname, pid, kind, threads, started_at, "
                            "heartbeat_at FROM engine_instances ORDER BY started_at"_s);
    QList<EngineInstanceRecord> result;
    while (q.next())
        result.append(EngineInstanceRecord {q.value(0).toString(), q.value(1).toString(),
                                            q.value(2).toLongLong(), q.value(3).toString(),
                                            q.value(4).toInt(), q.value(5).toString(),
                                            q.value(6).toString()});
    return result;
}

QStringList EngineRepository::removeDeadInstances(int leaseSeconds)
{
    const QString cutoff =
        Timestamps::toText(QDateTime::currentDateTimeUtc().addSecs(-leaseSeconds));
    const QString host = instanceHostName();
    QStringList removed;
    for (const EngineInstanceRecord &i : instances()) {
        const bool expired = i.heartbeatAt < cutoff;
        const bool goneHere = i.hostname == host && !processExists(i.pid);
        if (!expired && !goneHere)
            continue;
        QSqlQuery q = m_db.exec(u"DELETE FROM engine_instances WHERE instance_id = :id AND "
                                "heartbeat_at = :seen"_s,
                                {{u"id"_s, i.id}, {u"seen"_s, i.heartbeatAt}});
        if (q.numRowsAffected() == 1)
            removed.append(i.id);
    }
    if (!removed.isEmpty())
        m_db.notifyChange(u"engine"_s, u"instances"_s);
    return removed;
}

} // namespace wfo::store
