#include "enginewaiter.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTimer>

namespace testsupport {

bool processEventsUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Wakes the wait below now and then, to look at `done()` and the deadline.
    QTimer tick;
    tick.start(10);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    return done();
}

bool openEngine(wfo::Engine &engine, QString *error, int timeoutMs)
{
    QSignalSpy spy(&engine, &wfo::Engine::opened);
    engine.open();
    if (!spy.wait(timeoutMs))
        return false;
    if (error)
        *error = spy.first().at(1).toString();
    return spy.first().at(0).toBool();
}

StopRecorder::StopRecorder(wfo::Engine &engine)
    : m_connection(QObject::connect(
        &engine, &wfo::Engine::processStopped, &engine,
        [this](const QString &id, wfo::ProcessStatus status) { m_stopped.insert(id, status); }))
{ }

StopRecorder::~StopRecorder()
{
    QObject::disconnect(m_connection);
}

std::optional<wfo::ProcessStatus> StopRecorder::wait(const QString &processId, int timeoutMs)
{
    if (!processEventsUntil([&] { return m_stopped.contains(processId); }, timeoutMs))
        return std::nullopt;
    return m_stopped.take(processId);
}

std::optional<wfo::ProcessStatus> waitStopped(wfo::Engine &engine, const QString &processId,
                                              int timeoutMs)
{
    std::optional<wfo::ProcessStatus> result;
    const QMetaObject::Connection connection =
        QObject::connect(&engine, &wfo::Engine::processStopped, &engine,
                         [&result, processId](const QString &id, wfo::ProcessStatus status) {
                             if (id == processId)
                                 result = status;
                         });
    processEventsUntil([&result] { return result.has_value(); }, timeoutMs);
    QObject::disconnect(connection);
    return result;
}

std::optional<InstalledEngine> openInstalledEngine(const wfo::store::DatabaseUrl &url,
                                                   wfo::ProductPack &pack, QString *error)
{
    InstalledEngine result;
    result.installation = std::make_unique<wfo::Installation>();
    result.installation->addPack(pack);
    QStringList messages;
    result.installation->finish(&messages);
    if (!messages.isEmpty()) {
        *error = messages.join(u'\n');
        return std::nullopt;
    }
    wfo::EngineOptions options;
    options.url = url;
    options.pollIntervalMs = 100;
    options.heartbeatMs = 200;
    result.engine = std::make_unique<wfo::Engine>(&result.installation->registry(), options);
    result.installation->configure(*result.engine);
    if (!openEngine(*result.engine, error))
        return std::nullopt;
    return result;
}

QString runToRest(wfo::Engine &engine, const wfo::StartRequest &request, wfo::ProcessStatus *status,
                  int timeoutMs)
{
    // Connect before starting: a fast process may stop before the future is looked at.
    QHash<QString, wfo::ProcessStatus> stopped;
    const QMetaObject::Connection connection = QObject::connect(
        &engine, &wfo::Engine::processStopped, &engine,
        [&stopped](const QString &id, wfo::ProcessStatus s) { stopped.insert(id, s); });
    const wfo::ActionResult result = await(engine.start(request), timeoutMs);
    QString id;
    if (result.ok()) {
        if (processEventsUntil([&] { return stopped.contains(result.processId); }, timeoutMs)) {
            id = result.processId;
            if (status)
                *status = stopped.value(id);
        }
    }
    QObject::disconnect(connection);
    return id;
}

} // namespace testsupport
