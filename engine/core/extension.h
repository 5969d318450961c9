#pragma once
// How other parts (the domain, packs, tests) take part in the engine's transactions without
// the engine knowing them: an extension persists what a step returned inside that step's
// transaction, and may refuse to start a workflow.

#include "wfo_engine_export.h"
#include "workflow.h"

#include "store/database.h"
#include "store/records.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace wfo {

// Why a workflow may not start: a machine-readable code, a translated sentence and details.
struct Refusal
{
    QString code; // e.g. "subscription.not_in_sync"
    QString message;
    QJsonObject details;
};

class WFO_ENGINE_EXPORT EngineExtension
{
public:
    virtual ~EngineExtension() = default;

    // On the housekeeping thread once the database is open and migrated, before any process
    // runs: e.g. to register a product catalogue. Throwing a StoreError fails the opening.
    virtual void databaseOpened(const store::Database &database) { Q_UNUSED(database) }

    // Inside the step's write transaction, after the step ran and before its log row is
    // written. `process.state` already holds the merged state; an extension may adjust the
    // state and the step's delta (e.g. with a stored version number). Throwing rolls the whole
    // step back, and the step is logged as failed with the exception's message.
    virtual void persistStep(const store::Database &database, store::ProcessRecord &process,
                             store::StepRecord &step)
    {
        Q_UNUSED(database)
        Q_UNUSED(process)
        Q_UNUSED(step)
    }

    // Before a process is created and before its form is shown; `state` is the initial state,
    // which the extension may complete (e.g. resolve a product name to its id).
    virtual std::optional<Refusal> checkStart(const store::Database &database,
                                              const Workflow &workflow, QJsonObject &state)
    {
        Q_UNUSED(database)
        Q_UNUSED(workflow)
        Q_UNUSED(state)
        return std::nullopt;
    }

    // Inside a reset's write transaction, before the log rows from `rewound` on are marked
    // rewound; `process` holds the state rebuilt for the step it goes back to. Undo what the
    // extension stored for those steps (e.g. give subscriptions a version restoring what they
    // were) and note it in `detail`, which is audited. A refusal rolls the reset back.
    virtual std::optional<Refusal> processRewound(const store::Database &database,
                                                  const store::ProcessRecord &process,
                                                  const QList<store::StepRecord> &rewound,
                                                  const QString &actor, QJsonObject *detail)
    {
        Q_UNUSED(database)
        Q_UNUSED(process)
        Q_UNUSED(rewound)
        Q_UNUSED(actor)
        Q_UNUSED(detail)
        return std::nullopt;
    }

    // Inside the transaction that creates the process.
    virtual void processCreated(const store::Database &database,
                                const store::ProcessRecord &process)
    {
        Q_UNUSED(database)
        Q_UNUSED(process)
    }
};

} // namespace wfo
