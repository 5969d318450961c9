#include "engineworker.h"

#include "store/processrepository.h"
#include "store/transaction.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWorker, "wfo.engine.worker")

namespace wfo {

EngineWorker::EngineWorker(const RunnerContext &context, int index, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_index(index)
{ }

void EngineWorker::setStepsHeard(const std::function<bool()> &heard)
{
    m_stepsHeard = heard;
}

void EngineWorker::runProcess(const QString &processId)
{
    bool claimed = false;
    try {
        claimed =
            store::ProcessRepository(m_context.database).claim(processId, m_context.instanceId);
    } catch (const store::StoreError &e) {
        emit problem(e.message());
    }
    if (claimed)
        runClaimed(processId);
    else {
        qCInfo(lcWorker) << "process" << processId << "is no longer queued here; skipped";
        emit processSkipped(processId);
    }
    emit finished(m_index, claimed);
}

void EngineWorker::claimAndRun()
{
    std::optional<QString> id;
    try {
        store::ProcessRepository repository(m_context.database);
        // The claim, undone when the engine was paused or told to stop meanwhile: a process
        // that another runner of this engine handed back to the queue because of the pause
        // becomes claimable only after the pause began, so a look that finds it sees the
        // pause here and leaves it queued.
        const auto claimUnlessPaused = [this, &id, &repository] {
            // On the thread that runs it: the repository reaches that thread's connection.
            id = repository.claimNextWithin(m_context.instanceId);
            if (id && (m_context.flags->isPaused() || m_context.flags->isStopping())) {
                id.reset();
                return false;
            }
            return true;
        };
        // A cheap read first: most polls find nothing and should not take the write lock.
        if (!m_context.flags->isPaused() && !m_context.flags->isStopping()
            && repository.hasQueuedWork()) {
            if (m_context.commits) {
                // The claim shares the flush of the steps the other workers commit at the
                // same moment (docs/architecture.md, "Group commit"); the process runs only
                // once the claim is committed.
                m_context.commits->submit(claimUnlessPaused);
            } else {
                store::WriteTransaction transaction(m_context.database);
                if (claimUnlessPaused())
                    transaction.commit();
            }
        }
    } catch (const store::StoreError &e) {
        emit problem(e.message());
    }
    if (id) {
        emit claimed(m_index);
        runClaimed(*id);
    }
    emit finished(m_index, id.has_value());
}

void EngineWorker::runClaimed(const QString &processId)
{
    if (!m_context.flags->markRunning(processId))
        return;
    emit processStarted(processId);
    ProcessStatus status = ProcessStatus::Failed;
    try {
        ProcessRunner runner(m_context);
        ProcessRunner::Observer observer;
        observer.stepCommitted = [this](const store::ProcessRecord &process,
                                        const store::StepRecord &step) {
            if (!m_stepsHeard || m_stepsHeard())
                emit stepCommitted(process, step);
        };
        status = runner.run(processId, observer);
    } catch (const store::StoreError &e) {
        qCWarning(lcWorker) << "process" << processId << "stopped:" << e.message();
        emit problem(e.message());
        try {
            store::ProcessRepository(m_context.database).release(processId, m_context.instanceId);
        } catch (const store::StoreError &) {
            m_context.flags->addUnreleased(processId);
        }
        status = ProcessStatus::Running;
    }
    m_context.flags->markStopped(processId);
    emit processStopped(processId, status);
}

} // namespace wfo
