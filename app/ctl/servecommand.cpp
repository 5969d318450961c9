#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"
#include "enginesession.h"

#include "api/apiserver.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

void log(CtlContext &context, const QString &message)
{
    context.out().error(QDateTime::currentDateTime().toString(Qt::ISODateWithMs) + u' ' + message);
}

// "HOST:PORT", "[IPv6]:PORT" or "PORT"; "localhost" is the IPv4 loopback.
bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    QString host = u"127.0.0.1"_s;
    QString portText = text;
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon >= 0) {
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint number = portText.toUInt(&ok);
    if (!ok || number > 65535)
        return false;
    *port = static_cast<quint16>(number);
    if (host == "localhost"_L1)
        host = u"127.0.0.1"_s;
    return address->setAddress(host);
}

} // namespace

int ServeCommand::run(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(
        context, u"serve"_s,
        tr("Run the engine headless and serve the REST API (docs/api.md) until SIGINT or "
           "SIGTERM. Requests need a bearer token ('orchestratorctl tokens create'); while no "
           "token exists, requests from this machine act as you. Beyond the loopback address "
           "the API speaks HTTPS only (--tls-cert and --tls-key). Logs to stderr."));
    parser.addOption({u"listen"_s,
                      tr("Address and port to listen on (default 127.0.0.1:8080; port 0 takes "
                         "a free one)."),
                      tr("HOST:PORT"), u"127.0.0.1:8080"_s});
    parser.addOption({u"token-file"_s,
                      tr("Bearer tokens, one 'TOKEN OPERATOR_NAME' per line; each token acts as "
                         "its operator."),
                      tr("FILE")});
    parser.addOption(
        {u"tls-cert"_s, tr("HTTPS: the server's certificate chain (PEM)."), tr("FILE")});
    parser.addOption(
        {u"tls-key"_s, tr("HTTPS: the server's private key (PEM, unencrypted)."), tr("FILE")});
    parser.addThreadsOption();
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    const std::optional<int> threads = parser.threads();
    if (!threads)
        return ExitUsage;
    api::ApiOptions options;
    if (!parseListen(parser.value(u"listen"_s), &options.address, &options.port))
        return parser.usageError(tr("--listen needs HOST:PORT, e.g. 127.0.0.1:8080."));
    if (parser.isSet(u"token-file"_s)) {
        QString error;
        options.tokens = api::TokenFile::read(parser.value(u"token-file"_s), &error);
        if (!options.tokens) {
            context.out().error(error);
            return ExitError;
        }
    }
    options.tlsCertificateFile = parser.value(u"tls-cert"_s);
    options.tlsKeyFile = parser.value(u"tls-key"_s);
    if (options.tlsCertificateFile.isEmpty() != options.tlsKeyFile.isEmpty())
        return parser.usageError(tr("HTTPS needs both --tls-cert and --tls-key."));
    if (options.tlsCertificateFile.isEmpty() && !api::ApiServer::isLoopback(options.address))
        return parser.usageError(
            tr("Listening on %1 needs HTTPS (--tls-cert and --tls-key): tokens would cross "
               "the network in clear text.")
                .arg(options.address.toString()));
    options.localUser = CtlContext::actor().name;
    options.constraints = context.installation().constraintSettings();
    const std::optional<store::DatabaseUrl> url = context.databaseUrl();
    if (!url)
        return ExitUsage;

    EngineSession session(context.installation(),
                          CtlContext::engineOptions(*url, u"worker"_s, *threads, true));
    Engine &engine = session.engine();
    QObject::connect(&engine, &Engine::processStopped, &session,
                     [&](const QString &id, ProcessStatus status) {
                         log(context, tr("process %1 stopped: %2").arg(id, toText(status)));
                     });
    QObject::connect(&engine, &Engine::databaseProblem, &session, [&](const QString &message) {
        log(context, tr("database problem: %1").arg(message));
    });
    QString message;
    if (!session.open(&message)) {
        if (session.interrupted())
            return ExitOk;
        context.out().error(message);
        return ExitError;
    }
    api::ApiServer server(&engine, options);
    if (!server.listen(&message)) {
        context.out().error(message);
        session.shutdown();
        return ExitError;
    }
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(options.address.toString())
        : options.address.toString();
    log(context,
        tr("serving the API on %1://%2:%3/api/ (engine %4 on %5); stop it with "
           "SIGINT or SIGTERM")
            .arg(options.tlsCertificateFile.isEmpty() ? u"http"_s : u"https"_s, host)
            .arg(server.port())
            .arg(engine.instanceId(), url->displayString()));
    if (!options.tokens)
        log(context,
            tr("requests without a token act as '%1' until an API token exists")
                .arg(options.localUser));
    session.runUntilStopped();
    log(context, tr("serve stopped"));
    return ExitOk;
}

} // namespace wfo::ctl
