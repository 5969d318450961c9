#include "subscriptionblocks.h"

using namespace Qt::StringLiterals;

namespace wfo::queries {

QString SubscriptionBlocks::instanceIdKey()
{
    return u"subscription_instance_id"_s;
}

QString SubscriptionBlocks::instanceId(const QJsonObject &block)
{
    return block.value(instanceIdKey()).toString();
}

bool SubscriptionBlocks::isBlock(const QJsonValue &value)
{
    return value.isObject() && value.toObject().contains(instanceIdKey());
}

bool SubscriptionBlocks::isIdentityKey(const QString &key)
{
    return key == instanceIdKey() || key == "owner_subscription_id"_L1 || key == "name"_L1
        || key == "label"_L1;
}

QJsonObject SubscriptionBlocks::blocksOf(const QJsonObject &model)
{
    QJsonObject blocks;
    for (auto it = model.begin(); it != model.end(); ++it) {
        if (it.key() != "product"_L1 && isBlock(it.value()))
            blocks.insert(it.key(), it.value());
    }
    return blocks;
}

} // namespace wfo::queries
