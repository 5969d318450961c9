#pragma once
// One process as readers see it: its row and its step log. The console's process screen and
// `orchestratorctl show` read this snapshot; its toJson() is the CLI's --json contract.

#include "wfo_engine_export.h"

#include "store/database.h"
#include "store/records.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace wfo::queries {

// What a process awaiting a callback waits for (docs/architecture.md, "Callback steps").
struct WFO_ENGINE_EXPORT AwaitedCallback
{
    QString step;
    QString route; // where the external system posts its result
    QJsonValue progress; // the latest progress it posted; undefined: none yet
    QString deadline; // store::Timestamps text; empty: no timeout
    int timeoutSeconds = 0;

    // {step, route, progress|null, deadline|null, timeout_seconds|null}
    QJsonObject toJson() const;
};

struct WFO_ENGINE_EXPORT ProcessDetail
{
    store::ProcessRecord process;
    QList<store::StepRecord> steps; // in the order they ran

    // {id, workflow, status, last_step, created_by, started_at, last_modified_at,
    //  failed_reason, is_task, assignee, subscriptions:[id...], steps:[stepJson...]}
    // (README, "orchestratorctl"); a process of a list has no steps here.
    // With `callback` (AwaitedCallback::toJson) while the process awaits one.
    QJsonObject toJson() const;
    // Set while the process rests awaiting_callback.
    std::optional<AwaitedCallback> callback() const;
    // {name, status, started_at, completed_at, state_delta, retries, error:{class, message,
    //  traceback}|null, created_by, reason (a skip's)|null, rewound_at (by a reset)|null}
    static QJsonObject stepJson(const store::StepRecord &step);
};

class WFO_ENGINE_EXPORT ProcessDetailQuery
{
public:
    // Nothing when there is no such process. Throws store::StoreError.
    static std::optional<ProcessDetail> load(const store::Database &database,
                                             const QString &processId);
};

} // namespace wfo::queries
