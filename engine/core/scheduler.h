#pragma once
// What falls due by the clock, on the housekeeping thread of every engine (docs/architecture.md,
// "Schedules"): the schedules' due runs (engines that take queued work) and the deadlines of
// callback steps. The clocks of several engines never decide alone: a run is started in the
// transaction that claims it (ScheduleRepository::claimRun), and an overdue callback fails in
// the write that changes its process row only while it still awaits, so each happens exactly
// once; runs missed while no engine was up start once, with the number of due times they
// stand for.

#include "processrunner.h"
#include "wfo_engine_export.h"

#include "schedule/trigger.h"
#include "store/schedulerepository.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace wfo {

class WFO_ENGINE_EXPORT Scheduler
{
public:
    explicit Scheduler(const RunnerContext &context)
        : m_context(context)
    { }

    // Starts every run due at `now` (UTC) and computes the next due times not yet known;
    // returns the processes it created (queued for any engine). Throws store::StoreError.
    QStringList tick(const QDateTime &now);

    // Fails the callback steps whose deadline passed at `now` (Callbacks::expireOverdue);
    // returns those processes. Throws store::StoreError.
    QStringList expireCallbacks(const QDateTime &now);

    // The trigger a stored schedule describes, or nothing with a translated `error`.
    static std::optional<schedule::Trigger> triggerOf(const store::ScheduleRecord &record,
                                                      QString *error);

private:
    // Creates the process of a due run and claims the run, in one transaction; nothing when
    // another engine claimed it first.
    std::optional<QString> startRun(const store::ScheduleRecord &schedule, const QString &next,
                                    int missed);

    RunnerContext m_context;
};

} // namespace wfo
