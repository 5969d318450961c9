#pragma once
// Pages of the subscription list as the console's lazy model, its CSV export and
// `orchestratorctl subscriptions` read them: filtered by status and the operators' search
// syntax, sorted in the database, paged by offset or by keyset (after the last row shown).
// A row is the subscription's summary: {subscription_id, description, status, insync,
// product:{product_id, name, tag, ...}, customer_id, start_date, end_date, note,
// last_modified_at, ...} (see store/subscriptionrepository.h).

#include "wfo_engine_export.h"

#include "store/database.h"
#include "store/subscriptionrepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace wfo::queries {

// What to list and in which order; the vocabulary is the store's, readers name it from here.
using SubscriptionFilter = store::SubscriptionQuery;
using SubscriptionOrder = store::SubscriptionOrder;

class WFO_ENGINE_EXPORT SubscriptionPageQuery
{
public:
    // The rows `filter` selects from its offset (and after its cursor), at most filter.limit.
    static QJsonArray page(const store::Database &database, const SubscriptionFilter &filter);
    // The rows after `lastRow` (a row of an earlier page, in filter.order), or the first page.
    static QJsonArray pageAfter(const store::Database &database, SubscriptionFilter filter,
                                const std::optional<QJsonObject> &lastRow, int limit);
    static qint64 count(const store::Database &database, const SubscriptionFilter &filter);
    // The ids of every subscription `filter` selects (its limit and offset aside), read page
    // by page: what a bulk operation on a search acts on.
    static QStringList ids(const store::Database &database, const SubscriptionFilter &filter);
    // Distinct customer ids of subscriptions whose customer starts with `prefix` (all when it
    // is empty), among the first `window` subscriptions, at most `max`.
    static QStringList customers(const store::Database &database, const QString &prefix, int max,
                                 int window = 500);
    // The fields the search syntax knows (status, customer, product, tag...).
    static QStringList searchFields();
};

} // namespace wfo::queries
