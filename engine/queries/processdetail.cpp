#include "processdetail.h"

#include "core/callbacks.h"
#include "store/processrepository.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::queries {

namespace {

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject ProcessDetail::stepJson(const store::StepRecord &step)
{
    QJsonObject error;
    if (!step.errorMessage.isEmpty() || !step.errorClass.isEmpty()) {
        error = QJsonObject {{u"class"_s, step.errorClass},
                             {u"message"_s, step.errorMessage},
                             {u"traceback"_s, step.traceback}};
    }
    return QJsonObject {
        {u"name"_s, step.name},
        {u"status"_s, toText(step.status)},
        {u"started_at"_s, step.startedAt},
        {u"completed_at"_s, step.completedAt},
        {u"state_delta"_s, step.delta},
        {u"retries"_s, step.retries},
        {u"error"_s, error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)},
        {u"created_by"_s, step.createdBy},
        {u"reason"_s, step.reason.isEmpty() ? QJsonValue(QJsonValue::Null) : step.reason},
        {u"rewound_at"_s, step.rewoundAt.isEmpty() ? QJsonValue(QJsonValue::Null) : step.rewoundAt},
    };
}

QJsonObject AwaitedCallback::toJson() const
{
    return QJsonObject {
        {u"step"_s, step},
        {u"route"_s, route},
        {u"progress"_s, progress.isUndefined() ? QJsonValue(QJsonValue::Null) : progress},
        {u"deadline"_s, nullable(deadline)},
        {u"timeout_seconds"_s,
         timeoutSeconds > 0 ? QJsonValue(timeoutSeconds) : QJsonValue(QJsonValue::Null)},
    };
}

std::optional<AwaitedCallback> ProcessDetail::callback() const
{
    if (process.status != ProcessStatus::AwaitingCallback)
        return std::nullopt;
    const QJsonObject &state = process.state;
    const QString routeKey = state.value(Callbacks::RouteKeyKey).toString(u"callback_route"_s);
    return AwaitedCallback {
        process.nextStepName, state.value(routeKey).toString(), state.value(Callbacks::ProgressKey),
        state.value(Callbacks::DeadlineKey).toString(), state.value(Callbacks::TimeoutKey).toInt()};
}

QJsonObject ProcessDetail::toJson() const
{
    QJsonArray stepArray;
    for (const store::StepRecord &step : steps)
        stepArray.append(stepJson(step));
    QJsonObject json {
        {u"id"_s, process.id},
        {u"workflow"_s, process.workflowName},
        {u"status"_s, toText(process.status)},
        {u"last_step"_s, nullable(process.lastStep)},
        {u"created_by"_s, process.createdBy},
        {u"started_at"_s, process.startedAt},
        {u"last_modified_at"_s, process.lastModifiedAt},
        {u"failed_reason"_s, nullable(process.failedReason)},
        {u"is_task"_s, process.isTask},
        {u"assignee"_s, process.assignee},
        {u"subscriptions"_s, QJsonArray::fromStringList(process.subscriptionIds())},
        {u"steps"_s, stepArray},
    };
    if (const std::optional<AwaitedCallback> awaited = callback())
        json.insert(u"callback"_s, awaited->toJson());
    return json;
}

std::optional<ProcessDetail> ProcessDetailQuery::load(const store::Database &database,
                                                      const QString &processId)
{
    store::ProcessRepository repository(database);
    std::optional<store::ProcessRecord> process = repository.find(processId);
    if (!process)
        return std::nullopt;
    return ProcessDetail {std::move(*process), repository.steps(processId)};
}

} // namespace wfo::queries
