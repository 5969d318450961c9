#pragma once
// The API's routing table: a method and a path pattern ("/api/processes/{process_id}/abort")
// per route, matched segment by segment; a trailing slash does not matter (orchestrator-core
// lists at "/api/processes/", clients also ask "/api/processes"). Routes are tried in the order
// they were added, so literal paths go before patterns that would also match them.

#include "apimessage.h"
#include "wfo_api_export.h"

#include <QFuture>
#include <QList>
#include <QStringList>

#include <functional>

namespace wfo::api {

class WFO_API_EXPORT ApiRouter
{
public:
    using Handler = std::function<QFuture<ApiResponse>(const ApiRequest &request)>;

    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
        bool needsAuth = true;
    };

    void add(const QByteArray &method, const QString &pattern, const Handler &handler,
             bool needsAuth = true);

    enum class Match { Found, NotFound, WrongMethod };
    // The route for `method` and `path`, with its placeholders filled in `params`.
    Match find(const QByteArray &method, const QString &path, const Route **route,
               QHash<QString, QString> *params) const;

    const QList<Route> &routes() const { return m_routes; }

private:
    static QStringList split(const QString &path);

    QList<Route> m_routes;
};

} // namespace wfo::api
