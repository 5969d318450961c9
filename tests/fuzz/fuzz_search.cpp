// The search grammar, turned into SQL for both databases by the subscription search and the
// process search. No query crashes them, and every placeholder in the SQL is bound by a value
// and every value is used (a mismatch is a query that fails or, worse, binds the wrong value).
#include "fuzzsupport.h"

#include "store/database.h"
#include "store/processsearch.h"
#include "store/subscriptionsearch.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace wfo::store;

namespace {

// The documented limits (too many terms, a term too long) refuse with a message; nothing else
// may throw.
bool refusedByTheLimits(const StoreError &e)
{
    return e.message().contains(u"at most"_s) || e.message().contains(u"longer than"_s);
}

// Every placeholder of `condition` (named by `placeholder`) is bound, and every value is used.
bool bindsExactly(const SqlCondition &condition, const QRegularExpression &placeholder)
{
    QSet<QString> used;
    for (const QRegularExpressionMatch &match : placeholder.globalMatch(condition.sql))
        used.insert(match.captured(1));
    QSet<QString> bound;
    for (auto it = condition.values.cbegin(); it != condition.values.cend(); ++it)
        bound.insert(it.key());
    return used == bound;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return 0;
    const QString query = wfo::fuzz::text(data, size);
    const bool withProducts = wfo::fuzz::hash(data, size) & 1;
    const ProductMatcher products = [](const QString &pattern) {
        return pattern.size() % 3 == 0 ? QStringList {} : QStringList {u"p1"_s, u"p2"_s};
    };
    static const QRegularExpression subscriptionPlaceholder(u":(q\\d+)\\b"_s);
    static const QRegularExpression processPlaceholder(u":(ps\\w+)"_s);
    for (const DatabaseUrl::Kind kind :
         {DatabaseUrl::Kind::SQLite, DatabaseUrl::Kind::PostgreSQL}) {
        try {
            const SqlCondition condition = SubscriptionSearch::toSql(
                query, SqlDialect(kind), u"q"_s, withProducts ? products : ProductMatcher());
            WFO_FUZZ_CHECK(bindsExactly(condition, subscriptionPlaceholder),
                           query + u"\n  "_s + condition.sql);
            const SqlCondition processes = ProcessSearch::toSql(query, SqlDialect(kind), u"ps"_s);
            WFO_FUZZ_CHECK(bindsExactly(processes, processPlaceholder),
                           query + u"\n  "_s + processes.sql);
        } catch (const StoreError &e) {
            WFO_FUZZ_CHECK(refusedByTheLimits(e), query + u"\n  "_s + e.message());
            return 0;
        }
    }
    return 0;
}
