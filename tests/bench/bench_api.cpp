// bench_api: requests per second and p50/p99 latency of the REST API (docs/api.md) with the
// client in another process than the server (issue 12's benchmark).
//  - get_process: GET /api/processes/{id} over a set of completed processes, at --read-rps;
//  - post_start:  POST /api/processes/{workflow} with no form input (201), at --start-rps.
// By default it makes a throwaway SQLite database, runs `orchestratorctl serve --listen
// 127.0.0.1:0` on it as a child process with the test pack (workflow test_steps) and stops it
// with SIGTERM at the end; --url drives a server that already runs instead (with --token).
// The load is open: requests are sent on a fixed schedule at the target rate, at most
// --concurrency at once; a request's latency runs from its send to the end of its reply.
// Replies other than 2xx and network errors are counted as errors. Prints one JSON line per
// scenario on stdout; progress goes to stderr.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace {

volatile std::sig_atomic_t interrupted = 0;

void onSignal(int)
{
    interrupted = 1;
}

void say(const QString &message)
{
    std::fprintf(stderr, "bench_api: %s\n", qPrintable(message));
    std::fflush(stderr);
}

// `orchestratorctl serve` on a database of its own in a temporary folder; stopped with SIGTERM
// (and the folder removed) when destroyed.
class ServerProcess
{
public:
    ServerProcess() = default;
    Q_DISABLE_COPY_MOVE(ServerProcess)
    ~ServerProcess() { stop(); }

    // The base URL ("http://127.0.0.1:PORT"), or nullopt with the reason in `error`.
    std::optional<QUrl> start(int engineThreads, QString *error)
    {
        if (!m_dir.isValid()) {
            *error = u"cannot make a temporary folder: %1"_s.arg(m_dir.errorString());
            return std::nullopt;
        }
        const QString database = u"sqlite://"_s + m_dir.filePath(u"bench.db"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
        env.insert(u"WFO_NO_SCHEDULES"_s, u"1"_s);
        env.insert(u"WFO_USER"_s, u"bench"_s);
        env.insert(u"LC_ALL"_s, u"C"_s); // the log line parsed below is not translated

        QProcess init;
        init.setProcessEnvironment(env);
        init.start(QStringLiteral(ORCHESTRATORCTL), {u"--db"_s, database, u"init"_s});
        if (!init.waitForFinished(60000) || init.exitStatus() != QProcess::NormalExit
            || init.exitCode() != 0) {
            *error = u"orchestratorctl init failed: %1"_s.arg(
                QString::fromLocal8Bit(init.readAllStandardError()).trimmed());
            return std::nullopt;
        }

        m_process.setProcessEnvironment(env);
#ifdef Q_OS_LINUX
        // Should the benchmark die, the server goes with it.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process.start(QStringLiteral(ORCHESTRATORCTL),
                        {u"--db"_s, database, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s,
                         u"--threads"_s, QString::number(engineThreads)});
        if (!m_process.waitForStarted(10000)) {
            *error = u"cannot start orchestratorctl: %1"_s.arg(m_process.errorString());
            return std::nullopt;
        }
        // "... serving the API on http://127.0.0.1:PORT/api/ (engine ...)"
        static const QRegularExpression serving(u"serving the API on (https?://[^/\\s]+)/api/"_s);
        QByteArray log;
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired() && !interrupted) {
            if (m_process.state() != QProcess::Running) {
                *error = u"orchestratorctl serve exited: %1"_s.arg(
                    QString::fromLocal8Bit(log + m_process.readAllStandardError()).trimmed());
                return std::nullopt;
            }
            m_process.waitForReadyRead(100);
            log += m_process.readAllStandardError();
            const QRegularExpressionMatch match = serving.match(QString::fromLocal8Bit(log));
            if (match.hasMatch()) {
                const QUrl url(match.captured(1));
                if (url.port() <= 0) {
                    *error = u"serve did not report its port: %1"_s.arg(match.captured(0));
                    return std::nullopt;
                }
                // From now on its log (a line per process) is read and dropped.
                QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                                 [this] { m_process.readAllStandardError(); });
                return url;
            }
        }
        *error = u"orchestratorctl serve did not say where it listens: %1"_s.arg(
            QString::fromLocal8Bit(log).trimmed());
        return std::nullopt;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate(); // SIGTERM: serve shuts the engine down and exits
        if (!m_process.waitForFinished(30000)) {
            say(u"the server did not stop within 30 s; killing it"_s);
            m_process.kill();
            m_process.waitForFinished(5000);
        } else if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
            say(u"the server exited with %1"_s.arg(m_process.exitCode()));
        }
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};

struct Reply
{
    int status = 0; // 0: no HTTP answer (network error)
    QByteArray body;
    QString error; // the network error, if any
    double ms = 0;
    bool ok() const { return status >= 200 && status < 300; }
};

// HTTP/1.1 on keep-alive connections. One QNetworkAccessManager opens at most six connections
// to a host, so there is one manager per six concurrent requests.
class Client
{
public:
    Client(const QUrl &base, const QByteArray &token, int concurrency)
        : m_base(base)
        , m_token(token)
    {
        const int managers = qMax(1, (concurrency + 5) / 6);
        for (int i = 0; i < managers; ++i) {
            auto manager = std::make_unique<QNetworkAccessManager>();
            manager->setProxy(QNetworkProxy::NoProxy);
            m_managers.push_back({std::move(manager), 0});
        }
    }

    // Sends the request now; `done` gets the reply on this thread's event loop.
    void send(const QByteArray &method, const QString &path, const QByteArray &body,
              std::function<void(const Reply &)> done)
    {
        QUrl url = m_base;
        url.setPath(path);
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(30000); // a reply that never comes is a network error
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization"_ba, "Bearer "_ba + m_token);
        auto least = std::min_element(m_managers.begin(), m_managers.end(),
                                      [](const Slot &a, const Slot &b) { return a.busy < b.busy; });
        Slot *slot = &*least;
        ++slot->busy;
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        QNetworkReply *reply = method == "GET"_ba
            ? slot->manager->get(request)
            : slot->manager->sendCustomRequest(request, method, body);
        QObject::connect(
            reply, &QNetworkReply::finished, reply, [reply, slot, timer, done = std::move(done)] {
                Reply result;
                result.ms = timer->nsecsElapsed() / 1e6;
                --slot->busy;
                result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.body = reply->readAll();
                if (reply->error() != QNetworkReply::NoError)
                    result.error = reply->errorString();
                reply->deleteLater();
                done(result);
            });
    }

    // Sends one request and waits for its reply.
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QEventLoop loop;
        Reply result;
        send(method, path, body, [&](const Reply &reply) {
            result = reply;
            loop.quit();
        });
        loop.exec();
        return result;
    }

private:
    struct Slot
    {
        std::unique_ptr<QNetworkAccessManager> manager;
        int busy = 0;
    };
    QUrl m_base;
    QByteArray m_token;
    std::vector<Slot> m_managers; // never resized after construction: replies keep pointers
};

struct Result
{
    qint64 requests = 0;
    qint64 errors = 0;
    double seconds = 0;
    QList<double> latencies; // ms, of the 2xx replies
    QList<int> errorStatuses;
};

// Sends `total` requests on a fixed schedule at `rps`, at most `concurrency` at once (a request
// due while the limit is reached waits for a reply). `request(n)` sends the n-th one.
Result drive(Client &client, double rps, qint64 total, int concurrency,
             const std::function<std::pair<QByteArray, QString>(qint64)> &request,
             const QByteArray &body)
{
    Result result;
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 next = 0;
    qint64 done = 0;
    int inFlight = 0;
    const double intervalNs = 1e9 / rps;
    std::function<void()> pump;
    pump = [&] {
        if (interrupted) {
            total = next; // send nothing more; wait for the replies under way
            if (done == total)
                loop.quit();
            return;
        }
        const qint64 now = clock.nsecsElapsed();
        while (next < total && inFlight < concurrency && next * intervalNs <= now) {
            const auto [method, path] = request(next);
            ++next;
            ++inFlight;
            client.send(method, path, body, [&](const Reply &reply) {
                --inFlight;
                ++done;
                if (reply.ok()) {
                    result.latencies.append(reply.ms);
                } else {
                    ++result.errors;
                    if (result.errorStatuses.size() < 5)
                        result.errorStatuses.append(reply.status);
                }
                if (done == total) {
                    result.seconds = clock.nsecsElapsed() / 1e9;
                    loop.quit();
                } else {
                    pump();
                }
            });
        }
    };
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] { pump(); });
    clock.start();
    ticker.start();
    pump();
    if (total > 0)
        loop.exec();
    ticker.stop();
    if (result.seconds == 0)
        result.seconds = clock.nsecsElapsed() / 1e9;
    // The schedule spans total / rps seconds: a client that keeps up achieves the target rate.
    result.seconds = qMax(result.seconds, total / rps);
    result.requests = done;
    return result;
}

double percentile(QList<double> sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype rank = qsizetype(std::ceil(p / 100.0 * sorted.size()));
    return sorted.at(qBound(qsizetype(0), rank - 1, sorted.size() - 1));
}

// Warms up for `warmupSeconds`, then measures for `seconds` and prints the scenario's line.
bool runScenario(Client &client, const char *name, double rps, double seconds, double warmupSeconds,
                 int concurrency,
                 const std::function<std::pair<QByteArray, QString>(qint64)> &request,
                 const QByteArray &body)
{
    if (warmupSeconds > 0) {
        const Result warmup =
            drive(client, rps, qint64(rps * warmupSeconds), concurrency, request, body);
        if (warmup.errors > 0)
            say(u"%1: %2 errors while warming up"_s.arg(QLatin1StringView(name))
                    .arg(warmup.errors));
    }
    if (interrupted)
        return false;
    say(u"%1: %2 requests/s for %3 s"_s.arg(QLatin1StringView(name)).arg(rps).arg(seconds));
    const Result r =
        drive(client, rps, qMax<qint64>(1, qint64(rps * seconds)), concurrency, request, body);
    if (r.errors > 0) {
        QStringList statuses;
        for (int status : r.errorStatuses)
            statuses.append(QString::number(status));
        say(u"%1: %2 errors (statuses %3; 0 is a network error)"_s.arg(QLatin1StringView(name))
                .arg(r.errors)
                .arg(statuses.join(u", "_s)));
    }
    if (interrupted)
        return false; // a partial run has no figures
    std::printf("{\"scenario\":\"%s\",\"target_rps\":%g,\"achieved_rps\":%.1f,\"p50_ms\":%.2f,"
                "\"p99_ms\":%.2f,\"errors\":%lld,\"requests\":%lld,\"p90_ms\":%.2f,"
                "\"max_ms\":%.2f,\"concurrency\":%d}\n",
                name, rps, r.requests / r.seconds, percentile(r.latencies, 50),
                percentile(r.latencies, 99), static_cast<long long>(r.errors),
                static_cast<long long>(r.requests), percentile(r.latencies, 90),
                percentile(r.latencies, 100), concurrency);
    std::fflush(stdout);
    return !interrupted;
}

QString processPath(const QString &workflowOrId)
{
    return u"/api/processes/%1"_s.arg(workflowOrId);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Requests per second and latency of the REST API, the client in another process."_s);
    parser.addHelpOption();
    QCommandLineOption secondsOption(u"seconds"_s, u"Measured seconds per scenario."_s, u"s"_s,
                                     u"10"_s);
    QCommandLineOption warmupOption(u"warmup"_s, u"Unmeasured seconds before each scenario."_s,
                                    u"s"_s, u"2"_s);
    QCommandLineOption readRpsOption(u"read-rps"_s, u"Target rate of GET /api/processes/{id}."_s,
                                     u"n"_s, u"500"_s);
    QCommandLineOption startRpsOption(
        u"start-rps"_s, u"Target rate of POST /api/processes/{workflow}."_s, u"n"_s, u"50"_s);
    QCommandLineOption concurrencyOption(u"concurrency"_s, u"Requests under way at most."_s, u"n"_s,
                                         u"16"_s);
    QCommandLineOption processesOption(u"processes"_s, u"Processes made for the reads."_s, u"n"_s,
                                       u"50"_s);
    QCommandLineOption workflowOption(u"workflow"_s, u"Workflow to start (a task without form)."_s,
                                      u"name"_s, u"test_steps"_s);
    QCommandLineOption threadsOption(
        u"threads"_s, u"Engine threads of the server started (serve --threads)."_s, u"n"_s, u"2"_s);
    QCommandLineOption urlOption(
        u"url"_s, u"Use the server that runs there, e.g. http://127.0.0.1:8080."_s, u"url"_s);
    QCommandLineOption tokenOption(u"token"_s, u"Bearer token for --url."_s, u"token"_s);
    parser.addOptions({secondsOption, warmupOption, readRpsOption, startRpsOption,
                       concurrencyOption, processesOption, workflowOption, threadsOption, urlOption,
                       tokenOption});
    parser.process(app);

    const double seconds = parser.value(secondsOption).toDouble();
    const double warmup = parser.value(warmupOption).toDouble();
    const double readRps = parser.value(readRpsOption).toDouble();
    const double startRps = parser.value(startRpsOption).toDouble();
    const int concurrency = parser.value(concurrencyOption).toInt();
    const int processes = parser.value(processesOption).toInt();
    const int threads = parser.value(threadsOption).toInt();
    const QString workflow = parser.value(workflowOption);
    if (!(seconds > 0) || warmup < 0 || !(readRps > 0) || !(startRps > 0) || concurrency < 1
        || processes < 1 || threads < 1) {
        say(u"--seconds, --read-rps, --start-rps, --concurrency, --processes and --threads "
            "need positive numbers"_s);
        return 2;
    }
    if (parser.isSet(tokenOption) && !parser.isSet(urlOption)) {
        say(u"--token goes with --url"_s);
        return 2;
    }

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    std::unique_ptr<ServerProcess> server;
    QUrl base;
    if (parser.isSet(urlOption)) {
        base = QUrl(parser.value(urlOption));
        if (!base.isValid() || base.host().isEmpty()) {
            say(u"--url needs a URL such as http://127.0.0.1:8080"_s);
            return 2;
        }
        base.setPath({});
    } else {
        server = std::make_unique<ServerProcess>();
        QString error;
        const std::optional<QUrl> url = server->start(threads, &error);
        if (!url) {
            say(error);
            return 1;
        }
        base = *url;
        say(u"server: %1"_s.arg(base.toString()));
    }

    Client client(base, parser.value(tokenOption).toUtf8(), concurrency);

    // The processes that the reads fetch, run to completion first so the engine is idle.
    QStringList ids;
    for (int i = 0; i < processes && !interrupted; ++i) {
        const Reply reply = client.call("POST"_ba, processPath(workflow), "[]"_ba);
        if (reply.status != 201) {
            say(u"POST %1 answered %2: %3%4"_s.arg(processPath(workflow))
                    .arg(reply.status)
                    .arg(reply.error, QString::fromUtf8(reply.body.left(500))));
            return 1;
        }
        ids.append(QJsonDocument::fromJson(reply.body).object().value(u"id").toString());
    }
    QDeadlineTimer deadline(120000);
    for (const QString &id : std::as_const(ids)) {
        for (;;) {
            const Reply reply = client.call("GET"_ba, processPath(id));
            const QString status =
                QJsonDocument::fromJson(reply.body).object().value(u"last_status").toString();
            if (!reply.ok() || interrupted || deadline.hasExpired()) {
                say(u"process %1 is not done: %2 %3"_s.arg(id).arg(reply.status).arg(status));
                return 1;
            }
            if (status != "created"_L1 && status != "running"_L1 && status != "resumed"_L1)
                break;
            QThread::msleep(20);
        }
    }
    say(u"%1 processes of %2 ready"_s.arg(ids.size()).arg(workflow));

    const bool read =
        runScenario(client, "get_process", readRps, seconds, warmup, concurrency,
                    [&ids](qint64 n) {
                        return std::pair {"GET"_ba, processPath(ids.at(n % ids.size()))};
                    },
                    {});
    if (read)
        runScenario(
            client, "post_start", startRps, seconds, warmup, concurrency,
            [&workflow](qint64) {
                return std::pair {"POST"_ba, processPath(workflow)};
            },
            "[]"_ba);
    server.reset(); // SIGTERM, then the temporary folder goes
    return interrupted ? 130 : 0;
}
