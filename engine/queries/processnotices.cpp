#include "processnotices.h"

#include "subscriptionpages.h"

#include "store/processrepository.h"
#include "store/timestamps.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::queries {

QList<ProcessNotice> ProcessNoticeQuery::changedSince(const store::Database &database,
                                                      const QString &actor, const QString &since,
                                                      int limit)
{
    store::ProcessFilter filter;
    filter.createdBy = actor;
    filter.limit = limit;
    QList<ProcessNotice> notices;
    QHash<QString, QString> subscriptionOf; // process id -> subscription id
    for (const store::ProcessRecord &p : store::ProcessRepository(database).list(filter)) {
        if (p.lastModifiedAt <= since)
            break; // newest change first: the rest is older
        ProcessNotice notice;
        notice.id = p.id;
        notice.workflow = p.workflowName;
        notice.status = toText(p.status);
        notice.createdBy = p.createdBy;
        notice.startedAt = p.startedAt;
        notice.lastModifiedAt = p.lastModifiedAt;
        notice.isTask = p.isTask;
        const QDateTime started = store::Timestamps::fromText(p.startedAt);
        const QDateTime changed = store::Timestamps::fromText(p.lastModifiedAt);
        if (started.isValid() && changed.isValid())
            notice.runMs = started.msecsTo(changed);
        const QStringList ids = p.subscriptionIds();
        if (!ids.isEmpty())
            subscriptionOf.insert(p.id, ids.first());
        notices.append(notice);
    }
    if (!subscriptionOf.isEmpty()) {
        QStringList ids = subscriptionOf.values();
        ids.removeDuplicates();
        SubscriptionFilter byId;
        byId.search = u"id:(%1)"_s.arg(ids.join(u'|'));
        byId.limit = int(ids.size());
        QHash<QString, QString> descriptions;
        for (const QJsonValue &value : SubscriptionPageQuery::page(database, byId)) {
            const QJsonObject s = value.toObject();
            descriptions.insert(s.value(u"subscription_id").toString(),
                                s.value(u"description").toString());
        }
        for (ProcessNotice &notice : notices)
            notice.subscription = descriptions.value(subscriptionOf.value(notice.id));
    }
    return notices;
}

QString ProcessNoticeQuery::now()
{
    return store::Timestamps::now();
}

} // namespace wfo::queries
