#pragma once
// How the read side recognises the product blocks inside a subscription model (the JSON shape of
// store/subscriptionrepository.h): a block is an object with a subscription_instance_id; its
// other keys are either identity (name, label, owner) or resource values and nested blocks.

#include "wfo_engine_export.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace wfo::queries {

class WFO_ENGINE_EXPORT SubscriptionBlocks
{
public:
    // The one place the read side spells the key.
    static QString instanceIdKey();
    static QString instanceId(const QJsonObject &block);
    static bool isBlock(const QJsonValue &value);
    // subscription_instance_id, owner_subscription_id, name and label: what identifies a
    // block rather than describes it.
    static bool isIdentityKey(const QString &key);
    // The top-level blocks of a model by attribute (the product is not a block).
    static QJsonObject blocksOf(const QJsonObject &model);
};

} // namespace wfo::queries
