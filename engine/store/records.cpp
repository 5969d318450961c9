#include "records.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::store {

QStringList ProcessRecord::subscriptionIds() const
{
    QStringList ids;
    auto add = [&ids](const QJsonValue &value) {
        const QString id = value.toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    };
    add(state.value(u"subscription_id"));
    add(state.value(u"subscription").toObject().value(u"subscription_id"));
    for (const QJsonValue &value : state.value(u"subscription_ids").toArray())
        add(value);
    return ids;
}

} // namespace wfo::store
