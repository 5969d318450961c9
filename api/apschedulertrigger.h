#pragma once
// orchestrator-core describes a schedule as APScheduler does: a trigger ("cron", "interval",
// "date") and its keyword arguments ({"hour": 2, "minute": 30}, {"hours": 6},
// {"run_date": "..."}). Our schedules keep a trigger kind and its text (engine/schedule,
// docs/architecture.md "Schedules"); this translates between the two for the REST API
// (docs/api.md, "Schedules").

#include "wfo_api_export.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace wfo::api {

struct StoredTrigger
{
    QString kind; // "cron", "interval", "once"
    QString text; // the cron expression, the duration ("6h"), the ISO date and time
    QString timeZone; // IANA id; empty: the engine's own zone
};

class WFO_API_EXPORT ApSchedulerTrigger
{
    Q_DECLARE_TR_FUNCTIONS(wfo::api::ApSchedulerTrigger)

public:
    // APScheduler's trigger and kwargs as ours:
    //  - cron: minute, hour, day, month, day_of_week (APScheduler's numbering, 0 = Monday, or
    //    names), second only as 0; fields less significant than the least significant one
    //    given default to their minimum (minute 0, hour 0, day 1, month 1), as APScheduler's;
    //    or our own {"expression": "10 0 * * *"} (cron numbering);
    //  - interval: weeks, days, hours, minutes, seconds (summed; at least a minute);
    //  - date: run_date (ISO 8601).
    // Each takes "timezone". Nothing, with the reason in `error`, for anything else.
    static std::optional<StoredTrigger> fromCore(const QString &trigger, const QJsonObject &kwargs,
                                                 QString *error);
    // Ours as APScheduler's trigger name and kwargs, the reverse of fromCore (cron as its five
    // fields, weekdays by name).
    static QString coreName(const QString &kind);
    static QJsonObject coreKwargs(const StoredTrigger &trigger);
};

} // namespace wfo::api
