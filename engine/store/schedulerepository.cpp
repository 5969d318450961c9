#include "schedulerepository.h"

#include "timestamps.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

const QString scheduleColumns =
    u"s.schedule_id, s.name, s.workflow_name, s.trigger_kind, s.trigger_text, s.time_zone, "
    "s.anchor, s.enabled, s.next_run_at, s.last_run_at, s.last_process_id, s.last_missed, "
    "s.created_at, s.modified_at, p.status"_s;
const QString scheduleFrom =
    u" FROM schedules s LEFT JOIN processes p ON p.process_id = s.last_process_id"_s;

ScheduleRecord readSchedule(const QSqlQuery &q)
{
    ScheduleRecord r;
    r.id = q.value(0).toString();
    r.name = q.value(1).toString();
    r.workflow = q.value(2).toString();
    r.triggerKind = q.value(3).toString();
    r.triggerText = q.value(4).toString();
    r.timeZone = q.value(5).toString();
    r.anchor = q.value(6).toString();
    r.enabled = q.value(7).toInt() != 0;
    r.nextRunAt = q.value(8).toString();
    r.lastRunAt = q.value(9).toString();
    r.lastProcessId = q.value(10).toString();
    r.lastMissed = q.value(11).toInt();
    r.createdAt = q.value(12).toString();
    r.modifiedAt = q.value(13).toString();
    r.lastStatus = q.value(14).toString();
    return r;
}

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

QList<ScheduleRecord> ScheduleRepository::list()
{
    QSqlQuery q = m_db.exec(u"SELECT "_s + scheduleColumns + scheduleFrom + u" ORDER BY s.name"_s);
    QList<ScheduleRecord> result;
    while (q.next())
        result.append(readSchedule(q));
    return result;
}

std::optional<ScheduleRecord> ScheduleRepository::find(const QString &id)
{
    QSqlQuery q =
        m_db.exec(u"SELECT "_s + scheduleColumns + scheduleFrom + u" WHERE s.schedule_id = :id"_s,
                  {{u"id"_s, id}});
    if (!q.next())
        return std::nullopt;
    return readSchedule(q);
}

void ScheduleRepository::save(const ScheduleRecord &r)
{
    const QString now = Timestamps::now();
    const QVariantMap values {{u"id"_s, r.id},
                              {u"name"_s, r.name},
                              {u"workflow"_s, r.workflow},
                              {u"kind"_s, r.triggerKind},
                              {u"text"_s, r.triggerText},
                              {u"zone"_s, r.timeZone},
                              {u"anchor"_s, nullable(r.anchor)},
                              {u"enabled"_s, r.enabled ? 1 : 0},
                              {u"next"_s, nullable(r.nextRunAt)},
                              {u"now"_s, now}};
    QSqlQuery q = m_db.exec(
        u"UPDATE schedules SET name = :name, workflow_name = :workflow, trigger_kind = :kind, "
        "trigger_text = :text, time_zone = :zone, anchor = :anchor, enabled = :enabled, "
        "next_run_at = :next, modified_at = :now WHERE schedule_id = :id"_s,
        values);
    if (q.numRowsAffected() == 0) {
        m_db.exec(u"INSERT INTO schedules (schedule_id, name, workflow_name, trigger_kind, "
                  "trigger_text, time_zone, anchor, enabled, next_run_at, created_at, "
                  "modified_at) VALUES (:id, :name, :workflow, :kind, :text, :zone, :anchor, "
                  ":enabled, :next, :now, :now)"_s,
                  values);
    }
    m_db.notifyChange(u"schedule"_s, r.id);
}

bool ScheduleRepository::remove(const QString &id)
{
    m_db.exec(u"DELETE FROM schedule_runs WHERE schedule_id = :id"_s, {{u"id"_s, id}});
    QSqlQuery q = m_db.exec(u"DELETE FROM schedules WHERE schedule_id = :id"_s, {{u"id"_s, id}});
    m_db.notifyChange(u"schedule"_s, id);
    return q.numRowsAffected() > 0;
}

QList<ScheduleRecord> ScheduleRepository::due(const QString &now)
{
    QSqlQuery q = m_db.exec(u"SELECT "_s + scheduleColumns + scheduleFrom
                                + u" WHERE s.enabled = 1 AND (s.next_run_at IS NULL OR "
                                  "s.next_run_at <= :now) ORDER BY s.next_run_at"_s,
                            {{u"now"_s, now}});
    QList<ScheduleRecord> result;
    while (q.next())
        result.append(readSchedule(q));
    return result;
}

bool ScheduleRepository::advance(const QString &id, const QString &expected, const QString &next)
{
    QVariantMap values {{u"id"_s, id}};
    QString sql = next.isEmpty() ? u"UPDATE schedules SET next_run_at = NULL, enabled = 0"_s
                                 : u"UPDATE schedules SET next_run_at = :next"_s;
    if (!next.isEmpty())
        values.insert(u"next"_s, next);
    sql += u" WHERE schedule_id = :id AND "_s;
    if (expected.isEmpty()) {
        sql += u"next_run_at IS NULL"_s;
    } else {
        sql += u"next_run_at = :expected"_s;
        values.insert(u"expected"_s, expected);
    }
    QSqlQuery q = m_db.exec(sql, values);
    if (q.numRowsAffected() != 1)
        return false;
    m_db.notifyChange(u"schedule"_s, id);
    return true;
}

bool ScheduleRepository::claimRun(const ScheduleRecord &schedule, const QString &next,
                                  const QString &processId, int missed)
{
    if (!advance(schedule.id, schedule.nextRunAt, next))
        return false;
    QSqlQuery inserted = m_db.exec(
        u"INSERT INTO schedule_runs (schedule_id, due_at, process_id, started_at, missed) "
        "VALUES (:id, :due, :process, :now, :missed) ON CONFLICT (schedule_id, due_at) DO "
        "NOTHING"_s,
        {{u"id"_s, schedule.id},
         {u"due"_s, schedule.nextRunAt},
         {u"process"_s, nullable(processId)},
         {u"now"_s, Timestamps::now()},
         {u"missed"_s, missed}});
    if (inserted.numRowsAffected() != 1)
        return false;
    m_db.exec(u"UPDATE schedules SET last_run_at = :due, last_process_id = :process, "
              "last_missed = :missed WHERE schedule_id = :id"_s,
              {{u"due"_s, schedule.nextRunAt},
               {u"process"_s, nullable(processId)},
               {u"missed"_s, missed},
               {u"id"_s, schedule.id}});
    return true;
}

} // namespace wfo::store
