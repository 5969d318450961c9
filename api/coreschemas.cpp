#include "coreschemas.h"

#include "queries/timetext.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue orNull(const QJsonValue &value)
{
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
}

} // namespace

QJsonValue CoreSchemas::timestamp(const QString &stored)
{
    const QDateTime time = queries::timestampFromText(stored);
    if (!time.isValid())
        return QJsonValue::Null;
    return static_cast<double>(time.toMSecsSinceEpoch()) / 1000.0;
}

QJsonObject CoreSchemas::process(const store::ProcessRecord &process,
                                 const QJsonArray &subscriptions)
{
    return {
        {u"process_id"_s, process.id},
        {u"workflow_name"_s, process.workflowName},
        {u"workflow_target"_s, orNull(process.state.value(u"workflow_target"))},
        {u"is_task"_s, process.isTask},
        {u"created_by"_s, textOrNull(process.createdBy)},
        {u"failed_reason"_s, textOrNull(process.failedReason)},
        {u"started_at"_s, timestamp(process.startedAt)},
        {u"last_status"_s, toText(process.status)},
        {u"last_step"_s, textOrNull(process.lastStep)},
        {u"assignee"_s, process.assignee},
        {u"last_modified_at"_s, timestamp(process.lastModifiedAt)},
        {u"traceback"_s, textOrNull(process.traceback)},
        {u"product_id"_s, orNull(process.state.value(u"product"))},
        {u"customer_id"_s, orNull(process.state.value(u"customer_id"))},
        {u"note"_s, textOrNull(process.note)},
        {u"subscriptions"_s, subscriptions},
    };
}

QJsonObject CoreSchemas::processDetail(const queries::ProcessDetail &detail,
                                       const QJsonArray &subscriptions, const QJsonValue &form)
{
    QJsonObject json = process(detail.process, subscriptions);
    QJsonArray steps;
    for (const store::StepRecord &record : detail.steps)
        steps.append(step(record));
    json.insert(u"steps"_s, steps);
    json.insert(u"current_state"_s, detail.process.state);
    json.insert(u"form"_s, form);
    return json;
}

QJsonObject CoreSchemas::step(const store::StepRecord &step)
{
    QJsonValue error = QJsonValue::Null;
    if (!step.errorMessage.isEmpty() || !step.errorClass.isEmpty())
        error = QJsonObject {{u"class"_s, step.errorClass},
                             {u"message"_s, step.errorMessage},
                             {u"traceback"_s, step.traceback}};
    return {
        {u"step_id"_s, QString::number(step.id)},
        {u"name"_s, step.name},
        {u"status"_s, toText(step.status)},
        {u"created_by"_s, textOrNull(step.createdBy)},
        {u"executed"_s, timestamp(step.completedAt)},
        {u"started"_s, timestamp(step.startedAt)},
        {u"completed"_s, timestamp(step.completedAt)},
        {u"commit_hash"_s, QJsonValue::Null},
        {u"state_delta"_s, step.delta},
        {u"retries"_s, step.retries},
        {u"error"_s, error},
        // Our additions: why an operator skipped it; when a reset rewound it (it then no
        // longer counts).
        {u"reason"_s, textOrNull(step.reason)},
        {u"rewound_at"_s, timestamp(step.rewoundAt)},
    };
}

QJsonObject CoreSchemas::subscription(const QJsonObject &model)
{
    QJsonObject json;
    for (const char *key : {"subscription_id", "description", "status", "insync", "customer_id",
                            "product", "start_date", "end_date", "note", "version"}) {
        const QLatin1StringView name(key);
        json.insert(name, orNull(model.value(name)));
    }
    return json;
}

} // namespace wfo::api
