#include "subscriptionsearch.h"

#include "database.h"
#include "searchsyntax.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

const QHash<QString, QString> &columns()
{
    static const QHash<QString, QString> map {
        {u"id"_s, u"s.subscription_id"_s},
        {u"subscription_id"_s, u"s.subscription_id"_s},
        {u"description"_s, u"s.description"_s},
        {u"status"_s, u"s.status"_s},
        {u"customer"_s, u"s.customer_id"_s},
        {u"customer_id"_s, u"s.customer_id"_s},
        {u"product"_s, u"p.name"_s},
        {u"tag"_s, u"p.tag"_s},
        {u"type"_s, u"p.product_type"_s},
        {u"product_type"_s, u"p.product_type"_s},
        {u"note"_s, u"s.note"_s},
        {u"insync"_s, u"s.insync"_s},
        {u"start_date"_s, u"s.start_date"_s},
        {u"end_date"_s, u"s.end_date"_s},
    };
    return map;
}

} // namespace

QStringList SubscriptionSearch::fields()
{
    return {u"id"_s,   u"description"_s, u"status"_s, u"customer"_s,   u"product"_s, u"tag"_s,
            u"type"_s, u"note"_s,        u"insync"_s, u"start_date"_s, u"end_date"_s};
}

SqlCondition SubscriptionSearch::toSql(const QString &query, const SqlDialect &dialect,
                                       const QString &prefix, const ProductMatcher &products)
{
    return toSql(SearchSyntax::parse(query), dialect, prefix, products);
}

SqlCondition SubscriptionSearch::toSql(const QList<SearchTerm> &terms, const SqlDialect &dialect,
                                       const QString &prefix, const ProductMatcher &products)
{
    SqlCondition condition;
    QStringList clauses;
    QStringList ftsTerms;
    int counter = 0;
    auto bind = [&](const QVariant &value) -> QString {
        const QString name = prefix + QString::number(counter++);
        condition.values.insert(name, value);
        return u":"_s + name;
    };
    for (const SearchTerm &term : terms) {
        QStringList alternatives;
        QStringList phrases; // FTS5 phrases of a free-text term, while it can use the index
        bool indexable = !term.negated;
        for (QString value : term.values) {
            const bool prefixMatch = value.endsWith(u'*');
            if (prefixMatch)
                value.chop(1);
            value = value.toLower();
            if (term.field == "insync"_L1) {
                const bool yes = value == "true"_L1 || value == "yes"_L1 || value == "1"_L1;
                alternatives.append(u"s.insync = "_s + bind(yes ? 1 : 0));
                indexable = false;
                continue;
            }
            const QString column = columns().value(term.field);
            if (!column.isEmpty()) {
                indexable = false;
                const QString lowered = u"LOWER(%1)"_s.arg(column);
                if (!prefixMatch) {
                    alternatives.append(lowered + u" = "_s + bind(value));
                } else if (dialect.isSqlite()) {
                    // A range on the expression index; LOWER() keeps code point order.
                    const QString upper = SearchSyntax::prefixUpperBound(value);
                    QString range = lowered + u" >= "_s + bind(value);
                    if (!upper.isEmpty())
                        range += u" AND "_s + lowered + u" < "_s + bind(upper);
                    alternatives.append(u"("_s + range + u")"_s);
                } else {
                    alternatives.append(lowered + u" LIKE "_s
                                        + bind(QString(SearchSyntax::escapeLike(value) + u'%'))
                                        + u" ESCAPE '\\'"_s);
                }
                continue;
            }
            // Free text (also unknown fields: their value is searched everywhere).
            const QString pattern = prefixMatch
                ? QString(SearchSyntax::escapeLike(value) + u'%')
                : QString(u'%' + SearchSyntax::escapeLike(value) + u'%');
            const QString p = bind(pattern);
            const QString like = u" LIKE "_s + p + u" ESCAPE '\\'"_s;
            QString productMatch;
            bool namesProducts = true;
            if (products) {
                QStringList names;
                for (const QString &id : products(pattern))
                    names.append(bind(id));
                namesProducts = !names.isEmpty();
                if (namesProducts)
                    productMatch = u" OR s.product_id IN (%1)"_s.arg(names.join(u", "_s));
            } else {
                productMatch = u" OR "_s
                    + dialect.inSubquery(u"s.product_id"_s,
                                         u"SELECT product_id FROM products WHERE LOWER(name)%1 OR "
                                         "LOWER(tag)%1"_s.arg(like));
            }
            alternatives.append(
                u"(LOWER(s.description)%1 OR LOWER(s.customer_id)%1 OR "
                "LOWER(s.subscription_id)%1 OR LOWER(s.status)%1%2)"_s.arg(like, productMatch));
            // The trigram index knows substrings of three characters and more of the
            // subscription's own text.
            if (value.toUcs4().size() < 3 || namesProducts) {
                indexable = false;
            } else {
                QString quoted = value;
                quoted.replace(u"\""_s, u"\"\""_s);
                phrases.append(u'"' + quoted + u'"');
            }
        }
        if (alternatives.isEmpty())
            continue;
        const QString any = alternatives.size() == 1
            ? alternatives.first()
            : u"("_s + alternatives.join(u" OR "_s) + u")"_s;
        clauses.append(term.negated ? u"NOT "_s + any : any);
        if (indexable && !phrases.isEmpty() && phrases.size() == alternatives.size()) {
            ftsTerms.append(phrases.size() == 1 ? phrases.first()
                                                : u"("_s + phrases.join(u" OR "_s) + u")"_s);
        }
    }
    condition.sql = clauses.join(u" AND "_s);
    if (dialect.isSqlite())
        condition.ftsMatch = ftsTerms.join(u" AND "_s);
    return condition;
}

} // namespace wfo::store
