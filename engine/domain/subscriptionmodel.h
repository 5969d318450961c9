#pragma once
// Helpers for steps that build and change subscription models (JSON objects, see
// store/subscriptionrepository.h for the shape). A step returns the changed model under
// "subscription" (or any key); the engine saves it in the step's own transaction.

#include "base/lifecycle.h"
#include "wfo_engine_export.h"

#include "core/state.h"

#include <QJsonObject>
#include <QString>

namespace wfo::subscriptions {

// A new subscription of `productId` (status initial, not in sync) with a fresh id.
WFO_ENGINE_EXPORT QJsonObject create(const StepContext &context, const QString &productId,
                                     const QString &customerId);
// A new block instance of product block `blockName`, with a fresh instance id.
WFO_ENGINE_EXPORT QJsonObject newBlock(const QString &blockName, const QJsonObject &resources = {});
// The stored subscription; throws StepError when there is none.
WFO_ENGINE_EXPORT QJsonObject load(const StepContext &context, const QString &subscriptionId);
// The subscription of the state ("subscription"), else the stored one of "subscription_id".
WFO_ENGINE_EXPORT QJsonObject current(const StepContext &context);

} // namespace wfo::subscriptions
