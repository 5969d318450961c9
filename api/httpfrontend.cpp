#include "httpfrontend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET"_ba;
    case QHttpServerRequest::Method::Put:
        return "PUT"_ba;
    case QHttpServerRequest::Method::Delete:
        return "DELETE"_ba;
    case QHttpServerRequest::Method::Post:
        return "POST"_ba;
    case QHttpServerRequest::Method::Head:
        return "HEAD"_ba;
    case QHttpServerRequest::Method::Options:
        return "OPTIONS"_ba;
    case QHttpServerRequest::Method::Patch:
        return "PATCH"_ba;
    default:
        return "OTHER"_ba;
    }
}

void write(QHttpServerResponder &responder, const ApiResponse &response)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type"_ba, response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace

HttpFrontend::HttpFrontend(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{ }

ApiRequest HttpFrontend::copy(const QHttpServerRequest &request)
{
    ApiRequest copy;
    copy.method = methodName(request.method());
    copy.path = request.url().path();
    copy.query = request.query();
    for (const auto &[name, value] : request.headers())
        copy.headers.insert(name.toLower(), value);
    copy.body = request.body();
    QHostAddress address = request.remoteAddress();
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    if (mapped)
        address = QHostAddress(ipv4);
    copy.clientAddress = address.toString();
    return copy;
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // QtHttpServer 6.4 offers a WebSocket upgrade here first and hands the socket to its
    // WebSocket server afterwards (EventStream answers it): nothing may be written to it.
    if (request.value("upgrade"_ba).compare("websocket"_ba, Qt::CaseInsensitive) == 0)
        return true;
    QFuture<ApiResponse> answer = m_handler(copy(request));
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    if (answer.isFinished()) {
        write(*responder,
              answer.resultCount() > 0 ? answer.result()
                                       : ApiResponse::problem(500, u"No answer"_s));
        return true;
    }
    // Written when ready, unless the client disconnected meanwhile (QtHttpServer then deletes
    // the socket and the request the responder refers to).
    QPointer<QTcpSocket> guard(socket);
    answer.then(this, [responder, guard](const ApiResponse &response) {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            write(*responder, response);
    });
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Not reached (handleRequest answers everything), but must exist.
    QHttpServerResponder responder = makeResponder(request, socket);
    write(responder, ApiResponse::problem(404, u"Not Found"_s));
}

} // namespace wfo::api
