// Bulk operations (docs/api.md, "Bulk operations"), which orchestrator-core lacks: one workflow
// started on many subscriptions, named or found by a search, as one audited action; how it is
// coming along; cancelling the rest. The action side judges every subscription before anything
// starts (core/bulkresult.h).
#include "apiserver.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "queries/bulkprogress.h"
#include "queries/subscriptionpages.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

// The subscriptions of a bulk start's body: `subscription_ids`, or those `query` finds.
struct Selection
{
    QStringList ids;
    QString query;
};

std::optional<Selection> readSelection(const QJsonObject &body, ApiResponse *problem)
{
    Selection selection;
    const QJsonValue ids = body.value(u"subscription_ids");
    const QJsonValue query = body.value(u"query");
    if (ids.isUndefined() == query.isUndefined()) {
        *problem = ApiResponse::problem(
            422, ApiServer::tr("Give either 'subscription_ids' (a list) or 'query' (a search)."));
        return std::nullopt;
    }
    if (!query.isUndefined()) {
        if (!query.isString() || query.toString().trimmed().isEmpty()) {
            *problem =
                ApiResponse::problem(422, ApiServer::tr("'query' must be a non-empty search."));
            return std::nullopt;
        }
        selection.query = query.toString().trimmed();
        return selection;
    }
    if (!ids.isArray() || ids.toArray().isEmpty()) {
        *problem = ApiResponse::problem(
            422, ApiServer::tr("'subscription_ids' must be a non-empty list of UUIDs."));
        return std::nullopt;
    }
    for (const QJsonValue &id : ids.toArray()) {
        const std::optional<QString> uuid = parseUuid(id.toString());
        if (!uuid) {
            *problem =
                ApiResponse::problem(422,
                                     ApiServer::tr("'%1' in 'subscription_ids' is not a UUID.")
                                         .arg(id.isString() ? id.toString() : u"…"_s));
            return std::nullopt;
        }
        if (!selection.ids.contains(*uuid))
            selection.ids.append(*uuid);
    }
    return selection;
}

} // namespace

void ApiServer::addBulkRoutes()
{
    // {subscription_ids: [...]} or {query: "..."}, with optional dry_run and input (the same
    // answers to every subscription's form). 201 with {bulk_id, done, refused}; a dry run
    // starts nothing and answers 200 with what would start and what cannot.
    m_router.add(
        "POST"_ba, u"/api/processes/bulk/{workflow_key}"_s, [this](const ApiRequest &request) {
            ApiResponse problem;
            const std::optional<QJsonObject> body = parseObject(request.body, &problem);
            if (!body)
                return ready(problem);
            const std::optional<Selection> selection = readSelection(*body, &problem);
            if (!selection)
                return ready(problem);
            const QJsonValue dryRun = body->value(u"dry_run");
            const QJsonValue input = body->value(u"input");
            if ((!dryRun.isUndefined() && !dryRun.isBool())
                || (!input.isUndefined() && !input.isObject()))
                return ready(ApiResponse::problem(
                    422, tr("'dry_run' must be true or false and 'input' an object.")));
            const QString key = request.param(u"workflow_key"_s);
            const WorkflowPtr workflow = m_engine->registry()->find(key);
            if (!workflow)
                return ready(
                    ApiResponse::problem(404, tr("Workflow '%1' does not exist.").arg(key)));
            if (!dryRun.toBool() && enginePaused())
                return ready(ApiResponse::problem(503, engineLocked()));

            BulkStartRequest start;
            start.workflow = workflow->name();
            start.actor = request.actor;
            start.preview = dryRun.toBool();
            start.detach = true; // any engine of the database runs them
            if (input.isObject())
                start.inputObject = input.toObject();
            // A search the syntax refuses (too long, too many terms) says why: 422.
            using Found = std::pair<QStringList, QString>;
            return readThen(
                [selection = *selection](const store::Database &database) -> Found {
                    if (selection.query.isEmpty())
                        return {selection.ids, QString()};
                    queries::SubscriptionFilter filter;
                    filter.search = selection.query;
                    try {
                        return {queries::SubscriptionPageQuery::ids(database, filter), QString()};
                    } catch (const store::StoreError &error) {
                        if (error.kind() != store::StoreError::Kind::Sql)
                            throw;
                        return {QStringList(), error.message()};
                    }
                },
                [this, start](const Found &found) -> QFuture<ApiResponse> {
                    if (!found.second.isEmpty())
                        return ready(ApiResponse::problem(422, found.second));
                    if (found.first.isEmpty())
                        return ready(ApiResponse::problem(
                            404, tr("No subscription matches the selection.")));
                    BulkStartRequest request = start;
                    request.subscriptionIds = found.first;
                    const bool preview = start.preview;
                    return m_engine->startMany(request).then(
                        this, [preview](const BulkResult &result) {
                            if (!result.ok())
                                return Outcomes::response(result.asAction(), {});
                            return ApiResponse::json(result.toJson(), preview ? 200 : 201);
                        });
                });
        });

    m_router.add("GET"_ba, u"/api/processes/bulk/{bulk_id}"_s, [this](const ApiRequest &request) {
        const std::optional<QString> id = parseUuid(request.param(u"bulk_id"_s));
        if (!id)
            return ready(invalidUuid(u"bulk_id"_s, request.param(u"bulk_id"_s)));
        return read([id](const store::Database &database) {
            const std::optional<QJsonObject> progress =
                queries::BulkProgressQuery::progress(database, *id);
            if (!progress)
                return ApiResponse::problem(404, tr("Bulk operation %1 not found").arg(*id));
            return ApiResponse::json(*progress);
        });
    });

    // Aborts the processes of a bulk operation that have not come to rest: one audited bulk
    // abort; answers {bulk_id, done, refused} of that abort.
    m_router.add(
        "PUT"_ba, u"/api/processes/bulk/{bulk_id}/cancel"_s, [this](const ApiRequest &request) {
            const std::optional<QString> id = parseUuid(request.param(u"bulk_id"_s));
            if (!id)
                return ready(invalidUuid(u"bulk_id"_s, request.param(u"bulk_id"_s)));
            const Actor actor = request.actor;
            return readThen(
                [id = *id](const store::Database &database) {
                    return queries::BulkProgressQuery::progress(database, id);
                },
                [this, actor,
                 id = *id](const std::optional<QJsonObject> &bulk) -> QFuture<ApiResponse> {
                    if (!bulk)
                        return ready(
                            ApiResponse::problem(404, tr("Bulk operation %1 not found").arg(id)));
                    QStringList going;
                    for (const QJsonValue &value : bulk->value(u"processes").toArray()) {
                        const QJsonObject process = value.toObject();
                        const std::optional<ProcessStatus> status =
                            processStatusFromString(process.value(u"last_status").toString());
                        if (status && !isAtRest(*status))
                            going.append(process.value(u"process_id").toString());
                    }
                    if (going.isEmpty())
                        return ready(ApiResponse::json(
                            QJsonObject {{u"done"_s, QJsonArray()}, {u"refused"_s, QJsonArray()}}));
                    return m_engine->abortMany(going, actor)
                        .then(this, [](const BulkResult &result) {
                            if (!result.ok())
                                return Outcomes::response(result.asAction(), {});
                            return ApiResponse::json(result.toJson());
                        });
                });
        });
}

} // namespace wfo::api
