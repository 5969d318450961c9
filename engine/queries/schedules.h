#pragma once
// The schedules as the console, orchestratorctl and the API read them, with their next due
// times.

#include "store/database.h"
#include "wfo_engine_export.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace wfo::queries {

class WFO_ENGINE_EXPORT ScheduleQueries
{
public:
    // [{schedule_id, name, workflow, trigger_kind, trigger, time_zone, enabled, next_run_at,
    //   last_run_at, last_process_id, last_status, last_missed, next_runs:[up to `count`]}]
    static QJsonArray schedules(const store::Database &database, int count = 5);
    static std::optional<QJsonObject> schedule(const store::Database &database, const QString &id,
                                               int count = 5);
};

} // namespace wfo::queries
