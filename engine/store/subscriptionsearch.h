#pragma once
// The search syntax operators know from the web UI, turned into a parameterised SQL condition
// on the subscriptions table (aliased `s`, products `p`):
//   free text             matches id, description, customer, product name, tag and status
//   field:value           status:active  customer:acme  product:"Node Enrollment"
//   field:(a|b)           any of the values
//   -field:value, -text   negation
//   value*                prefix match
// Case-insensitive. Unknown fields are treated as free text.

#include "wfo_engine_export.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace wfo::store {

struct SqlCondition
{
    QString sql; // empty when there is nothing to filter
    QVariantMap values;
};

class WFO_ENGINE_EXPORT SubscriptionSearch
{
public:
    static SqlCondition toSql(const QString &query, const QString &parameterPrefix = u"q"_qs);
    static QStringList fields();
};

} // namespace wfo::store
