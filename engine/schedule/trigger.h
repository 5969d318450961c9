#pragma once
// When a schedule is due: a cron expression read in a time zone, a fixed interval, or once.
// A Trigger only does the time arithmetic; storing schedules and claiming due runs exactly
// once belong to the store. All instants it returns are in UTC.
//
// Daylight saving, for cron triggers (wall-clock times in the trigger's zone):
//  - a wall time that does not exist (spring forward, e.g. 02:30 in Europe/Amsterdam on the
//    last Sunday of March) runs once, at the first instant after the gap (03:00 summer time);
//    several such times of one night all fall on that instant and so run once together;
//  - a wall time that occurs twice (autumn, 02:30 on the last Sunday of October) runs once, at
//    its first occurrence; the repeated hour is not run again, so "0 * * * *" skips one run
//    that night. Use an interval trigger where absolute spacing matters.
// Interval triggers are absolute durations counted from an anchor (usually when the schedule
// was created) and ignore daylight saving; once triggers are one instant.
//
// Typical use: next = trigger.nextRun(lastDueTime), where lastDueTime is the due time of the
// last run (or the moment the schedule was created); runs missed while no engine was up then
// show as one due time in the past, which the caller coalesces.

#include "cronexpression.h"
#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <chrono>
#include <optional>

namespace wfo::schedule {

class WFO_ENGINE_EXPORT Trigger
{
    Q_DECLARE_TR_FUNCTIONS(wfo::schedule::Trigger)

public:
    enum class Kind { Cron, Interval, Once };

    // Every matching minute of `cron` on the clocks of `zone`.
    static Trigger cron(const CronExpression &cron,
                        const QTimeZone &zone = QTimeZone::systemTimeZone());
    // anchor, anchor + every, anchor + 2 * every, ...; nullopt with a translated `error` when
    // `every` is outside MinimumInterval..MaximumInterval (duration.h) or the anchor invalid.
    static std::optional<Trigger> interval(std::chrono::seconds every, const QDateTime &anchor,
                                           QString *error);
    // Once, at `at` (any time spec; kept as UTC).
    static Trigger once(const QDateTime &at);

    // From text as an operator types it and as text() gives it back: a cron expression, a
    // duration ("1h30m", see duration.h), or an ISO 8601 date and time ("2026-12-24T18:00",
    // read on the clocks of `zone` unless it carries an offset or Z). `anchor` is for
    // intervals only. Nullopt with a translated sentence in `error`.
    static std::optional<Trigger> parse(Kind kind, const QString &text,
                                        const QTimeZone &zone = QTimeZone::systemTimeZone(),
                                        const QDateTime &anchor = {}, QString *error = nullptr);
    // An IANA time zone ("Europe/Amsterdam", "UTC"), or nullopt with a translated `error`.
    static std::optional<QTimeZone> parseTimeZone(const QString &id, QString *error);

    Kind kind() const { return m_kind; }
    // The cron expression, the duration ("6h") or the UTC time ("2026-12-24T17:00:00Z").
    QString text() const;
    QTimeZone timeZone() const { return m_zone; }
    std::chrono::seconds every() const { return m_every; } // intervals only
    QDateTime anchor() const { return m_at; } // intervals: the anchor; once: the instant

    // The first due time strictly after `after`, in UTC; an invalid QDateTime when there is
    // none (a once trigger that has passed, a cron expression beyond the year 9999).
    QDateTime nextRun(const QDateTime &after) const;
    // Up to `count` due times after `after`, in order (what the console shows as "next runs").
    QList<QDateTime> nextRuns(const QDateTime &after, int count) const;

    friend bool operator==(const Trigger &, const Trigger &) = default;

private:
    Trigger() = default;

    Kind m_kind = Kind::Once;
    std::optional<CronExpression> m_cron;
    QTimeZone m_zone;
    std::chrono::seconds m_every {0};
    QDateTime m_at;
};

// "cron", "interval", "once": the names stored in the database and used by the CLI.
WFO_ENGINE_EXPORT QString toString(Trigger::Kind kind);
WFO_ENGINE_EXPORT std::optional<Trigger::Kind> triggerKindFromString(QStringView text);

} // namespace wfo::schedule
