#pragma once
// GET /api/ws/events: a WebSocket that tells clients what to reload, as orchestrator-core's
// events channel does: {"name": "invalidateCache", "value": {"type": "processes", "id": "LIST"}}
// and the like, fed by the engine's change feed (Engine::changed), so changes made by other
// engines and programs reach the clients too. A burst of changes is sent as one message per
// distinct invalidation at most every 100 ms. A text "__ping__" is answered "__pong__".
// Internal to wfo_api.

#include "apimessage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

class QTimer;
class QWebSocket;

namespace wfo::api {

class ApiServer;
class HttpFrontend;

class EventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStream)

public:
    EventStream(HttpFrontend *http, ApiServer *server);
    ~EventStream() override;

    // Queues the invalidations a committed change of `kind` ("process", "subscription",
    // "engine", "*") asks for.
    void changed(const QString &kind, const QString &id);
    qsizetype clientCount() const { return m_clients.size(); }

    static QString path() { return QStringLiteral("/api/ws/events"); }

private:
    void accept();
    void admit(QWebSocket *socket, const ApiRequest &request);
    void flush();
    void invalidate(const QString &type, const QString &id = {});

    HttpFrontend *m_http;
    ApiServer *m_server;
    QList<QWebSocket *> m_clients;
    QList<QByteArray> m_pending; // in order, without duplicates
    QSet<QByteArray> m_pendingSet;
    QTimer *m_timer;
};

} // namespace wfo::api
