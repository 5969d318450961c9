#pragma once
// The search syntax operators know from the web UI, turned into a parameterised SQL condition
// on the subscriptions table (aliased `s`, products `p`):
//   free text             matches id, description, customer, product name, tag and status
//   field:value           status:active  customer:acme  product:"Node Enrollment"
//   field:(a|b)           any of the values
//   -field:value, -text   negation
//   value*                prefix match
// Case-insensitive; values are literal (% and _ match themselves). Unknown fields are treated
// as free text.
//
// The condition is exact on both databases and written so that their indexes can serve it
// (migration 3): LOWER(column) expression indexes for fields, prefix ranges on SQLite, pg_trgm
// indexes for free text on PostgreSQL. SQLite has no substring index a LIKE can use, so the
// positive free-text terms also come as an FTS5 (trigram) match expression the repository may
// use to find the candidate rows first (see SubscriptionRepository).

#include "searchsyntax.h"
#include "sqldialect.h"
#include "wfo_engine_export.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>

namespace wfo::store {

struct SqlCondition
{
    QString sql; // empty when there is nothing to filter
    QVariantMap values;
    // SQLite: an FTS5 MATCH expression over subscription_search whose rows are a superset of
    // the rows the positive free-text terms match; empty when no term can use the index.
    QString ftsMatch;
};

// The ids of the products whose name or tag is LIKE the pattern (backslash escapes).
using ProductMatcher = std::function<QStringList(const QString &likePattern)>;

class WFO_ENGINE_EXPORT SubscriptionSearch
{
public:
    // The limits of SearchSyntax: beyond them toSql throws StoreError.
    static constexpr int MaxValues = SearchSyntax::MaxValues;
    static constexpr int MaxValueLength = SearchSyntax::MaxValueLength;

    // With `products`, the products a free-text term names are looked up first and the
    // condition names them: the database then sees a condition on subscriptions alone, which
    // its statistics and indexes serve better than a subquery inside an OR (and only then
    // is ftsMatch set). Throws StoreError when the query is beyond MaxValues or
    // MaxValueLength.
    static SqlCondition toSql(const QString &query, const SqlDialect &dialect,
                              const QString &parameterPrefix = u"q"_qs,
                              const ProductMatcher &products = {});
    // The same for terms already parsed (SearchSyntax::parse), which may name only the fields
    // of fields(): the process search asks about the subscriptions of processes this way.
    static SqlCondition toSql(const QList<SearchTerm> &terms, const SqlDialect &dialect,
                              const QString &parameterPrefix, const ProductMatcher &products = {});
    static QStringList fields();
};

} // namespace wfo::store
