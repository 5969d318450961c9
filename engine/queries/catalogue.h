#pragma once
// The catalogue as tables for readers (the console's Metadata screen, `orchestratorctl
// products`): products with their workflows, product blocks with their resource types,
// resource types, and workflows with the products they are linked to.

#include "wfo_engine_export.h"

#include "store/database.h"

#include <QJsonArray>

namespace wfo::queries {

class WFO_ENGINE_EXPORT CatalogueQuery
{
public:
    // [{product_id, name, description, product_type, tag, status, workflows:[{name, target,
    //   description, is_task}]}]
    static QJsonArray products(const store::Database &database);
    // products() where each product that has a create workflow names the first one as
    // create_workflow (the new subscription wizard's choice).
    static QJsonArray productsWithCreateWorkflow(const store::Database &database);
    // [{product_block_id, name, tag, status, description, resource_types:[name...],
    //   depends_on:[{name, attribute}]}]
    static QJsonArray productBlocks(const store::Database &database);
    // [{resource_type, description}]
    static QJsonArray resourceTypes(const store::Database &database);
    // [{name, target, is_task, description, products: "A, B"}]: which products each workflow
    // is linked to (by tag and search phrase, or as a default workflow of every product).
    static QJsonArray workflows(const store::Database &database);
};

} // namespace wfo::queries
