#pragma once
// Everything this program knows in code, gathered in one place for the console, the CLI and
// workers alike: the built-in workflows, the product packs (Qt plugins from the installation's
// pack folder and from $WFO_PACK_PATH), the constraint settings (packs, then the settings
// file, then the environment) and the engine extensions (the domain's and the packs').

#include "domain/constraintsettings.h"

#include "core/engine.h"
#include "core/workflowregistry.h"
#include "domain/domainextension.h"
#include "domain/productpack.h"
#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace wfo {

class WFO_ENGINE_EXPORT Installation final : public PackContext
{
    Q_DECLARE_TR_FUNCTIONS(wfo::Installation)

public:
    Installation(); // with the built-in workflows
    ~Installation() override;
    Q_DISABLE_COPY_MOVE(Installation)

    // Loads every pack plugin found; problems (a broken plugin, a bad settings file) are
    // appended to `messages` and do not stop the others. A plugin is only loaded when its
    // metadata says it is a product pack (nothing of it runs before); what was loaded from where
    // is logged (wfo.installation) and kept (packSources()).
    void loadPacks(QStringList *messages);
    // Installs a pack linked into the program (tests, embedded packs).
    void addPack(ProductPack &pack);
    // Applies the settings file and the environment, and builds the domain extension. Call once
    // after the packs are in.
    void finish(QStringList *messages);
    // Adds the extensions to an engine (before Engine::open()).
    void configure(Engine &engine) const;

    WorkflowRegistry &registry() { return m_registry; }
    const WorkflowRegistry &registry() const { return m_registry; }
    const DomainCatalogue &catalogue() const { return m_catalogue; }
    const ConstraintSettings &constraintSettings() const { return m_catalogue.settings; }
    QList<std::shared_ptr<EngineExtension>> extensions() const { return m_extensions; }
    QStringList packNames() const { return m_packNames; }
    const QList<SubscriptionView> &subscriptionViews() const { return m_subscriptionViews; }
    const QList<CatalogueTable> &catalogueTables() const { return m_catalogueTables; }
    // "name (file)" of every pack loaded from a plugin, in load order.
    QStringList packSources() const { return m_packSources; }

    // Where packs are looked for, in order: $WFO_PACK_PATH, then the installation's pack folder.
    // Relative entries and folders anyone may write to are left out (a plugin runs with the
    // operator's rights), with a message in `refused` saying so.
    static QStringList packDirectories(QStringList *refused = nullptr);
    // The plugin files in the pack folders whose metadata names the product pack interface;
    // nothing of them is loaded.
    static QStringList packFiles(QStringList *messages = nullptr);

    // PackContext
    void addProduct(const ProductDefinition &product) override;
    void addProductBlock(const ProductBlockDefinition &block) override;
    void addWorkflow(const Workflow &workflow, const QString &tag,
                     const QString &searchPhrase) override;
    void addExtension(const std::shared_ptr<EngineExtension> &extension) override;
    ConstraintSettings &settings() override { return m_catalogue.settings; }
    void addSubscriptionView(const SubscriptionView &view) override
    {
        m_subscriptionViews.append(view);
    }
    void addCatalogueTable(const CatalogueTable &table) override
    {
        m_catalogueTables.append(table);
    }

private:
    WorkflowRegistry m_registry;
    DomainCatalogue m_catalogue;
    QList<std::shared_ptr<EngineExtension>> m_extensions;
    QStringList m_packNames;
    QList<SubscriptionView> m_subscriptionViews;
    QList<CatalogueTable> m_catalogueTables;
    QStringList m_packSources;
    QList<QObject *> m_plugins; // kept alive while workflows of theirs may run
    bool m_finished = false;
};

} // namespace wfo
