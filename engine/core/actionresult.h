#pragma once
// Requests an operator (GUI or CLI) makes of the engine, and what comes back.

#include "base/permissions.h"
#include "extension.h"
#include "wfo_engine_export.h"

#include "forms/core/formgenerator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <optional>

namespace wfo {

// Who asks for an action, and from where: every action of the action side carries one
// (docs/architecture.md, "The action side"). Made from a bare name it is that operator, with
// the origin and host of the engine that performs the action.
struct Actor
{
    Actor() = default;
    Actor(const QString &operatorName) // implicit: most callers only know the name
        : name(operatorName)
    { }

    QString name = QStringLiteral("SYSTEM");
    QString origin; // "console", "cli", "rest" or "system"; empty: the engine's own
    QString host; // the client's address or machine; empty: this machine
};

struct StartRequest
{
    QString workflow;
    // Answers for the initial form: one object per page (user_inputs) or one object whose keys
    // are split across pages by field name.
    QJsonArray userInputs;
    std::optional<QJsonObject> inputObject;
    QJsonObject initialState; // e.g. product, subscription_id
    Actor actor;
    bool detach = false; // queue for any engine instead of running it here
};

struct ResumeRequest
{
    QJsonArray userInputs;
    std::optional<QJsonObject> inputObject;
    Actor actor;
    bool detach = false;
};

// Rewind a process to an earlier step: its state becomes the state before that step (rebuilt
// from the step log), the log rows from there on are kept and marked rewound, and it runs again
// from that step.
struct ResetRequest
{
    int toStep = -1; // the step's index in the workflow (0-based; `show` prints it 1-based)
    QString toStepName; // or its name, when toStep is -1
    Actor actor;
    bool detach = false;
};

// Skip the failed step a process stopped at: logged as skipped with the reason, and the
// process goes on with the next step.
struct SkipRequest
{
    QString reason; // required
    Actor actor;
    bool detach = false;
};

// A callback to a process awaiting one (docs/architecture.md, "Callback steps"): the token
// of its route authenticates the caller; `body` is the posted JSON (an object for the
// callback, any JSON value for progress).
struct CallbackRequest
{
    QString token;
    QJsonValue body;
    Actor actor;
    bool detach = false;
};

// Add an operator or change one; `change` names the audited action ("add", "set", "disable").
struct OperatorChange
{
    QString userName;
    QString displayName;
    Role role = Role::Viewer;
    bool enabled = true;
    QString change;
    Actor actor;
};

// Add a schedule or change one; `change` names the audited action ("add", "set", "enable",
// "disable"). Empty fields of a "set" keep their value.
struct ScheduleChange
{
    QString id; // "add" without one: made from the workflow's name ("task-clean-up-tasks-2")
    QString name;
    QString workflow;
    QString triggerKind; // "cron", "interval", "once"
    QString trigger; // the cron expression, the duration, or the date and time
    QString timeZone; // IANA id; empty: the engine's own zone
    std::optional<bool> enabled;
    QString change;
    Actor actor;
};

// A bearer token for the REST API that acts as `userName` (docs/api.md, "Authentication").
struct TokenRequest
{
    QString userName;
    QString description;
    int expiresDays = 0; // 0: never expires
    Actor actor;
};

struct WFO_ENGINE_EXPORT ActionResult
{
    enum class Outcome {
        Ok,
        UnknownWorkflow,
        UnknownProcess,
        NotAllowed, // e.g. resuming a process that is not resumable
        NeedsInput, // `form` holds the page to answer
        InvalidInput, // `form` holds the errors
        Blocked, // `refusal` says why
        NotPermitted, // the actor's role does not allow it; `refusal` says which role does
        Failed, // the store or a form failed; `message` says why
    };
    Outcome outcome = Outcome::Ok;
    QString processId;
    QString message;
    forms::FormResult form;
    Refusal refusal;
    QString tokenId; // createToken: the new token's id
    QString scheduleId; // saveSchedule: the schedule's id (made up for an "add" without one)
    QString secret; // createToken: the token itself, shown this once and never stored

    bool ok() const { return outcome == Outcome::Ok; }
    static ActionResult failure(Outcome outcome, const QString &message);
};

} // namespace wfo

Q_DECLARE_METATYPE(wfo::ActionResult)
