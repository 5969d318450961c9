#include "schedules.h"

#include "core/scheduler.h"
#include "store/schedulerepository.h"
#include "store/timestamps.h"

using namespace Qt::StringLiterals;

namespace wfo::queries {

namespace {

QJsonObject toJson(const store::ScheduleRecord &r, int count)
{
    QJsonArray next;
    QString error;
    if (const std::optional<schedule::Trigger> trigger = Scheduler::triggerOf(r, &error)) {
        if (r.enabled) {
            const QDateTime from = r.nextRunAt.isEmpty()
                ? QDateTime::currentDateTimeUtc()
                : store::Timestamps::fromText(r.nextRunAt).addMSecs(-1);
            for (const QDateTime &t : trigger->nextRuns(from, count))
                next.append(store::Timestamps::toText(t));
        }
    }
    return QJsonObject {{u"schedule_id"_s, r.id},         {u"name"_s, r.name},
                        {u"workflow"_s, r.workflow},      {u"trigger_kind"_s, r.triggerKind},
                        {u"trigger"_s, r.triggerText},    {u"time_zone"_s, r.timeZone},
                        {u"enabled"_s, r.enabled},        {u"next_run_at"_s, r.nextRunAt},
                        {u"last_run_at"_s, r.lastRunAt},  {u"last_process_id"_s, r.lastProcessId},
                        {u"last_status"_s, r.lastStatus}, {u"last_missed"_s, r.lastMissed},
                        {u"next_runs"_s, next},           {u"error"_s, error}};
}

} // namespace

QJsonArray ScheduleQueries::schedules(const store::Database &database, int count)
{
    QJsonArray result;
    for (const store::ScheduleRecord &r : store::ScheduleRepository(database).list())
        result.append(toJson(r, count));
    return result;
}

std::optional<QJsonObject> ScheduleQueries::schedule(const store::Database &database,
                                                     const QString &id, int count)
{
    const std::optional<store::ScheduleRecord> r = store::ScheduleRepository(database).find(id);
    if (!r)
        return std::nullopt;
    return toJson(*r, count);
}

} // namespace wfo::queries
