#include "subscriptiondetailpresenter.h"

#include "common/presentation.h"

#include "queries/jsontext.h"

#include <QJsonArray>
#include <QMap>
#include <QStringList>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

// "ne.esdb_node_id" = 12, for a readable diff of two versions.
void flatten(const QJsonValue &value, const QString &path, QMap<QString, QString> *out)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(array.at(i), path + u'[' + QString::number(i) + u']', out);
    } else {
        out->insert(path, queries::jsonText(value));
    }
}

} // namespace

SubscriptionDetailPresenter::OutOfSync
SubscriptionDetailPresenter::outOfSyncCause(const queries::SubscriptionDetail &detail)
{
    OutOfSync cause;
    if (detail.model.value(u"insync").toBool(true))
        return cause;
    for (qsizetype i = detail.processes.size() - 1; i >= 0; --i) {
        const QJsonObject p = detail.processes.at(i).toObject();
        if (p.value(u"is_task").toBool() || p.value(u"status").toString() == "completed"_L1)
            continue;
        cause.processId = p.value(u"process_id").toString();
        cause.workflow = p.value(u"workflow").toString();
        cause.status = p.value(u"status").toString();
        cause.step = p.value(u"last_step").toString();
        break;
    }
    // A failed process stopped at the step to retry; an aborted one at "User Aborted", where
    // the step that last changed the subscription says more.
    if (cause.isEmpty() || (!cause.step.isEmpty() && cause.status != "aborted"_L1))
        return cause;
    for (qsizetype i = detail.versions.size() - 1; i >= 0; --i) {
        const QJsonObject v = detail.versions.at(i).toObject();
        if (v.value(u"process_id").toString() == cause.processId) {
            const QString step = v.value(u"step_name").toString();
            if (!step.isEmpty())
                cause.step = step;
            break;
        }
    }
    return cause;
}

QString SubscriptionDetailPresenter::outOfSyncText(const queries::SubscriptionDetail &detail,
                                                   const OutOfSync &cause)
{
    Q_UNUSED(detail)
    if (cause.isEmpty())
        return tr("This subscription is out of sync, and no unfinished process explains why. An "
                  "operator may set it in sync once it was checked.");
    return tr("This subscription is out of sync: process %1 (%2) left it so at step '%3'. Open "
              "the process to retry it, or, once the subscription was checked, set it in sync.")
        .arg(cause.workflow, statusText(cause.status), cause.step);
}

QString SubscriptionDetailPresenter::blockedReason(const queries::SubscriptionDetail &detail,
                                                   const Refusal &reason)
{
    if (reason.code != "subscription.not_in_sync"_L1)
        return reason.message;
    bool validateRuns = false;
    for (const WorkflowAvailability &w : detail.workflows)
        validateRuns = validateRuns || (w.target == Target::Validate && !w.reason);
    const OutOfSync cause = outOfSyncCause(detail);
    QString text = cause.isEmpty()
        ? tr("The subscription is not in sync.")
        : tr("The subscription is not in sync: process %1 (%2) left it so at step '%3'.")
              .arg(cause.workflow, statusText(cause.status), cause.step);
    if (validateRuns)
        text += u' ' + tr("Finish that process or validate the subscription first.");
    else if (!cause.isEmpty())
        text += u' ' + tr("Retry or finish that process first, or set the subscription in sync.");
    else
        text += u' ' + tr("Set the subscription in sync first.");
    return text;
}

QString SubscriptionDetailPresenter::statusHtml(const QJsonObject &model)
{
    const QString status = model.value(u"status").toString();
    const bool insync = model.value(u"insync").toBool();
    return u"<b style='color:%1'>%2</b>%3"_s.arg(
        statusColor(status).name(), statusText(status).toHtmlEscaped(),
        insync ? QString() : u" · <b style='color:#c62828'>%1</b>"_s.arg(tr("out of sync")));
}

QString SubscriptionDetailPresenter::generalHtml(const queries::SubscriptionDetail &detail)
{
    const QJsonObject &s = detail.model;
    const QJsonObject product = detail.product();
    const auto links = [](const QJsonArray &subscriptions) {
        QStringList parts;
        for (const QJsonValue &v : subscriptions) {
            const QJsonObject o = v.toObject();
            parts << u"<a href=\"subscription:%1\">%2</a> (%3)"_s.arg(
                o.value(u"subscription_id").toString(),
                o.value(u"description").toString().toHtmlEscaped(),
                statusText(o.value(u"status").toString()));
        }
        return parts.isEmpty() ? tr("none") : parts.join(u"<br>"_s);
    };
    QString html = u"<table cellspacing=6>"_s;
    const auto row = [&html](const QString &label, const QString &value) {
        html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(label, value);
    };
    row(tr("Subscription id"), u"<tt>%1</tt>"_s.arg(detail.id()));
    row(tr("Product"),
        u"%1 (%2)"_s.arg(product.value(u"name").toString().toHtmlEscaped(),
                         product.value(u"tag").toString().toHtmlEscaped()));
    row(tr("Customer"), s.value(u"customer_id").toString().toHtmlEscaped());
    row(tr("Status"), statusText(s.value(u"status").toString()).toHtmlEscaped());
    row(tr("In sync"), s.value(u"insync").toBool() ? tr("yes") : tr("no"));
    row(tr("Start date"), formatDate(s.value(u"start_date").toString()));
    row(tr("End date"), formatDate(s.value(u"end_date").toString()));
    row(tr("Version"), QString::number(s.value(u"version").toInt()));
    row(tr("Depends on"), links(detail.dependsOn));
    row(tr("In use by"), links(detail.inUseBy));
    html += u"</table>"_s;
    return html;
}

QString SubscriptionDetailPresenter::versionLabel(const QJsonObject &version)
{
    return tr("%1 — %2 by %3")
        .arg(version.value(u"version").toInt())
        .arg(version.value(u"step_name").toString(), version.value(u"created_by").toString());
}

QList<SubscriptionDetailPresenter::DiffLine> SubscriptionDetailPresenter::diff(const QJsonObject &a,
                                                                               const QJsonObject &b)
{
    QMap<QString, QString> left;
    QMap<QString, QString> right;
    flatten(a, QString(), &left);
    flatten(b, QString(), &right);
    QStringList keys = left.keys() + right.keys();
    keys.removeDuplicates();
    keys.sort();
    QList<DiffLine> lines;
    for (const QString &key : std::as_const(keys)) {
        const bool inLeft = left.contains(key);
        const bool inRight = right.contains(key);
        if (inLeft && inRight && left.value(key) == right.value(key))
            continue;
        if (inLeft)
            lines.append({false, key, left.value(key)});
        if (inRight)
            lines.append({true, key, right.value(key)});
    }
    return lines;
}

QUrl SubscriptionDetailPresenter::versionLink(const QJsonObject &version)
{
    const QString process = version.value(u"process_id").toString();
    if (process.isEmpty())
        return {};
    QUrl url;
    url.setScheme(u"process"_s);
    url.setPath(process);
    const QString step = version.value(u"step_name").toString();
    if (!step.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(u"step"_s, step);
        url.setQuery(query);
    }
    return url;
}

QString SubscriptionDetailPresenter::diffHtml(const QJsonObject &versionA,
                                              const QJsonObject &versionB, const QJsonObject &a,
                                              const QJsonObject &b)
{
    const auto madeBy = [](const QJsonObject &version) {
        const QString number = tr("Version %1").arg(version.value(u"version").toInt());
        const QString who = version.value(u"created_by").toString().toHtmlEscaped();
        const QString when = formatTime(version.value(u"created_at").toString()).toHtmlEscaped();
        const QUrl link = versionLink(version);
        QString made;
        if (link.isEmpty()) {
            made = tr("saved by %1, %2").arg(who, when);
        } else {
            // The workflow names the process; a deleted process is known by its step alone.
            const QString workflow = version.value(u"workflow").toString();
            const QString step = version.value(u"step_name").toString();
            const QString text = workflow.isEmpty() ? tr("step '%1'").arg(step)
                                                    : tr("step '%1' of %2").arg(step, workflow);
            made = tr("made by %1 (%2, %3)")
                       .arg(u"<a href=\"%1\">%2</a>"_s.arg(
                                link.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                text.toHtmlEscaped()),
                            who, when);
        }
        return u"<p><b>%1</b> — %2</p>"_s.arg(number.toHtmlEscaped(), made);
    };
    QString html = madeBy(versionA) + madeBy(versionB);
    const QList<DiffLine> lines = diff(a, b);
    if (lines.isEmpty())
        return html + u"<p>%1</p>"_s.arg(tr("No differences.").toHtmlEscaped());
    // Light backgrounds with their own dark text, readable in a dark theme too.
    html += u"<table cellspacing=0 cellpadding=3 width=100%>"_s;
    for (const DiffLine &line : lines) {
        html += u"<tr style=\"background-color:%1; color:%2\"><td width=2%><tt>%3</tt></td>"
                "<td width=38%><tt>%4</tt></td><td><tt>%5</tt></td></tr>"_s.arg(
                    line.added ? u"#dafbe1"_s : u"#ffebe9"_s,
                    line.added ? u"#1a4d2e"_s : u"#82071e"_s, line.added ? u"+"_s : u"−"_s,
                    line.path.toHtmlEscaped(), line.value.toHtmlEscaped());
    }
    return html + u"</table>"_s;
}

} // namespace wfo::console
