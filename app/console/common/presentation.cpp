#include "presentation.h"

#include "base/lifecycle.h"
#include "queries/processpages.h"
#include "queries/timetext.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace wfo::console {

QColor statusColor(const QString &status)
{
    static const QHash<QString, QColor> colors {
        {u"completed"_s, QColor(0x2e, 0x7d, 0x32)},
        {u"success"_s, QColor(0x2e, 0x7d, 0x32)},
        {u"complete"_s, QColor(0x2e, 0x7d, 0x32)},
        {u"active"_s, QColor(0x2e, 0x7d, 0x32)},
        {u"running"_s, QColor(0x15, 0x65, 0xc0)},
        {u"created"_s, QColor(0x15, 0x65, 0xc0)},
        {u"resumed"_s, QColor(0x15, 0x65, 0xc0)},
        {u"provisioning"_s, QColor(0x15, 0x65, 0xc0)},
        {u"suspended"_s, QColor(0xef, 0x8f, 0x00)},
        {u"suspend"_s, QColor(0xef, 0x8f, 0x00)},
        {u"waiting"_s, QColor(0xef, 0x8f, 0x00)},
        {u"awaiting_callback"_s, QColor(0xef, 0x8f, 0x00)},
        {u"initial"_s, QColor(0xef, 0x8f, 0x00)},
        {u"migrating"_s, QColor(0xef, 0x8f, 0x00)},
        {u"failed"_s, QColor(0xc6, 0x28, 0x28)},
        {u"api_unavailable"_s, QColor(0xc6, 0x28, 0x28)},
        {u"inconsistent_data"_s, QColor(0xc6, 0x28, 0x28)},
        {u"aborted"_s, QColor(0x61, 0x61, 0x61)},
        {u"abort"_s, QColor(0x61, 0x61, 0x61)},
        {u"skipped"_s, QColor(0x9e, 0x9e, 0x9e)},
        {u"terminated"_s, QColor(0x61, 0x61, 0x61)},
        {u"disabled"_s, QColor(0x9e, 0x9e, 0x9e)},
    };
    return colors.value(status.toLower(), QColor(0x75, 0x75, 0x75));
}

QIcon statusIcon(const QString &status)
{
    static QHash<QString, QIcon> cache;
    const QString key = status.toLower();
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor color = statusColor(key);
        painter.setPen(QPen(color.darker(130), size / 16.0));
        painter.setBrush(color);
        const qreal m = size * 0.15;
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m));
        painter.setPen(QPen(Qt::white, size / 9.0, Qt::SolidLine, Qt::RoundCap));
        const qreal c = size / 2.0;
        const qreal r = size * 0.18;
        if (key == u"completed" || key == u"success" || key == u"complete" || key == u"active") {
            painter.drawLine(QPointF(c - r, c), QPointF(c - r / 3, c + r * 0.8));
            painter.drawLine(QPointF(c - r / 3, c + r * 0.8), QPointF(c + r, c - r * 0.7));
        } else if (key == u"failed" || key == u"api_unavailable" || key == u"inconsistent_data"
                   || key == u"aborted" || key == u"abort") {
            painter.drawLine(QPointF(c - r, c - r), QPointF(c + r, c + r));
            painter.drawLine(QPointF(c + r, c - r), QPointF(c - r, c + r));
        } else if (key == u"suspended" || key == u"suspend" || key == u"waiting") {
            painter.drawLine(QPointF(c - r / 2, c - r), QPointF(c - r / 2, c + r));
            painter.drawLine(QPointF(c + r / 2, c - r), QPointF(c + r / 2, c + r));
        } else if (key == u"running" || key == u"resumed" || key == u"created") {
            painter.setBrush(Qt::white);
            painter.setPen(Qt::NoPen);
            painter.drawPolygon(QPolygonF(
                {QPointF(c - r * 0.7, c - r), QPointF(c + r, c), QPointF(c - r * 0.7, c + r)}));
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(key, icon);
    return icon;
}

QString formatTime(const QString &timestamp)
{
    if (timestamp.isEmpty())
        return {};
    const QDateTime time = queries::timestampFromText(timestamp);
    if (!time.isValid())
        return timestamp;
    return QLocale().toString(time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
}

QString formatDate(const QString &timestamp)
{
    if (timestamp.isEmpty())
        return {};
    const QDateTime time = queries::timestampFromText(timestamp);
    if (!time.isValid())
        return timestamp;
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

qint64 durationMs(const QString &from, const QString &to)
{
    if (from.isEmpty() || to.isEmpty())
        return -1;
    const QDateTime a = queries::timestampFromText(from);
    const QDateTime b = queries::timestampFromText(to);
    if (!a.isValid() || !b.isValid())
        return -1;
    return a.msecsTo(b);
}

QString formatDuration(const QString &from, const QString &to)
{
    const qint64 ms = durationMs(from, to);
    if (ms < 0)
        return {};
    if (ms < 1000)
        return QCoreApplication::translate("wfo::console", "%1 ms").arg(ms);
    if (ms < 60000)
        return QCoreApplication::translate("wfo::console", "%1 s")
            .arg(QLocale().toString(ms / 1000.0, 'f', 1));
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QCoreApplication::translate("wfo::console", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("wfo::console", "%1 h %2 min")
        .arg(s / 3600)
        .arg((s % 3600) / 60);
}

QString statusText(const QString &status)
{
    const QString key = status.toLower();
    if (const auto process = processStatusFromString(key))
        return displayName(*process);
    if (const auto lifecycle = lifecycleFromString(key))
        return displayName(*lifecycle);
    // Step statuses that are not also process statuses.
    static const char *const steps[][2] = {
        {"success", QT_TRANSLATE_NOOP("wfo::console", "Success")},
        {"skipped", QT_TRANSLATE_NOOP("wfo::console", "Skipped")},
        {"suspend", QT_TRANSLATE_NOOP("wfo::console", "Suspended")},
        {"abort", QT_TRANSLATE_NOOP("wfo::console", "Aborted")},
        {"complete", QT_TRANSLATE_NOOP("wfo::console", "Complete")},
    };
    for (const auto &pair : steps) {
        if (key == QLatin1StringView(pair[0]))
            return QCoreApplication::translate("wfo::console", pair[1]);
    }
    return status;
}

QString targetText(Target target)
{
    switch (target) {
    case Target::Create:
        return QCoreApplication::translate("wfo::console", "Create");
    case Target::Modify:
        return QCoreApplication::translate("wfo::console", "Modify");
    case Target::Terminate:
        return QCoreApplication::translate("wfo::console", "Terminate");
    case Target::System:
        return QCoreApplication::translate("wfo::console", "System");
    case Target::Validate:
        return QCoreApplication::translate("wfo::console", "Validate");
    case Target::Reconcile:
        return QCoreApplication::translate("wfo::console", "Reconcile");
    }
    return {};
}

QString targetText(const QString &target)
{
    const auto parsed = targetFromString(target);
    return parsed ? targetText(*parsed) : target;
}

QStringList activeProcessStatuses()
{
    return queries::ProcessPageQuery::activeStatuses();
}

QStringList completedProcessStatuses()
{
    return queries::ProcessPageQuery::completedStatuses();
}

} // namespace wfo::console
