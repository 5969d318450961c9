#pragma once
// The engine's housekeeping thread: opens and migrates the database, registers this engine
// instance and renews its lease (heartbeat), recovers processes of engines that died, and
// follows the global lock and abort requests of other instances. Operators' actions run
// elsewhere (Actions, on the actions thread): a slow action never delays a heartbeat.

#include "processrunner.h"

#include "store/records.h"

#include <QObject>
#include <QStringList>

class QTimer;

namespace wfo {

struct HousekeeperOptions
{
    bool migrate = true;
    QString kind;
    int threads = 0;
    int heartbeatMs = 2000;
    int leaseSeconds = 15;
    bool runSchedules = true; // engines that take queued work start the schedules' due runs
};

class Housekeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Housekeeper)

public:
    Housekeeper(const RunnerContext &context, const HousekeeperOptions &options,
                QObject *parent = nullptr);

    const RunnerContext &context() const { return m_context; }

public slots:
    void open();
    void beat();
    void close(const QStringList &releaseClaims);

signals:
    void opened(bool ok, const QString &message);
    void globalLockChanged(bool locked);
    void recovered(const QStringList &processIds);
    // Processes a schedule started (queued for any engine).
    void scheduled(const QStringList &processIds);
    void databaseProblem(const QString &message);
    void databaseOk();
    void closed();

private:
    store::EngineInstanceRecord selfRecord() const;

    RunnerContext m_context;
    HousekeeperOptions m_options;
    QTimer *m_timer = nullptr;
    bool m_open = false;
    bool m_healthy = true;
};

} // namespace wfo
