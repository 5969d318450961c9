#include "apiserver.h"

#include "httpfrontend.h"
#include "outcomes.h"
#include "routehelpers.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QUrl>

#include <exception>

using namespace Qt::StringLiterals;

namespace wfo::api {

ApiResponse storeFailure(const store::StoreError &error)
{
    const bool unavailable = error.kind() == store::StoreError::Kind::Unreachable
        || error.kind() == store::StoreError::Kind::Busy;
    return ApiResponse::problem(unavailable ? 503 : 500, error.message());
}

std::optional<QString> parseUuid(const QString &text)
{
    const QUuid uuid = QUuid::fromString(text);
    if (uuid.isNull() || text.size() != 36)
        return std::nullopt;
    return uuid.toString(QUuid::WithoutBraces);
}

ApiResponse invalidUuid(const QString &name, const QString &value)
{
    const QJsonObject error {{u"loc"_s, QJsonArray {u"path"_s, name}},
                             {u"msg"_s, ApiServer::tr("Input should be a valid UUID")},
                             {u"type"_s, u"uuid_parsing"_s},
                             {u"input"_s, value}};
    return ApiResponse::json(QJsonObject {{u"detail"_s, QJsonArray {error}}}, 422);
}

std::optional<QJsonArray> parseUserInputs(const QByteArray &body, ApiResponse *problem)
{
    if (body.trimmed().isEmpty() || body.trimmed() == "null")
        return QJsonArray();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem =
            ApiResponse::problem(400,
                                 ApiServer::tr("The body is not valid JSON: %1 (at offset %2).")
                                     .arg(error.errorString())
                                     .arg(error.offset));
        return std::nullopt;
    }
    if (!document.isArray()) {
        *problem = ApiResponse::problem(
            400,
            ApiServer::tr("The body must be a JSON list of form inputs, one object per page."));
        return std::nullopt;
    }
    const QJsonArray inputs = document.array();
    for (const QJsonValue &page : inputs) {
        if (!page.isObject()) {
            *problem = ApiResponse::problem(
                400, ApiServer::tr("Every item of the list must be a JSON object (one per page)."));
            return std::nullopt;
        }
    }
    return inputs;
}

ApiServer::ApiServer(Engine *engine, const ApiOptions &options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_database(engine->database())
    , m_options(options)
    , m_pool(new QThreadPool(this))
{
    m_pool->setObjectName(u"wfo-api-reads"_s);
    m_pool->setMaxThreadCount(std::max(1, options.readThreads));
    addGeneralRoutes();
    addProcessRoutes();
    addSubscriptionRoutes();
    addCallbackRoutes();
}

ApiServer::~ApiServer()
{
    delete m_http; // no new requests
    m_http = nullptr;
    m_pool->clear();
    m_pool->waitForDone();
}

bool ApiServer::isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

bool ApiServer::listen(QString *error)
{
    if (!m_options.tokens && !isLoopback(m_options.address)) {
        *error = tr("Without a token file the API only listens on the loopback address; "
                    "give --token-file to listen on %1.")
                     .arg(m_options.address.toString());
        return false;
    }
    if (!m_http)
        m_http = new HttpFrontend([this](ApiRequest request) { return handle(std::move(request)); },
                                  this);
    auto *tcp = new QTcpServer(m_http);
    if (!tcp->listen(m_options.address, m_options.port)) {
        *error = tr("Cannot listen on %1 port %2: %3")
                     .arg(m_options.address.toString())
                     .arg(m_options.port)
                     .arg(tcp->errorString());
        delete tcp;
        return false;
    }
    m_http->bind(tcp);
    m_port = tcp->serverPort();
    // Where this program serves the API, for packs' simulated systems that call back to a
    // callback step's route (docs/api.md, "Callback steps").
    QUrl base;
    base.setScheme(u"http"_s);
    const bool any = m_options.address == QHostAddress(QHostAddress::Any)
        || m_options.address == QHostAddress(QHostAddress::AnyIPv4)
        || m_options.address == QHostAddress(QHostAddress::AnyIPv6);
    base.setHost(any ? u"127.0.0.1"_s : m_options.address.toString());
    base.setPort(m_port);
    if (QCoreApplication *app = QCoreApplication::instance())
        app->setProperty("wfoApiBaseUrl", base.toString());
    return true;
}

std::optional<Actor> ApiServer::authenticate(const ApiRequest &request) const
{
    Actor actor;
    actor.origin = u"rest"_s;
    actor.host = request.clientAddress;
    if (!m_options.tokens) {
        actor.name = m_options.localUser;
        return actor;
    }
    const QByteArray header = request.headers.value("authorization"_ba).trimmed();
    if (!header.toLower().startsWith("bearer "))
        return std::nullopt;
    const std::optional<QString> name = m_options.tokens->operatorFor(header.mid(7).trimmed());
    if (!name)
        return std::nullopt;
    actor.name = *name;
    return actor;
}

bool ApiServer::enginePaused() const
{
    return m_engine->state() != EngineState::Running;
}

QFuture<ApiResponse> ApiServer::handle(ApiRequest request)
{
    if (request.body.size() > m_options.maxBodyBytes)
        return ready(ApiResponse::problem(
            413, tr("The body is larger than %1 bytes.").arg(m_options.maxBodyBytes)));
    const ApiRouter::Route *route = nullptr;
    switch (m_router.find(request.method, request.path, &route, &request.params)) {
    case ApiRouter::Match::NotFound:
        return ready(ApiResponse::problem(404, tr("There is no route %1.").arg(request.path)));
    case ApiRouter::Match::WrongMethod:
        return ready(ApiResponse::problem(
            405,
            tr("%1 is not allowed on %2.").arg(QString::fromLatin1(request.method), request.path)));
    case ApiRouter::Match::Found:
        break;
    }
    if (route->needsAuth) {
        const std::optional<Actor> actor = authenticate(request);
        if (!actor) {
            ApiResponse refused = ApiResponse::problem(
                401, tr("A valid bearer token is needed (Authorization: Bearer TOKEN)."));
            refused.headers.append({"WWW-Authenticate"_ba, "Bearer"_ba});
            return ready(refused);
        }
        request.actor = *actor;
    }
    try {
        return route->handler(request);
    } catch (const std::exception &e) {
        return ready(ApiResponse::problem(500, QString::fromUtf8(e.what())));
    }
}

QFuture<ApiResponse> ApiServer::act(const QFuture<ActionResult> &future, const ApiResponse &ok)
{
    return QFuture<ActionResult>(future).then(
        this, [ok](const ActionResult &result) { return Outcomes::response(result, ok); });
}

} // namespace wfo::api
