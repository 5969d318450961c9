#include "apiserver.h"

#include "httpfrontend.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "eventstream.h"

#include "queries/operators.h"

#include <QCoreApplication>
#include <QFile>
#include <QTcpServer>
#include <QUrl>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#endif

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

std::optional<QJsonObject> parseObject(const QByteArray &body, ApiResponse *problem)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *problem = ApiResponse::problem(400, ApiServer::tr("The body must be a JSON object."));
        return std::nullopt;
    }
    return document.object();
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
    addBulkRoutes(); // before the process routes: "bulk" is no process id
    addProcessRoutes();
    addScheduleRoutes();
    addSubscriptionRoutes();
    connect(engine, &Engine::changed, this, [this](const QString &kind, const QString &id) {
        if (m_events)
            m_events->changed(kind, id);
    });
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

bool ApiServer::setUpTls(QString *error)
{
    const bool cert = !m_options.tlsCertificateFile.isEmpty();
    const bool key = !m_options.tlsKeyFile.isEmpty();
    if (!cert && !key)
        return true;
    if (cert != key) {
        *error = tr("HTTPS needs both a certificate file and a key file.");
        return false;
    }
#if QT_CONFIG(ssl)
    if (!QSslSocket::supportsSsl()) {
        *error = tr("HTTPS is not available: no TLS library could be loaded (%1).")
                     .arg(QSslSocket::sslLibraryBuildVersionString());
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(m_options.tlsCertificateFile);
    if (chain.isEmpty()) {
        *error = tr("'%1' holds no PEM certificate.").arg(m_options.tlsCertificateFile);
        return false;
    }
    QFile keyFile(m_options.tlsKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the key file '%1': %2")
                     .arg(m_options.tlsKeyFile, keyFile.errorString());
        return false;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey sslKey;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        sslKey = QSslKey(pem, algorithm, QSsl::Pem);
        if (!sslKey.isNull())
            break;
    }
    if (sslKey.isNull()) {
        *error = tr("'%1' holds no unencrypted PEM private key (RSA, EC or DSA).")
                     .arg(m_options.tlsKeyFile);
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(sslKey);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    m_tlsConfiguration = std::make_shared<QSslConfiguration>(configuration);
    m_tls = true;
    return true;
#else
    *error = tr("This build has no TLS support.");
    return false;
#endif
}

bool ApiServer::listen(QString *error)
{
    const bool tls = !m_options.tlsCertificateFile.isEmpty() || !m_options.tlsKeyFile.isEmpty();
    if (!tls && !isLoopback(m_options.address)) {
        *error = tr("Listening on %1 needs HTTPS: give a certificate and a key file, or listen "
                    "on the loopback address (127.0.0.1).")
                     .arg(m_options.address.toString());
        return false;
    }
    if (!m_http) {
        m_http = new HttpFrontend([this](ApiRequest request) { return handle(std::move(request)); },
                                  this);
        m_events = new EventStream(m_http, this);
    }
    if (!setUpTls(error))
        return false;
    QTcpServer *tcp = nullptr;
#if QT_CONFIG(ssl)
    if (m_tlsConfiguration) {
        auto *secure = new QSslServer(m_http);
        secure->setSslConfiguration(*m_tlsConfiguration);
        // Wait no longer than this for a client's handshake, so a silent client holds nothing.
        secure->setHandshakeTimeout(10000);
        tcp = secure;
    }
#endif
    if (!tcp)
        tcp = new QTcpServer(m_http);
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
    base.setScheme(m_tls ? u"https"_s : u"http"_s);
    const bool any = m_options.address == QHostAddress(QHostAddress::Any)
        || m_options.address == QHostAddress(QHostAddress::AnyIPv4)
        || m_options.address == QHostAddress(QHostAddress::AnyIPv6);
    base.setHost(any ? u"127.0.0.1"_s : m_options.address.toString());
    base.setPort(m_port);
    if (QCoreApplication *app = QCoreApplication::instance())
        app->setProperty("wfoApiBaseUrl", base.toString());
    return true;
}

QFuture<std::variant<ApiRequest, ApiResponse>> ApiServer::authenticate(ApiRequest request)
{
    using Outcome = std::variant<ApiRequest, ApiResponse>;
    request.actor.origin = u"rest"_s;
    request.actor.host = request.clientAddress;
    QByteArray token = request.headers.value("authorization"_ba).trimmed();
    const bool bearer = token.toLower().startsWith("bearer ");
    token = bearer ? token.mid(7).trimmed() : QByteArray();
    if (bearer && m_options.tokens) {
        if (const std::optional<QString> name = m_options.tokens->operatorFor(token)) {
            request.actor.name = *name;
            return QtFuture::makeReadyFuture(Outcome(std::move(request)));
        }
    }
    // Anonymous requests act as the local user only while nobody has a token and both ends
    // are this machine.
    const bool anonymousAllowed = !m_options.tokens && isLoopback(m_options.address)
        && isLoopback(QHostAddress(request.clientAddress));
    const QString localUser = m_options.localUser;
    const store::Database database = m_database;
    return QtConcurrent::run(
        m_pool, [database, token, anonymousAllowed, localUser, request]() -> Outcome {
            queries::TokenCheck check;
            try {
                check = queries::OperatorQueries::checkToken(database, token);
            } catch (const store::StoreError &error) {
                return storeFailure(error);
            }
            using Verdict = queries::TokenCheck::Verdict;
            if (check.verdict == Verdict::Valid) {
                ApiRequest authenticated = request;
                authenticated.actor.name = check.userName;
                return authenticated;
            }
            if (check.verdict == Verdict::NoTokens && token.isEmpty() && anonymousAllowed) {
                ApiRequest authenticated = request;
                authenticated.actor.name = localUser;
                return authenticated;
            }
            QString why;
            switch (check.verdict) {
            case Verdict::Revoked:
                why = tr("The token %1 was revoked.").arg(check.tokenId);
                break;
            case Verdict::Expired:
                why = tr("The token %1 has expired.").arg(check.tokenId);
                break;
            default:
                why = token.isEmpty()
                    ? tr("A valid bearer token is needed (Authorization: Bearer TOKEN).")
                    : tr("The bearer token is not known.");
                break;
            }
            ApiResponse refused = ApiResponse::problem(401, why);
            refused.headers.append({"WWW-Authenticate"_ba, "Bearer"_ba});
            return refused;
        });
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
    const ApiRouter::Handler handler = route->handler;
    const auto run = [handler](const ApiRequest &authenticated) -> QFuture<ApiResponse> {
        try {
            return handler(authenticated);
        } catch (const std::exception &e) {
            return ready(ApiResponse::problem(500, QString::fromUtf8(e.what())));
        }
    };
    if (!route->needsAuth)
        return run(request);
    return authenticate(std::move(request))
        .then(this,
              [run](const std::variant<ApiRequest, ApiResponse> &outcome) {
                  if (const ApiResponse *refused = std::get_if<ApiResponse>(&outcome))
                      return ready(*refused);
                  return run(std::get<ApiRequest>(outcome));
              })
        .unwrap();
}

qsizetype ApiServer::eventClients() const
{
    return m_events ? m_events->clientCount() : 0;
}

QFuture<ApiResponse> ApiServer::authorizeUpgrade(const ApiRequest &upgrade)
{
    return authenticate(upgrade).then([](const std::variant<ApiRequest, ApiResponse> &outcome) {
        if (const ApiResponse *refused = std::get_if<ApiResponse>(&outcome))
            return *refused;
        return ApiResponse::empty(200);
    });
}

QFuture<ApiResponse> ApiServer::act(const QFuture<ActionResult> &future, const ApiResponse &ok)
{
    return QFuture<ActionResult>(future).then(
        this, [ok](const ActionResult &result) { return Outcomes::response(result, ok); });
}

} // namespace wfo::api
