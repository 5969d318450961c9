// The product catalogue half of SubscriptionRepository: products, product blocks, resource
// types and the links between workflows and products. Subscription models are loaded and saved
// in subscriptionmodels.cpp, listed and searched in subscriptionrepository.cpp.
#include "subscriptionrepository.h"

#include "preparedstatements.h"
#include "timestamps.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

QString SubscriptionRepository::blockId(const QString &name)
{
    QString id;
    execPrepared(m_db, u"SELECT product_block_id FROM product_blocks WHERE name = ?"_s, {name},
                 [&id](QSqlQuery &q) {
                     if (q.next())
                         id = q.value(0).toString();
                 });
    if (id.isEmpty())
        throw StoreError(StoreError::Kind::Sql,
                         QCoreApplication::translate("wfo::store::SubscriptionRepository",
                                                     "There is no product block '%1'.")
                             .arg(name));
    return id;
}

QString SubscriptionRepository::resourceTypeId(const QString &name)
{
    QString id;
    execPrepared(m_db, u"SELECT resource_type_id FROM resource_types WHERE resource_type = ?"_s,
                 {name}, [&id](QSqlQuery &q) {
                     if (q.next())
                         id = q.value(0).toString();
                 });
    if (!id.isEmpty())
        return id;
    // A resource a block did not declare: record the type so nothing is lost.
    id = newId();
    m_db.exec(u"INSERT INTO resource_types (resource_type_id, resource_type, description) VALUES "
              "(:id, :n, '')"_s,
              {{u"id"_s, id}, {u"n"_s, name}});
    return id;
}

void SubscriptionRepository::syncCatalogue(const QList<ProductDefinition> &products,
                                           const QList<ProductBlockDefinition> &blocks,
                                           const QList<WorkflowRegistration> &registrations,
                                           const QStringList &defaultWorkflows)
{
    const QString now = Timestamps::now();
    for (const ProductBlockDefinition &block : blocks) {
        m_db.exec(u"INSERT INTO product_blocks (product_block_id, name, description, tag, "
                  "created_at) VALUES (:id, :name, :description, :tag, :now) ON CONFLICT (name) "
                  "DO UPDATE SET description = excluded.description, tag = excluded.tag"_s,
                  {{u"id"_s, newId()},
                   {u"name"_s, block.name},
                   {u"description"_s, block.description},
                   {u"tag"_s, block.tag},
                   {u"now"_s, now}});
    }
    for (const ProductBlockDefinition &block : blocks) {
        const QString id = blockId(block.name);
        for (const ResourceDefinition &resource : block.resources) {
            m_db.exec(u"INSERT INTO resource_types (resource_type_id, resource_type, "
                      "description) VALUES (:id, :name, :description) ON CONFLICT "
                      "(resource_type) DO UPDATE SET description = excluded.description"_s,
                      {{u"id"_s, newId()},
                       {u"name"_s, resource.name},
                       {u"description"_s, resource.description}});
            QStringList required;
            for (Lifecycle l : resource.requiredIn)
                required.append(toText(l));
            m_db.exec(u"INSERT INTO product_block_resource_types (product_block_id, "
                      "resource_type_id, required_from) VALUES (:b, :r, :req) ON CONFLICT "
                      "(product_block_id, resource_type_id) DO UPDATE SET required_from = "
                      "excluded.required_from"_s,
                      {{u"b"_s, id},
                       {u"r"_s, resourceTypeId(resource.name)},
                       {u"req"_s, required.join(u',')}});
        }
        for (const BlockReference &ref : block.dependsOn) {
            m_db.exec(u"INSERT INTO product_block_relations (in_use_by_id, depends_on_id, "
                      "attribute, min_count, max_count) VALUES (:a, :b, :attr, :min, :max) ON "
                      "CONFLICT (in_use_by_id, depends_on_id) DO UPDATE SET attribute = "
                      "excluded.attribute, min_count = excluded.min_count, max_count = "
                      "excluded.max_count"_s,
                      {{u"a"_s, id},
                       {u"b"_s, blockId(ref.block)},
                       {u"attr"_s, ref.attribute},
                       {u"min"_s, ref.minCount},
                       {u"max"_s, ref.maxCount}});
        }
    }
    for (const ProductDefinition &product : products) {
        m_db.exec(u"INSERT INTO products (product_id, name, description, product_type, tag, "
                  "created_at) VALUES (:id, :name, :description, :type, :tag, :now) ON CONFLICT "
                  "(name) DO UPDATE SET description = excluded.description, product_type = "
                  "excluded.product_type, tag = excluded.tag"_s,
                  {{u"id"_s, newId()},
                   {u"name"_s, product.name},
                   {u"description"_s, product.description},
                   {u"type"_s, product.productType},
                   {u"tag"_s, product.tag},
                   {u"now"_s, now}});
        // Read back what was just written: on a damaged file (a broken index) it may be gone.
        const std::optional<QJsonObject> saved = findProduct(product.name);
        if (!saved)
            throw StoreError(StoreError::Kind::NotADatabase,
                             QCoreApplication::translate(
                                 "wfo::store::SubscriptionRepository",
                                 "The product '%1' was saved but cannot be read back; the "
                                 "database file may be damaged.")
                                 .arg(product.name));
        const QString productId = saved->value(u"product_id").toString();
        for (auto it = product.fixedInputs.begin(); it != product.fixedInputs.end(); ++it) {
            m_db.exec(u"INSERT INTO fixed_inputs (fixed_input_id, product_id, name, value) "
                      "VALUES (:id, :p, :n, :v) ON CONFLICT (product_id, name) DO UPDATE SET "
                      "value = excluded.value"_s,
                      {{u"id"_s, newId()},
                       {u"p"_s, productId},
                       {u"n"_s, it.key()},
                       {u"v"_s, it.value()}});
        }
        for (const BlockReference &ref : product.blocks) {
            m_db.exec(u"INSERT INTO product_product_blocks (product_id, product_block_id, "
                      "attribute, min_count, max_count) VALUES (:p, :b, :attr, :min, :max) ON "
                      "CONFLICT (product_id, product_block_id) DO UPDATE SET attribute = "
                      "excluded.attribute"_s,
                      {{u"p"_s, productId},
                       {u"b"_s, blockId(ref.block)},
                       {u"attr"_s, ref.attribute},
                       {u"min"_s, ref.minCount},
                       {u"max"_s, ref.maxCount}});
        }
    }
    // Link workflows to products: by tag and search phrase, and the defaults to every product.
    for (const WorkflowRegistration &registration : registrations) {
        m_db.exec(u"UPDATE workflows SET tag = :tag, search_phrase = :phrase WHERE name = :n"_s,
                  {{u"tag"_s, registration.tag},
                   {u"phrase"_s, registration.searchPhrase},
                   {u"n"_s, registration.name}});
        m_db.exec(u"INSERT INTO products_workflows (product_id, workflow_name) SELECT "
                  "p.product_id, w.name FROM products p, workflows w WHERE w.name = :n AND "
                  "p.tag = :tag AND p.name LIKE :phrase ON CONFLICT DO NOTHING"_s,
                  {{u"n"_s, registration.name},
                   {u"tag"_s, registration.tag},
                   {u"phrase"_s, registration.searchPhrase}});
    }
    for (const QString &name : defaultWorkflows) {
        m_db.exec(u"INSERT INTO products_workflows (product_id, workflow_name) SELECT "
                  "p.product_id, w.name FROM products p, workflows w WHERE w.name = :n ON "
                  "CONFLICT DO NOTHING"_s,
                  {{u"n"_s, name}});
    }
}

QJsonArray SubscriptionRepository::products()
{
    QSqlQuery q = m_db.exec(u"SELECT product_id, name, description, product_type, tag, status "
                            "FROM products ORDER BY name"_s);
    QJsonArray result;
    QList<QJsonObject> rows;
    while (q.next()) {
        rows.append(QJsonObject {{u"product_id"_s, q.value(0).toString()},
                                 {u"name"_s, q.value(1).toString()},
                                 {u"description"_s, q.value(2).toString()},
                                 {u"product_type"_s, q.value(3).toString()},
                                 {u"tag"_s, q.value(4).toString()},
                                 {u"status"_s, q.value(5).toString()}});
    }
    q.finish();
    for (QJsonObject row : rows) {
        row.insert(u"workflows"_s, productWorkflows(row.value(u"product_id").toString()));
        result.append(row);
    }
    return result;
}

QString SubscriptionRepository::productCountsStatement()
{
    // Grouped inside the derived table, so the count walks the index alone (no table rows);
    // the products table is small.
    return u"SELECT p.product_id, p.name, p.tag, COALESCE(c.n, 0) FROM products p LEFT JOIN "
           "(SELECT product_id, COUNT(*) AS n FROM subscriptions WHERE status = :status "
           "GROUP BY product_id) c ON c.product_id = p.product_id "
           "ORDER BY COALESCE(c.n, 0) DESC, p.name"_s;
}

QList<ProductCount> SubscriptionRepository::productCounts(const QString &status)
{
    QSqlQuery q = m_db.exec(productCountsStatement(), {{u"status"_s, status}});
    QList<ProductCount> counts;
    while (q.next())
        counts.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toLongLong()});
    return counts;
}

std::optional<QJsonObject> SubscriptionRepository::findProduct(const QString &nameOrId)
{
    // Every saved and loaded subscription asks for its product: one kept statement reads it
    // with its fixed inputs. A product with that id comes before another with that name.
    std::optional<QJsonObject> product;
    QJsonObject fixed;
    execPrepared(m_db,
                 u"SELECT p.product_id, p.name, p.description, p.product_type, p.tag, p.status, "
                 "f.name, f.value FROM products p LEFT JOIN fixed_inputs f ON f.product_id = "
                 "p.product_id WHERE p.product_id = ? OR LOWER(p.name) = LOWER(?) "
                 "ORDER BY CASE WHEN p.product_id = ? THEN 0 ELSE 1 END, p.product_id, f.name"_s,
                 {nameOrId, nameOrId, nameOrId}, [&product, &fixed](QSqlQuery &q) {
                     while (q.next()) {
                         if (!product) {
                             product = QJsonObject {{u"product_id"_s, q.value(0).toString()},
                                                    {u"name"_s, q.value(1).toString()},
                                                    {u"description"_s, q.value(2).toString()},
                                                    {u"product_type"_s, q.value(3).toString()},
                                                    {u"tag"_s, q.value(4).toString()},
                                                    {u"status"_s, q.value(5).toString()}};
                         } else if (q.value(0).toString()
                                    != product->value(u"product_id").toString()) {
                             break; // another product, by the other match
                         }
                         if (!q.isNull(6))
                             fixed.insert(q.value(6).toString(), q.value(7).toString());
                     }
                 });
    if (!product)
        return std::nullopt;
    product->insert(u"fixed_inputs"_s, fixed);
    return product;
}

QJsonArray SubscriptionRepository::productWorkflows(const QString &productId)
{
    QSqlQuery q = m_db.exec(u"SELECT w.name, w.target, w.description, w.is_task FROM "
                            "products_workflows pw JOIN workflows w ON w.name = pw.workflow_name "
                            "WHERE pw.product_id = :p AND w.deleted_at IS NULL ORDER BY w.name"_s,
                            {{u"p"_s, productId}});
    QJsonArray result;
    while (q.next())
        result.append(QJsonObject {{u"name"_s, q.value(0).toString()},
                                   {u"target"_s, q.value(1).toString()},
                                   {u"description"_s, q.value(2).toString()},
                                   {u"is_task"_s, q.value(3).toInt() != 0}});
    return result;
}

QStringList SubscriptionRepository::productsOfWorkflow(const QString &workflowName)
{
    QSqlQuery q = m_db.exec(u"SELECT product_id FROM products_workflows WHERE workflow_name = "
                            ":n ORDER BY product_id"_s,
                            {{u"n"_s, workflowName}});
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

QJsonArray SubscriptionRepository::productBlocks()
{
    QSqlQuery q = m_db.exec(u"SELECT product_block_id, name, description, tag, status FROM "
                            "product_blocks ORDER BY name"_s);
    QList<QJsonObject> blocks;
    while (q.next())
        blocks.append(QJsonObject {{u"product_block_id"_s, q.value(0).toString()},
                                   {u"name"_s, q.value(1).toString()},
                                   {u"description"_s, q.value(2).toString()},
                                   {u"tag"_s, q.value(3).toString()},
                                   {u"status"_s, q.value(4).toString()}});
    q.finish();
    QJsonArray result;
    for (QJsonObject block : blocks) {
        const QString id = block.value(u"product_block_id").toString();
        QJsonArray resources;
        QSqlQuery r = m_db.exec(u"SELECT rt.resource_type, rt.description, br.required_from FROM "
                                "product_block_resource_types br JOIN resource_types rt ON "
                                "rt.resource_type_id = br.resource_type_id WHERE "
                                "br.product_block_id = :b ORDER BY rt.resource_type"_s,
                                {{u"b"_s, id}});
        while (r.next())
            resources.append(QJsonObject {{u"resource_type"_s, r.value(0).toString()},
                                          {u"description"_s, r.value(1).toString()},
                                          {u"required_in"_s,
                                           QJsonArray::fromStringList(r.value(2).toString().split(
                                               u',', Qt::SkipEmptyParts))}});
        r.finish();
        QJsonArray dependsOn;
        QSqlQuery d = m_db.exec(u"SELECT b.name, rel.attribute FROM product_block_relations rel "
                                "JOIN product_blocks b ON b.product_block_id = rel.depends_on_id "
                                "WHERE rel.in_use_by_id = :b ORDER BY b.name"_s,
                                {{u"b"_s, id}});
        while (d.next())
            dependsOn.append(QJsonObject {{u"name"_s, d.value(0).toString()},
                                          {u"attribute"_s, d.value(1).toString()}});
        block.insert(u"resource_types"_s, resources);
        block.insert(u"depends_on"_s, dependsOn);
        result.append(block);
    }
    return result;
}

QJsonArray SubscriptionRepository::resourceTypes()
{
    QSqlQuery q = m_db.exec(u"SELECT resource_type_id, resource_type, description FROM "
                            "resource_types ORDER BY resource_type"_s);
    QJsonArray result;
    while (q.next())
        result.append(QJsonObject {{u"resource_type_id"_s, q.value(0).toString()},
                                   {u"resource_type"_s, q.value(1).toString()},
                                   {u"description"_s, q.value(2).toString()}});
    return result;
}

} // namespace wfo::store
