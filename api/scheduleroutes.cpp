// Schedules (docs/api.md, "Schedules"): orchestrator-core's POST, PUT and DELETE on
// /api/schedules with APScheduler's triggers (apschedulertrigger.h), answered at once instead
// of through core's queue; and what core offers only through its GraphQL: the list, one
// schedule, and running one now.
#include "apiserver.h"
#include "apschedulertrigger.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "queries/schedules.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

// A schedule as the API shows it: core's field names (workflow_name, trigger, trigger_kwargs,
// next_run_time) besides ours.
QJsonObject scheduleView(const QJsonObject &row)
{
    const StoredTrigger trigger {row.value(u"trigger_kind").toString(),
                                 row.value(u"trigger").toString(),
                                 row.value(u"time_zone").toString()};
    const auto orNull = [&row](const QString &key) {
        const QString text = row.value(key).toString();
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    // Not yet computed by an engine (a new or changed schedule): the time it will compute.
    const QJsonArray nextRuns = row.value(u"next_runs").toArray();
    QJsonValue next = orNull(u"next_run_at"_s);
    if (next.isNull() && !nextRuns.isEmpty())
        next = nextRuns.first();
    return {{u"schedule_id"_s, row.value(u"schedule_id")},
            {u"name"_s, row.value(u"name")},
            {u"workflow_name"_s, row.value(u"workflow")},
            {u"trigger"_s, ApSchedulerTrigger::coreName(trigger.kind)},
            {u"trigger_kwargs"_s, ApSchedulerTrigger::coreKwargs(trigger)},
            {u"trigger_text"_s, trigger.text},
            {u"timezone"_s, trigger.timeZone},
            {u"enabled"_s, row.value(u"enabled")},
            {u"next_run_time"_s, next},
            {u"next_runs"_s, nextRuns},
            {u"last_run_time"_s, orNull(u"last_run_at"_s)},
            {u"last_process_id"_s, orNull(u"last_process_id"_s)},
            {u"last_status"_s, orNull(u"last_status"_s)},
            {u"last_missed"_s, row.value(u"last_missed")}};
}

ApiResponse unprocessable(const QString &detail)
{
    return ApiResponse::problem(422, detail);
}

// The trigger of a create or update body into `change`; the 422 when it cannot be ours.
std::optional<ApiResponse> readTrigger(const QJsonObject &body, ScheduleChange *change)
{
    const QJsonValue trigger = body.value(u"trigger");
    const QJsonValue kwargs = body.value(u"trigger_kwargs");
    if (trigger.isUndefined() || trigger.isNull()) {
        if (!kwargs.isUndefined() && !kwargs.isNull())
            return unprocessable(ApiServer::tr("'trigger_kwargs' needs 'trigger'."));
        return std::nullopt;
    }
    if (!trigger.isString() || (!kwargs.isUndefined() && !kwargs.isObject()))
        return unprocessable(ApiServer::tr("'trigger' must be one of interval, cron and date, "
                                           "and 'trigger_kwargs' an object."));
    QString error;
    const std::optional<StoredTrigger> stored =
        ApSchedulerTrigger::fromCore(trigger.toString(), kwargs.toObject(), &error);
    if (!stored)
        return unprocessable(error);
    change->triggerKind = stored->kind;
    change->trigger = stored->text;
    change->timeZone = stored->timeZone;
    return std::nullopt;
}

std::optional<ApiResponse> readText(const QJsonObject &body, const QString &key, QString *value)
{
    const QJsonValue field = body.value(key);
    if (field.isUndefined() || field.isNull())
        return std::nullopt;
    if (!field.isString())
        return unprocessable(ApiServer::tr("'%1' must be text.").arg(key));
    *value = field.toString().trimmed();
    return std::nullopt;
}

QJsonObject done(const QString &status, const QString &message, const QString &id)
{
    return {{u"message"_s, message}, {u"status"_s, status}, {u"schedule_id"_s, id}};
}

// What a create or update body says of the schedule (every field optional here; the routes
// say which they need); the 422 when a field is of the wrong kind.
std::optional<ApiResponse> readChange(const QJsonObject &body, ScheduleChange *change)
{
    for (const auto &[key, target] :
         {std::pair {u"workflow_name"_s, &change->workflow}, std::pair {u"name"_s, &change->name},
          std::pair {u"schedule_id"_s, &change->id}}) {
        if (std::optional<ApiResponse> refused = readText(body, key, target))
            return refused;
    }
    if (std::optional<ApiResponse> refused = readTrigger(body, change))
        return refused;
    if (body.contains(u"enabled")) {
        if (!body.value(u"enabled").isBool())
            return unprocessable(ApiServer::tr("'enabled' must be true or false."));
        change->enabled = body.value(u"enabled").toBool();
    }
    return std::nullopt;
}

} // namespace

void ApiServer::addScheduleRoutes()
{
    m_router.add("GET"_ba, u"/api/schedules"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            QJsonArray schedules;
            for (const QJsonValue &row : queries::ScheduleQueries::schedules(database))
                schedules.append(scheduleView(row.toObject()));
            return ApiResponse::json(schedules);
        });
    });
    m_router.add("GET"_ba, u"/api/schedules/{schedule_id}"_s, [this](const ApiRequest &request) {
        const QString id = request.param(u"schedule_id"_s);
        return read([id](const store::Database &database) {
            const std::optional<QJsonObject> row = queries::ScheduleQueries::schedule(database, id);
            if (!row)
                return ApiResponse::problem(404, tr("Schedule does not exist: %1").arg(id));
            return ApiResponse::json(scheduleView(*row));
        });
    });

    // Core's APSchedulerJobCreate: {workflow_name, workflow_id, name, trigger, trigger_kwargs};
    // ours may also name the schedule (schedule_id) and start it disabled (enabled).
    m_router.add("POST"_ba, u"/api/schedules"_s, [this](const ApiRequest &request) {
        ApiResponse problem;
        const std::optional<QJsonObject> body = parseObject(request.body, &problem);
        if (!body)
            return ready(problem);
        ScheduleChange change;
        change.change = u"add"_s;
        change.actor = request.actor;
        if (std::optional<ApiResponse> refused = readChange(*body, &change))
            return ready(*refused);
        if (change.workflow.isEmpty())
            return ready(unprocessable(tr("'workflow_name' is required.")));
        if (change.triggerKind.isEmpty())
            return ready(unprocessable(tr("'trigger' is required: interval, cron or date.")));
        if (!m_engine->registry()->find(change.workflow))
            return ready(ApiResponse::problem(404, tr("Task does not exist")));
        return QFuture<ActionResult>(m_engine->saveSchedule(change))
            .then(this, [](const ActionResult &result) {
                return Outcomes::response(
                    result,
                    ApiResponse::json(done(u"CREATED"_s, tr("Schedule created"), result.scheduleId),
                                      201));
            });
    });

    // Core's APSchedulerJobUpdate: {schedule_id, name, trigger, trigger_kwargs}; ours may also
    // enable or disable it (enabled) and change its workflow (workflow_name).
    m_router.add("PUT"_ba, u"/api/schedules"_s, [this](const ApiRequest &request) {
        ApiResponse problem;
        const std::optional<QJsonObject> body = parseObject(request.body, &problem);
        if (!body)
            return ready(problem);
        ScheduleChange change;
        change.change = u"set"_s;
        change.actor = request.actor;
        if (std::optional<ApiResponse> refused = readChange(*body, &change))
            return ready(*refused);
        if (change.id.isEmpty())
            return ready(unprocessable(tr("'schedule_id' is required.")));
        if (!change.workflow.isEmpty() && !m_engine->registry()->find(change.workflow))
            return ready(ApiResponse::problem(404, tr("Task does not exist")));
        return whenScheduleExists(change.id, [this, change]() {
            return act(m_engine->saveSchedule(change),
                       ApiResponse::json(done(u"UPDATED"_s, tr("Schedule updated"), change.id)));
        });
    });

    // Core's APSchedulerJobDelete: {workflow_id, schedule_id}; ours needs only schedule_id.
    m_router.add("DELETE"_ba, u"/api/schedules"_s, [this](const ApiRequest &request) {
        ApiResponse problem;
        const std::optional<QJsonObject> body = parseObject(request.body, &problem);
        if (!body)
            return ready(problem);
        QString id;
        if (std::optional<ApiResponse> refused = readText(*body, u"schedule_id"_s, &id))
            return ready(*refused);
        if (id.isEmpty())
            return ready(unprocessable(tr("'schedule_id' is required.")));
        return removeSchedule(id, request.actor);
    });
    m_router.add("DELETE"_ba, u"/api/schedules/{schedule_id}"_s, [this](const ApiRequest &request) {
        return removeSchedule(request.param(u"schedule_id"_s), request.actor);
    });

    // Runs the schedule's workflow once now, as the caller's own start (its due times stay).
    m_router.add(
        "POST"_ba, u"/api/schedules/{schedule_id}/run"_s, [this](const ApiRequest &request) {
            if (enginePaused())
                return ready(ApiResponse::problem(503, engineLocked()));
            const QString id = request.param(u"schedule_id"_s);
            const Actor actor = request.actor;
            return readThen(
                [id](const store::Database &database) {
                    return queries::ScheduleQueries::schedule(database, id, 0);
                },
                [this, id,
                 actor](const std::optional<QJsonObject> &schedule) -> QFuture<ApiResponse> {
                    if (!schedule)
                        return ready(
                            ApiResponse::problem(404, tr("Schedule does not exist: %1").arg(id)));
                    StartRequest start;
                    start.workflow = schedule->value(u"workflow").toString();
                    start.actor = actor;
                    return QFuture<ActionResult>(m_engine->start(start))
                        .then(this, [](const ActionResult &result) {
                            return Outcomes::response(
                                result,
                                ApiResponse::json(QJsonObject {{u"id"_s, result.processId}}, 201));
                        });
                });
        });
}

template<typename Action>
QFuture<ApiResponse> ApiServer::whenScheduleExists(const QString &id, Action action)
{
    return readThen(
        [id](const store::Database &database) {
            return queries::ScheduleQueries::schedule(database, id, 0).has_value();
        },
        [id, action](bool found) -> QFuture<ApiResponse> {
            if (!found)
                return ready(ApiResponse::problem(404, tr("Schedule does not exist: %1").arg(id)));
            return action();
        });
}

QFuture<ApiResponse> ApiServer::removeSchedule(const QString &id, const Actor &actor)
{
    return whenScheduleExists(id, [this, id, actor]() {
        return act(m_engine->removeSchedule(id, actor),
                   ApiResponse::json(done(u"DELETED"_s, tr("Schedule deleted"), id)));
    });
}

} // namespace wfo::api
