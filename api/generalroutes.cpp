// Health, the catalogue (products, workflows), the engine settings and the OpenAPI document.
#include "apiserver.h"
#include "openapi.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "queries/catalogue.h"
#include "queries/engineinstances.h"
#include "queries/operators.h"
#include "queries/processpages.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

QJsonObject engineStatus(const store::Database &database)
{
    const queries::EngineStatusSnapshot status = queries::EngineInstancesQuery::status(database);
    const EngineState state = !status.paused ? EngineState::Running
        : status.runningProcesses > 0        ? EngineState::Pausing
                                             : EngineState::Paused;
    return {{u"global_lock"_s, status.paused},
            {u"running_processes"_s, status.runningProcesses},
            {u"global_status"_s, toText(state)}};
}

} // namespace

void ApiServer::addGeneralRoutes()
{
    m_router.add("GET"_ba, u"/api/health"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            queries::EngineInstancesQuery::status(database); // the database answers
            return ApiResponse::json(QJsonValue(u"OK"_s));
        });
    });
    m_router.add(
        "GET"_ba, u"/api/openapi.json"_s,
        [](const ApiRequest &) { return ready(ApiResponse::json(OpenApi::document())); }, false);
    m_router.add("GET"_ba, u"/api/products"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            return ApiResponse::json(queries::CatalogueQuery::products(database));
        });
    });
    m_router.add("GET"_ba, u"/api/workflows"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            QJsonArray workflows;
            for (const QJsonValue &row : queries::CatalogueQuery::workflows(database)) {
                const QJsonObject workflow = row.toObject();
                workflows.append(QJsonObject {{u"name"_s, workflow.value(u"name")},
                                              {u"target"_s, workflow.value(u"target")},
                                              {u"description"_s, workflow.value(u"description")},
                                              {u"is_task"_s, workflow.value(u"is_task")}});
            }
            return ApiResponse::json(workflows);
        });
    });
    m_router.add("GET"_ba, u"/api/settings/status"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            return ApiResponse::json(engineStatus(database));
        });
    });
    m_router.add("PUT"_ba, u"/api/settings/status"_s, [this](const ApiRequest &request) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        const QJsonValue lock = document.object().value(u"global_lock");
        if (!document.isObject() || !lock.isBool())
            return ready(ApiResponse::problem(
                400, tr("The body must be a JSON object {\"global_lock\": true|false}.")));
        const QFuture<ActionResult> action =
            lock.toBool() ? m_engine->pause(request.actor) : m_engine->unpause(request.actor);
        return QFuture<ActionResult>(action)
            .then(this,
                  [this](const ActionResult &result) {
                      if (!result.ok())
                          return ready(Outcomes::response(result, {}));
                      return read([](const store::Database &database) {
                          return ApiResponse::json(engineStatus(database));
                      });
                  })
            .unwrap();
    });
    // orchestrator-core's WorkerStatus, for our engines: every live engine instance is a
    // worker, each with its threads; queued jobs are processes waiting for an engine.
    m_router.add("GET"_ba, u"/api/settings/worker-status"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            const QList<queries::EngineInstance> instances =
                queries::EngineInstancesQuery::load(database);
            int running = 0;
            for (const queries::EngineInstance &instance : instances)
                running += int(instance.running.size());
            queries::ProcessFilter queued;
            queued.statuses = {u"created"_s, u"resumed"_s};
            return ApiResponse::json(QJsonObject {
                {u"executor_type"_s, u"threadpool"_s},
                {u"number_of_workers_online"_s, instances.size()},
                {u"number_of_queued_jobs"_s, queries::ProcessPageQuery::count(database, queued)},
                {u"number_of_running_jobs"_s, running}});
        });
    });
    // Our addition: the audit trail, newest first (docs/operators.md).
    m_router.add("GET"_ba, u"/api/audit"_s, [this](const ApiRequest &request) {
        queries::AuditQueryFilter filter;
        filter.since = request.query.queryItemValue(u"since"_s, QUrl::FullyDecoded);
        filter.actor = request.query.queryItemValue(u"actor"_s, QUrl::FullyDecoded);
        filter.targetId = request.query.queryItemValue(u"target"_s, QUrl::FullyDecoded).toLower();
        filter.limit = 1000;
        if (request.query.hasQueryItem(u"limit"_s)) {
            bool ok = false;
            filter.limit = request.query.queryItemValue(u"limit"_s).toInt(&ok);
            if (!ok || filter.limit < 1 || filter.limit > 10000)
                return ready(
                    ApiResponse::problem(400, tr("limit must be a number from 1 to 10000.")));
        }
        return read([filter](const store::Database &database) {
            return ApiResponse::json(queries::OperatorQueries::auditTrail(database, filter));
        });
    });
}

} // namespace wfo::api
