// The queue half of ProcessRepository: claiming queued processes for an engine, letting them
// go, and recovering what engines that died held. Processes and their steps are read and
// written in processrepository.cpp.
#include "processrepository.h"

#include "enginerepository.h"
#include "preparedstatements.h"
#include "timestamps.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

std::optional<QString> ProcessRepository::claimNextWithin(const QString &instance)
{
    // A kept statement: on SQLite every claim runs in a group, on the thread that writes them.
    std::optional<QString> id;
    execPrepared(m_db, m_db.dialect().claimNextProcess(), {instance, Timestamps::now()},
                 [&id](QSqlQuery &q) {
                     if (q.next())
                         id = q.value(0).toString();
                 });
    return id;
}

bool ProcessRepository::claim(const QString &processId, const QString &instance)
{
    QSqlQuery q =
        m_db.exec(u"UPDATE processes SET status = 'running', claimed_by = :instance, "
                  "last_modified_at = :now WHERE process_id = :id AND "
                  "status IN ('created', 'resumed', 'running') AND (claimed_by IS NULL "
                  "OR claimed_by = :instance)"_s,
                  {{u"instance"_s, instance}, {u"now"_s, Timestamps::now()}, {u"id"_s, processId}});
    return q.numRowsAffected() == 1;
}

void ProcessRepository::release(const QString &processId, const QString &instance)
{
    m_db.exec(u"UPDATE processes SET claimed_by = NULL WHERE process_id = :id AND claimed_by = "
              ":instance"_s,
              {{u"id"_s, processId}, {u"instance"_s, instance}});
}

QStringList ProcessRepository::recoverInterrupted(int leaseSeconds)
{
    WriteTransaction transaction(m_db);
    EngineRepository(m_db).removeDeadInstances(leaseSeconds);
    // An engine registers before it claims, so a claim by a live engine always comes with its
    // instance row in the same snapshot (one statement each, on PostgreSQL too).
    static const QString orphaned =
        u"NOT EXISTS (SELECT 1 FROM engine_instances e WHERE e.instance_id = processes.claimed_by)"_s;
    QSqlQuery q = m_db.exec(u"SELECT process_id, COALESCE(claimed_by, ''), next_step, "
                            "next_step_name, run_by FROM processes WHERE status = 'running' AND "_s
                            + orphaned);
    struct Orphan
    {
        QString id;
        QString claimedBy;
        int step;
        QString stepName;
        QString actor;
    };
    QList<Orphan> orphans;
    while (q.next())
        orphans.append(Orphan {q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(),
                               q.value(3).toString(), q.value(4).toString()});
    q.finish();
    QStringList recovered;
    const QString now = Timestamps::now();
    for (const Orphan &orphan : std::as_const(orphans)) {
        const QString reason = QCoreApplication::translate("wfo::store::ProcessRepository",
                                                           "Interrupted while running step '%1'")
                                   .arg(orphan.stepName);
        // Still the same orphan: not re-claimed by an engine that registered again meanwhile.
        QSqlQuery update = m_db.exec(
            u"UPDATE processes SET status = 'failed', last_status = 'failed', last_step = "
            ":step, failed_reason = :reason, traceback = NULL, claimed_by = NULL, "
            "last_modified_at = :now WHERE process_id = :id AND status = 'running' AND "
            "COALESCE(claimed_by, '') = :claimed AND "_s
                + orphaned,
            {{u"step"_s, orphan.stepName},
             {u"reason"_s, reason},
             {u"now"_s, now},
             {u"id"_s, orphan.id},
             {u"claimed"_s, orphan.claimedBy}});
        if (update.numRowsAffected() != 1)
            continue;
        StepRecord step;
        step.processId = orphan.id;
        step.index = orphan.step;
        step.name = orphan.stepName;
        step.status = StepStatus::Failed;
        step.createdBy = u"SYSTEM"_s;
        step.startedAt = now;
        step.completedAt = now;
        step.retries = failedAttempts(orphan.id).value(orphan.step);
        step.errorClass = u"EngineInterrupted"_s;
        step.errorMessage = reason;
        insertStep(step);
        recovered.append(orphan.id);
        m_db.notifyChange(u"process"_s, orphan.id);
    }
    // Queued work claimed by a dead instance goes back to the queue. Found through the claim
    // index (`> ''` is a range on it; the `|| ''` keeps SQLite's planner off the status index,
    // which would read every queued process, 100,000 of them in a large job, on every beat).
    m_db.exec(u"UPDATE processes SET claimed_by = NULL WHERE claimed_by > '' AND status || '' IN "
              "('created', 'resumed') AND "_s
              + orphaned);
    transaction.commit();
    return recovered;
}

bool ProcessRepository::hasQueuedWork()
{
    // The queue's partial index (migration 9): finished processes are unclaimed too.
    QSqlQuery q = m_db.exec(
        u"SELECT 1 FROM processes %1WHERE status IN ('created', 'resumed') AND "
        "claimed_by IS NULL LIMIT 1"_s.arg(
            m_db.dialect().isSqlite() ? u"INDEXED BY processes_queue_idx "_s : QString()));
    return q.next();
}

} // namespace wfo::store
