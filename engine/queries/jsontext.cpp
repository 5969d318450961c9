#include "jsontext.h"

#include "store/subscriptionrepository.h"

namespace wfo::queries {

QString jsonText(const QJsonValue &value)
{
    // Resource values are stored in exactly this text form; showing them the same way keeps
    // one spelling of "a JSON scalar as text".
    return value.isUndefined() ? QString() : store::SubscriptionRepository::encodeValue(value);
}

} // namespace wfo::queries
