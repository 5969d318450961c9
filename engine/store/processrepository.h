#pragma once
// All SQL about workflows, processes, their step log and their input states. Methods throw
// StoreError; the caller decides the transaction (WriteTransaction) around writes.

#include "database.h"
#include "records.h"
#include "wfo_engine_export.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace wfo::store {

struct WorkflowRow
{
    QString id;
    QString name;
    QString target;
    QString description;
    bool isTask = false;
};

struct ProcessFilter
{
    QStringList statuses;
    QString workflow;
    std::optional<bool> isTask;
    QString createdBy; // who started them (the console's "my recent processes")
    QString search; // the operators' search syntax (processsearch.h)
    // The order of the list; the process id breaks ties, in the same direction.
    enum class Order { LastModified, Started, Workflow, Status, Creator };
    Order order = Order::LastModified;
    Qt::SortOrder direction = Qt::DescendingOrder;
    int limit = 1000;
    int offset = 0;
};

struct ProcessDayCount
{
    QString day; // "YYYY-MM-DD", UTC
    QString status;
    qint64 count = 0;
};

class WFO_ENGINE_EXPORT ProcessRepository
{
public:
    explicit ProcessRepository(const Database &database)
        : m_db(database)
    { }

    // Catalogue of workflows known to the database (idempotent upsert by name).
    void registerWorkflow(const QString &name, const QString &target, const QString &description,
                          bool isTask);
    QList<WorkflowRow> workflows();

    void insertProcess(const ProcessRecord &process);
    std::optional<ProcessRecord> find(const QString &processId);
    QList<ProcessRecord> list(const ProcessFilter &filter);
    // The processes `filter` selects, ignoring its limit and offset.
    qint64 count(const ProcessFilter &filter);
    bool remove(const QString &processId);

    QList<StepRecord> steps(const QString &processId);
    // Per step index: how many attempts ended failed or waiting (the next attempt's `retries`).
    QHash<int, int> failedAttempts(const QString &processId);
    // `delta`: the step's delta rendered ahead, if it was (JsonText).
    void insertStep(StepRecord &step, const JsonText &delta = {});
    void insertInputState(const QString &processId, const QString &stepName,
                          const QString &inputType, const QJsonValue &input, const QString &actor);
    QJsonArray inputStates(const QString &processId);

    // Writes the process row after a step, only while `instance` holds the claim.
    // `state`: the process's state rendered ahead, if it was (JsonText).
    bool updateClaimed(const ProcessRecord &process, const QString &instance,
                       const JsonText &state = {});
    // Writes the process row of a process nobody runs (abort at rest, resume).
    bool updateUnclaimed(const ProcessRecord &process);
    // The same, only while the stored row is still in `before` (a callback's progress or
    // timeout must not overwrite a process that went on meanwhile).
    bool updateUnclaimedWhile(const ProcessRecord &process, ProcessStatus before);

    // Claims a queued process (created/resumed, unclaimed) for `instance`; sets it running.
    // Inside the caller's write transaction (or a group commit's savepoint).
    std::optional<QString> claimNextWithin(const QString &instance);
    // Claims this process if it is queued and unclaimed or already held by `instance`.
    bool claim(const QString &processId, const QString &instance);
    void release(const QString &processId, const QString &instance);

    // Removes dead engine instances, then fails (retryably) the processes they left `running`
    // and puts their queued claims back in the queue, all in one write transaction. Liveness
    // is judged in the same statements that act on it: an engine that registered and claimed
    // a process a moment ago is never mistaken for a dead one. Returns the ids recovered.
    QStringList recoverInterrupted(int leaseSeconds);
    void requestAbort(const QString &processId);
    // The status of each of `processIds` that exists, a few hundred per statement.
    QHash<QString, ProcessStatus> statuses(const QStringList &processIds);
    // The operator's note on a process (empty: none); false when there is no such process.
    bool setNote(const QString &processId, const QString &note);
    QStringList abortRequested(const QString &instance);
    int countByStatus(const QString &status);
    // How many processes (or tasks) started on each day (UTC, "YYYY-MM-DD") from `fromDay` on,
    // per status: one grouped count over the (started_at, is_task, status) index.
    QList<ProcessDayCount> countPerDay(const QString &fromDay, bool isTask);
    static QString countPerDayStatement();

    // Whether any process waits in the queue for an engine (a cheap read before a claim).
    bool hasQueuedWork();
    // Operator actions on a process nobody runs; each changes the row only while it is still
    // in `before` and free (or held by `instance`), and says whether it did.
    bool markResumed(const QString &processId, ProcessStatus before, const QString &actor,
                     const std::optional<QJsonObject> &pendingInput, const QString &claimBy);
    bool markAborted(const QString &processId, ProcessStatus before, const QString &actor,
                     const QString &instance);
    // The state the process started with; nothing for processes started before schema 6.
    std::optional<QJsonObject> initialState(const QString &processId);
    // Marks the log rows from `fromStepId` on as rewound (kept, no longer counted); how many.
    int markRewound(const QString &processId, qint64 fromStepId);
    // Queues the process again at `process.nextStep` with `process.state` (a reset or a skip),
    // only while it is still in `before` and free; says whether it did.
    bool requeueAt(const ProcessRecord &process, ProcessStatus before, const QString &claimBy);
    // Effects of the built-in tasks, applied in the step's own transaction.
    void queueForRetry(const QString &processId); // waiting/failed and free -> resumed by SYSTEM
    void removeCompletedTask(const QString &processId);
    // Completed tasks last changed before `cutoff`, except `exceptId`.
    QStringList completedTasksBefore(const QString &cutoff, const QString &exceptId);

private:
    static ProcessRecord readProcess(const class QSqlQuery &query);
    QString filterWhere(const ProcessFilter &filter, QVariantMap *values) const;
    QVariantMap processValues(const ProcessRecord &process) const;

    const Database &m_db;
};

} // namespace wfo::store
