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

QJsonObject StepRecord::toJson() const
{
    QJsonObject error;
    if (!errorMessage.isEmpty() || !errorClass.isEmpty()) {
        error = QJsonObject {
            {u"class"_s, errorClass}, {u"message"_s, errorMessage}, {u"traceback"_s, traceback}};
    }
    return QJsonObject {
        {u"name"_s, name},
        {u"status"_s, wfo::toText(status)},
        {u"started_at"_s, startedAt},
        {u"completed_at"_s, completedAt},
        {u"state_delta"_s, delta},
        {u"retries"_s, retries},
        {u"error"_s, error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)},
    };
}

QJsonObject toJson(const ProcessRecord &process, const QList<StepRecord> &steps)
{
    QJsonArray stepArray;
    for (const StepRecord &step : steps)
        stepArray.append(step.toJson());
    QJsonArray subscriptions;
    for (const QString &id : process.subscriptionIds())
        subscriptions.append(id);
    auto nullable = [](const QString &text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    return QJsonObject {
        {u"id"_s, process.id},
        {u"workflow"_s, process.workflowName},
        {u"status"_s, wfo::toText(process.status)},
        {u"last_step"_s, nullable(process.lastStep)},
        {u"created_by"_s, process.createdBy},
        {u"started_at"_s, process.startedAt},
        {u"last_modified_at"_s, process.lastModifiedAt},
        {u"failed_reason"_s, nullable(process.failedReason)},
        {u"is_task"_s, process.isTask},
        {u"assignee"_s, process.assignee},
        {u"subscriptions"_s, subscriptions},
        {u"steps"_s, stepArray},
    };
}

} // namespace wfo::store
