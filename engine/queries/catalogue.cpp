#include "catalogue.h"

#include "store/processrepository.h"
#include "store/subscriptionrepository.h"

#include <QHash>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::queries {

QJsonArray CatalogueQuery::products(const store::Database &database)
{
    return store::SubscriptionRepository(database).products();
}

QJsonArray CatalogueQuery::productsWithCreateWorkflow(const store::Database &database)
{
    store::SubscriptionRepository repository(database);
    QJsonArray products;
    for (const QJsonValue &value : repository.products()) {
        QJsonObject product = value.toObject();
        for (const QJsonValue &w :
             repository.productWorkflows(product.value(u"product_id").toString())) {
            if (w.toObject().value(u"target").toString().compare(u"create"_s, Qt::CaseInsensitive)
                == 0) {
                product.insert(u"create_workflow"_s, w.toObject().value(u"name"));
                break;
            }
        }
        products.append(product);
    }
    return products;
}

QJsonArray CatalogueQuery::productBlocks(const store::Database &database)
{
    // The store gives each block its resource types as objects; the table shows their names.
    QJsonArray rows = store::SubscriptionRepository(database).productBlocks();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QJsonObject row = rows.at(i).toObject();
        QJsonArray names;
        for (const QJsonValue &resource : row.value(u"resource_types").toArray())
            names.append(resource.toObject().value(u"resource_type"));
        row.insert(u"resource_types"_s, names);
        rows[i] = row;
    }
    return rows;
}

QJsonArray CatalogueQuery::resourceTypes(const store::Database &database)
{
    return store::SubscriptionRepository(database).resourceTypes();
}

QJsonArray CatalogueQuery::workflows(const store::Database &database)
{
    QHash<QString, QStringList> productsOf;
    for (const QJsonValue &value : products(database)) {
        const QJsonObject product = value.toObject();
        for (const QJsonValue &workflow : product.value(u"workflows").toArray())
            productsOf[workflow.toObject().value(u"name").toString()].append(
                product.value(u"name").toString());
    }
    QJsonArray rows;
    for (const store::WorkflowRow &w : store::ProcessRepository(database).workflows()) {
        rows.append(QJsonObject {{u"name"_s, w.name},
                                 {u"target"_s, w.target},
                                 {u"is_task"_s, w.isTask},
                                 {u"description"_s, w.description},
                                 {u"products"_s, productsOf.value(w.name).join(u", "_s)}});
    }
    return rows;
}

} // namespace wfo::queries
