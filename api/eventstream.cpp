#include "eventstream.h"

#include "apiserver.h"
#include "httpfrontend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

// The upgrade request as an ApiRequest, for the same authentication as every route. A token
// may come as "Authorization: Bearer TOKEN", as orchestrator-core's subprotocol pair
// "Sec-WebSocket-Protocol: base64.bearer.token, TOKEN", or as ?token=TOKEN.
ApiRequest upgradeRequest(const QWebSocket &socket)
{
    ApiRequest request;
    request.method = "GET"_ba;
    request.path = socket.requestUrl().path();
    request.query = QUrlQuery(socket.requestUrl());
    const QNetworkRequest &upgrade = socket.request();
    for (const QByteArray &name : upgrade.rawHeaderList())
        request.headers.insert(name.toLower(), upgrade.rawHeader(name));
    QByteArray token;
    const QList<QByteArray> protocol =
        request.headers.value("sec-websocket-protocol"_ba).split(',');
    if (protocol.size() == 2 && protocol.at(0).trimmed() == "base64.bearer.token")
        token = protocol.at(1).trimmed();
    if (token.isEmpty() && request.query.hasQueryItem(u"token"_s))
        token = request.query.queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8();
    if (!token.isEmpty() && !request.headers.contains("authorization"_ba))
        request.headers.insert("authorization"_ba, "Bearer "_ba + token);
    QHostAddress address = socket.peerAddress();
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    if (mapped)
        address = QHostAddress(ipv4);
    request.clientAddress = address.toString();
    return request;
}

QByteArray invalidation(const QString &type, const QString &id)
{
    QJsonObject value {{u"type"_s, type}};
    if (!id.isEmpty())
        value.insert(u"id"_s, id);
    return QJsonDocument(QJsonObject {{u"name"_s, u"invalidateCache"_s}, {u"value"_s, value}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

EventStream::EventStream(HttpFrontend *http, ApiServer *server)
    : QObject(server)
    , m_http(http)
    , m_server(server)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &EventStream::flush);
    connect(m_http, &HttpFrontend::newWebSocketConnection, this, &EventStream::accept);
}

EventStream::~EventStream()
{
    for (QWebSocket *socket : std::as_const(m_clients)) {
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        delete socket;
    }
}

void EventStream::accept()
{
    while (m_http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> owned = m_http->nextPendingWebSocketConnection();
        if (!owned)
            continue;
        QWebSocket *socket = owned.release();
        socket->setParent(this);
        if (socket->requestUrl().path() != path() && socket->requestUrl().path() != path() + u'/') {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          ApiServer::tr("There is no WebSocket at %1; events are at %2.")
                              .arg(socket->requestUrl().path(), path()));
            socket->deleteLater();
            continue;
        }
        const ApiRequest request = upgradeRequest(*socket);
        QPointer<QWebSocket> guard(socket);
        m_server->authorizeUpgrade(request).then(this, [this, guard](const ApiResponse &refusal) {
            if (!guard)
                return;
            if (refusal.status != 200) {
                guard->sendTextMessage(QString::fromUtf8(refusal.body));
                guard->close(QWebSocketProtocol::CloseCodePolicyViolated,
                             ApiServer::tr("Not authenticated."));
                guard->deleteLater();
                return;
            }
            m_clients.append(guard.data());
            connect(guard.data(), &QWebSocket::textMessageReceived, guard.data(),
                    [socket = guard.data()](const QString &message) {
                        if (message == "__ping__"_L1)
                            socket->sendTextMessage(u"__pong__"_s);
                    });
            connect(guard.data(), &QWebSocket::disconnected, this, [this, socket = guard.data()] {
                m_clients.removeAll(socket);
                socket->deleteLater();
            });
        });
    }
}

void EventStream::invalidate(const QString &type, const QString &id)
{
    const QByteArray message = invalidation(type, id);
    if (m_pendingSet.contains(message))
        return;
    m_pendingSet.insert(message);
    m_pending.append(message);
    if (!m_timer->isActive())
        m_timer->start();
}

void EventStream::changed(const QString &kind, const QString &id)
{
    if (m_clients.isEmpty())
        return;
    if (kind == "process"_L1 || kind == "*"_L1) {
        invalidate(u"processes"_s, u"LIST"_s);
        if (kind == "process"_L1 && !id.isEmpty())
            invalidate(u"processes"_s, id);
        invalidate(u"processStatusCounts"_s);
    }
    if (kind == "subscription"_L1 || kind == "*"_L1) {
        invalidate(u"subscriptions"_s, u"LIST"_s);
        if (kind == "subscription"_L1 && !id.isEmpty())
            invalidate(u"subscriptions"_s, id);
    }
    if (kind == "engine"_L1 || kind == "*"_L1)
        invalidate(u"engineStatus"_s);
}

void EventStream::flush()
{
    const QList<QByteArray> messages = std::exchange(m_pending, {});
    m_pendingSet.clear();
    for (QWebSocket *socket : std::as_const(m_clients)) {
        for (const QByteArray &message : messages)
            socket->sendTextMessage(QString::fromUtf8(message));
    }
}

} // namespace wfo::api
