#pragma once
// A five-field cron expression (minute hour day-of-month month day-of-week) as Vixie cron reads
// it, so that operators can paste what they know from crontab(5). Pure calendar arithmetic on
// wall-clock times: time zones and daylight saving are Trigger's business.
//
// Syntax, case-insensitive:
//   *  a  a-b  */n  a-b/n  a/n (a up to the field's end, every n)  and lists "1,5,10-20/2"
//   months JAN-DEC, weekdays SUN-SAT (0 and 7 are both Sunday; "FRI-SUN" wraps to Sunday)
//   @yearly @annually @monthly @weekly @daily @midnight @hourly
// When day-of-month and day-of-week are both restricted, a day matches when either matches
// (Vixie's rule; a field counts as restricted unless it starts with '*', so "*/2" is not).
// Not supported, with a clear error: L, W, #, ?, @reboot and a sixth (seconds or year) field.

#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QTime>

#include <cstdint>
#include <optional>

namespace wfo::schedule {

class WFO_ENGINE_EXPORT CronExpression
{
    Q_DECLARE_TR_FUNCTIONS(wfo::schedule::CronExpression)

public:
    // The expression, or nullopt with a translated sentence in `error` that names the field and
    // the problem, e.g. "minute 61 is out of range 0–59" or "expected 5 fields, got 4".
    static std::optional<CronExpression> parse(const QString &text, QString *error);

    // The text it was parsed from, trimmed and with single spaces: what to store and show.
    QString toString() const { return m_text; }

    bool matchesDate(QDate date) const;
    bool matchesTime(QTime time) const; // hour and minute; seconds are ignored

    friend bool operator==(const CronExpression &, const CronExpression &) = default;

private:
    CronExpression() = default;
    friend class Trigger;

    // The first matching wall-clock minute strictly after the wall-clock time `date` `time`,
    // looking about 28 years ahead (a full cycle of leap years and weekdays); nullopt when
    // there is none (e.g. past the year 9999).
    struct WallTime
    {
        QDate date;
        QTime time;
    };
    std::optional<WallTime> nextMatch(QDate date, QTime time) const;

    // Bit i set: value i is allowed.
    std::uint64_t m_minutes = 0;
    std::uint32_t m_hours = 0;
    std::uint32_t m_daysOfMonth = 0; // bits 1-31
    std::uint16_t m_months = 0; // bits 1-12
    std::uint8_t m_daysOfWeek = 0; // bits 0-6, 0 = Sunday
    bool m_dayOfMonthRestricted = false;
    bool m_dayOfWeekRestricted = false;
    QString m_text;
};

} // namespace wfo::schedule
