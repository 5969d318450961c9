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
#include "domain/constraintsettings.h"
#include "store/database.h"

#include <QFuture>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

class QSslConfiguration;
class QThreadPool;

namespace wfo::api {

class EventStream;
class HttpFrontend;

struct ApiOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080; // 0: a free port (see ApiServer::port())
    // Bearer tokens from a file, besides those of the database (`orchestratorctl tokens`).
    // While neither holds a token, every request to a loopback server acts as `localUser`.
    std::optional<TokenFile> tokens;
    QString localUser;
    // PEM files: with both, the server speaks HTTPS only. Needed to listen beyond loopback.
    QString tlsCertificateFile;
    QString tlsKeyFile;
    // The workflow constraints (WF_USABLE_MAP and the like) of the installation.
    ConstraintSettings constraints;
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

    // The WebSocket clients of /api/ws/events (tests, the console's status line).
    qsizetype eventClients() const;
    // An empty 200 when `upgrade` (a WebSocket's opening request) may have events; otherwise
    // the 401 that refuses it.
    QFuture<ApiResponse> authorizeUpgrade(const ApiRequest &upgrade);

    // The loopback check of listen(): a server without tokens may only listen there.
    static bool isLoopback(const QHostAddress &address);

private:
    template<typename Function>
    QFuture<ApiResponse> read(Function function);
    // `readFunction(database)` on the read pool, then `next(value)` here, which answers; a
    // StoreError of the read answers 503/500 instead (routehelpers.h).
    template<typename Read, typename Next>
    QFuture<ApiResponse> readThen(Read readFunction, Next next);
    QFuture<ApiResponse> act(const QFuture<ActionResult> &future, const ApiResponse &ok);
    // The request with its Actor, or the 401 that refuses it. Database tokens are checked on
    // the read pool.
    QFuture<std::variant<ApiRequest, ApiResponse>> authenticate(ApiRequest request);
    // TLS from the options' files; false with the reason when they cannot be used.
    bool setUpTls(QString *error);
    bool enginePaused() const;

    void addGeneralRoutes(); // generalroutes.cpp: health, products, workflows, settings, openapi
    void addProcessRoutes(); // processroutes.cpp
    void addStartRoute(); // startroute.cpp: POST /api/processes/{workflow_key}
    void addSubscriptionRoutes(); // subscriptionroutes.cpp
    void addCallbackRoutes(); // callbackroutes.cpp: callback steps, authenticated by their token
    void addScheduleRoutes(); // scheduleroutes.cpp: /api/schedules
    void addBulkRoutes(); // bulkroutes.cpp: /api/processes/bulk
    // scheduleroutes.cpp: 404 unless the schedule exists, else what `action` answers.
    template<typename Action>
    QFuture<ApiResponse> whenScheduleExists(const QString &id, Action action);
    QFuture<ApiResponse> removeSchedule(const QString &id, const Actor &actor);

    Engine *m_engine;
    store::Database m_database;
    ApiOptions m_options;
    ApiRouter m_router;
    QThreadPool *m_pool;
    HttpFrontend *m_http = nullptr;
    EventStream *m_events = nullptr;
    bool m_tls = false;
    std::shared_ptr<QSslConfiguration> m_tlsConfiguration; // set: HTTPS
    quint16 m_port = 0;
};

} // namespace wfo::api
