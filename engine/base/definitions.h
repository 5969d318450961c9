#pragma once
// Products and product blocks as packs declare them in code; registration writes them to the
// database (idempotently) so the console and other engines see the same catalogue.

#include "lifecycle.h"
#include "wfo_engine_export.h"

#include <QList>
#include <QMap>
#include <QString>

namespace wfo {

struct ResourceDefinition
{
    QString name; // resource type, e.g. "esdb_node_id"
    QString description;
    // Lifecycles in which a value is required; empty: never required.
    QList<Lifecycle> requiredIn;
};

struct BlockReference
{
    QString attribute; // the key in the parent model, e.g. "ne"
    QString block; // product block name
    int minCount = 1;
    int maxCount = 1;
};

struct ProductBlockDefinition
{
    QString name;
    QString description;
    QString tag;
    QList<ResourceDefinition> resources;
    // Blocks this block uses; they may belong to other subscriptions (depends_on / in_use_by).
    QList<BlockReference> dependsOn;
};

struct ProductDefinition
{
    QString name;
    QString description;
    QString productType;
    QString tag;
    QMap<QString, QString> fixedInputs;
    QList<BlockReference> blocks;
};

// From `provisioning` on: required in provisioning, active, migrating and disabled.
WFO_ENGINE_EXPORT QList<Lifecycle> requiredFrom(Lifecycle lifecycle);

// A workflow's catalogue entry: linked to the products whose tag is `tag` and whose name
// matches `searchPhrase` (SQL LIKE).
struct WorkflowRegistration
{
    QString name;
    QString tag;
    QString searchPhrase;
};

} // namespace wfo
