#include "subscriptionpages.h"

#include "store/subscriptionsearch.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace wfo::queries {

QJsonArray SubscriptionPageQuery::page(const store::Database &database,
                                       const SubscriptionFilter &filter)
{
    return store::SubscriptionRepository(database).list(filter);
}

QStringList SubscriptionPageQuery::ids(const store::Database &database,
                                       const SubscriptionFilter &filter)
{
    QStringList ids;
    std::optional<QJsonObject> last;
    constexpr int PageSize = 500;
    for (;;) {
        const QJsonArray page = pageAfter(database, filter, last, PageSize);
        for (const QJsonValue &row : page)
            ids.append(row.toObject().value(u"subscription_id").toString());
        if (page.size() < PageSize)
            return ids;
        last = page.last().toObject();
    }
}

QJsonArray SubscriptionPageQuery::pageAfter(const store::Database &database,
                                            SubscriptionFilter filter,
                                            const std::optional<QJsonObject> &lastRow, int limit)
{
    filter.limit = limit;
    filter.offset = 0;
    filter.after.reset();
    if (lastRow)
        filter.after = store::SubscriptionRepository::cursorOf(*lastRow, filter.order);
    return store::SubscriptionRepository(database).list(filter);
}

qint64 SubscriptionPageQuery::count(const store::Database &database,
                                    const SubscriptionFilter &filter)
{
    return store::SubscriptionRepository(database).count(filter);
}

QStringList SubscriptionPageQuery::customers(const store::Database &database, const QString &prefix,
                                             int max, int window)
{
    SubscriptionFilter filter;
    QString term = prefix;
    // The search syntax would read quotes and spaces as its own.
    term.remove(u'"');
    term.remove(u' ');
    if (!term.isEmpty())
        filter.search = u"customer:"_s + term + u'*';
    filter.limit = window;
    QStringList customers;
    QSet<QString> seen;
    for (const QJsonValue &value : page(database, filter)) {
        const QString customer = value.toObject().value(u"customer_id").toString();
        if (customer.isEmpty() || seen.contains(customer))
            continue;
        seen.insert(customer);
        customers.append(customer);
        if (customers.size() >= max)
            break;
    }
    return customers;
}

QStringList SubscriptionPageQuery::searchFields()
{
    return store::SubscriptionSearch::fields();
}

} // namespace wfo::queries
