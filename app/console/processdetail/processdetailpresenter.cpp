#include "processdetailpresenter.h"

#include "common/presentation.h"

#include "queries/timetext.h"

#include <QJsonDocument>
#include <QLocale>
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

QString ProcessDetailPresenter::callbackHtml(const queries::AwaitedCallback &callback)
{
    QString progress;
    if (callback.progress.isUndefined() || callback.progress.isNull())
        progress = tr("none reported yet");
    else if (callback.progress.isString())
        progress = callback.progress.toString();
    else if (callback.progress.isObject())
        progress = QString::fromUtf8(
            QJsonDocument(callback.progress.toObject()).toJson(QJsonDocument::Compact));
    else
        progress = callback.progress.toVariant().toString();
    const QString deadline = callback.deadline.isEmpty()
        ? tr("none: it waits until called back or aborted")
        : QLocale().toString(queries::timestampFromText(callback.deadline).toLocalTime(),
                             QLocale::ShortFormat);
    return tr("<b>Awaiting a callback</b> at step %1<br>Route: <code>%2</code><br>"
              "Progress: %3<br>Deadline: %4")
        .arg(callback.step.toHtmlEscaped(), callback.route.toHtmlEscaped(),
             progress.toHtmlEscaped(), deadline.toHtmlEscaped());
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
