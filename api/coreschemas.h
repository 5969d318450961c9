#pragma once
// Our records in orchestrator-core's JSON shapes (its schemas/process.py and
// schemas/subscription.py): field names as core spells them, timestamps as seconds since the
// epoch (core's OrchestratorBaseModel encodes datetimes so), absent values as null.

#include "wfo_api_export.h"

#include "queries/processdetail.h"
#include "store/records.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace wfo::api {

class WFO_API_EXPORT CoreSchemas
{
public:
    // A stored timestamp ("2026-12-01T02:47:33.123Z") as epoch seconds; null when empty.
    static QJsonValue timestamp(const QString &stored);
    // ProcessSchema without steps, current_state and form (the list's rows); `subscriptions`
    // are subscription JSONs (subscription()).
    static QJsonObject process(const store::ProcessRecord &process,
                               const QJsonArray &subscriptions);
    // ProcessSchema with steps and current_state, and `form` (null unless it waits for input).
    static QJsonObject processDetail(const queries::ProcessDetail &detail,
                                     const QJsonArray &subscriptions, const QJsonValue &form);
    // ProcessStepSchema: {step_id, name, status, created_by, executed, started, completed,
    // state_delta, retries, error}.
    static QJsonObject step(const store::StepRecord &step);
    // SubscriptionSchema of a model: {subscription_id, description, status, insync,
    // customer_id, product:{...}, start_date, end_date, note, version}.
    static QJsonObject subscription(const QJsonObject &model);
};

} // namespace wfo::api
