#include "step.h"

using namespace Qt::StringLiterals;

namespace wfo {

Step::Step(const QString &name, Kind kind, StepFunction function)
    : m_name(name)
    , m_kind(kind)
    , m_function(std::move(function))
{ }

Step &Step::onlyIf(const StatePredicate &predicate)
{
    m_condition = predicate;
    return *this;
}

Step &Step::resumeRole(Role role)
{
    m_resumeRole = role;
    return *this;
}

QStringList StepList::names() const
{
    QStringList names;
    for (const Step &step : m_steps)
        names.append(step.name());
    return names;
}

StepList &StepList::append(const Step &step)
{
    m_steps.append(step);
    return *this;
}

StepList &StepList::append(const StepList &steps)
{
    m_steps.append(steps.m_steps);
    return *this;
}

StepList operator>>(Begin, const Step &step)
{
    return StepList().append(step);
}

StepList operator>>(Begin, const StepList &steps)
{
    return steps;
}

StepList operator>>(StepList steps, const Step &step)
{
    return std::move(steps.append(step));
}

StepList operator>>(StepList steps, const StepList &more)
{
    return std::move(steps.append(more));
}

Step step(const QString &name, const StepFunction &function)
{
    return Step(name, Step::Kind::Step, function);
}

Step retrystep(const QString &name, const StepFunction &function)
{
    return Step(name, Step::Kind::RetryStep, function);
}

Step inputstep(const QString &name, const forms::FormGenerator &form)
{
    Step s(name, Step::Kind::InputStep);
    s.m_form = form;
    return s;
}

Step stepGroup(const QString &name, const StepList &steps)
{
    Step s(name, Step::Kind::Group);
    s.m_children = steps.steps();
    return s;
}

const CallbackOptions &Step::callbackOptions() const
{
    static const CallbackOptions none;
    return m_callback ? *m_callback : none;
}

Step callbackStep(const QString &name, const Step &action, const Step &validate,
                  const CallbackOptions &options)
{
    Step s(name, Step::Kind::Callback);
    s.m_children = {action, validate};
    s.m_callback = std::make_shared<const CallbackOptions>(options);
    return s;
}

Step Conditional::operator()(Step step) const
{
    return std::move(step.onlyIf(predicate));
}

Conditional conditional(const StatePredicate &predicate)
{
    return Conditional {predicate};
}

Step init()
{
    return Step(u"Start"_s, Step::Kind::Init, [](const StepContext &) { return QJsonObject(); });
}

Step done()
{
    return Step(u"Done"_s, Step::Kind::Done, [](const StepContext &) { return QJsonObject(); });
}

Step abort()
{
    return Step(u"Abort"_s, Step::Kind::Abort, [](const StepContext &) { return QJsonObject(); });
}

} // namespace wfo
