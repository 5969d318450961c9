#include "processnotifier.h"

#include "common/consolecontext.h"
#include "common/presentation.h"

#include <QApplication>
#include <QSettings>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

const auto EnabledKey = u"notifications/enabled"_s;

bool isFailure(const QString &status)
{
    return status == u"failed" || status == u"api_unavailable" || status == u"inconsistent_data";
}

} // namespace

ProcessNotifier::ProcessNotifier(ConsoleContext *context,
                                 std::function<void(const QString &)> fallback, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_fallback(std::move(fallback))
    , m_since(queries::ProcessNoticeQuery::now())
{
    setObjectName(u"processNotifier"_s);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setObjectName(u"notificationTray"_s);
        QIcon icon = QApplication::windowIcon();
        m_tray->setIcon(icon.isNull() ? statusIcon(u"running"_s) : icon);
        m_tray->setToolTip(tr("Orchestrator Console"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastProcess.isEmpty())
                emit m_context->openProcessRequested(m_lastProcess);
        });
    }
    // Coalesced by the context, and at least every poll: a change by another engine is seen
    // within seconds.
    connect(context, &ConsoleContext::changed, this, &ProcessNotifier::check);
}

std::optional<ProcessNotification> ProcessNotifier::decide(const queries::ProcessNotice &notice,
                                                           const QString &actor)
{
    if (notice.createdBy != actor || actor.isEmpty())
        return std::nullopt;
    ProcessNotification notification;
    notification.processId = notice.id;
    const QString what = notice.subscription.isEmpty()
        ? notice.workflow
        : tr("%1 on %2").arg(notice.workflow, notice.subscription);
    if (isFailure(notice.status)) {
        notification.failed = true;
        notification.title = tr("Process failed: %1").arg(notice.workflow);
        notification.text = tr("%1 is %2.").arg(what, statusText(notice.status));
        return notification;
    }
    if (notice.status != u"completed")
        return std::nullopt;
    if (notice.runMs <= LongRunMs)
        return std::nullopt;
    const qint64 minutes = notice.runMs / 60000;
    notification.title = tr("Process completed: %1").arg(notice.workflow);
    notification.text =
        tr("%1 is %2 after %3 min.").arg(what, statusText(notice.status), QString::number(minutes));
    return notification;
}

bool ProcessNotifier::isEnabled()
{
    return QSettings().value(EnabledKey, true).toBool();
}

void ProcessNotifier::setEnabled(bool enabled)
{
    QSettings().setValue(EnabledKey, enabled);
}

void ProcessNotifier::check()
{
    if (!isEnabled()) {
        // Nothing read while off; turned on again, only what changes from then on counts.
        m_since = queries::ProcessNoticeQuery::now();
        return;
    }
    if (m_checking) {
        m_checkAgain = true; // once the running look is done
        return;
    }
    m_checking = true;
    const QString actor = m_context->actor();
    const QString since = m_since;
    m_context->query(
        this,
        [actor, since](const store::Database &database) {
            return queries::ProcessNoticeQuery::changedSince(database, actor, since);
        },
        [this, actor](const QueryResult<QList<queries::ProcessNotice>> &result) {
            m_checking = false;
            if (result.ok()) {
                // Oldest first, so the latest notice is the one a click opens.
                for (auto it = result.value.crbegin(); it != result.value.crend(); ++it) {
                    const queries::ProcessNotice &notice = *it;
                    // The same row is judged once; a retried process that fails again has a
                    // newer row.
                    if (!m_seen.contains(notice.id + u'@' + notice.lastModifiedAt)) {
                        m_seen.insert(notice.id + u'@' + notice.lastModifiedAt);
                        if (const auto notification = decide(notice, actor))
                            show(*notification);
                    }
                }
                // Rows at rest stay behind the watermark; one still going keeps it, since its
                // next change has a newer time anyway.
                if (!result.value.isEmpty())
                    m_since = qMax(m_since, result.value.first().lastModifiedAt);
                if (m_seen.size() > 1000)
                    m_seen.clear(); // behind the watermark by now
            }
            if (m_checkAgain) {
                m_checkAgain = false;
                check();
            }
        });
}

void ProcessNotifier::show(const ProcessNotification &notification)
{
    if (!isEnabled())
        return;
    m_lastProcess = notification.processId;
    if (m_tray) {
        m_tray->showMessage(
            notification.title, notification.text,
            notification.failed ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 15000);
    } else if (m_fallback) {
        m_fallback(tr("%1 — %2").arg(notification.title, notification.text));
    }
    emit notified(notification);
}

} // namespace wfo::console
