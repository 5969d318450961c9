#include "enginesession.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QTimer>

namespace wfo::ctl {

EngineSession::EngineSession(const Installation &installation, const EngineOptions &options,
                             QObject *parent)
    : QObject(parent)
    , m_engine(new Engine(&installation.registry(), options, this))
{
    installation.configure(*m_engine);
    connect(
        m_engine, &Engine::processStopped, this,
        [this](const QString &id, ProcessStatus status) { m_stoppedProcesses.insert(id, status); });
    connect(m_engine, &Engine::stopped, this, [this] { m_stopped = true; });
    connect(&m_signals, &SignalWatcher::signalled, this, &EngineSession::onSignal);
}

EngineSession::~EngineSession()
{
    delete m_engine; // joins the engine's threads before the watcher goes
    m_engine = nullptr;
}

void EngineSession::onSignal(int signalNumber)
{
    Q_UNUSED(signalNumber)
    m_interrupted = true;
    m_engine->shutdown();
}

bool EngineSession::open(QString *message)
{
    QEventLoop loop;
    bool ok = false;
    bool answered = false;
    connect(m_engine, &Engine::opened, &loop, [&](bool success, const QString &text) {
        ok = success;
        answered = true;
        *message = text;
        loop.quit();
    });
    // A signal during the open shuts the engine down before it answers.
    connect(m_engine, &Engine::stopped, &loop, [&] {
        if (!answered)
            *message = tr("Interrupted.");
        loop.quit();
    });
    m_engine->open();
    if (!answered && !m_stopped)
        loop.exec();
    return ok && !m_stopped;
}

ActionResult EngineSession::wait(const QFuture<ActionResult> &future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<ActionResult> watcher;
        connect(&watcher, &QFutureWatcher<ActionResult>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.resultCount() > 0 ? future.result() : ActionResult();
}

BulkResult EngineSession::wait(const QFuture<BulkResult> &future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<BulkResult> watcher;
        connect(&watcher, &QFutureWatcher<BulkResult>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.resultCount() > 0 ? future.result() : BulkResult();
}

std::optional<ProcessStatus> EngineSession::waitUntilStopped(const QString &processId)
{
    QEventLoop loop;
    auto check = [&] {
        if (m_stoppedProcesses.contains(processId) || m_stopped)
            loop.quit();
    };
    connect(m_engine, &Engine::processStopped, &loop, check, Qt::QueuedConnection);
    connect(m_engine, &Engine::stopped, &loop, check, Qt::QueuedConnection);
    // Another engine may take the process first (its claim lapsed, or it was queued without
    // one): then it is followed in the database until it comes to rest there.
    QTimer follow;
    follow.setInterval(200);
    connect(m_engine, &Engine::processSkipped, &loop, [&](const QString &id) {
        if (id == processId)
            follow.start();
    });
    connect(&follow, &QTimer::timeout, &loop, [&] {
        follow.stop();
        auto *watcher = new QFutureWatcher<std::optional<ProcessStatus>>(&loop);
        connect(watcher, &QFutureWatcherBase::finished, &loop, [&, watcher] {
            const std::optional<ProcessStatus> status = watcher->result();
            watcher->deleteLater();
            if (status && isAtRest(*status) && !m_stoppedProcesses.contains(processId)) {
                m_stoppedProcesses.insert(processId, *status);
                loop.quit();
            } else {
                follow.start();
            }
        });
        watcher->setFuture(m_engine->storedStatus(processId));
    });
    if (!m_stoppedProcesses.contains(processId) && !m_stopped)
        loop.exec();
    if (m_stoppedProcesses.contains(processId))
        return m_stoppedProcesses.value(processId);
    return std::nullopt;
}

void EngineSession::shutdown()
{
    if (m_stopped)
        return;
    QEventLoop loop;
    connect(m_engine, &Engine::stopped, &loop, &QEventLoop::quit);
    m_engine->shutdown();
    if (!m_stopped)
        loop.exec();
}

void EngineSession::runUntilStopped()
{
    if (m_stopped)
        return;
    QEventLoop loop;
    connect(m_engine, &Engine::stopped, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace wfo::ctl
