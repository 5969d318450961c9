#pragma once
// The domain's part in the engine: registers the product catalogue when the database opens,
// checks a workflow may start on its subscription (and finds the product of a create
// workflow), and saves every subscription model a step returns, in the step's transaction,
// after checking its lifecycle rules; each save is a new version of the subscription.

#include "base/definitions.h"

#include "constraintsettings.h"
#include "core/extension.h"
#include "core/workflowregistry.h"
#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QHash>

namespace wfo {

namespace store {
class SubscriptionRepository;
}

struct DomainCatalogue
{
    QList<ProductDefinition> products;
    QList<ProductBlockDefinition> blocks;
    QList<WorkflowRegistration> registrations;
    ConstraintSettings settings;
};

class WFO_ENGINE_EXPORT DomainExtension final : public EngineExtension
{
    Q_DECLARE_TR_FUNCTIONS(wfo::DomainExtension)

public:
    DomainExtension(const DomainCatalogue &catalogue, const WorkflowRegistry *registry);

    void databaseOpened(const store::Database &database) override;
    std::optional<Refusal> checkStart(const store::Database &database, const Workflow &workflow,
                                      QJsonObject &state) override;
    // Gives every subscription the rewound steps wrote a new version restoring what it was
    // before them; one they created is removed again (refused while others use it).
    std::optional<Refusal> processRewound(const store::Database &database,
                                          const store::ProcessRecord &process,
                                          const QList<store::StepRecord> &rewound,
                                          const QString &actor, QJsonObject *detail) override;
    void processCreated(const store::Database &database,
                        const store::ProcessRecord &process) override;
    void persistStep(const store::Database &database, store::ProcessRecord &process,
                     store::StepRecord &step) override;

    // Throws StepError when the model breaks a lifecycle rule (missing required resources).
    void validateLifecycle(const QJsonObject &model) const;

    static bool isSubscriptionModel(const QJsonValue &value);

private:
    void mergeConcurrentChanges(store::SubscriptionRepository &repository,
                                QJsonObject &model) const;
    void validateBlock(const QJsonObject &block, const QString &subscriptionId, Lifecycle status,
                       int depth) const;

    DomainCatalogue m_catalogue;
    const WorkflowRegistry *m_registry;
    QHash<QString, ProductBlockDefinition> m_blocks;
};

} // namespace wfo
