#pragma once
// The HTTP side of the API server on QtHttpServer 6.4's QAbstractHttpServer: copies each request
// into an ApiRequest, hands it to the ApiServer, and writes the answer when its future is ready,
// unless the client went away meanwhile. QHttpServer's own router is not used: in 6.4 an
// asynchronous answer keeps a reference to a request that a disconnect deletes.

#include "apimessage.h"

#include <QAbstractHttpServer>
#include <QFuture>

#include <functional>

namespace wfo::api {

class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontend)

public:
    using Handler = std::function<QFuture<ApiResponse>(ApiRequest)>;
    explicit HttpFrontend(Handler handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static ApiRequest copy(const QHttpServerRequest &request);

    Handler m_handler;
};

} // namespace wfo::api
