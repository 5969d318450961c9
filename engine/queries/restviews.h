#pragma once
// Reads the REST API (api/, docs/api.md) needs beyond the console's: the status counts of
// processes and tasks, subscription models by id, and the products a create workflow serves
// (its first form page). Shapes are orchestrator-core's where the API returns them as they are.

#include "wfo_engine_export.h"

#include "store/database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace wfo::queries {

class WFO_ENGINE_EXPORT RestViews
{
public:
    // {process_counts: {status: n}, task_counts: {status: n}}; statuses without any process
    // are left out, as orchestrator-core does.
    static QJsonObject statusCounts(const store::Database &database);
    // The model of a subscription ({subscription_id, product:{...}, customer_id, description,
    // status, insync, start_date, end_date, note, version, <block attribute>: {...}}).
    static std::optional<QJsonObject> subscriptionModel(const store::Database &database,
                                                        const QString &subscriptionId);
    // [{product_id, name, tag, status, description}] of the products `workflow` is linked to.
    static QJsonArray productsOfWorkflow(const store::Database &database, const QString &workflow);
    // The rows of a subscription search (see subscriptionpages.h), and how many there are.
    static QJsonArray searchSubscriptions(const store::Database &database, const QString &search,
                                          int offset, int limit, qint64 *total);
};

} // namespace wfo::queries
