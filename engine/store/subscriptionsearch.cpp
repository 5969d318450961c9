#include "subscriptionsearch.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

struct Term
{
    bool negated = false;
    QString field;
    QStringList values;
};

QList<Term> tokenize(const QString &query)
{
    QList<Term> terms;
    int i = 0;
    const int n = int(query.size());
    auto readValue = [&](int &pos) {
        QString value;
        if (pos < n && query.at(pos) == u'"') {
            ++pos;
            while (pos < n && query.at(pos) != u'"')
                value.append(query.at(pos++));
            ++pos;
        } else {
            while (pos < n && !query.at(pos).isSpace() && query.at(pos) != u')'
                   && query.at(pos) != u'|')
                value.append(query.at(pos++));
        }
        return value;
    };
    while (i < n) {
        while (i < n && query.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Term term;
        if (query.at(i) == u'-' && i + 1 < n && !query.at(i + 1).isSpace()) {
            term.negated = true;
            ++i;
        }
        // field name?
        int j = i;
        while (j < n && (query.at(j).isLetterOrNumber() || query.at(j) == u'_'))
            ++j;
        if (j < n && j > i && query.at(j) == u':') {
            term.field = query.mid(i, j - i).toLower();
            i = j + 1;
            if (i < n && query.at(i) == u'(') {
                ++i;
                while (i < n && query.at(i) != u')') {
                    const QString v = readValue(i);
                    if (!v.isEmpty())
                        term.values.append(v);
                    if (i < n && query.at(i) == u'|')
                        ++i;
                    else if (i < n && query.at(i) != u')')
                        ++i;
                }
                ++i;
            } else {
                const QString v = readValue(i);
                if (!v.isEmpty())
                    term.values.append(v);
            }
        } else {
            const QString v = readValue(i);
            if (v.isEmpty()) {
                ++i;
                continue;
            }
            term.values.append(v);
        }
        if (!term.values.isEmpty())
            terms.append(term);
    }
    return terms;
}

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

SqlCondition SubscriptionSearch::toSql(const QString &query, const QString &prefix)
{
    SqlCondition condition;
    QStringList clauses;
    int counter = 0;
    auto bind = [&](const QVariant &value) -> QString {
        const QString name = prefix + QString::number(counter++);
        condition.values.insert(name, value);
        return u":"_s + name;
    };
    for (const Term &term : tokenize(query)) {
        QStringList alternatives;
        for (QString value : term.values) {
            const bool prefixMatch = value.endsWith(u'*');
            if (prefixMatch)
                value.chop(1);
            value = value.toLower();
            if (term.field == "insync"_L1) {
                const bool yes = value == "true"_L1 || value == "yes"_L1 || value == "1"_L1;
                alternatives.append(u"s.insync = "_s + bind(yes ? 1 : 0));
                continue;
            }
            const QString column = columns().value(term.field);
            if (!column.isEmpty()) {
                if (prefixMatch)
                    alternatives.append(
                        u"LOWER(%1) LIKE %2"_s.arg(column, bind(QString(value + u'%'))));
                else
                    alternatives.append(u"LOWER(%1) = %2"_s.arg(column, bind(value)));
                continue;
            }
            // Free text (also unknown fields: their value is searched everywhere).
            const QString pattern =
                prefixMatch ? QString(value + u'%') : QString(u'%' + value + u'%');
            const QString p1 = bind(pattern);
            alternatives.append(
                u"(LOWER(s.description) LIKE %1 OR LOWER(s.customer_id) LIKE %1 OR "
                "s.subscription_id LIKE %1 OR LOWER(p.name) LIKE %1 OR LOWER(p.tag) LIKE %1 OR "
                "s.status LIKE %1)"_s.arg(p1));
        }
        if (alternatives.isEmpty())
            continue;
        const QString any = alternatives.size() == 1
            ? alternatives.first()
            : u"("_s + alternatives.join(u" OR "_s) + u")"_s;
        clauses.append(term.negated ? u"NOT "_s + any : any);
    }
    condition.sql = clauses.join(u" AND "_s);
    return condition;
}

} // namespace wfo::store
