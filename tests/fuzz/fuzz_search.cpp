// The subscription search grammar, turned into SQL for both databases. No query crashes it,
// and every placeholder in the SQL is bound by a value and every value is used (a mismatch is
// a query that fails or, worse, binds the wrong value).
#include "fuzzsupport.h"

#include "store/database.h"
#include "store/subscriptionsearch.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace wfo::store;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return 0;
    const QString query = wfo::fuzz::text(data, size);
    const bool withProducts = wfo::fuzz::hash(data, size) & 1;
    const ProductMatcher products = [](const QString &pattern) {
        return pattern.size() % 3 == 0 ? QStringList {} : QStringList {u"p1"_s, u"p2"_s};
    };
    static const QRegularExpression placeholder(u":(q\\d+)\\b"_s);
    for (const DatabaseUrl::Kind kind :
         {DatabaseUrl::Kind::SQLite, DatabaseUrl::Kind::PostgreSQL}) {
        SqlCondition condition;
        try {
            condition = SubscriptionSearch::toSql(query, SqlDialect(kind), u"q"_s,
                                                  withProducts ? products : ProductMatcher());
        } catch (const StoreError &e) {
            // The documented limits (too many terms, a term too long) refuse with a message;
            // nothing else may throw.
            WFO_FUZZ_CHECK(e.message().contains(u"at most"_s)
                               || e.message().contains(u"longer than"_s),
                           query + u"\n  "_s + e.message());
            return 0;
        }
        QSet<QString> used;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(condition.sql))
            used.insert(match.captured(1));
        QSet<QString> bound;
        for (auto it = condition.values.cbegin(); it != condition.values.cend(); ++it)
            bound.insert(it.key());
        WFO_FUZZ_CHECK(used == bound, query + u"\n  "_s + condition.sql);
    }
    return 0;
}
