#pragma once
// The operators' search syntax (searchsyntax.h) on processes, as a parameterised SQL condition
// on the processes table (unaliased, as ProcessRepository reads it):
//   free text                 workflow, process id, status, step, who started it, the failure
//                             reason, and the description, customer and id of its subscriptions
//   status:failed             workflow:validate*   step:"Check NSO"   creator:erin
//   id:…  assignee:…  task:true  target:modify  reason:timeout (a part of the failure reason)
//   subscription:…            a part of the description or id of one of its subscriptions
//   customer:…  product:…  tag:…  description:…  subscription_id:…  (its subscriptions', as in
//                             the subscription search)
// Values are case-insensitive and literal; value* is a prefix match; -term negates; unknown
// fields are free text. Subscriptions are reached through processes_subscriptions, so a
// condition on them reads the subscription indexes first and names the processes found.

#include "subscriptionsearch.h"
#include "wfo_engine_export.h"

#include <QStringList>

namespace wfo::store {

class WFO_ENGINE_EXPORT ProcessSearch
{
public:
    // Throws StoreError when the query is beyond SearchSyntax's limits.
    static SqlCondition toSql(const QString &query, const SqlDialect &dialect,
                              const QString &parameterPrefix = u"ps"_qs);
    static QStringList fields();
};

} // namespace wfo::store
