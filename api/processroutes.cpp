// The process routes of orchestrator-core's api/api_v1/endpoints/processes.py: list with
// filter and range, detail, status counts, resume, abort, delete.
#include "apiserver.h"
#include "coreschemas.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "queries/processdetail.h"
#include "queries/processpages.h"
#include "queries/restviews.h"

#include <QHash>

#include <cmath>

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

// Subscription JSONs by id, each loaded once per request.
class SubscriptionCache
{
public:
    explicit SubscriptionCache(const store::Database &database)
        : m_database(database)
    { }
    QJsonArray of(const store::ProcessRecord &process)
    {
        QJsonArray subscriptions;
        for (const QString &id : process.subscriptionIds()) {
            if (!m_loaded.contains(id)) {
                const std::optional<QJsonObject> model =
                    queries::RestViews::subscriptionModel(m_database, id);
                m_loaded.insert(id, model ? CoreSchemas::subscription(*model) : QJsonObject());
            }
            if (!m_loaded.value(id).isEmpty())
                subscriptions.append(m_loaded.value(id));
        }
        return subscriptions;
    }

private:
    store::Database m_database;
    QHash<QString, QJsonObject> m_loaded;
};

struct ListQuery
{
    queries::ProcessFilter filter;
    QString error;
};

// `filter=status,failed-suspended,istask,true&range=0,20` as orchestrator-core reads them.
// A route on one process: its id is checked first (422 when it is not a UUID, as FastAPI).
template<typename Handler>
ApiRouter::Handler onProcess(Handler handler)
{
    return [handler](const ApiRequest &request) -> QFuture<ApiResponse> {
        const std::optional<QString> id = parseUuid(request.param(u"process_id"_s));
        if (!id)
            return ready(invalidUuid(u"process_id"_s, request.param(u"process_id"_s)));
        return handler(request, *id);
    };
}

ListQuery listQuery(const QUrlQuery &query)
{
    ListQuery result;
    result.filter.limit = 100;
    if (query.hasQueryItem(u"filter"_s)) {
        const QStringList parts = query.queryItemValue(u"filter"_s, QUrl::FullyDecoded).split(u',');
        if (parts.size() % 2) {
            result.error = ApiServer::tr("Invalid number of filter arguments");
            return result;
        }
        for (qsizetype i = 0; i < parts.size(); i += 2) {
            const QString field = parts.at(i);
            const QString value = parts.at(i + 1);
            if (field == "status"_L1 || field == "lastStatus"_L1) {
                for (const QString &status : value.split(u'-', Qt::SkipEmptyParts)) {
                    const QString lower = status.toLower();
                    if (!processStatusFromString(lower)) {
                        result.error = ApiServer::tr("Unknown process status '%1'").arg(status);
                        return result;
                    }
                    result.filter.statuses.append(lower);
                }
            } else if (field == "istask"_L1 || field == "isTask"_L1) {
                const QString lower = value.toLower();
                if (lower != "true"_L1 && lower != "false"_L1) {
                    result.error = ApiServer::tr("istask must be true or false");
                    return result;
                }
                result.filter.isTask = lower == "true"_L1;
            } else if (field == "workflowName"_L1 || field == "workflow"_L1) {
                result.filter.workflow = value;
            } else if (field == "creator"_L1) {
                result.filter.createdBy = value;
            } else {
                result.error = ApiServer::tr("Invalid filter '%1'; known: status, istask, "
                                             "workflowName, creator")
                                   .arg(field);
                return result;
            }
        }
    }
    // sort=startedAt,asc (orchestrator-core's names, or the columns' snake_case names).
    if (query.hasQueryItem(u"sort"_s)) {
        static const QHash<QString, queries::ProcessFilter::Order> orders {
            {u"lastmodifiedat"_s, queries::ProcessFilter::Order::LastModified},
            {u"last_modified_at"_s, queries::ProcessFilter::Order::LastModified},
            {u"modified"_s, queries::ProcessFilter::Order::LastModified},
            {u"startedat"_s, queries::ProcessFilter::Order::Started},
            {u"started_at"_s, queries::ProcessFilter::Order::Started},
            {u"started"_s, queries::ProcessFilter::Order::Started},
            {u"workflowname"_s, queries::ProcessFilter::Order::Workflow},
            {u"workflow_name"_s, queries::ProcessFilter::Order::Workflow},
            {u"workflow"_s, queries::ProcessFilter::Order::Workflow},
            {u"laststatus"_s, queries::ProcessFilter::Order::Status},
            {u"last_status"_s, queries::ProcessFilter::Order::Status},
            {u"status"_s, queries::ProcessFilter::Order::Status},
            {u"creator"_s, queries::ProcessFilter::Order::Creator},
            {u"created_by"_s, queries::ProcessFilter::Order::Creator},
        };
        const QStringList parts =
            query.queryItemValue(u"sort"_s, QUrl::FullyDecoded).toLower().split(u',');
        const auto order = orders.constFind(parts.value(0).trimmed());
        const QString direction = parts.value(1, u"desc"_s).trimmed();
        if (order == orders.constEnd() || parts.size() > 2
            || (direction != "asc"_L1 && direction != "desc"_L1)) {
            result.error = ApiServer::tr("sort must be 'FIELD[,asc|desc]' with FIELD one of "
                                         "lastModifiedAt, startedAt, workflowName, lastStatus, "
                                         "creator");
            return result;
        }
        result.filter.order = *order;
        result.filter.direction = direction == "asc"_L1 ? Qt::AscendingOrder : Qt::DescendingOrder;
    }
    if (query.hasQueryItem(u"range"_s)) {
        const QStringList parts = query.queryItemValue(u"range"_s).split(u',');
        bool okStart = false;
        bool okEnd = false;
        const int start = parts.value(0).toInt(&okStart);
        const int end = parts.value(1).toInt(&okEnd);
        if (parts.size() != 2 || !okStart || !okEnd || start < 0 || end <= start
            || end - start > 1000) {
            result.error = ApiServer::tr("range must be 'START,END' with 0 <= START < END and "
                                         "at most 1000 rows");
            return result;
        }
        result.filter.offset = start;
        result.filter.limit = end - start;
    }
    return result;
}

} // namespace

void ApiServer::addProcessRoutes()
{
    // orchestrator-core's resume-all: retry every task that failed or waits, as one audited
    // bulk action; answers how many went.
    m_router.add("PUT"_ba, u"/api/processes/resume-all"_s, [this](const ApiRequest &request) {
        if (enginePaused())
            return ready(ApiResponse::problem(503, engineLocked()));
        const Actor actor = request.actor;
        return readThen(
            [](const store::Database &database) {
                queries::ProcessFilter filter;
                filter.isTask = true;
                filter.statuses = queries::ProcessPageQuery::failedStatuses();
                filter.limit = 100000;
                return queries::ProcessPageQuery::ids(database, filter);
            },
            [this, actor](const QStringList &processIds) -> QFuture<ApiResponse> {
                if (processIds.isEmpty())
                    return ready(ApiResponse::json(QJsonObject {{u"count"_s, 0}}));
                return m_engine->retryMany(processIds, actor, false)
                    .then(this, [](const BulkResult &result) {
                        if (!result.ok())
                            return Outcomes::response(result.asAction(), {});
                        return ApiResponse::json(QJsonObject {{u"count"_s, result.done.size()}});
                    });
            });
    });
    m_router.add("GET"_ba, u"/api/processes/status-counts"_s, [this](const ApiRequest &) {
        return read([](const store::Database &database) {
            return ApiResponse::json(queries::RestViews::statusCounts(database));
        });
    });
    m_router.add("GET"_ba, u"/api/processes"_s, [this](const ApiRequest &request) {
        const ListQuery query = listQuery(request.query);
        if (!query.error.isEmpty())
            return ready(ApiResponse::problem(400, query.error));
        return read([query](const store::Database &database) {
            const QList<store::ProcessRecord> page =
                queries::ProcessPageQuery::page(database, query.filter);
            const qint64 total = queries::ProcessPageQuery::count(database, query.filter);
            SubscriptionCache subscriptions(database);
            QJsonArray rows;
            for (const store::ProcessRecord &process : page)
                rows.append(CoreSchemas::process(process, subscriptions.of(process)));
            ApiResponse response = ApiResponse::json(rows);
            const int start = query.filter.offset;
            response.headers.append({"Content-Range"_ba,
                                     u"processes %1-%2/%3"_s.arg(start)
                                         .arg(start + query.filter.limit)
                                         .arg(total)
                                         .toLatin1()});
            return response;
        });
    });
    addStartRoute();
    m_router.add("GET"_ba, u"/api/processes/{process_id}"_s, [this](const ApiRequest &request) {
        const std::optional<QString> id = parseUuid(request.param(u"process_id"_s));
        if (!id)
            return ready(invalidUuid(u"process_id"_s, request.param(u"process_id"_s)));
        // Read on the pool; a process waiting for input then gets its form from the engine.
        return readThen(
            [id](const store::Database &database) -> std::optional<QJsonObject> {
                const std::optional<queries::ProcessDetail> detail =
                    queries::ProcessDetailQuery::load(database, *id);
                if (!detail)
                    return std::nullopt;
                SubscriptionCache subscriptions(database);
                return CoreSchemas::processDetail(*detail, subscriptions.of(detail->process),
                                                  QJsonValue::Null);
            },
            [this, id](const std::optional<QJsonObject> &json) -> QFuture<ApiResponse> {
                if (!json)
                    return ready(
                        ApiResponse::problem(404, tr("There is no process '%1'.").arg(*id)));
                if (json->value(u"last_status") != "suspended"_L1)
                    return ready(ApiResponse::json(*json));
                return m_engine->resumeForm(*id, {}).then(
                    this, [json](const forms::FormResult &form) {
                        QJsonObject detail = *json;
                        if (form.kind == forms::FormResult::Kind::NeedsInput)
                            detail.insert(u"form"_s, form.page.toJsonSchema());
                        return ApiResponse::json(detail);
                    });
            });
    });
    m_router.add("PUT"_ba, u"/api/processes/{process_id}/resume"_s,
                 onProcess([this](const ApiRequest &request, const QString &processId) {
                     ApiResponse problem;
                     const std::optional<QJsonArray> inputs =
                         parseUserInputs(request.body, &problem);
                     if (!inputs)
                         return ready(problem);
                     if (enginePaused())
                         return ready(ApiResponse::problem(503, engineLocked()));
                     ResumeRequest resume;
                     resume.userInputs = *inputs;
                     resume.actor = request.actor;
                     return act(m_engine->resume(processId, resume), ApiResponse::empty(204));
                 }));
    m_router.add("PUT"_ba, u"/api/processes/{process_id}/abort"_s,
                 onProcess([this](const ApiRequest &request, const QString &processId) {
                     return act(m_engine->abort(processId, request.actor), ApiResponse::empty(204));
                 }));
    // Our additions: the note on a process, reset to an earlier step, skip the failed step.
    m_router.add(
        "PATCH"_ba, u"/api/processes/{process_id}"_s,
        onProcess([this](const ApiRequest &request, const QString &processId) {
            ApiResponse problem;
            const std::optional<QJsonObject> body = parseObject(request.body, &problem);
            if (!body)
                return ready(problem);
            const QJsonValue note = body->value(u"note");
            if (!note.isString() && !note.isNull())
                return ready(ApiResponse::problem(
                    400, tr("The body must be {\"note\": TEXT} (null or \"\" removes the note).")));
            return act(m_engine->setProcessNote(processId, note.toString(), request.actor),
                       ApiResponse::empty(204));
        }));
    m_router.add("PUT"_ba, u"/api/processes/{process_id}/reset"_s,
                 onProcess([this](const ApiRequest &request, const QString &processId) {
                     ApiResponse problem;
                     const std::optional<QJsonObject> body = parseObject(request.body, &problem);
                     if (!body)
                         return ready(problem);
                     const QJsonValue to = body->value(u"to_step");
                     ResetRequest reset;
                     reset.actor = request.actor;
                     if (to.isDouble() && to.toDouble() >= 1
                         && to.toDouble() == std::floor(to.toDouble()))
                         reset.toStep = to.toInt() - 1; // 1-based, as `show` prints it
                     else if (to.isString() && !to.toString().trimmed().isEmpty())
                         reset.toStepName = to.toString().trimmed();
                     else
                         return ready(ApiResponse::problem(
                             400,
                             tr("The body must be {\"to_step\": NUMBER (1 is the first step) or "
                                "NAME}.")));
                     if (enginePaused())
                         return ready(ApiResponse::problem(503, engineLocked()));
                     return act(m_engine->reset(processId, reset), ApiResponse::empty(204));
                 }));
    m_router.add(
        "PUT"_ba, u"/api/processes/{process_id}/skip"_s,
        onProcess([this](const ApiRequest &request, const QString &processId) {
            ApiResponse problem;
            const std::optional<QJsonObject> body = parseObject(request.body, &problem);
            if (!body)
                return ready(problem);
            SkipRequest skip;
            skip.reason = body->value(u"reason").toString().trimmed();
            skip.actor = request.actor;
            if (skip.reason.isEmpty())
                return ready(ApiResponse::problem(
                    400, tr("The body must be {\"reason\": TEXT}: a skip needs its reason.")));
            if (enginePaused())
                return ready(ApiResponse::problem(503, engineLocked()));
            return act(m_engine->skip(processId, skip), ApiResponse::empty(204));
        }));
    m_router.add("DELETE"_ba, u"/api/processes/{process_id}"_s, [this](const ApiRequest &request) {
        const std::optional<QString> id = parseUuid(request.param(u"process_id"_s));
        if (!id)
            return ready(invalidUuid(u"process_id"_s, request.param(u"process_id"_s)));
        const Actor actor = request.actor;
        return readThen(
            [id](const store::Database &database) -> std::optional<bool> {
                const std::optional<queries::ProcessDetail> detail =
                    queries::ProcessDetailQuery::load(database, *id);
                return detail ? std::optional<bool>(detail->process.isTask) : std::nullopt;
            },
            [this, id, actor](const std::optional<bool> &task) -> QFuture<ApiResponse> {
                if (!task)
                    return ready(
                        ApiResponse::problem(404, tr("There is no process '%1'.").arg(*id)));
                if (!*task)
                    return ready(ApiResponse::problem(
                        400, tr("Only tasks can be deleted; abort a workflow instead.")));
                return act(m_engine->remove(*id, actor), ApiResponse::empty(204));
            });
    });
}

} // namespace wfo::api
