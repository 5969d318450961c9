#include "processdetailpresenter.h"

#include "common/presentation.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace wfo::console {

QString ProcessDetailPresenter::title(const store::ProcessRecord &process,
                                      const WorkflowPtr &workflow)
{
    return workflow ? u"%1 — %2"_s.arg(process.workflowName, workflow->description())
                    : process.workflowName;
}

QString ProcessDetailPresenter::statusHtml(const store::ProcessRecord &process)
{
    return u"<b style='color:%1'>%2</b>"_s.arg(statusColor(toText(process.status)).name(),
                                               displayName(process.status).toHtmlEscaped());
}

QString ProcessDetailPresenter::statusAccessibleName(const store::ProcessRecord &process)
{
    return tr("Status: %1").arg(displayName(process.status));
}

QString ProcessDetailPresenter::infoHtml(const store::ProcessRecord &process,
                                         const WorkflowPtr &workflow)
{
    QStringList info;
    info << tr("Process <tt>%1</tt>").arg(process.id);
    if (workflow)
        info << tr("target %1").arg(toText(workflow->target()));
    info << tr("created by <b>%1</b> at %2")
                .arg(process.createdBy.toHtmlEscaped(), formatTime(process.startedAt));
    info << tr("last modified %1").arg(formatTime(process.lastModifiedAt));
    if (!process.assignee.isEmpty())
        info << tr("assignee %1").arg(process.assignee.toHtmlEscaped());
    for (const QString &subscription : process.subscriptionIds())
        info << tr("subscription <a href=\"subscription:%1\">%1</a>").arg(subscription);
    return info.join(u" · "_s);
}

bool ProcessDetailPresenter::isRunning(const store::ProcessRecord &process)
{
    return process.status == ProcessStatus::Running || process.status == ProcessStatus::Created
        || process.status == ProcessStatus::Resumed;
}

QString ProcessDetailPresenter::runningStep(const store::ProcessRecord &process)
{
    if (!isRunning(process))
        return QString();
    return process.nextStepName.isEmpty() ? tr("(next step)") : process.nextStepName;
}

} // namespace wfo::console
