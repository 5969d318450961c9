#pragma once
// The search syntax operators know from the web UI, as terms: the subscriptions' and the
// processes' searches (subscriptionsearch.h, processsearch.h) read it the same way and differ
// only in the fields they know.
//   free text             a term without a field
//   field:value           status:failed  customer:acme  product:"Node Enrollment"
//   field:(a|b)           any of the values
//   -field:value, -text   negation
//   value*                prefix match
// Field names are lower-cased; values are kept as typed (the searches lower-case them).

#include "wfo_engine_export.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace wfo::store {

struct SearchTerm
{
    bool negated = false;
    QString field; // empty for free text
    QStringList values; // never empty
};

class WFO_ENGINE_EXPORT SearchSyntax
{
public:
    // Beyond these a search is refused with a sentence (StoreError) before SQL is built: every
    // value adds to the expression the database parses, whose depth and pattern sizes are
    // limited (SQLite: "Expression tree is too large", "LIKE or GLOB pattern too complex").
    static constexpr int MaxValues = 200;
    static constexpr int MaxValueLength = 1000;

    // The terms of `query`; throws StoreError when it is beyond MaxValues or MaxValueLength.
    static QList<SearchTerm> parse(const QString &query);
    // The value with LIKE's wildcards (and the escape character) escaped by a backslash.
    static QString escapeLike(const QString &value);
    // The smallest string greater than every string that starts with `prefix` (code point
    // order), or an empty string when there is none.
    static QString prefixUpperBound(const QString &prefix);
};

} // namespace wfo::store
