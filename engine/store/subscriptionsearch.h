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

namespace wfo::store {

struct SqlCondition
{
    QString sql; // empty when there is nothing to filter
    QVariantMap values;
    // SQLite: an FTS5 MATCH expression over subscription_search whose rows are a superset of
    // the positive free-text terms in `ftsTerms`; empty when no term can use the index.
    QString ftsMatch;
    // The LIKE patterns of those terms: a term whose pattern matches a product name or tag
    // also matches subscriptions the trigram index does not know about.
    QStringList ftsProductPatterns;
};

class WFO_ENGINE_EXPORT SubscriptionSearch
{
public:
    static SqlCondition toSql(const QString &query, const SqlDialect &dialect,
                              const QString &parameterPrefix = u"q"_qs);
    static QStringList fields();
    // The value with LIKE's wildcards (and the escape character) escaped by a backslash.
    static QString escapeLike(const QString &value);
    // The smallest string greater than every string that starts with `prefix` (code point
    // order), or an empty string when there is none.
    static QString prefixUpperBound(const QString &prefix);
};

} // namespace wfo::store
