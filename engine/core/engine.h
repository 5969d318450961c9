#pragma once
// The workflow engine as the GUI and the CLI see it: a QObject on the caller's thread that
// owns a pool of worker threads (each with its own database connection) and a housekeeping
// thread. Every method returns at once; results arrive as futures and queued signals.
//
// Runs here: processes started or resumed through this engine (unless detached), and, when
// `claimQueued` is set, queued processes of any engine sharing the database.

#include "actionresult.h"
#include "base/status.h"
#include "bulkresult.h"
#include "extension.h"
#include "runflags.h"
#include "wfo_engine_export.h"
#include "workflowregistry.h"

#include "store/database.h"
#include "store/records.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

class QThread;
class QTimer;

namespace wfo {

namespace store {
class ChangeFeed;
}

class Actions;
class EngineWorker;
class Housekeeper;

struct EngineOptions
{
    store::DatabaseUrl url;
    // Worker threads; 0: defaultThreads() for the database.
    int threads = 0;
    QString kind = QStringLiteral("console"); // console, worker, ctl

    // A step mostly waits: on the systems it calls, and on SQLite for the flush it shares with
    // the steps of the other threads, which make the groups larger the more of them wait
    // (docs/performance.md, "A real job at scale"): 16 on SQLite. On PostgreSQL every thread
    // holds a connection of the server's (threads + 3 per engine, docs/scale-out.md): 8. Both
    // more than orchestrator-core's MAX_WORKERS (5).
    static int defaultThreads(const store::DatabaseUrl &url);
    bool migrate = true; // migrate an older schema at open
    bool claimQueued = true; // take queued processes of other engines too
    // Start the schedules' due runs (only engines that take queued work do). WFO_NO_SCHEDULES
    // in the environment turns it off: for the test suites, or a console that leaves the
    // schedules to the workers.
    bool runSchedules = true;
    int pollIntervalMs = 1000;
    int heartbeatMs = 2000;
    int leaseSeconds = 15; // an engine silent this long is dead; its processes are recovered
    bool listenForChanges = true; // follow what other engines commit (changed())
    int changePollMs = 500; // SQLite: how often to look for others' commits
};

class WFO_ENGINE_EXPORT Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    Engine(const WorkflowRegistry *registry, const EngineOptions &options,
           QObject *parent = nullptr);
    ~Engine() override; // stops as shutdown() does and waits for the threads

    // Before open().
    void addExtension(const std::shared_ptr<EngineExtension> &extension);

    // Opens (and migrates) the database and starts the threads; emits opened().
    void open();
    bool isOpen() const { return m_open; }
    // Opened with a database role that may only read: nothing runs here, every action is
    // refused (a viewer's console on PostgreSQL).
    bool isReadOnly() const { return m_flags.isReadOnly(); }
    QString instanceId() const { return m_instanceId; }
    const store::Database &database() const { return m_database; }
    const WorkflowRegistry *registry() const { return m_registry; }

    QFuture<ActionResult> start(const StartRequest &request);
    QFuture<ActionResult> resume(const QString &processId, const ResumeRequest &request);
    QFuture<ActionResult> abort(const QString &processId, const Actor &actor);
    QFuture<ActionResult> remove(const QString &processId, const Actor &actor = {});
    QFuture<ActionResult> reset(const QString &processId, const ResetRequest &request);
    QFuture<ActionResult> skip(const QString &processId, const SkipRequest &request);
    QFuture<ActionResult> saveOperator(const OperatorChange &change);
    // Adds, changes, enables or disables a schedule; removes one (admin; audited).
    QFuture<ActionResult> saveSchedule(const ScheduleChange &change);
    QFuture<ActionResult> removeSchedule(const QString &scheduleId, const Actor &actor);
    // Bulk operations (Actions::startMany, retryMany, abortMany): what they started or retried
    // runs here unless detached.
    QFuture<BulkResult> startMany(const BulkStartRequest &request);
    QFuture<BulkResult> retryMany(const QStringList &processIds, const Actor &actor,
                                  bool detach = false);
    QFuture<BulkResult> abortMany(const QStringList &processIds, const Actor &actor);
    QFuture<ActionResult> setProcessNote(const QString &processId, const QString &note,
                                         const Actor &actor);
    QFuture<ActionResult> setInSync(const QString &subscriptionId, const Actor &actor);
    // Callback steps (docs/architecture.md, "Callback steps"): the callback goes on with the
    // process here (unless detached); progress is only recorded.
    QFuture<ActionResult> callback(const QString &processId, const CallbackRequest &request);
    QFuture<ActionResult> callbackProgress(const QString &processId,
                                           const CallbackRequest &request);
    QFuture<forms::FormResult> startForm(const QString &workflow, const QJsonObject &initialState,
                                         const QJsonArray &userInputs);
    QFuture<forms::FormResult> resumeForm(const QString &processId, const QJsonArray &userInputs);
    // The stored status of a process, read off this thread; nothing when it does not exist.
    QFuture<std::optional<ProcessStatus>> storedStatus(const QString &processId);

    // The global lock: shared by every engine on the database.
    QFuture<ActionResult> pause(const Actor &actor = {});
    QFuture<ActionResult> unpause(const Actor &actor = {});
    EngineState state() const;
    int threads() const { return m_options.threads; } // the worker threads it runs
    int runningCount() const { return m_flags.runningCount(); }

    // Takes no new work; running processes stop after their current step and are queued
    // again. Emits stopped() when every thread is idle.
    void shutdown();

signals:
    void opened(bool ok, const QString &message);
    void processQueued(const QString &processId);
    void processStarted(const QString &processId);
    void stepCommitted(const wfo::store::ProcessRecord &process,
                       const wfo::store::StepRecord &step);
    // The runner let go of the process: at rest, or `resumed` when stopped by pause/shutdown.
    void processStopped(const QString &processId, wfo::ProcessStatus status);
    // A process queued here was found running or run elsewhere (its claim went to another
    // engine): whoever waits for it follows it in the database instead.
    void processSkipped(const QString &processId);
    void stateChanged(wfo::EngineState state, int running);
    void recovered(const QStringList &processIds);
    void databaseProblem(const QString &message);
    void databaseOk();
    // Something was committed, here or by another engine: "process", "subscription", "engine",
    // "schedule", "operator", "audit" or "*" (unknown what), and its id when known. Views
    // refresh on it.
    void changed(const QString &kind, const QString &id);
    void stopped();

private:
    // Runs `function` on the actions thread (once the database is open) and returns its result.
    template<typename T, typename Function>
    QFuture<T> onActions(Function function);
    Actor withOrigin(Actor actor) const;
    // Resume, reset and skip: `act` on the actions thread, as `request.actor` from here, then
    // queued().
    template<typename Request>
    QFuture<ActionResult> onProcess(const QString &processId, Request request,
                                    ActionResult (Actions::*act)(const QString &, const Request &));
    // After an action that queued `processId`: runs it here unless `detach`; returns `result`.
    ActionResult queued(const ActionResult &result, const QString &processId, bool detach);
    void queuedMany(const QStringList &processIds, bool detach);
    // This engine's runners go on (the global lock was lifted, or a pause was refused).
    void runUnpausedHere();
    void enqueue(const QString &processId);
    // Hands this engine's queue to idle workers; with `pollNow`, an idle worker also looks for
    // queued work of any engine (every idle worker with `everyIdle`).
    void dispatch(bool pollNow = false, bool everyIdle = false);
    void workerFinished(int index, bool didWork);
    void updateState();
    void stopThreads();
    void startChangeFeed();

    const WorkflowRegistry *m_registry;
    EngineOptions m_options;
    store::Database m_database;
    QString m_instanceId;
    RunFlags m_flags;
    QList<std::shared_ptr<EngineExtension>> m_extensions;

    QThread *m_feedThread = nullptr;
    store::ChangeFeed *m_feed = nullptr;
    QThread *m_housekeeperThread = nullptr;
    Housekeeper *m_housekeeper = nullptr;
    QThread *m_actionsThread = nullptr;
    Actions *m_actions = nullptr;
    bool m_actionsReady = false; // the database is open: actions may run
    QList<std::function<void()>> m_pendingActions;
    QList<QThread *> m_threads;
    QList<EngineWorker *> m_workers;
    QList<int> m_idle;
    QQueue<QString> m_queue;
    QTimer *m_pollTimer = nullptr;
    QSet<int> m_pollingWorkers; // the workers looking for queued work
    bool m_open = false;
    bool m_shuttingDown = false;
    EngineState m_lastState = EngineState::Running;
    int m_lastRunning = -1;
};

} // namespace wfo
