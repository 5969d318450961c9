#pragma once
// One request as the API's routes see it and one answer, as plain copyable values: the HTTP
// layer copies what it needs off QHttpServerRequest at once, so a route may answer later from
// any thread without touching the server's objects.

#include "wfo_api_export.h"

#include "core/actionresult.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <utility>

namespace wfo::api {

struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QString clientAddress;
    QHash<QString, QString> params; // the route's {placeholders}
    Actor actor; // who the token (or the anonymous local user) acts as

    QString param(const QString &name) const { return params.value(name); }
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<std::pair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse json(const QJsonArray &array, int status = 200);
    static ApiResponse json(const QJsonValue &value, int status = 200);
    static ApiResponse empty(int status = 204);
    // An error as orchestrator-core answers one (FastAPI's problem detail):
    // {"detail": ..., "status": ..., "title": <reason phrase>} plus `extra` keys.
    static ApiResponse problem(int status, const QString &detail, const QJsonObject &extra = {});
};

// The reason phrase of an HTTP status ("Not Found").
WFO_API_EXPORT QString reasonPhrase(int status);

} // namespace wfo::api
