#include "restviews.h"

#include "processpages.h"
#include "subscriptionpages.h"

#include "base/status.h"
#include "store/subscriptionrepository.h"

using namespace Qt::StringLiterals;

namespace wfo::queries {

QJsonObject RestViews::statusCounts(const store::Database &database)
{
    // One count per status and kind: a handful of indexed counts, no new statement.
    constexpr ProcessStatus statuses[] = {
        ProcessStatus::Created,   ProcessStatus::Running,          ProcessStatus::Suspended,
        ProcessStatus::Waiting,   ProcessStatus::AwaitingCallback, ProcessStatus::Aborted,
        ProcessStatus::Failed,    ProcessStatus::ApiUnavailable,   ProcessStatus::InconsistentData,
        ProcessStatus::Completed, ProcessStatus::Resumed};
    QJsonObject processes;
    QJsonObject tasks;
    for (const bool isTask : {false, true}) {
        for (const ProcessStatus status : statuses) {
            ProcessFilter filter;
            filter.statuses = {toText(status)};
            filter.isTask = isTask;
            const qint64 count = ProcessPageQuery::count(database, filter);
            if (count > 0)
                (isTask ? tasks : processes).insert(toText(status), count);
        }
    }
    return {{u"process_counts"_s, processes}, {u"task_counts"_s, tasks}};
}

std::optional<QJsonObject> RestViews::subscriptionModel(const store::Database &database,
                                                        const QString &subscriptionId)
{
    return store::SubscriptionRepository(database).load(subscriptionId);
}

QJsonArray RestViews::productsOfWorkflow(const store::Database &database, const QString &workflow)
{
    store::SubscriptionRepository repository(database);
    QJsonArray products;
    for (const QString &id : repository.productsOfWorkflow(workflow)) {
        const std::optional<QJsonObject> product = repository.findProduct(id);
        if (!product)
            continue;
        QJsonObject row;
        for (const char *key : {"product_id", "name", "tag", "status", "description"})
            row.insert(QLatin1StringView(key), product->value(QLatin1StringView(key)));
        products.append(row);
    }
    return products;
}

QJsonArray RestViews::searchSubscriptions(const store::Database &database, const QString &search,
                                          int offset, int limit, qint64 *total)
{
    SubscriptionFilter filter;
    filter.search = search;
    filter.offset = offset;
    filter.limit = limit;
    if (total)
        *total = SubscriptionPageQuery::count(database, filter);
    return SubscriptionPageQuery::page(database, filter);
}

} // namespace wfo::queries
