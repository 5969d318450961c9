// Health, the catalogue (products, workflows), the engine settings and the OpenAPI document.
#include "apiserver.h"
#include "openapi.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "queries/catalogue.h"
#include "queries/engineinstances.h"

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
}

} // namespace wfo::api
