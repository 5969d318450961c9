#include "startcards.h"

#include "processpages.h"
#include "subscriptionpages.h"

#include "store/subscriptionrepository.h"

#include <QHash>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::queries {

StartCardSnapshot StartCardQuery::processes(const store::Database &database,
                                            store::ProcessFilter filter)
{
    // One more than the window tells "more than" apart from "exactly" without a COUNT(*)
    // over the whole table.
    filter.limit = CountWindow + 1;
    filter.offset = 0;
    StartCardSnapshot card;
    QStringList subscriptions;
    for (const store::ProcessRecord &p : store::ProcessRepository(database).list(filter)) {
        ++card.count;
        if (card.items.size() >= ItemsPerCard)
            continue;
        StartCardItem item;
        item.kind = StartCardItem::Kind::Process;
        item.id = p.id;
        item.text = p.workflowName;
        item.status = toText(p.status);
        item.lastModifiedAt = p.lastModifiedAt;
        const QStringList ids = p.subscriptionIds();
        if (!ids.isEmpty()) {
            item.subscriptionId = ids.first();
            if (!subscriptions.contains(item.subscriptionId))
                subscriptions.append(item.subscriptionId);
        }
        card.items.append(item);
    }
    if (card.count > CountWindow) {
        card.count = CountWindow;
        card.countIsLowerBound = true;
    }
    if (!subscriptions.isEmpty()) {
        // The few subscriptions of the items, in one query by their ids.
        SubscriptionFilter byId;
        byId.search = u"id:(%1)"_s.arg(subscriptions.join(u'|'));
        byId.limit = int(subscriptions.size());
        QHash<QString, QJsonObject> found;
        for (const QJsonValue &value : SubscriptionPageQuery::page(database, byId)) {
            const QJsonObject s = value.toObject();
            found.insert(s.value(u"subscription_id").toString(), s);
        }
        for (StartCardItem &item : card.items) {
            const QJsonObject s = found.value(item.subscriptionId);
            item.subscription = s.value(u"description").toString();
            item.customer = s.value(u"customer_id").toString();
        }
    }
    return card;
}

StartCardSnapshot StartCardQuery::subscriptions(const store::Database &database,
                                                const QString &search)
{
    SubscriptionFilter filter;
    filter.search = search;
    filter.limit = ItemsPerCard;
    StartCardSnapshot card;
    card.count = SubscriptionPageQuery::count(database, filter);
    for (const QJsonValue &value : SubscriptionPageQuery::page(database, filter)) {
        const QJsonObject s = value.toObject();
        StartCardItem item;
        item.kind = StartCardItem::Kind::Subscription;
        item.id = s.value(u"subscription_id").toString();
        item.text = s.value(u"description").toString();
        item.status = s.value(u"status").toString();
        item.insync = s.value(u"insync").toBool();
        item.lastModifiedAt = s.value(u"last_modified_at").toString();
        item.customer = s.value(u"customer_id").toString();
        card.items.append(item);
    }
    return card;
}

StartCardSnapshot StartCardQuery::products(const store::Database &database)
{
    StartCardSnapshot card;
    const QList<store::ProductCount> counts =
        store::SubscriptionRepository(database).productCounts(u"active"_s);
    card.count = counts.size();
    for (const store::ProductCount &product : counts) {
        if (card.items.size() >= ItemsPerCard)
            break;
        StartCardItem item;
        item.kind = StartCardItem::Kind::Product;
        item.id = product.productId;
        item.text = product.name;
        item.status = u"active"_s;
        item.count = product.count;
        card.items.append(item);
    }
    return card;
}

QStringList ProcessesPerDay::groups()
{
    return {u"completed"_s, u"failed"_s, u"aborted"_s, u"waiting"_s, u"running"_s};
}

QString ProcessesPerDay::groupOf(const QString &status)
{
    if (status == u"completed" || status == u"failed" || status == u"aborted"
        || status == u"waiting")
        return status;
    if (status == u"api_unavailable" || status == u"inconsistent_data")
        return u"failed"_s;
    if (status == u"suspended" || status == u"awaiting_callback")
        return u"waiting"_s;
    return u"running"_s; // created, running, resumed
}

ProcessesPerDay StartCardQuery::processesPerDay(const store::Database &database, const QDate &today,
                                                int days)
{
    ProcessesPerDay result;
    days = qMax(1, days);
    for (int i = days - 1; i >= 0; --i)
        result.days.append(today.addDays(-i));
    for (const QString &group : ProcessesPerDay::groups())
        result.counts.insert(group, QList<qint64>(days, 0));
    const QString from = result.days.first().toString(Qt::ISODate);
    for (const store::ProcessDayCount &row :
         store::ProcessRepository(database).countPerDay(from, false)) {
        const qsizetype index = result.days.indexOf(QDate::fromString(row.day, Qt::ISODate));
        if (index < 0)
            continue; // started after `today` (a clock ahead)
        result.counts[ProcessesPerDay::groupOf(row.status)][index] += row.count;
        result.total += row.count;
    }
    return result;
}

store::ProcessFilter StartCardQuery::myRecentProcesses(const QString &actor)
{
    store::ProcessFilter filter;
    filter.createdBy = actor;
    return filter;
}

store::ProcessFilter StartCardQuery::activeProcesses()
{
    store::ProcessFilter filter;
    filter.statuses = ProcessPageQuery::activeStatuses();
    filter.isTask = false;
    return filter;
}

store::ProcessFilter StartCardQuery::failedTasks()
{
    store::ProcessFilter filter;
    filter.statuses = ProcessPageQuery::failedStatuses();
    filter.isTask = true;
    return filter;
}

} // namespace wfo::queries
