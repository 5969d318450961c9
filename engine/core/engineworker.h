#pragma once
// One engine worker: lives on its own thread with its own database connection and runs the
// processes the engine hands it (or claims from the shared queue) to rest.

#include "processrunner.h"

#include "store/records.h"

#include <QObject>

#include <functional>

namespace wfo {

class EngineWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineWorker)

public:
    EngineWorker(const RunnerContext &context, int index, QObject *parent = nullptr);

    int index() const { return m_index; }
    // stepCommitted is emitted only while `heard` says someone listens (the engine's own
    // stepCommitted, which it forwards to, has a receiver): a queued signal per step costs
    // copies of both rows and a wake-up of the engine's thread. Called from this thread.
    void setStepsHeard(const std::function<bool()> &heard);

public slots:
    // Runs a process this engine already claimed.
    void runProcess(const QString &processId);
    // Claims the oldest queued process of any engine, if there is one, and runs it.
    void claimAndRun();

signals:
    void processStarted(const QString &processId);
    void stepCommitted(const wfo::store::ProcessRecord &process,
                       const wfo::store::StepRecord &step);
    void processStopped(const QString &processId, wfo::ProcessStatus status);
    // A process handed to this worker was no longer queued here (another engine ran it).
    void processSkipped(const QString &processId);
    // A poll claimed a process: the engine may let another idle worker poll meanwhile.
    void claimed(int index);
    void finished(int index, bool didWork);
    void problem(const QString &message);

private:
    void runClaimed(const QString &processId);

    RunnerContext m_context;
    int m_index;
    std::function<bool()> m_stepsHeard;
};

} // namespace wfo
