#pragma once
// The REST API of the engine, compatible with orchestrator-core's (docs/api.md): an HTTP server
// on the caller's (main) thread that reads through engine/queries on its own thread pool and
// acts through the Engine's action methods, so neither the GUI thread nor the server's thread
// ever runs SQL. Every action carries the Actor of the request's token, with origin "rest" and
// the client's address, so the permissions and the audit of docs/architecture.md ("The action
// side") apply unchanged.

#include "apimessage.h"
#include "apirouter.h"
#include "tokenfile.h"
#include "wfo_api_export.h"

#include "core/engine.h"
#include "store/database.h"

#include <QFuture>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QThreadPool;

namespace wfo::api {

class HttpFrontend;

struct ApiOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080; // 0: a free port (see ApiServer::port())
    // Without tokens, every request acts as `localUser` and the server listens on loopback only.
    std::optional<TokenFile> tokens;
    QString localUser;
    int readThreads = 4;
    qint64 maxBodyBytes = 1024 * 1024;
};

class WFO_API_EXPORT ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    ApiServer(Engine *engine, const ApiOptions &options, QObject *parent = nullptr);
    ~ApiServer() override; // waits for the reads under way

    // Starts listening; on failure returns false and says why in `error`.
    bool listen(QString *error);
    quint16 port() const { return m_port; }
    QHostAddress address() const { return m_options.address; }

    // Answers one request (the HTTP layer calls it; tests may too).
    QFuture<ApiResponse> handle(ApiRequest request);

    const ApiRouter &router() const { return m_router; }

    // The loopback check of listen(): a server without tokens may only listen there.
    static bool isLoopback(const QHostAddress &address);

private:
    template<typename Function>
    QFuture<ApiResponse> read(Function function);
    QFuture<ApiResponse> act(const QFuture<ActionResult> &future, const ApiResponse &ok);
    // The Actor of a request; nothing when its token is missing or wrong.
    std::optional<Actor> authenticate(const ApiRequest &request) const;
    bool enginePaused() const;

    void addGeneralRoutes(); // generalroutes.cpp: health, products, workflows, settings, openapi
    void addProcessRoutes(); // processroutes.cpp
    void addStartRoute(); // startroute.cpp: POST /api/processes/{workflow_key}
    void addSubscriptionRoutes(); // subscriptionroutes.cpp
    void addCallbackRoutes(); // callbackroutes.cpp: callback steps, authenticated by their token

    Engine *m_engine;
    store::Database m_database;
    ApiOptions m_options;
    ApiRouter m_router;
    QThreadPool *m_pool;
    HttpFrontend *m_http = nullptr;
    quint16 m_port = 0;
};

} // namespace wfo::api
