#include "apschedulertrigger.h"

#include "schedule/cronexpression.h"
#include "schedule/duration.h"
#include "schedule/trigger.h"

#include <QDate>
#include <QJsonValue>
#include <QRegularExpression>

#include <array>
#include <chrono>
#include <cmath>

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

constexpr std::array<QStringView, 7> MondayFirst {u"mon", u"tue", u"wed", u"thu",
                                                  u"fri", u"sat", u"sun"};

// A kwarg as APScheduler takes it: a whole number or text.
std::optional<QString> fieldText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().trimmed();
    // Only whole numbers a qint64 holds exactly (a larger double would not convert).
    const double number = value.toDouble();
    if (value.isDouble() && std::abs(number) < 1e15 && number == std::floor(number))
        return QString::number(qint64(number));
    return std::nullopt;
}

// APScheduler's day_of_week (0 = Monday) in cron's terms: numbers become names, "*/n" counts
// from Monday as APScheduler's does.
QString dayOfWeekForCron(const QString &field)
{
    QStringList parts;
    for (const QString &item : field.split(u',')) {
        QString range = item.section(u'/', 0, 0);
        const QString step = item.contains(u'/') ? u'/' + item.section(u'/', 1) : QString();
        if (range == "*"_L1 && !step.isEmpty())
            range = u"mon-sun"_s;
        static const QRegularExpression number(u"\\d+"_s);
        QString named;
        qsizetype from = 0;
        for (auto it = number.globalMatch(range); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            named += range.mid(from, match.capturedStart() - from);
            const int day = match.captured().toInt();
            named += day >= 0 && day < 7 ? MondayFirst.at(day).toString() : match.captured();
            from = match.capturedEnd();
        }
        parts.append(named + range.mid(from) + step);
    }
    return parts.join(u',');
}

// Cron's day-of-week field as the names of the days it allows, Monday first ("*" for all).
QString dayOfWeekForCore(const QString &field)
{
    if (field.startsWith(u'*') && !field.contains(u'/'))
        return u"*"_s;
    QString error;
    const std::optional<schedule::CronExpression> days =
        schedule::CronExpression::parse(u"* * * * "_s + field, &error);
    if (!days)
        return field;
    QStringList names;
    const QDate monday(2024, 1, 1);
    for (int i = 0; i < 7; ++i) {
        if (days->matchesDate(monday.addDays(i)))
            names.append(MondayFirst.at(i).toString());
    }
    return names.size() == 7 ? u"*"_s : names.join(u',');
}

QString expandMacro(const QString &text)
{
    static const QHash<QString, QString> macros {
        {u"@yearly"_s, u"0 0 1 1 *"_s},  {u"@annually"_s, u"0 0 1 1 *"_s},
        {u"@monthly"_s, u"0 0 1 * *"_s}, {u"@weekly"_s, u"0 0 * * 0"_s},
        {u"@daily"_s, u"0 0 * * *"_s},   {u"@midnight"_s, u"0 0 * * *"_s},
        {u"@hourly"_s, u"0 * * * *"_s}};
    return macros.value(text.trimmed().toLower(), text);
}

bool unsupported(const QJsonObject &kwargs, const QStringList &known, const QString &trigger,
                 QString *error)
{
    for (auto it = kwargs.begin(); it != kwargs.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = ApSchedulerTrigger::tr("'%1' is not supported for %2 schedules; use %3.")
                         .arg(it.key(), trigger, known.join(u", "_s));
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<StoredTrigger> ApSchedulerTrigger::fromCore(const QString &trigger,
                                                          const QJsonObject &kwargs, QString *error)
{
    StoredTrigger stored;
    if (kwargs.contains(u"timezone")) {
        const QJsonValue zone = kwargs.value(u"timezone");
        if (!zone.isString()
            || !schedule::Trigger::parseTimeZone(zone.toString().trimmed(), error)) {
            if (!zone.isString())
                *error = tr("'timezone' must be a time zone name such as 'Europe/Amsterdam'.");
            return std::nullopt;
        }
        stored.timeZone = zone.toString().trimmed();
    }

    if (trigger == "cron"_L1) {
        stored.kind = u"cron"_s;
        if (kwargs.contains(u"expression")) {
            if (unsupported(kwargs, {u"expression"_s, u"timezone"_s}, trigger, error))
                return std::nullopt;
            // Any whitespace between the fields (a tab, a line break) as the cron parser
            // reads it, so that the fields shown back are the same five.
            stored.text = kwargs.value(u"expression").toString().simplified();
        } else {
            // Most significant first, as APScheduler orders them.
            static const QStringList fields {u"month"_s, u"day"_s, u"day_of_week"_s, u"hour"_s,
                                             u"minute"_s};
            if (unsupported(kwargs, fields + QStringList {u"second"_s, u"timezone"_s}, trigger,
                            error))
                return std::nullopt;
            if (kwargs.contains(u"second")) {
                const std::optional<QString> second = fieldText(kwargs.value(u"second"));
                if (!second || (*second != "0"_L1 && *second != "00"_L1)) {
                    *error = tr("Schedules run at whole minutes: 'second' can only be 0.");
                    return std::nullopt;
                }
            }
            qsizetype least = -1;
            QStringList values;
            for (qsizetype i = 0; i < fields.size(); ++i) {
                const QString &name = fields.at(i);
                if (!kwargs.contains(name)) {
                    values.append(QString());
                    continue;
                }
                const std::optional<QString> value = fieldText(kwargs.value(name));
                if (!value || value->isEmpty()) {
                    *error =
                        tr("'%1' must be a whole number or cron text such as '*/5'.").arg(name);
                    return std::nullopt;
                }
                values.append(name == "day_of_week"_L1 ? dayOfWeekForCron(*value) : *value);
                least = i;
            }
            if (least < 0) {
                *error = tr("A cron schedule needs at least one of minute, hour, day, month "
                            "and day_of_week.");
                return std::nullopt;
            }
            // Below the least significant field given: its minimum; above: any.
            static const QStringList minimum {u"1"_s, u"1"_s, u"*"_s, u"0"_s, u"0"_s};
            for (qsizetype i = 0; i < fields.size(); ++i) {
                if (values.at(i).isEmpty())
                    values[i] = i > least ? minimum.at(i) : u"*"_s;
            }
            stored.text =
                QStringList {values.at(4), values.at(3), values.at(1), values.at(0), values.at(2)}
                    .join(u' ');
        }
        QString cronError;
        if (!schedule::CronExpression::parse(stored.text, &cronError)) {
            *error = cronError;
            return std::nullopt;
        }
        return stored;
    }

    if (trigger == "interval"_L1) {
        stored.kind = u"interval"_s;
        static const QStringList units {u"weeks"_s, u"days"_s, u"hours"_s, u"minutes"_s,
                                        u"seconds"_s};
        if (unsupported(kwargs, units + QStringList {u"timezone"_s}, trigger, error))
            return std::nullopt;
        static const std::array<qint64, 5> seconds {7 * 86400, 86400, 3600, 60, 1};
        qint64 total = 0;
        for (qsizetype i = 0; i < units.size(); ++i) {
            const QJsonValue value = kwargs.value(units.at(i));
            if (value.isUndefined())
                continue;
            if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > 1e9) {
                *error = tr("'%1' must be a number of zero or more.").arg(units.at(i));
                return std::nullopt;
            }
            total += qint64(value.toDouble() * double(seconds.at(i)));
        }
        stored.text = schedule::formatDuration(std::chrono::seconds(total));
        if (!schedule::parseDuration(stored.text, error))
            return std::nullopt;
        return stored;
    }

    if (trigger == "date"_L1) {
        stored.kind = u"once"_s;
        if (unsupported(kwargs, {u"run_date"_s, u"timezone"_s}, trigger, error))
            return std::nullopt;
        stored.text = kwargs.value(u"run_date").toString().trimmed();
        if (stored.text.isEmpty()) {
            *error = tr("A date schedule needs 'run_date', e.g. '2026-12-24T18:00:00'.");
            return std::nullopt;
        }
        const QTimeZone zone = stored.timeZone.isEmpty() ? QTimeZone::systemTimeZone()
                                                         : QTimeZone(stored.timeZone.toUtf8());
        if (!schedule::Trigger::parse(schedule::Trigger::Kind::Once, stored.text, zone, {}, error))
            return std::nullopt;
        return stored;
    }

    *error = tr("'trigger' must be one of interval, cron and date.");
    return std::nullopt;
}

QString ApSchedulerTrigger::coreName(const QString &kind)
{
    return kind == "once"_L1 ? u"date"_s : kind;
}

QJsonObject ApSchedulerTrigger::coreKwargs(const StoredTrigger &trigger)
{
    QJsonObject kwargs;
    if (trigger.kind == "cron"_L1) {
        const QStringList fields =
            expandMacro(trigger.text).simplified().split(u' ', Qt::SkipEmptyParts);
        if (fields.size() == 5) {
            kwargs = {{u"minute"_s, fields.at(0)},
                      {u"hour"_s, fields.at(1)},
                      {u"day"_s, fields.at(2)},
                      {u"month"_s, fields.at(3)},
                      {u"day_of_week"_s, dayOfWeekForCore(fields.at(4))}};
        }
    } else if (trigger.kind == "interval"_L1) {
        QString ignored;
        const qint64 total = schedule::parseDuration(trigger.text, &ignored)
                                 .value_or(std::chrono::seconds(0))
                                 .count();
        const std::array<std::pair<QString, qint64>, 4> units {
            std::pair {u"days"_s, qint64(86400)}, std::pair {u"hours"_s, qint64(3600)},
            std::pair {u"minutes"_s, qint64(60)}, std::pair {u"seconds"_s, qint64(1)}};
        qint64 rest = total;
        for (const auto &[name, length] : units) {
            if (rest >= length) {
                kwargs.insert(name, rest / length);
                rest %= length;
            }
        }
    } else if (trigger.kind == "once"_L1) {
        kwargs.insert(u"run_date"_s, trigger.text);
    }
    if (!trigger.timeZone.isEmpty())
        kwargs.insert(u"timezone"_s, trigger.timeZone);
    return kwargs;
}

} // namespace wfo::api
