#include "processsearch.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

// Fields on the process's own row; nullable columns are read through COALESCE so that a
// negated term keeps the rows where they are empty.
const QHash<QString, QStringList> &processColumns()
{
    static const QHash<QString, QStringList> map {
        {u"id"_s, {u"processes.process_id"_s}},
        {u"process_id"_s, {u"processes.process_id"_s}},
        {u"workflow"_s, {u"processes.workflow_name"_s}},
        {u"workflow_name"_s, {u"processes.workflow_name"_s}},
        {u"status"_s, {u"processes.status"_s}},
        {u"step"_s,
         {u"COALESCE(processes.last_step, '')"_s, u"COALESCE(processes.next_step_name, '')"_s}},
        {u"creator"_s, {u"processes.created_by"_s}},
        {u"by"_s, {u"processes.created_by"_s}},
        {u"created_by"_s, {u"processes.created_by"_s}},
        {u"assignee"_s, {u"processes.assignee"_s}},
    };
    return map;
}

// Fields of the subscriptions a process works on, in the subscription search's own words.
const QHash<QString, QString> &subscriptionFields()
{
    static const QHash<QString, QString> map {
        {u"customer"_s, u"customer"_s},
        {u"customer_id"_s, u"customer"_s},
        {u"product"_s, u"product"_s},
        {u"tag"_s, u"tag"_s},
        {u"type"_s, u"type"_s},
        {u"product_type"_s, u"type"_s},
        {u"description"_s, u"description"_s},
        {u"subscription_id"_s, u"id"_s},
        {u"insync"_s, u"insync"_s},
    };
    return map;
}

bool isYes(const QString &value)
{
    return value == "true"_L1 || value == "yes"_L1 || value == "1"_L1;
}

} // namespace

QStringList ProcessSearch::fields()
{
    return {u"status"_s,   u"workflow"_s, u"step"_s,   u"creator"_s,     u"id"_s,
            u"assignee"_s, u"task"_s,     u"target"_s, u"reason"_s,      u"subscription"_s,
            u"customer"_s, u"product"_s,  u"tag"_s,    u"description"_s, u"subscription_id"_s};
}

SqlCondition ProcessSearch::toSql(const QString &query, const SqlDialect &dialect,
                                  const QString &prefix)
{
    SqlCondition condition;
    int counter = 0;
    auto bind = [&](const QVariant &value) -> QString {
        const QString name = prefix + QString::number(counter++);
        condition.values.insert(name, value);
        return u":"_s + name;
    };
    // The processes one of whose subscriptions meets `where` (on subscriptions s, products p).
    auto throughSubscriptions = [&](const QString &where) {
        return dialect.inSubquery(
            u"processes.process_id"_s,
            u"SELECT l.process_id FROM processes_subscriptions l JOIN subscriptions s ON "
            "s.subscription_id = l.subscription_id JOIN products p ON p.product_id = "
            "s.product_id WHERE "_s
                + where);
    };
    QStringList clauses;
    int subscriptionTerms = 0;
    for (const SearchTerm &term : SearchSyntax::parse(query)) {
        QStringList alternatives;
        if (const QString field = subscriptionFields().value(term.field); !field.isEmpty()) {
            // The subscription search builds the condition on its own fields and indexes.
            const SqlCondition sub =
                SubscriptionSearch::toSql({SearchTerm {false, field, term.values}}, dialect,
                                          u"%1s%2_"_s.arg(prefix).arg(subscriptionTerms++));
            condition.values.insert(sub.values);
            const QString any = throughSubscriptions(sub.sql);
            clauses.append(term.negated ? u"NOT "_s + any : any);
            continue;
        }
        for (QString value : term.values) {
            const bool prefixMatch = value.endsWith(u'*');
            if (prefixMatch)
                value.chop(1);
            value = value.toLower();
            const QString escaped = SearchSyntax::escapeLike(value);
            // A part of the text, or its start when a prefix was asked for.
            auto like = [&]() -> QString {
                return u" LIKE "_s
                    + bind(prefixMatch ? QString(escaped + u'%') : QString(u'%' + escaped + u'%'))
                    + u" ESCAPE '\\'"_s;
            };
            // The whole text, or its start when a prefix was asked for.
            auto match = [&]() -> QString {
                if (prefixMatch)
                    return u" LIKE "_s + bind(QString(escaped + u'%')) + u" ESCAPE '\\'"_s;
                return u" = "_s + bind(value);
            };
            if (term.field == "task"_L1 || term.field == "istask"_L1
                || term.field == "is_task"_L1) {
                alternatives.append(u"processes.is_task = "_s + bind(isYes(value) ? 1 : 0));
            } else if (const QStringList columns = processColumns().value(term.field);
                       !columns.isEmpty()) {
                const QString compare = match();
                QStringList any;
                for (const QString &column : columns)
                    any.append(u"LOWER(%1)%2"_s.arg(column, compare));
                alternatives.append(any.size() == 1 ? any.first()
                                                    : u"("_s + any.join(u" OR "_s) + u")"_s);
            } else if (term.field == "target"_L1) {
                alternatives.append(dialect.inSubquery(
                    u"processes.workflow_name"_s,
                    u"SELECT name FROM workflows WHERE LOWER(target)"_s + match()));
            } else if (term.field == "reason"_L1 || term.field == "failed_reason"_L1) {
                alternatives.append(u"LOWER(COALESCE(processes.failed_reason, ''))"_s + like());
            } else if (term.field == "subscription"_L1) {
                alternatives.append(throughSubscriptions(
                    u"(LOWER(s.description)%1 OR LOWER(s.subscription_id)%1)"_s.arg(like())));
            } else {
                // Free text (also unknown fields: their value is searched everywhere).
                const QString text = like();
                alternatives.append(
                    u"(LOWER(processes.workflow_name)%1 OR LOWER(processes.process_id)%1 OR "
                    "LOWER(processes.status)%1 OR LOWER(processes.created_by)%1 OR "
                    "LOWER(COALESCE(processes.last_step, ''))%1 OR "
                    "LOWER(COALESCE(processes.failed_reason, ''))%1 OR %2)"_s.arg(
                        text,
                        throughSubscriptions(u"(LOWER(s.description)%1 OR LOWER(s.customer_id)%1 "
                                             "OR LOWER(s.subscription_id)%1)"_s.arg(text))));
            }
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
