#pragma once
// All SQL about schedules: a workflow (usually a task) started by a trigger, and the runs
// started so far. A due run is claimed by a database write (docs/architecture.md,
// "Schedules"): the schedule's next due time moves on only where it still is the time this
// engine read, and the run's key (schedule, due time) is unique, so each due run starts once
// whichever engines are up.

#include "database.h"
#include "wfo_engine_export.h"

#include <QList>
#include <QString>

#include <optional>

namespace wfo::store {

struct ScheduleRecord
{
    QString id;
    QString name;
    QString workflow;
    QString triggerKind; // "cron", "interval", "once"
    QString triggerText; // the cron expression, the duration ("6h") or the UTC time
    QString timeZone; // IANA id; empty: the engine's own zone
    QString anchor; // intervals: counted from here (empty: from when an engine first sees it)
    bool enabled = true;
    QString nextRunAt; // empty: to be computed by the next engine that looks
    QString lastRunAt; // the due time of the last run
    QString lastProcessId;
    int lastMissed = 0; // due times coalesced into the last run (no engine was up)
    QString createdAt;
    QString modifiedAt;
    QString lastStatus; // read only: the status of the last run's process, if it still exists
};

class WFO_ENGINE_EXPORT ScheduleRepository
{
public:
    explicit ScheduleRepository(const Database &database)
        : m_db(database)
    { }

    QList<ScheduleRecord> list();
    std::optional<ScheduleRecord> find(const QString &id);
    // Adds the schedule or changes its name, workflow, trigger, zone, anchor, enabled flag and
    // next due time.
    void save(const ScheduleRecord &record);
    bool remove(const QString &id);

    // Enabled schedules whose next due time is at or before `now`, or not yet computed.
    QList<ScheduleRecord> due(const QString &now);
    // Moves the next due time from `expected` (empty: not computed) to `next` (empty: none
    // left, which also disables the schedule); false when another engine moved it first.
    bool advance(const QString &id, const QString &expected, const QString &next);
    // Claims the run due at `dueAt` (the schedule's next due time, as read): records it with
    // its process and the due times it stands for, and moves the schedule on to `next`. False
    // when another engine claimed it first; the caller then rolls back its transaction.
    bool claimRun(const ScheduleRecord &schedule, const QString &next, const QString &processId,
                  int missed);

private:
    const Database &m_db;
};

} // namespace wfo::store
