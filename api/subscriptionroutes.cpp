// The subscription routes of orchestrator-core's api/api_v1/endpoints/subscriptions.py: the
// domain model of one subscription, its workflows with the reasons they are blocked, set in
// sync, and the search.
#include "apiserver.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "domain/workflowconstraints.h"
#include "queries/restviews.h"
#include "queries/subscriptiondetail.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

void ApiServer::addSubscriptionRoutes()
{
    m_router.add("GET"_ba, u"/api/subscriptions/domain-model/{subscription_id}"_s,
                 [this](const ApiRequest &request) {
                     const std::optional<QString> id =
                         parseUuid(request.param(u"subscription_id"_s));
                     if (!id)
                         return ready(invalidUuid(u"subscription_id"_s,
                                                  request.param(u"subscription_id"_s)));
                     return read([id](const store::Database &database) {
                         const std::optional<QJsonObject> model =
                             queries::RestViews::subscriptionModel(database, *id);
                         if (!model)
                             return ApiResponse::problem(
                                 404, tr("Subscription with id: %1, not found").arg(*id));
                         return ApiResponse::json(*model);
                     });
                 });
    // {create: [...], modify: [...], terminate: [...], system: [...], validate: [...],
    // reconcile: [...]}, each {name, description, reason?}: what may run on it now, and why not.
    m_router.add(
        "GET"_ba, u"/api/subscriptions/workflows/{subscription_id}"_s,
        [this](const ApiRequest &request) {
            const std::optional<QString> id = parseUuid(request.param(u"subscription_id"_s));
            if (!id)
                return ready(
                    invalidUuid(u"subscription_id"_s, request.param(u"subscription_id"_s)));
            const queries::SubscriptionDetailQuery query(m_options.constraints,
                                                         m_engine->registry());
            return read([id, query](const store::Database &database) {
                const std::optional<queries::SubscriptionDetail> detail = query.load(database, *id);
                if (!detail)
                    return ApiResponse::problem(404,
                                                tr("Subscription with id: %1, not found").arg(*id));
                return ApiResponse::json(WorkflowConstraints::toJson(detail->workflows));
            });
        });
    m_router.add("PUT"_ba, u"/api/subscriptions/{subscription_id}/set_in_sync"_s,
                 [this](const ApiRequest &request) {
                     const std::optional<QString> id =
                         parseUuid(request.param(u"subscription_id"_s));
                     if (!id)
                         return ready(invalidUuid(u"subscription_id"_s,
                                                  request.param(u"subscription_id"_s)));
                     return QFuture<ActionResult>(m_engine->setInSync(*id, request.actor))
                         .then(this, [](const ActionResult &result) {
                             // orchestrator-core answers 422 while processes hold it.
                             if (result.refusal.code == "subscription.unfinished_processes"_L1)
                                 return ApiResponse::problem(
                                     422, result.message,
                                     {{u"reason"_s, Outcomes::refusalJson(result.refusal)}});
                             return Outcomes::response(result, ApiResponse::json(QJsonValue::Null));
                         });
                 });
    // ?query=<search syntax of the console, e.g. "status:active tag:NodeEnrollment">&range=0,20
    m_router.add("GET"_ba, u"/api/subscriptions/search"_s, [this](const ApiRequest &request) {
        const QString search = request.query.queryItemValue(u"query"_s, QUrl::FullyDecoded);
        if (search.size() > 512)
            return ready(ApiResponse::problem(
                400, tr("Max query length of %1 characters exceeded.").arg(512)));
        int start = 0;
        int end = 100;
        if (request.query.hasQueryItem(u"range"_s)) {
            const QStringList parts = request.query.queryItemValue(u"range"_s).split(u',');
            bool okStart = false;
            bool okEnd = false;
            start = parts.value(0).toInt(&okStart);
            end = parts.value(1).toInt(&okEnd);
            if (parts.size() != 2 || !okStart || !okEnd || start < 0 || end <= start
                || end - start > 1000)
                return ready(ApiResponse::problem(
                    400,
                    tr("range must be 'START,END' with 0 <= START < END and at most 1000 "
                       "rows")));
        }
        return read([search, start, end](const store::Database &database) {
            qint64 total = 0;
            const QJsonArray rows = queries::RestViews::searchSubscriptions(database, search, start,
                                                                            end - start, &total);
            ApiResponse response = ApiResponse::json(rows);
            response.headers.append(
                {"Content-Range"_ba,
                 u"subscriptions %1-%2/%3"_s.arg(start).arg(end).arg(total).toLatin1()});
            return response;
        });
    });
}

} // namespace wfo::api
