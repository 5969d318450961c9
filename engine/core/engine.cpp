#include "engine.h"

#include "actions.h"
#include "engineworker.h"
#include "housekeeper.h"
#include "store/processrepository.h"
#include "store/transaction.h"

#include "store/changefeed.h"

#include <QMetaMethod>
#include <QPromise>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace wfo {

int EngineOptions::defaultThreads(const store::DatabaseUrl &url)
{
    return url.isSqlite() ? 16 : 8;
}

Engine::Engine(const WorkflowRegistry *registry, const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_options(options)
    , m_database(options.url)
    , m_instanceId(
          u"%1-%2"_s.arg(options.kind, QUuid::createUuid().toString(QUuid::WithoutBraces).left(13)))
{
    if (m_options.threads <= 0)
        m_options.threads = EngineOptions::defaultThreads(m_options.url);
    qRegisterMetaType<wfo::store::ProcessRecord>();
    qRegisterMetaType<wfo::store::StepRecord>();
    qRegisterMetaType<wfo::ProcessStatus>();
    qRegisterMetaType<wfo::EngineState>();
    qRegisterMetaType<wfo::ActionResult>();
}

Engine::~Engine()
{
    stopThreads();
}

void Engine::addExtension(const std::shared_ptr<EngineExtension> &extension)
{
    Q_ASSERT(!m_housekeeper);
    m_extensions.append(extension);
}

void Engine::open()
{
    if (m_housekeeper)
        return;
    RunnerContext context {m_database, m_registry, m_extensions, &m_flags, m_instanceId};
    HousekeeperOptions hk {m_options.migrate,
                           m_options.kind,
                           m_options.threads,
                           m_options.heartbeatMs,
                           m_options.leaseSeconds,
                           m_options.claimQueued && m_options.runSchedules
                               && qEnvironmentVariableIsEmpty("WFO_NO_SCHEDULES")};

    m_housekeeperThread = new QThread(this);
    m_housekeeperThread->setObjectName(u"wfo-housekeeper"_s);
    m_housekeeper = new Housekeeper(context, hk);
    m_housekeeper->moveToThread(m_housekeeperThread);
    connect(m_housekeeperThread, &QThread::finished, m_housekeeper, &QObject::deleteLater);
    connect(m_housekeeper, &Housekeeper::globalLockChanged, this, [this] {
        updateState();
        dispatch();
    });
    connect(m_housekeeper, &Housekeeper::recovered, this, &Engine::recovered);
    connect(m_housekeeper, &Housekeeper::scheduled, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            emit processQueued(id);
        dispatch(true);
    });
    connect(m_housekeeper, &Housekeeper::databaseProblem, this, &Engine::databaseProblem);
    connect(m_housekeeper, &Housekeeper::databaseOk, this, &Engine::databaseOk);
    connect(m_housekeeper, &Housekeeper::opened, this, [this](bool ok, const QString &message) {
        if (m_shuttingDown)
            return; // shut down before it opened: stopped() was emitted already
        m_open = ok;
        // Actions asked for while the database opened run now (and fail clearly if it did not).
        m_actionsReady = true;
        for (const auto &action : std::exchange(m_pendingActions, {}))
            action();
        if (ok && !m_flags.isReadOnly()) {
            // One group commit for all workers (docs/architecture.md, "Group commit");
            // WFO_GROUP_COMMIT=0 commits each step alone (for comparisons).
            std::shared_ptr<store::GroupCommit> commits;
            if (m_options.threads > 1 && qEnvironmentVariable("WFO_GROUP_COMMIT") != "0"_L1)
                commits = std::make_shared<store::GroupCommit>(m_database);
            for (int i = 0; i < m_options.threads; ++i) {
                auto *thread = new QThread(this);
                thread->setObjectName(u"wfo-worker-%1"_s.arg(i));
                auto *worker = new EngineWorker(RunnerContext {m_database, m_registry, m_extensions,
                                                               &m_flags, m_instanceId, commits},
                                                i);
                worker->moveToThread(thread);
                connect(thread, &QThread::finished, worker, &QObject::deleteLater);
                connect(worker, &EngineWorker::processStarted, this, &Engine::processStarted);
                connect(worker, &EngineWorker::stepCommitted, this, &Engine::stepCommitted);
                // isSignalConnected takes this object's signal lock: safe from the worker.
                worker->setStepsHeard([this] {
                    return isSignalConnected(QMetaMethod::fromSignal(&Engine::stepCommitted));
                });
                connect(worker, &EngineWorker::processStopped, this,
                        [this](const QString &id, ProcessStatus status) {
                            emit processStopped(id, status);
                            updateState();
                        });
                connect(worker, &EngineWorker::finished, this, &Engine::workerFinished);
                connect(worker, &EngineWorker::processSkipped, this, &Engine::processSkipped);
                connect(worker, &EngineWorker::claimed, this, [this](int index) {
                    // The poll found work: there may be more, so every idle worker looks now
                    // (with a group commit their claims share one commit).
                    if (m_pollingWorkers.remove(index))
                        dispatch(true, m_options.threads > 1);
                });
                connect(worker, &EngineWorker::problem, this, &Engine::databaseProblem);
                m_threads.append(thread);
                m_workers.append(worker);
                m_idle.append(i);
                thread->start();
            }
            m_pollTimer = new QTimer(this);
            m_pollTimer->setInterval(m_options.pollIntervalMs);
            connect(m_pollTimer, &QTimer::timeout, this, [this] { dispatch(true); });
            if (m_options.claimQueued)
                m_pollTimer->start();
            updateState();
            dispatch(true);
            startChangeFeed(); // after the migration: a fresh file is not fought over
        }
        emit opened(ok, message);
    });
    m_actionsThread = new QThread(this);
    m_actionsThread->setObjectName(u"wfo-actions"_s);
    m_actions = new Actions(m_database, m_registry, m_extensions, &m_flags, m_instanceId);
    m_actions->moveToThread(m_actionsThread);
    connect(m_actionsThread, &QThread::finished, m_actions, &QObject::deleteLater);
    m_actionsThread->start();

    m_housekeeperThread->start();
    QMetaObject::invokeMethod(m_housekeeper, &Housekeeper::open, Qt::QueuedConnection);
}

void Engine::startChangeFeed()
{
    if (m_options.listenForChanges && !m_feedThread) {
        m_feedThread = new QThread(this);
        m_feedThread->setObjectName(u"wfo-changes"_s);
        m_feed = new store::ChangeFeed(m_database, m_options.changePollMs);
        m_feed->moveToThread(m_feedThread);
        connect(m_feedThread, &QThread::finished, m_feed, &QObject::deleteLater);
        connect(m_feed, &store::ChangeFeed::changed, this,
                [this](const QString &kind, const QString &id) {
                    if (kind == "engine"_L1 || kind == "*"_L1) {
                        // Another engine paused, resumed or went away: look now.
                        if (m_housekeeper)
                            QMetaObject::invokeMethod(m_housekeeper, &Housekeeper::beat,
                                                      Qt::QueuedConnection);
                    }
                    if (kind == "process"_L1 || kind == "*"_L1)
                        dispatch(true); // maybe new queued work
                    emit changed(kind, id);
                });
        connect(m_feed, &store::ChangeFeed::unreachable, this, &Engine::databaseProblem);
        connect(m_feed, &store::ChangeFeed::reachable, this, &Engine::databaseOk);
        m_feedThread->start();
        QMetaObject::invokeMethod(m_feed, &store::ChangeFeed::start, Qt::QueuedConnection);
    }
}

template<typename T, typename Function>
QFuture<T> Engine::onActions(Function function)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    if (!m_actions) {
        promise->addResult(T());
        promise->finish();
        return future;
    }
    auto run = [this, promise, function] {
        QMetaObject::invokeMethod(
            m_actions,
            [promise, function] {
                promise->addResult(function());
                promise->finish();
            },
            Qt::QueuedConnection);
    };
    if (m_actionsReady)
        run();
    else
        m_pendingActions.append(run);
    return future;
}

Actor Engine::withOrigin(Actor actor) const
{
    if (actor.origin.isEmpty())
        actor.origin = actor.name == "SYSTEM"_L1 ? u"system"_s
            : m_options.kind == "console"_L1     ? u"console"_s
                                                 : u"cli"_s;
    if (actor.host.isEmpty())
        actor.host = QSysInfo::machineHostName();
    return actor;
}

QFuture<ActionResult> Engine::start(const StartRequest &asked)
{
    StartRequest request = asked;
    request.actor = withOrigin(request.actor);
    Actions *actions = m_actions;
    return onActions<ActionResult>([this, actions, request] {
        const ActionResult result = actions->start(request);
        return queued(result, result.processId, request.detach);
    });
}

template<typename Request>
QFuture<ActionResult> Engine::onProcess(const QString &processId, Request request,
                                        ActionResult (Actions::*act)(const QString &,
                                                                     const Request &))
{
    request.actor = withOrigin(request.actor);
    Actions *actions = m_actions;
    return onActions<ActionResult>([this, actions, processId, request, act] {
        return queued((actions->*act)(processId, request), processId, request.detach);
    });
}

QFuture<ActionResult> Engine::resume(const QString &processId, const ResumeRequest &request)
{
    return onProcess(processId, request, &Actions::resume);
}

QFuture<ActionResult> Engine::reset(const QString &processId, const ResetRequest &request)
{
    return onProcess(processId, request, &Actions::reset);
}

QFuture<ActionResult> Engine::skip(const QString &processId, const SkipRequest &request)
{
    return onProcess(processId, request, &Actions::skip);
}

QFuture<ActionResult> Engine::callback(const QString &processId, const CallbackRequest &request)
{
    return onProcess(processId, request, &Actions::callback);
}

QFuture<ActionResult> Engine::callbackProgress(const QString &processId,
                                               const CallbackRequest &asked)
{
    CallbackRequest request = asked;
    request.actor = withOrigin(request.actor);
    Actions *actions = m_actions;
    return onActions<ActionResult>(
        [actions, processId, request] { return actions->callbackProgress(processId, request); });
}

QFuture<ActionResult> Engine::saveOperator(const OperatorChange &asked)
{
    OperatorChange change = asked;
    change.actor = withOrigin(change.actor);
    Actions *actions = m_actions;
    return onActions<ActionResult>([actions, change] { return actions->saveOperator(change); });
}

QFuture<ActionResult> Engine::setProcessNote(const QString &processId, const QString &note,
                                             const Actor &asked)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<ActionResult>([actions, processId, note, actor] {
        return actions->setProcessNote(processId, note, actor);
    });
}

QFuture<ActionResult> Engine::setInSync(const QString &subscriptionId, const Actor &asked)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<ActionResult>(
        [actions, subscriptionId, actor] { return actions->setInSync(subscriptionId, actor); });
}

QFuture<ActionResult> Engine::saveSchedule(const ScheduleChange &asked)
{
    ScheduleChange change = asked;
    change.actor = withOrigin(change.actor);
    Actions *actions = m_actions;
    return onActions<ActionResult>([actions, change] { return actions->saveSchedule(change); });
}

QFuture<ActionResult> Engine::removeSchedule(const QString &scheduleId, const Actor &asked)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<ActionResult>(
        [actions, scheduleId, actor] { return actions->removeSchedule(scheduleId, actor); });
}

QFuture<BulkResult> Engine::startMany(const BulkStartRequest &asked)
{
    BulkStartRequest request = asked;
    request.actor = withOrigin(request.actor);
    Actions *actions = m_actions;
    return onActions<BulkResult>([this, actions, request] {
        BulkResult result = actions->startMany(request);
        if (!request.preview)
            queuedMany(result.processIds(), request.detach);
        return result;
    });
}

QFuture<BulkResult> Engine::retryMany(const QStringList &processIds, const Actor &asked,
                                      bool detach)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<BulkResult>([this, actions, processIds, actor, detach] {
        BulkResult result = actions->retryMany(processIds, actor, detach);
        queuedMany(result.processIds(), detach);
        return result;
    });
}

QFuture<BulkResult> Engine::abortMany(const QStringList &processIds, const Actor &asked)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<BulkResult>([this, actions, processIds, actor] {
        BulkResult result = actions->abortMany(processIds, actor);
        QMetaObject::invokeMethod(
            this,
            [this, aborted = result.abortedNow] {
                for (const QString &id : aborted) {
                    m_queue.removeAll(id);
                    emit processStopped(id, ProcessStatus::Aborted);
                }
            },
            Qt::QueuedConnection);
        return result;
    });
}

void Engine::queuedMany(const QStringList &processIds, bool detach)
{
    // On the actions thread, as queued() for each process of a bulk operation.
    if (processIds.isEmpty())
        return;
    QMetaObject::invokeMethod(
        this,
        [this, processIds, local = !detach] {
            for (const QString &id : processIds) {
                emit processQueued(id);
                if (local)
                    enqueue(id);
            }
            if (!local)
                dispatch(true);
        },
        Qt::QueuedConnection);
}

ActionResult Engine::queued(const ActionResult &result, const QString &processId, bool detach)
{
    // On the actions thread: a process the action queued runs here, unless detached (then any
    // engine takes it).
    if (result.ok()) {
        QMetaObject::invokeMethod(
            this,
            [this, processId, local = !detach] {
                emit processQueued(processId);
                if (local)
                    enqueue(processId);
                else
                    dispatch(true);
            },
            Qt::QueuedConnection);
    }
    return result;
}

QFuture<ActionResult> Engine::abort(const QString &processId, const Actor &asked)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<ActionResult>([this, actions, processId, actor] {
        bool now = false;
        ActionResult result = actions->abort(processId, actor, &now);
        if (now) {
            QMetaObject::invokeMethod(
                this,
                [this, processId] {
                    m_queue.removeAll(processId);
                    emit processStopped(processId, ProcessStatus::Aborted);
                },
                Qt::QueuedConnection);
        }
        return result;
    });
}

QFuture<ActionResult> Engine::remove(const QString &processId, const Actor &asked)
{
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<ActionResult>(
        [actions, processId, actor] { return actions->remove(processId, actor); });
}

QFuture<forms::FormResult> Engine::startForm(const QString &workflow,
                                             const QJsonObject &initialState,
                                             const QJsonArray &userInputs)
{
    Actions *actions = m_actions;
    return onActions<forms::FormResult>([actions, workflow, initialState, userInputs] {
        return actions->startForm(workflow, initialState, userInputs);
    });
}

QFuture<forms::FormResult> Engine::resumeForm(const QString &processId,
                                              const QJsonArray &userInputs)
{
    Actions *actions = m_actions;
    return onActions<forms::FormResult>(
        [actions, processId, userInputs] { return actions->resumeForm(processId, userInputs); });
}

QFuture<std::optional<ProcessStatus>> Engine::storedStatus(const QString &processId)
{
    Actions *actions = m_actions;
    return onActions<std::optional<ProcessStatus>>(
        [actions, processId]() -> std::optional<ProcessStatus> {
            try {
                const auto process = store::ProcessRepository(actions->database()).find(processId);
                if (process)
                    return process->status;
            } catch (const store::StoreError &) { }
            return std::nullopt;
        });
}

QFuture<ActionResult> Engine::pause(const Actor &asked)
{
    if (!m_actions) { // not open: nothing to write, only this engine to hold
        m_flags.setPaused(true);
        updateState();
        return QtFuture::makeReadyFuture(ActionResult());
    }
    m_flags.beginLockChange(true); // effective at once for this engine's runners
    updateState();
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    return onActions<ActionResult>([this, actions, actor] {
        const ActionResult result = actions->setGlobalLock(true, actor);
        m_flags.endLockChange();
        if (!result.ok()) {
            // Refused (or the database failed): this engine goes on as before.
            QMetaObject::invokeMethod(this, &Engine::runUnpausedHere, Qt::QueuedConnection);
        }
        return result;
    });
}

QFuture<ActionResult> Engine::unpause(const Actor &asked)
{
    if (!m_actions) {
        runUnpausedHere();
        return QtFuture::makeReadyFuture(ActionResult());
    }
    const Actor actor = withOrigin(asked);
    Actions *actions = m_actions;
    m_flags.beginLockChange(false);
    return onActions<ActionResult>([this, actions, actor] {
        const ActionResult result = actions->setGlobalLock(false, actor);
        if (result.ok()) {
            m_flags.setPaused(false);
            QMetaObject::invokeMethod(this, &Engine::runUnpausedHere, Qt::QueuedConnection);
        }
        m_flags.endLockChange();
        return result;
    });
}

void Engine::runUnpausedHere()
{
    m_flags.setPaused(false);
    updateState();
    dispatch();
}

EngineState Engine::state() const
{
    if (!m_flags.isPaused())
        return EngineState::Running;
    return m_flags.runningCount() > 0 ? EngineState::Pausing : EngineState::Paused;
}

void Engine::updateState()
{
    const EngineState now = state();
    const int running = m_flags.runningCount();
    if (now != m_lastState || running != m_lastRunning) {
        m_lastState = now;
        m_lastRunning = running;
        emit stateChanged(now, running);
    }
}

void Engine::enqueue(const QString &processId)
{
    if (!m_queue.contains(processId))
        m_queue.enqueue(processId);
    dispatch();
}

void Engine::dispatch(bool pollNow, bool everyIdle)
{
    if (!m_open || m_shuttingDown)
        return;
    while (!m_flags.isPaused() && !m_idle.isEmpty() && !m_queue.isEmpty()) {
        EngineWorker *worker = m_workers.at(m_idle.takeFirst());
        const QString id = m_queue.dequeue();
        QMetaObject::invokeMethod(
            worker, [worker, id] { worker->runProcess(id); }, Qt::QueuedConnection);
    }
    // Otherwise one worker looks at a time: most looks find nothing.
    while (pollNow && m_options.claimQueued && !m_flags.isPaused() && !m_idle.isEmpty()
           && (everyIdle || m_pollingWorkers.isEmpty())) {
        const int index = m_idle.takeFirst();
        m_pollingWorkers.insert(index);
        QMetaObject::invokeMethod(m_workers.at(index), &EngineWorker::claimAndRun,
                                  Qt::QueuedConnection);
    }
    updateState();
}

void Engine::workerFinished(int index, bool didWork)
{
    m_idle.append(index);
    m_pollingWorkers.remove(index);
    // A worker that found queued work suggests there is more.
    const bool pollAgain = didWork && m_queue.isEmpty();
    if (m_shuttingDown && m_idle.size() == m_workers.size()) {
        stopThreads();
        emit stopped();
        return;
    }
    dispatch(pollAgain);
}

void Engine::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_flags.setStopping(true);
    if (m_idle.size() == m_workers.size()) {
        stopThreads();
        emit stopped();
    }
}

void Engine::stopThreads()
{
    m_flags.setStopping(true);
    if (m_feedThread) {
        QMetaObject::invokeMethod(m_feed, &store::ChangeFeed::stop, Qt::BlockingQueuedConnection);
        m_feedThread->quit();
        m_feedThread->wait();
        delete m_feedThread;
        m_feedThread = nullptr;
        m_feed = nullptr;
    }
    if (m_pollTimer)
        m_pollTimer->stop();
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    qDeleteAll(m_threads);
    m_threads.clear();
    m_workers.clear();
    m_idle.clear();
    if (m_actionsThread) {
        QMetaObject::invokeMethod(
            m_actions, [a = m_actions] { a->database().closeThreadConnection(); },
            Qt::BlockingQueuedConnection);
        m_actionsThread->quit();
        m_actionsThread->wait();
        delete m_actionsThread;
        m_actionsThread = nullptr;
        m_actions = nullptr;
    }
    m_actionsReady = false;
    m_pendingActions.clear();
    if (m_housekeeperThread) {
        const QStringList release(m_queue.begin(), m_queue.end());
        m_queue.clear();
        QMetaObject::invokeMethod(
            m_housekeeper, [h = m_housekeeper, release] { h->close(release); },
            Qt::BlockingQueuedConnection);
        m_housekeeperThread->quit();
        m_housekeeperThread->wait();
        delete m_housekeeperThread;
        m_housekeeperThread = nullptr;
        m_housekeeper = nullptr;
    }
    m_open = false;
}

} // namespace wfo
