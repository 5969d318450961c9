#pragma once
// A product pack: products, product blocks, workflows and constraint settings that belong
// together, shipped as a Qt plugin (see docs/writing-a-product-pack.md).
//
//   class MyPack final : public QObject, public wfo::ProductPack
//   {
//       Q_OBJECT
//       Q_PLUGIN_METADATA(IID WfoProductPack_iid)
//       Q_INTERFACES(wfo::ProductPack)
//   public:
//       QString name() const override { return u"my_pack"_s; }
//       void install(wfo::PackContext &context) override;
//   };

#include "base/definitions.h"

#include "constraintsettings.h"
#include "core/extension.h"
#include "core/workflowregistry.h"

#include "store/database.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QtPlugin>

#include <functional>
#include <memory>

namespace wfo {

// What a pack adds to the installation.
// A list of subscriptions a pack wants operators to see at a glance; the console shows it as a
// start-page card, widget-free from the pack's side. The title is translated in the pack's own
// context: mark it with QT_TRANSLATE_NOOP(context, "...") so that lupdate finds it.
struct SubscriptionView
{
    QString name; // stable, e.g. "node_enrollment_provisioning"; the card's object name
    const char *context = nullptr; // translation context of `title`
    const char *title = nullptr;
    QString search; // in the operators' search syntax, e.g. "tag:NodeEnrollment status:active"
};

// A table a pack shows operators beside the catalogue (a Metadata tab in the console): rows
// of JSON objects, read on a worker thread through the store (never SQL of the pack's own).
struct CatalogueTable
{
    struct Column
    {
        QString key;
        const char *title = nullptr; // QT_TRANSLATE_NOOP(context, "...")
    };
    QString name; // stable; the table's object name
    const char *context = nullptr; // translation context of the titles
    const char *title = nullptr;
    QList<Column> columns;
    std::function<QJsonArray(const store::Database &database)> rows;
};

class PackContext
{
public:
    virtual ~PackContext() = default;
    virtual void addProduct(const ProductDefinition &product) = 0;
    virtual void addProductBlock(const ProductBlockDefinition &block) = 0;
    // The workflow, and its catalogue entry (tag and search phrase link it to products).
    virtual void addWorkflow(const Workflow &workflow, const QString &tag,
                             const QString &searchPhrase) = 0;
    virtual void addExtension(const std::shared_ptr<EngineExtension> &extension) = 0;
    // Constraint settings from code; a settings file and the environment override them.
    virtual ConstraintSettings &settings() = 0;
    // A view of subscriptions for the console (a start-page card).
    virtual void addSubscriptionView(const SubscriptionView &view) = 0;
    // A table for the console's Metadata screen.
    virtual void addCatalogueTable(const CatalogueTable &table) = 0;
};

class ProductPack
{
public:
    virtual ~ProductPack() = default;
    virtual QString name() const = 0;
    virtual void install(PackContext &context) = 0;
};

} // namespace wfo

#define WfoProductPack_iid "org.orchestratorconsole.ProductPack/1"
Q_DECLARE_INTERFACE(wfo::ProductPack, WfoProductPack_iid)
