#pragma once
// The workflow DSL: steps and step lists composed with `begin >> stepA >> stepB`.
//
//   const StepList steps = begin >> init() >> step(u"Register node"_s, registerNode)
//                              >> conditional(hasVlan)(step(u"Configure VLAN"_s, configureVlan))
//                              >> done();
//
// A step function gets a StepContext and returns the state delta (merged shallowly). Throwing
// fails the step (`step`) or makes the process wait for an automatic retry (`retrystep`).

#include "base/permissions.h"
#include "state.h"
#include "wfo_engine_export.h"

#include "forms/core/formgenerator.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace wfo {

using StepFunction = std::function<QJsonObject(const StepContext &context)>;
using StatePredicate = std::function<bool(const QJsonObject &state)>;

class StepList;

// A callback step (orchestrator-core's callback_step; docs/architecture.md, "Callback steps").
struct CallbackOptions
{
    // Where the callback's JSON body goes in the state.
    QString resultKey = QStringLiteral("callback_result");
    // Where the route the external system posts to goes in the state.
    QString routeKey = QStringLiteral("callback_route");
    // A process awaiting the callback longer fails with "no callback within ..."; 0: never.
    int timeoutSeconds = 0;
};

class WFO_ENGINE_EXPORT Step
{
public:
    enum class Kind {
        Step, // exception -> failed
        RetryStep, // exception -> waiting, retried by task_resume_workflows
        InputStep, // suspends with a form until resumed with valid input
        Group, // sub-steps logged as one row
        Init, // built-in first step
        Done, // built-in last step: completes the process
        Abort, // built-in: aborts the process
        Callback, // runs its action, then awaits a callback; children: action, validation
    };

    Step() = default;
    Step(const QString &name, Kind kind, StepFunction function = {});

    QString name() const { return m_name; }
    Kind kind() const { return m_kind; }
    const StepFunction &function() const { return m_function; }
    const StatePredicate &condition() const { return m_condition; }
    const forms::FormGenerator &form() const { return m_form; }
    const QList<Step> &children() const { return m_children; }
    // A callback step's settings (Kind::Callback only).
    const CallbackOptions &callbackOptions() const;

    // Runs the step only when `predicate` holds for the state; otherwise it is `skipped`.
    Step &onlyIf(const StatePredicate &predicate);
    // Who may resume the process at this step, as orchestrator-core's inputstep
    // resume_auth_callback and retry_auth_callback: submit its form (an input step) or retry it
    // when it failed. The least role; it raises the workflow's retryRole(), never lowers it.
    Step &resumeRole(Role role);
    Role resumeRole() const { return m_resumeRole; }

private:
    friend WFO_ENGINE_EXPORT Step inputstep(const QString &, const forms::FormGenerator &);
    friend WFO_ENGINE_EXPORT Step stepGroup(const QString &, const StepList &);
    friend WFO_ENGINE_EXPORT Step callbackStep(const QString &, const Step &, const Step &,
                                               const CallbackOptions &);

    QString m_name;
    Kind m_kind = Kind::Step;
    StepFunction m_function;
    StatePredicate m_condition;
    forms::FormGenerator m_form;
    QList<Step> m_children;
    std::shared_ptr<const CallbackOptions> m_callback;
    Role m_resumeRole = Role::Viewer;
};

class WFO_ENGINE_EXPORT StepList
{
public:
    StepList() = default;
    const QList<Step> &steps() const { return m_steps; }
    qsizetype size() const { return m_steps.size(); }
    const Step &at(qsizetype index) const { return m_steps.at(index); }
    QStringList names() const;

    StepList &append(const Step &step);
    StepList &append(const StepList &steps);

private:
    QList<Step> m_steps;
};

struct Begin
{
};
inline constexpr Begin begin {};

WFO_ENGINE_EXPORT StepList operator>>(Begin, const Step &step);
WFO_ENGINE_EXPORT StepList operator>>(Begin, const StepList &steps);
WFO_ENGINE_EXPORT StepList operator>>(StepList steps, const Step &step);
WFO_ENGINE_EXPORT StepList operator>>(StepList steps, const StepList &more);

WFO_ENGINE_EXPORT Step step(const QString &name, const StepFunction &function);
WFO_ENGINE_EXPORT Step retrystep(const QString &name, const StepFunction &function);
WFO_ENGINE_EXPORT Step inputstep(const QString &name, const forms::FormGenerator &form);
WFO_ENGINE_EXPORT Step stepGroup(const QString &name, const StepList &steps);
// Runs `action` with `callback_route` in its state (the action hands the route to an external
// system), then the process rests `awaiting_callback` until a POST to the route brings a JSON
// body; the body is merged into the state under `options.resultKey` and `validate` (optional: a
// default Step) checks it. Logged as one step: an `awaiting_callback` row, then its outcome.
WFO_ENGINE_EXPORT Step callbackStep(const QString &name, const Step &action,
                                    const Step &validate = {}, const CallbackOptions &options = {});

// conditional(pred)(step): the step runs when pred(state) holds, else it is skipped.
struct WFO_ENGINE_EXPORT Conditional
{
    StatePredicate predicate;
    Step operator()(Step step) const;
};
WFO_ENGINE_EXPORT Conditional conditional(const StatePredicate &predicate);

WFO_ENGINE_EXPORT Step init();
WFO_ENGINE_EXPORT Step done();
WFO_ENGINE_EXPORT Step abort();

} // namespace wfo
