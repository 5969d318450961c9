#include "trigger.h"

#include "duration.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace wfo::schedule {

namespace {

constexpr qint64 Day = 24 * 3600;

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

qint64 offsetAt(const QTimeZone &zone, qint64 secs)
{
    return zone.offsetFromUtc(utc(secs));
}

// The instant at which the clocks of `zone` first show `date` `time`: its first occurrence
// when the clocks go back over it, the end of the gap when they jump over it.
qint64 firstInstantOf(QDate date, QTime time, const QTimeZone &zone)
{
    const qint64 wall = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
    // The offsets in force around that wall time; transitions are months apart in practice,
    // and two days either side covers even a zone that skipped a whole day.
    std::array<qint64, 4> offsets = {offsetAt(zone, wall - 2 * Day), offsetAt(zone, wall - Day / 2),
                                     offsetAt(zone, wall + Day / 2),
                                     offsetAt(zone, wall + 2 * Day)};
    std::optional<qint64> first;
    for (const qint64 offset : offsets) {
        const qint64 instant = wall - offset;
        if (offsetAt(zone, instant) == offset && (!first || instant < *first))
            first = instant;
    }
    if (first)
        return *first;
    // In a gap: the transition after which the clocks show a later time.
    QDateTime from = utc(wall - 3 * Day);
    for (int i = 0; i < 8; ++i) {
        const QTimeZone::OffsetData next = zone.nextTransition(from);
        if (!next.atUtc.isValid())
            break;
        const qint64 at = next.atUtc.toSecsSinceEpoch();
        if (at + next.offsetFromUtc > wall)
            return at;
        from = next.atUtc;
    }
    return wall - offsetAt(zone, wall);
}

} // namespace

Trigger Trigger::cron(const CronExpression &cron, const QTimeZone &zone)
{
    Trigger trigger;
    trigger.m_kind = Kind::Cron;
    trigger.m_cron = cron;
    trigger.m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    return trigger;
}

std::optional<Trigger> Trigger::interval(std::chrono::seconds every, const QDateTime &anchor,
                                         QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Trigger> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (every < MinimumInterval)
        return fail(tr("the shortest interval is 1 minute"));
    if (every > MaximumInterval)
        return fail(tr("the longest interval is 3650 days"));
    if (!anchor.isValid())
        return fail(tr("an interval needs a valid start time"));
    Trigger trigger;
    trigger.m_kind = Kind::Interval;
    trigger.m_every = every;
    // Whole seconds, so that due times do not drift by the milliseconds of a creation time.
    trigger.m_at = utc(anchor.toSecsSinceEpoch());
    trigger.m_zone = QTimeZone(QByteArrayLiteral("UTC"));
    return trigger;
}

Trigger Trigger::once(const QDateTime &at)
{
    Trigger trigger;
    trigger.m_kind = Kind::Once;
    // Whole seconds, as text() writes it.
    trigger.m_at = at.isValid() ? utc(at.toSecsSinceEpoch()) : QDateTime();
    trigger.m_zone = QTimeZone(QByteArrayLiteral("UTC"));
    return trigger;
}

std::optional<Trigger> Trigger::parse(Kind kind, const QString &text, const QTimeZone &zone,
                                      const QDateTime &anchor, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Trigger> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    switch (kind) {
    case Kind::Cron: {
        const std::optional<CronExpression> expression = CronExpression::parse(text, error);
        if (!expression)
            return std::nullopt;
        return cron(*expression, zone);
    }
    case Kind::Interval: {
        const std::optional<std::chrono::seconds> every = parseDuration(text, error);
        if (!every)
            return std::nullopt;
        return interval(*every, anchor, error);
    }
    case Kind::Once:
        break;
    }
    // "2026-12-24 18:00" is as clear as the T form; Qt reads only the latter.
    static const QRegularExpression dateThenTime(u"^(\\d{4}-\\d{2}-\\d{2}) +(\\d)"_s);
    QString iso = text.trimmed();
    iso.replace(dateThenTime, u"\\1T\\2"_s);
    const QDateTime parsed = QDateTime::fromString(iso, Qt::ISODate);
    if (!parsed.isValid() || !iso.contains(u'T')) {
        return fail(tr("'%1' is not a date and time; write it as 2026-12-24T18:00 (or with an "
                       "offset, 2026-12-24T18:00+01:00)")
                        .arg(text.trimmed()));
    }
    // Without an offset Qt gives local time; the schedule's zone is meant instead.
    const QTimeZone in = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    const QDateTime at = parsed.timeSpec() == Qt::LocalTime
        ? utc(firstInstantOf(parsed.date(), parsed.time(), in))
        : parsed.toUTC();
    // ISO 8601 text (what text() writes) has four-digit years.
    if (at.date().year() < 1970 || at.date().year() > 9999)
        return fail(tr("'%1' is not between the years 1970 and 9999").arg(text.trimmed()));
    return once(at);
}

std::optional<QTimeZone> Trigger::parseTimeZone(const QString &id, QString *error)
{
    const QByteArray name = id.trimmed().toUtf8();
    if (!name.isEmpty() && QTimeZone::isTimeZoneIdAvailable(name)) {
        const QTimeZone zone(name);
        if (zone.isValid())
            return zone;
    }
    if (error) {
        *error = tr("unknown time zone '%1'; use a name such as Europe/Amsterdam, "
                    "America/New_York or UTC")
                     .arg(id.trimmed());
    }
    return std::nullopt;
}

QString Trigger::text() const
{
    switch (m_kind) {
    case Kind::Cron:
        return m_cron->toString();
    case Kind::Interval:
        return formatDuration(m_every);
    case Kind::Once:
        break;
    }
    return m_at.toString(Qt::ISODate);
}

QDateTime Trigger::nextRun(const QDateTime &after) const
{
    if (!after.isValid())
        return {};
    const qint64 afterMs = after.toMSecsSinceEpoch();
    switch (m_kind) {
    case Kind::Once:
        return m_at.toMSecsSinceEpoch() > afterMs ? m_at : QDateTime();
    case Kind::Interval: {
        const qint64 anchor = m_at.toMSecsSinceEpoch();
        if (afterMs < anchor)
            return m_at;
        const qint64 every = std::chrono::milliseconds(m_every).count();
        qint64 elapsed = 0;
        qint64 next = 0;
        // Near the ends of QDateTime's range there is no next run rather than an overflow.
        if (__builtin_sub_overflow(afterMs, anchor, &elapsed)
            || __builtin_mul_overflow(elapsed / every + 1, every, &next)
            || __builtin_add_overflow(anchor, next, &next))
            return {};
        return QDateTime::fromMSecsSinceEpoch(next, Qt::UTC);
    }
    case Kind::Cron:
        break;
    }
    const QDateTime local = after.toTimeZone(m_zone);
    QDate date = local.date();
    QTime time = local.time();
    // Wall times in the repeated hour of an autumn night map to their first occurrence,
    // which may lie before `after`: skip them. A day's worth of minutes bounds the search
    // even for a zone that moved its clocks back by a day.
    for (int i = 0; i < 2 * 24 * 60; ++i) {
        const std::optional<CronExpression::WallTime> match = m_cron->nextMatch(date, time);
        if (!match)
            return {};
        const qint64 instant = firstInstantOf(match->date, match->time, m_zone);
        if (instant * 1000 > afterMs)
            return utc(instant);
        date = match->date;
        time = match->time;
    }
    return {};
}

QList<QDateTime> Trigger::nextRuns(const QDateTime &after, int count) const
{
    QList<QDateTime> runs;
    QDateTime from = after;
    while (runs.size() < count) {
        from = nextRun(from);
        if (!from.isValid())
            break;
        runs.append(from);
    }
    return runs;
}

QString toString(Trigger::Kind kind)
{
    switch (kind) {
    case Trigger::Kind::Cron:
        return u"cron"_s;
    case Trigger::Kind::Interval:
        return u"interval"_s;
    case Trigger::Kind::Once:
        break;
    }
    return u"once"_s;
}

std::optional<Trigger::Kind> triggerKindFromString(QStringView text)
{
    for (const Trigger::Kind kind :
         {Trigger::Kind::Cron, Trigger::Kind::Interval, Trigger::Kind::Once}) {
        if (text == toString(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace wfo::schedule
