#pragma once
// Which workflows may run on a subscription, and why the others may not. The reasons carry
// orchestrator-core's machine-readable codes and a translated sentence:
//   subscription.not_in_sync, subscription.relations_not_in_sync,
//   subscription.no_modify_invalid_status (details: usable_when),
//   subscription.no_modify_subscription_in_use_by_others (details: subscriptions).

#include "constraintsettings.h"

#include "core/extension.h"
#include "core/workflowregistry.h"
#include "store/database.h"
#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace wfo {

struct WorkflowAvailability
{
    QString name;
    QString description;
    Target target = Target::Modify;
    bool isTask = false;
    std::optional<Refusal> reason; // empty: may run

    QJsonObject toJson() const; // {name, description, reason?:{code, message, ...details}}
};

class WFO_ENGINE_EXPORT WorkflowConstraints
{
    Q_DECLARE_TR_FUNCTIONS(wfo::WorkflowConstraints)

public:
    WorkflowConstraints(const ConstraintSettings &settings, const WorkflowRegistry *registry)
        : m_settings(settings)
        , m_registry(registry)
    { }

    // Every workflow linked to the subscription's product, except create workflows.
    QList<WorkflowAvailability> forSubscription(const store::Database &database,
                                                const QString &subscriptionId) const;
    // The same for a subscription model and its relations read already (a snapshot that
    // shows them reads them once).
    QList<WorkflowAvailability> forSubscription(const store::Database &database,
                                                const QJsonObject &subscription,
                                                const QJsonArray &inUseBy,
                                                const QJsonArray &dependsOn) const;
    // Why `workflow` may not run on the subscription, if it may not.
    std::optional<Refusal> check(const store::Database &database, const QString &workflow,
                                 const QString &subscriptionId) const;

    // {create:[], modify:[], terminate:[], system:[], validate:[], reconcile:[]}
    static QJsonObject toJson(const QList<WorkflowAvailability> &workflows);

private:
    std::optional<Refusal> reasonFor(const QString &workflow, Target target, bool isTask,
                                     const QJsonObject &subscription, const QJsonArray &inUseBy,
                                     const QJsonArray &dependsOn) const;

    ConstraintSettings m_settings;
    const WorkflowRegistry *m_registry;
};

} // namespace wfo
