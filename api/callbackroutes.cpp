// The callback routes of orchestrator-core's api/api_v1/endpoints/processes.py:
// POST /api/processes/{process_id}/callback/{token} continues a process awaiting a callback
// with the posted JSON object, and .../progress records its latest progress (docs/api.md,
// "Callback steps"). The token in the route is the caller's credential: these two routes take
// no bearer token, and act as the actor "callback" from the client's address (origin rest).
#include "apiserver.h"
#include "outcomes.h"
#include "routehelpers.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

// The posted body: any JSON value for progress (orchestrator-core takes a string or an
// object), a JSON object for the callback. On error, `problem` holds the answer.
std::optional<QJsonValue> parseBody(const QByteArray &body, bool objectOnly, ApiResponse *problem)
{
    // A bare string is valid progress; QJsonDocument only parses objects and arrays.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + body + "]", &error);
    const QJsonArray wrapped = document.array();
    if (error.error != QJsonParseError::NoError || wrapped.size() != 1) {
        *problem = ApiResponse::problem(
            400,
            body.trimmed().isEmpty()
                ? ApiServer::tr("The body is empty; send a JSON object.")
                : ApiServer::tr("The body is not valid JSON: %1.").arg(error.errorString()));
        return std::nullopt;
    }
    const QJsonValue value = wrapped.first();
    if (objectOnly && !value.isObject()) {
        *problem = ApiResponse::problem(422, ApiServer::tr("The body must be a JSON object."));
        return std::nullopt;
    }
    return value;
}

} // namespace

void ApiServer::addCallbackRoutes()
{
    const auto callbackRoute = [this](bool progress) {
        return [this, progress](const ApiRequest &request) -> QFuture<ApiResponse> {
            const std::optional<QString> id = parseUuid(request.param(u"process_id"_s));
            if (!id)
                return ready(invalidUuid(u"process_id"_s, request.param(u"process_id"_s)));
            ApiResponse problem;
            const std::optional<QJsonValue> body = parseBody(request.body, !progress, &problem);
            if (!body)
                return ready(problem);
            if (enginePaused())
                return ready(ApiResponse::problem(503, engineLocked()));
            CallbackRequest callback;
            callback.token = request.param(u"token"_s);
            callback.body = *body;
            callback.actor.name = u"callback"_s;
            callback.actor.origin = u"rest"_s;
            callback.actor.host = request.clientAddress;
            const ApiResponse ok = ApiResponse::json(QJsonValue(QJsonValue::Null), 200);
            return act(progress ? m_engine->callbackProgress(*id, callback)
                                : m_engine->callback(*id, callback),
                       ok);
        };
    };
    m_router.add("POST"_ba, u"/api/processes/{process_id}/callback/{token}"_s, callbackRoute(false),
                 false);
    m_router.add("POST"_ba, u"/api/processes/{process_id}/callback/{token}/progress"_s,
                 callbackRoute(true), false);
}

} // namespace wfo::api
