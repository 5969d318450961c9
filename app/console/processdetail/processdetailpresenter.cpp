#include "processdetailpresenter.h"

#include "common/presentation.h"

#include "queries/timetext.h"

#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
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
    // Ids are for tickets and scripts, not for reading: the id is in the tooltip, and a
    // subscription is named by its description where the state has it.
    if (workflow)
        info << tr("target %1").arg(targetText(workflow->target()));
    info << tr("created by <b>%1</b> at %2")
                .arg(process.createdBy.toHtmlEscaped(), formatTime(process.startedAt));
    info << tr("last modified %1").arg(formatTime(process.lastModifiedAt));
    if (!process.assignee.isEmpty())
        info << tr("assignee %1").arg(process.assignee.toHtmlEscaped());
    for (const QString &subscription : process.subscriptionIds())
        info << tr("subscription <a href=\"subscription:%1\">%2</a>")
                    .arg(subscription, subscriptionName(process, subscription).toHtmlEscaped());
    return info.join(u" · "_s);
}

QString ProcessDetailPresenter::subscriptionName(const store::ProcessRecord &process,
                                                 const QString &subscriptionId)
{
    const QJsonObject subscription = process.state.value(u"subscription").toObject();
    if (subscription.value(u"subscription_id").toString() == subscriptionId) {
        const QString description = subscription.value(u"description").toString();
        if (!description.isEmpty())
            return description;
    }
    const QString described = process.state.value(u"subscription_description").toString();
    if (!described.isEmpty()
        && process.state.value(u"subscription_id").toString() == subscriptionId)
        return described;
    return subscriptionId.left(8) + u'…';
}

QString ProcessDetailPresenter::infoToolTip(const store::ProcessRecord &process)
{
    QStringList lines {tr("Process id: %1").arg(process.id)};
    for (const QString &subscription : process.subscriptionIds())
        lines << tr("Subscription id: %1").arg(subscription);
    return lines.join(u'\n');
}

QString ProcessDetailPresenter::ticketText(const store::ProcessRecord &process,
                                           const WorkflowPtr &workflow,
                                           const QList<store::StepRecord> &steps)
{
    QStringList lines;
    lines << tr("Process: %1").arg(title(process, workflow));
    lines << tr("Process id: %1").arg(process.id);
    lines << tr("Status: %1 (%2)").arg(displayName(process.status), toText(process.status));
    if (workflow)
        lines << tr("Target: %1").arg(toText(workflow->target()));
    for (const QString &subscription : process.subscriptionIds())
        lines << tr("Subscription: %1 (%2)")
                     .arg(subscriptionName(process, subscription), subscription);
    lines << tr("Started by %1 at %2; last modified %3")
                 .arg(process.createdBy, process.startedAt, process.lastModifiedAt);
    if (!process.failedReason.isEmpty())
        lines << tr("Failed: %1").arg(process.failedReason);
    for (qsizetype i = steps.size() - 1; i >= 0; --i) {
        const store::StepRecord &step = steps.at(i);
        if (step.status != StepStatus::Failed || !step.rewoundAt.isEmpty())
            continue;
        lines
            << tr("Failed step: %1 '%2' at %3").arg(step.index + 1).arg(step.name, step.startedAt);
        lines << tr("Error: %1: %2").arg(step.errorClass, step.errorMessage);
        break;
    }
    lines << QString() << tr("Steps:");
    for (const store::StepRecord &step : steps)
        lines << u"  %1. %2 — %3 — %4%5"_s.arg(step.index + 1)
                     .arg(step.name, toText(step.status), step.startedAt,
                          step.rewoundAt.isEmpty() ? QString() : tr(" (rewound)"));
    lines << QString() << tr("State:")
          << QString::fromUtf8(QJsonDocument(process.state).toJson(QJsonDocument::Indented));
    if (!process.traceback.isEmpty())
        lines << tr("Traceback:") << tracebackText(process.traceback);
    return lines.join(u'\n');
}

QString ProcessDetailPresenter::compareWithPrevious(const QList<store::StepRecord> &steps, int row)
{
    if (row < 0 || row >= steps.size())
        return {};
    const store::StepRecord &step = steps.at(row);
    int attempt = 1;
    const store::StepRecord *previous = nullptr;
    for (int i = 0; i < row; ++i) {
        const store::StepRecord &other = steps.at(i);
        if (other.index == step.index && other.name == step.name) {
            ++attempt;
            previous = &other;
        }
    }
    if (!previous)
        return {};
    QStringList parts;
    parts << tr("Attempt %1 of this step.").arg(attempt);
    const QString when = formatTime(previous->startedAt);
    if (!previous->errorMessage.isEmpty()) {
        parts << tr("The previous attempt (%1) ended %2: %3")
                     .arg(when, statusText(toText(previous->status)), previous->errorMessage);
        if (previous->errorMessage == step.errorMessage)
            parts << tr("This attempt failed the same way.");
        else if (step.errorMessage.isEmpty())
            parts << tr("This attempt got past it.");
    } else {
        parts << tr("The previous attempt (%1) ended %2.")
                     .arg(when, statusText(toText(previous->status)));
    }
    QStringList changed;
    QStringList keys = previous->delta.keys() + step.delta.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys)) {
        if (previous->delta.value(key) != step.delta.value(key))
            changed << key;
    }
    if (!changed.isEmpty() && !(previous->delta.isEmpty() && step.delta.isEmpty()))
        parts << tr("Its result differs in: %1.").arg(changed.join(u", "_s));
    return parts.join(u' ');
}

QString ProcessDetailPresenter::tracebackText(const QString &traceback)
{
    // The engine numbers steps from 0 in its first line ("Workflow w, step 4 'name'"); the
    // console counts them from 1 as the timeline and the reset dialog do.
    static const QRegularExpression first(u"^(Workflow \\S+, step )(\\d+)( ')"_s);
    const QRegularExpressionMatch match = first.match(traceback);
    if (!match.hasMatch())
        return traceback;
    return traceback.left(match.capturedStart(2)) + QString::number(match.captured(2).toInt() + 1)
        + traceback.mid(match.capturedEnd(2));
}

bool ProcessDetailPresenter::isRunning(const store::ProcessRecord &process)
{
    return process.status == ProcessStatus::Running || process.status == ProcessStatus::Created
        || process.status == ProcessStatus::Resumed;
}

bool ProcessDetailPresenter::waitsForEngine(const store::ProcessRecord &process, EngineState engine)
{
    return engine != EngineState::Running
        && (process.status == ProcessStatus::Created || process.status == ProcessStatus::Resumed);
}

QString ProcessDetailPresenter::runningStep(const store::ProcessRecord &process)
{
    if (!isRunning(process))
        return QString();
    return process.nextStepName.isEmpty() ? tr("(next step)") : process.nextStepName;
}

} // namespace wfo::console
