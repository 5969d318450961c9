#pragma once
// What the route files of ApiServer share: reads on the pool, request parsing helpers.
// Internal to wfo_api.

#include "apiserver.h"

#include "store/database.h"

#include <QJsonParseError>
#include <QThreadPool>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <type_traits>
#include <variant>

namespace wfo::api {

// A StoreError as an answer: 503 when the database cannot be reached or stays busy.
ApiResponse storeFailure(const store::StoreError &error);

template<typename Function>
QFuture<ApiResponse> ApiServer::read(Function function)
{
    const store::Database database = m_database;
    return QtConcurrent::run(m_pool, [database, function]() -> ApiResponse {
        try {
            return function(database);
        } catch (const store::StoreError &error) {
            return storeFailure(error);
        }
    });
}

inline QFuture<ApiResponse> ready(const ApiResponse &response)
{
    return QtFuture::makeReadyFuture(ApiResponse(response));
}

// QtConcurrent hands an exception that is no QException on as QUnhandledException, which a
// typed onFailed() never sees: the read catches its StoreError itself.
template<typename Read, typename Next>
QFuture<ApiResponse> ApiServer::readThen(Read readFunction, Next next)
{
    using Value = std::invoke_result_t<Read, const store::Database &>;
    using Outcome = std::variant<Value, ApiResponse>;
    const store::Database database = m_database;
    return QtConcurrent::run(m_pool,
                             [database, readFunction]() -> Outcome {
                                 try {
                                     return Outcome(std::in_place_index<0>, readFunction(database));
                                 } catch (const store::StoreError &error) {
                                     return Outcome(std::in_place_index<1>, storeFailure(error));
                                 }
                             })
        .then(this,
              [next](const Outcome &outcome) -> QFuture<ApiResponse> {
                  if (outcome.index() == 1)
                      return ready(std::get<1>(outcome));
                  return next(std::get<0>(outcome));
              })
        .unwrap();
}

// A UUID as the database holds it (lower case, no braces); nothing when `text` is not one.
std::optional<QString> parseUuid(const QString &text);

// The body as user_inputs: a JSON list of objects (an empty body or null is an empty list).
// On error, `problem` holds the 400 answer.
std::optional<QJsonArray> parseUserInputs(const QByteArray &body, ApiResponse *problem);

// The body of a route that takes a JSON object; nothing, with the 400 in `problem`, otherwise.
std::optional<QJsonObject> parseObject(const QByteArray &body, ApiResponse *problem);

// orchestrator-core's answer to a start or resume while the engine is paused, word for word
// (clients match it), so not translated.
inline QString engineLocked()
{
    return QStringLiteral("Engine is locked cannot accept changes on processes at this time");
}

// 422 for a path parameter that is not a UUID, as FastAPI answers it.
ApiResponse invalidUuid(const QString &name, const QString &value);

} // namespace wfo::api
