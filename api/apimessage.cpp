#include "apimessage.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

ApiResponse ApiResponse::json(const QJsonArray &array, int status)
{
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return response;
}

ApiResponse ApiResponse::json(const QJsonValue &value, int status)
{
    if (value.isObject())
        return json(value.toObject(), status);
    if (value.isArray())
        return json(value.toArray(), status);
    // A bare scalar: QJsonDocument holds only containers, so wrap and cut.
    QByteArray text = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    ApiResponse response;
    response.status = status;
    response.body = text.mid(1, text.size() - 2);
    return response;
}

ApiResponse ApiResponse::empty(int status)
{
    ApiResponse response;
    response.status = status;
    response.contentType.clear();
    return response;
}

ApiResponse ApiResponse::problem(int status, const QString &detail, const QJsonObject &extra)
{
    QJsonObject body {
        {u"detail"_s, detail}, {u"status"_s, status}, {u"title"_s, reasonPhrase(status)}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return json(body, status);
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return u"OK"_s;
    case 201:
        return u"Created"_s;
    case 204:
        return u"No Content"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 409:
        return u"Conflict"_s;
    case 412:
        return u"Precondition Failed"_s;
    case 413:
        return u"Content Too Large"_s;
    case 422:
        return u"Unprocessable Entity"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 510:
        return u"Not Extended"_s;
    default:
        return u"Status %1"_s.arg(status);
    }
}

} // namespace wfo::api
