#pragma once
// A workflow: a named, targeted list of steps with an optional initial form. Descriptions are
// kept as untranslated source text (mark them with QT_TRANSLATE_NOOP("wfo::workflows", ...))
// and translated when shown, so the catalogue in the database stays language-neutral.

#include "base/permissions.h"
#include "base/status.h"
#include "step.h"
#include "wfo_engine_export.h"

#include "forms/core/formgenerator.h"

#include <QString>

#include <memory>

namespace wfo {

class WFO_ENGINE_EXPORT Workflow
{
public:
    Workflow(const QString &name, Target target, const char *description, const StepList &steps);

    // A task: init >> steps >> done, target SYSTEM.
    static Workflow task(const QString &name, const char *description, const StepList &steps);

    Workflow &initialForm(const forms::FormGenerator &form);
    Workflow &isTask(bool task);
    // Who may start it, and who may resume or retry its processes (orchestrator-core's
    // authorize_callback and retry_auth_callback): the least role; by default an operator.
    Workflow &startRole(Role role);
    Workflow &retryRole(Role role);

    QString name() const { return m_name; }
    Target target() const { return m_target; }
    bool isTask() const { return m_isTask; }
    Role startRole() const { return m_startRole; }
    Role retryRole() const { return m_retryRole; }
    QString descriptionSource() const { return QString::fromUtf8(m_description); }
    QString description() const; // translated
    const StepList &steps() const { return m_steps; }
    const forms::FormGenerator &initialForm() const { return m_initialForm; }

    // Index of the first step with this name, or -1.
    int indexOf(const QString &stepName) const;
    // The least role that may resume or retry a process whose next step is `stepIndex`: the
    // workflow's retryRole(), raised by that step's own resumeRole() (an index outside the
    // steps: the workflow's alone).
    Role resumeRoleAt(int stepIndex) const;

private:
    QString m_name;
    Target m_target;
    QByteArray m_description;
    StepList m_steps;
    forms::FormGenerator m_initialForm;
    bool m_isTask = false;
    Role m_startRole = Role::Operator;
    Role m_retryRole = Role::Operator;
};

using WorkflowPtr = std::shared_ptr<const Workflow>;

} // namespace wfo
