#pragma once
// Requests an operator (GUI or CLI) makes of the engine, and what comes back.

#include "extension.h"
#include "wfo_engine_export.h"

#include "forms/core/formgenerator.h"

#include <QJsonArray>
#include <QJsonObject>
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

    bool ok() const { return outcome == Outcome::Ok; }
    static ActionResult failure(Outcome outcome, const QString &message);
};

} // namespace wfo

Q_DECLARE_METATYPE(wfo::ActionResult)
