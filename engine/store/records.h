#pragma once
// Plain rows of the engine's tables, as repositories read and write them.

#include "base/status.h"
#include "wfo_engine_export.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace wfo::store {

struct WFO_ENGINE_EXPORT ProcessRecord
{
    QString id;
    QString workflowName;
    bool isTask = false;
    ProcessStatus status = ProcessStatus::Created;
    QString lastStep;
    std::optional<StepStatus> lastStatus;
    int nextStep = 0;
    int nextSubStep = 0;
    QString nextStepName;
    QJsonObject state;
    std::optional<QJsonObject> pendingInput;
    QString failedReason;
    QString traceback;
    QString assignee = QStringLiteral("SYSTEM");
    QString createdBy;
    QString runBy;
    QString startedAt;
    QString lastModifiedAt;
    QString note;
    QString claimedBy;
    bool abortRequested = false;

    // Subscription ids the process touches (`subscription_id` and `subscription.subscription_id`
    // of the state).
    QStringList subscriptionIds() const;
};

struct WFO_ENGINE_EXPORT StepRecord
{
    qint64 id = 0;
    QString processId;
    int index = 0;
    QString name;
    StepStatus status = StepStatus::Success;
    QJsonObject delta;
    QString createdBy;
    QString startedAt;
    QString completedAt;
    int retries = 0;
    QString errorClass;
    QString errorMessage;
    QString traceback;
    QString reason; // why an operator skipped the step
    QString rewoundAt; // when a reset rewound the process to before this row; empty: it counts
};

// The compact JSON text of an object, rendered ahead of the transaction that stores it. A group
// of steps is written by one thread (docs/architecture.md, "Group commit"): what each runner
// renders before it queues its step is work that thread does not do.
class WFO_ENGINE_EXPORT JsonText
{
public:
    JsonText() = default;
    explicit JsonText(const QJsonObject &object); // renders it now

    // The text of `object`: the one rendered ahead while `object` still equals the object it
    // was rendered from (an extension may change a step's state while it is written), else
    // rendered now. An unchanged object shares its data with the kept copy, and the two
    // compare at once.
    QString of(const QJsonObject &object) const;

    static QString render(const QJsonObject &object);

private:
    QJsonObject m_object;
    QString m_text;
    bool m_rendered = false;
};

struct WFO_ENGINE_EXPORT EngineInstanceRecord
{
    QString id;
    QString hostname;
    qint64 pid = 0;
    QString kind; // "console", "worker", "ctl"
    int threads = 0;
    QString startedAt;
    QString heartbeatAt;
};

} // namespace wfo::store

Q_DECLARE_METATYPE(wfo::store::ProcessRecord)
Q_DECLARE_METATYPE(wfo::store::StepRecord)
