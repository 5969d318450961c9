#include "repositorypickerprovider.h"

#include "common/consolecontext.h"

#include "queries/catalogue.h"
#include "queries/subscriptionpages.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

constexpr int MaxItems = 50;

QList<forms::PickerItem> lookupProducts(const store::Database &database,
                                        const forms::PickerQuery &query)
{
    QList<forms::PickerItem> items;
    for (const QJsonValue &value : queries::CatalogueQuery::products(database)) {
        const QJsonObject p = value.toObject();
        const QString id = p.value(u"product_id").toString();
        const QString name = p.value(u"name").toString();
        if (!query.filter.productIds.isEmpty() && !query.filter.productIds.contains(id))
            continue;
        if (!query.filter.tags.isEmpty() && !query.filter.tags.contains(p.value(u"tag").toString()))
            continue;
        if (!query.text.isEmpty() && !name.contains(query.text, Qt::CaseInsensitive))
            continue;
        items.append({id,
                      name,
                      p.value(u"description").toString(),
                      id,
                      {p.value(u"tag").toString()},
                      p.value(u"status").toString()});
    }
    return items;
}

QList<forms::PickerItem> lookupSubscriptions(const store::Database &database,
                                             const forms::PickerQuery &query)
{
    queries::SubscriptionFilter q;
    q.search = query.text;
    q.statuses = query.filter.statuses;
    if (query.filter.productIds.size() == 1)
        q.productId = query.filter.productIds.first();
    if (query.filter.tags.size() == 1)
        q.tag = query.filter.tags.first();
    else if (query.filter.tags.size() > 1)
        q.search += u" tag:("_s + query.filter.tags.join(u'|') + u')';
    q.limit = MaxItems;
    QList<forms::PickerItem> items;
    for (const QJsonValue &value : queries::SubscriptionPageQuery::page(database, q)) {
        const QJsonObject s = value.toObject();
        const QJsonObject product = s.value(u"product").toObject();
        if (!query.filter.productIds.isEmpty()
            && !query.filter.productIds.contains(product.value(u"product_id").toString()))
            continue;
        items.append(
            {s.value(u"subscription_id").toString(),
             s.value(u"description").toString(),
             u"%1 · %2 · %3"_s.arg(s.value(u"status").toString(), product.value(u"name").toString(),
                                   s.value(u"customer_id").toString()),
             product.value(u"product_id").toString(),
             {product.value(u"tag").toString()},
             s.value(u"status").toString()});
    }
    return items;
}

QList<forms::PickerItem> lookupCustomers(const store::Database &database,
                                         const forms::PickerQuery &query)
{
    QList<forms::PickerItem> items;
    // What the operator typed is a choice of its own: a new customer.
    if (!query.text.isEmpty())
        items.append({query.text, query.text, QString(), {}, {}, {}});
    for (const QString &customer :
         queries::SubscriptionPageQuery::customers(database, query.text, MaxItems)) {
        if (items.size() >= MaxItems)
            break;
        if (customer != query.text)
            items.append({customer, customer, QString(), {}, {}, {}});
    }
    return items;
}

} // namespace

RepositoryPickerProvider::RepositoryPickerProvider(ConsoleContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{ }

void RepositoryPickerProvider::lookup(const forms::PickerQuery &query,
                                      const forms::PickerReply &reply)
{
    m_context->query(
        this,
        [query](const store::Database &database) {
            switch (query.kind) {
            case forms::PickerKind::Product:
                return lookupProducts(database, query);
            case forms::PickerKind::Subscription:
                return lookupSubscriptions(database, query);
            case forms::PickerKind::Customer:
                break;
            }
            return lookupCustomers(database, query);
        },
        [reply](const QueryResult<QList<forms::PickerItem>> &result) {
            reply(result.ok() ? result.value : QList<forms::PickerItem>());
        });
}

} // namespace wfo::console
