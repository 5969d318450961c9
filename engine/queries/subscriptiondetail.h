#pragma once
// Everything a reader sees of one subscription: the model (product, blocks with their resource
// values), its relations, the workflows that may run on it (and why the others may not), the
// processes that touched it and its versions. The console's detail screen and
// `orchestratorctl subscription` both show this one snapshot.

#include "wfo_engine_export.h"

#include "domain/constraintsettings.h"
#include "domain/workflowconstraints.h"
#include "store/database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace wfo {
class WorkflowRegistry;
}

namespace wfo::queries {

struct WFO_ENGINE_EXPORT SubscriptionDetail
{
    // {subscription_id, product:{...}, customer_id, description, status, insync, start_date,
    //  end_date, note, version, <attribute>: block, ...} (see store/subscriptionrepository.h)
    QJsonObject model;
    QJsonArray inUseBy; // [{subscription_id, description, status, insync, ...}]
    QJsonArray dependsOn;
    QJsonArray processes; // [{process_id, workflow, workflow_target, status, ...}]
    // [{version, process_id, step_name, created_by, created_at, workflow}]; process_id and
    // workflow are null for a version no process made, workflow also once it was deleted.
    QJsonArray versions;
    QList<WorkflowAvailability> workflows; // every target but create

    QString id() const;
    QJsonObject product() const;
    QJsonObject blocks() const;
    // Whether `workflow` is linked to the product and may run now.
    bool mayRun(const QString &workflow) const;

    // The --json shape of `orchestratorctl subscription` (README, "orchestratorctl"; scripts
    // and the end-to-end tests rely on it byte for byte): summaryJson(model) with workflows
    // ({create:[], modify:[], ...} of {name, description, reason?}), in_use_by, depends_on,
    // versions and processes.
    QJsonObject toJson() const;

    // {id, description, status, insync, product:{name, tag}, customer_id, note, blocks, and
    // start_date, end_date, version when the model has them}: a subscription in lists.
    static QJsonObject summaryJson(const QJsonObject &model);
};

class WFO_ENGINE_EXPORT SubscriptionDetailQuery
{
public:
    SubscriptionDetailQuery(const ConstraintSettings &settings, const WorkflowRegistry *registry)
        : m_settings(settings)
        , m_registry(registry)
    { }

    // Nothing when there is no such subscription. Throws store::StoreError.
    std::optional<SubscriptionDetail> load(const store::Database &database,
                                           const QString &subscriptionId) const;

    // The model as version `version` saved it (empty when there is no such version).
    static QJsonObject version(const store::Database &database, const QString &subscriptionId,
                               int version);

private:
    ConstraintSettings m_settings;
    const WorkflowRegistry *m_registry;
};

} // namespace wfo::queries
