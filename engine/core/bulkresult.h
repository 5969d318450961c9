#pragma once
// Bulk operations of the action side (docs/architecture.md, "The action side"): one workflow
// started on many subscriptions, or one action on many processes, as one audited action whose
// audit row lists its processes. What each asks for and what comes back: per subscription or
// process, whether it was done and, when not, why (the workflow constraints' reason, the
// process's state, the role).

#include "actionresult.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace wfo {

struct BulkStartRequest
{
    QString workflow;
    QStringList subscriptionIds;
    // The same answers for every subscription's initial form, if the workflow has one.
    std::optional<QJsonObject> inputObject;
    Actor actor;
    // Only say which subscriptions can run the workflow and why the others cannot; start
    // nothing and write nothing.
    bool preview = false;
    bool detach = false; // queue for any engine instead of running them here
};

// One subscription or process of a bulk operation.
struct BulkItem
{
    QString id; // the subscription (bulk start) or the process
    QString processId; // the process started, retried or aborted; empty in a preview
    QString code; // why not: the refusal code ("subscription.not_in_sync", "process.not_failed")
    QString message; // why not, translated
    QJsonObject details; // the refusal's details (usable_when, ...)
};

struct WFO_ENGINE_EXPORT BulkResult
{
    // Ok when the operation as a whole was taken (even if some items could not be); otherwise
    // the reason it was not (NotPermitted, UnknownWorkflow, Failed) in `message`/`refusal`.
    ActionResult::Outcome outcome = ActionResult::Outcome::Ok;
    QString message;
    Refusal refusal;
    QString bulkId; // the audit row's target id; empty in a preview or when nothing was done
    QList<BulkItem> done; // started, retried or aborted (in a preview: those that can start)
    QList<BulkItem> refused; // those that cannot, with why
    // Processes aborted at once (they were at rest); the others were asked to stop.
    QStringList abortedNow;

    bool ok() const { return outcome == ActionResult::Outcome::Ok; }
    QStringList processIds() const;
    // The operation's own outcome as a single action's (for a refusal of the whole).
    ActionResult asAction() const;
    QJsonObject toJson() const;
};

} // namespace wfo
