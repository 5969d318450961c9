#include "nsocallback.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <functional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcNsoCallback, "wfo.pack.node_enrollment.nso")

namespace wfo::nodeenrollment {

namespace {

// Posts `body` to `url`; a 409 (the process has not come to rest awaiting the callback yet)
// is tried again a few times.
void post(QNetworkAccessManager *network, const QUrl &url, const QJsonObject &body, int attempt,
          const std::function<void()> &then)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    QNetworkReply *reply =
        network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, network, [=] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status == 409 && attempt < 20) {
            QTimer::singleShot(250, network, [=] { post(network, url, body, attempt + 1, then); });
            return;
        }
        if (status != 200)
            qCWarning(lcNsoCallback) << "callback to" << url.path() << "answered" << status;
        if (then)
            then();
    });
}

} // namespace

QUrl NsoCallback::baseUrl()
{
    const QString option = qEnvironmentVariable("NODE_ENROLLMENT_NSO_CALLBACK");
    if (option.isEmpty() || option == "0"_L1)
        return {};
    if (option != "1"_L1)
        return QUrl(option);
    // The API server of this program publishes where it listens (docs/api.md).
    const QCoreApplication *app = QCoreApplication::instance();
    return app ? QUrl(app->property("wfoApiBaseUrl").toString()) : QUrl();
}

bool NsoCallback::schedule(const QString &route, const QString &device, const QString &version)
{
    const QUrl base = baseUrl();
    QCoreApplication *app = QCoreApplication::instance();
    if (!base.isValid() || base.isEmpty() || !app)
        return false;
    QUrl url = base;
    url.setPath(base.path().chopped(base.path().endsWith(u'/') ? 1 : 0) + route);
    QUrl progressUrl = url;
    progressUrl.setPath(url.path() + u"/progress"_s);
    const int delay = qEnvironmentVariableIsSet("NODE_ENROLLMENT_NSO_CALLBACK_DELAY_MS")
        ? qEnvironmentVariableIntValue("NODE_ENROLLMENT_NSO_CALLBACK_DELAY_MS")
        : 1500;
    // The step runs on a worker thread; the network calls belong to the application's thread.
    QMetaObject::invokeMethod(
        app,
        [=] {
            auto *network = new QNetworkAccessManager(app);
            const QJsonObject progress {
                {u"percent"_s, 50}, {u"message"_s, u"Upgrading %1 to %2"_s.arg(device, version)}};
            const QJsonObject result {{u"status"_s, u"success"_s},
                                      {u"device"_s, device},
                                      {u"software_version"_s, version}};
            QTimer::singleShot(delay / 2, network, [=] {
                post(network, progressUrl, progress, 0, [=] {
                    QTimer::singleShot(delay - delay / 2, network, [=] {
                        post(network, url, result, 0, [network] { network->deleteLater(); });
                    });
                });
            });
        },
        Qt::QueuedConnection);
    return true;
}

} // namespace wfo::nodeenrollment
