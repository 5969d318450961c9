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
    // Beyond these a search is refused with a sentence (StoreError) before SQL is built: every
    // value adds to the expression the database parses, whose depth and pattern sizes are
    // limited (SQLite: "Expression tree is too large", "LIKE or GLOB pattern too complex").
    static constexpr int MaxValues = 200;
    static constexpr int MaxValueLength = 1000;

    // With `products`, the products a free-text term names are looked up first and the
    // condition names them: the database then sees a condition on subscriptions alone, which
    // its statistics and indexes serve better than a subquery inside an OR (and only then
    // is ftsMatch set). Throws StoreError when the query is beyond MaxValues or
    // MaxValueLength.
    static SqlCondition toSql(const QString &query, const SqlDialect &dialect,
                              const QString &parameterPrefix = u"q"_qs,
                              const ProductMatcher &products = {});
    static QStringList fields();
    // The value with LIKE's wildcards (and the escape character) escaped by a backslash.
    static QString escapeLike(const QString &value);
    // The smallest string greater than every string that starts with `prefix` (code point
    // order), or an empty string when there is none.
    static QString prefixUpperBound(const QString &prefix);
};

} // namespace wfo::store
