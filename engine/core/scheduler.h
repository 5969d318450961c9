#pragma once
// Starts the schedules' due runs, on the housekeeping thread of every engine that takes queued
// work (docs/architecture.md, "Schedules"). The clocks of several engines never decide alone:
// a run is started in the transaction that claims it (ScheduleRepository::claimRun), so each
// due run starts exactly once; runs missed while no engine was up start once, with the number
// of due times they stand for.

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
