#include "workflow.h"

#include <QCoreApplication>

#include <algorithm>

namespace wfo {

Workflow::Workflow(const QString &name, Target target, const char *description,
                   const StepList &steps)
    : m_name(name)
    , m_target(target)
    , m_description(description)
    , m_steps(steps)
{ }

Workflow Workflow::task(const QString &name, const char *description, const StepList &steps)
{
    Workflow workflow(name, Target::System, description, begin >> init() >> steps >> done());
    workflow.m_isTask = true;
    return workflow;
}

Workflow &Workflow::initialForm(const forms::FormGenerator &form)
{
    m_initialForm = form;
    return *this;
}

Workflow &Workflow::isTask(bool task)
{
    m_isTask = task;
    return *this;
}

Workflow &Workflow::startRole(Role role)
{
    m_startRole = role;
    return *this;
}

Workflow &Workflow::retryRole(Role role)
{
    m_retryRole = role;
    return *this;
}

QString Workflow::description() const
{
    return QCoreApplication::translate("wfo::workflows", m_description.constData());
}

int Workflow::indexOf(const QString &stepName) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).name() == stepName)
            return i;
    }
    return -1;
}

Role Workflow::resumeRoleAt(int stepIndex) const
{
    if (stepIndex < 0 || stepIndex >= m_steps.size())
        return m_retryRole;
    return std::max(m_retryRole, m_steps.at(stepIndex).resumeRole());
}

} // namespace wfo
