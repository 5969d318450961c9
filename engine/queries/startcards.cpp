#include "startcards.h"

#include "processpages.h"
#include "subscriptionpages.h"

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
    for (const store::ProcessRecord &p : store::ProcessRepository(database).list(filter)) {
        ++card.count;
        if (card.items.size() < ItemsPerCard)
            card.items.append(StartCardItem {StartCardItem::Kind::Process, p.id, p.workflowName,
                                             toText(p.status), true, p.lastModifiedAt});
    }
    if (card.count > CountWindow) {
        card.count = CountWindow;
        card.countIsLowerBound = true;
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
        card.items.append(StartCardItem {
            StartCardItem::Kind::Subscription, s.value(u"subscription_id").toString(),
            s.value(u"description").toString(), s.value(u"status").toString(),
            s.value(u"insync").toBool(), s.value(u"last_modified_at").toString()});
    }
    return card;
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
