#include "cronexpression.h"

#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <bit>

using namespace Qt::StringLiterals;

namespace wfo::schedule {

namespace {

enum Field { Minute, Hour, DayOfMonth, Month, DayOfWeek, FieldCount };

struct FieldRange
{
    int min;
    int max;
};

// Day-of-week accepts 7 as a second Sunday; it is folded onto 0 after parsing.
constexpr std::array<FieldRange, FieldCount> Ranges = {
    {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}}};

constexpr std::array<QStringView, 12> MonthNames = {u"JAN", u"FEB", u"MAR", u"APR", u"MAY", u"JUN",
                                                    u"JUL", u"AUG", u"SEP", u"OCT", u"NOV", u"DEC"};
constexpr std::array<QStringView, 7> DayNames = {u"SUN", u"MON", u"TUE", u"WED",
                                                 u"THU", u"FRI", u"SAT"};

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(wfo::schedule::CronExpression)

public:
    QString error;

    // The allowed values of one field as bits, or nullopt with `error` set.
    std::optional<std::uint64_t> parseField(Field field, QStringView text)
    {
        std::uint64_t bits = 0;
        for (QStringView item : text.split(u',')) {
            if (item.isEmpty())
                return fail(tr("%1 has an empty item in its list").arg(fieldName(field)));
            if (!parseItem(field, item, bits))
                return std::nullopt;
        }
        if (field == DayOfWeek && (bits & (1u << 7)))
            bits = (bits | 1u) & ~(std::uint64_t(1) << 7);
        return bits;
    }

private:
    std::nullopt_t fail(const QString &message)
    {
        error = message;
        return std::nullopt;
    }

    static QString fieldName(Field field)
    {
        switch (field) {
        case Minute:
            return tr("minute");
        case Hour:
            return tr("hour");
        case DayOfMonth:
            return tr("day-of-month");
        case Month:
            return tr("month");
        case DayOfWeek:
        case FieldCount:
            break;
        }
        return tr("day-of-week");
    }

    bool parseItem(Field field, QStringView item, std::uint64_t &bits)
    {
        const FieldRange range = Ranges[field];
        QStringView span = item;
        int step = 1;
        const qsizetype slash = item.indexOf(u'/');
        if (slash >= 0) {
            span = item.left(slash);
            const QStringView stepText = item.mid(slash + 1);
            // A step may not exceed the number of values of the field (*/60 is every hour).
            const int maxStep = (field == DayOfWeek ? 7 : range.max - range.min + 1);
            bool isNumber = false;
            const std::optional<qlonglong> value = number(stepText, &isNumber);
            if (!isNumber) {
                fail(tr("%1 step '%2' is not a number").arg(fieldName(field), stepText));
                return false;
            }
            if (!value || *value < 1 || *value > maxStep) {
                fail(tr("%1 step %2 is out of range 1–%3")
                         .arg(fieldName(field), stepText)
                         .arg(maxStep));
                return false;
            }
            step = int(*value);
        }
        int first = range.min;
        int last = field == DayOfWeek ? 6 : range.max;
        if (span != u"*") {
            const qsizetype dash = span.indexOf(u'-', 1);
            const QStringView startText = dash < 0 ? span : span.left(dash);
            const std::optional<int> start = value(field, startText, false);
            if (!start)
                return false;
            first = *start;
            if (dash >= 0) {
                const std::optional<int> end = value(field, span.mid(dash + 1), true);
                if (!end)
                    return false;
                last = *end;
                if (last < first) {
                    fail(tr("%1 range %2 runs backwards").arg(fieldName(field), span));
                    return false;
                }
            } else if (slash < 0) {
                last = first;
            } else if (field == DayOfWeek) {
                last = 7;
            }
        }
        for (int v = first; v <= last; v += step)
            bits |= std::uint64_t(1) << v;
        return true;
    }

    // Digits only; nullopt (with *isNumber true) when too large for an int.
    static std::optional<qlonglong> number(QStringView text, bool *isNumber)
    {
        *isNumber = !text.isEmpty()
            && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
        if (!*isNumber)
            return std::nullopt;
        // Non-ASCII digits (Arabic-Indic and the like) are digits to isDigit() but not to cron.
        bool ok = false;
        const qlonglong v = text.size() > 9 ? -1 : text.toLongLong(&ok);
        if (!ok) {
            *isNumber = std::all_of(text.begin(), text.end(),
                                    [](QChar c) { return c >= u'0' && c <= u'9'; });
            return std::nullopt;
        }
        return v;
    }

    std::optional<int> value(Field field, QStringView text, bool rangeEnd)
    {
        const FieldRange range = Ranges[field];
        bool isNumber = false;
        if (const std::optional<qlonglong> v = number(text, &isNumber);
            v && *v >= range.min && *v <= range.max)
            return int(*v);
        if (isNumber) {
            fail(tr("%1 %2 is out of range %3–%4")
                     .arg(fieldName(field), text)
                     .arg(range.min)
                     .arg(field == DayOfWeek ? 7 : range.max));
            return std::nullopt;
        }
        if (field == Month) {
            for (qsizetype i = 0; i < qsizetype(MonthNames.size()); ++i) {
                if (text.compare(MonthNames[i], Qt::CaseInsensitive) == 0)
                    return int(i) + 1;
            }
        } else if (field == DayOfWeek) {
            for (qsizetype i = 0; i < qsizetype(DayNames.size()); ++i) {
                // "FRI-SUN" means Friday to Sunday, so Sunday ends a range as 7.
                if (text.compare(DayNames[i], Qt::CaseInsensitive) == 0)
                    return (i == 0 && rangeEnd) ? 7 : int(i);
            }
        }
        const QString upper = text.toString().toUpper();
        static const QRegularExpression lastOrWeekday(u"^(L|LW|\\d*L|\\d+W)$"_s);
        if (upper == u"?" || upper.contains(u'#')) {
            fail(tr("'%1' is not supported in %2")
                     .arg(upper == u"?" ? u"?"_s : u"#"_s, fieldName(field)));
            return std::nullopt;
        }
        if (lastOrWeekday.match(upper).hasMatch()) {
            fail(tr("'%1' is not supported in %2")
                     .arg(upper.endsWith(u'W') && upper != u"LW" ? u"W"_s : u"L"_s,
                          fieldName(field)));
            return std::nullopt;
        }
        if (field == Month)
            fail(tr("month '%1' is not a number 1–12 or a name JAN–DEC").arg(text));
        else if (field == DayOfWeek)
            fail(tr("day-of-week '%1' is not a number 0–7 or a name SUN–SAT").arg(text));
        else
            fail(tr("%1 '%2' is not a number").arg(fieldName(field), text));
        return std::nullopt;
    }
};

// The five fields a shortcut stands for.
std::optional<QString> expandShortcut(const QString &word)
{
    static const QList<std::pair<QString, QString>> shortcuts = {
        {u"@yearly"_s, u"0 0 1 1 *"_s},  {u"@annually"_s, u"0 0 1 1 *"_s},
        {u"@monthly"_s, u"0 0 1 * *"_s}, {u"@weekly"_s, u"0 0 * * 0"_s},
        {u"@daily"_s, u"0 0 * * *"_s},   {u"@midnight"_s, u"0 0 * * *"_s},
        {u"@hourly"_s, u"0 * * * *"_s},
    };
    for (const auto &[name, fields] : shortcuts) {
        if (word.compare(name, Qt::CaseInsensitive) == 0)
            return fields;
    }
    return std::nullopt;
}

} // namespace

std::optional<CronExpression> CronExpression::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<CronExpression> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    static const QRegularExpression whitespace(u"\\s+"_s);
    const QString simplified = text.simplified();
    QStringList fields = simplified.split(whitespace, Qt::SkipEmptyParts);
    if (fields.size() == 1 && fields.first().startsWith(u'@')) {
        const std::optional<QString> expanded = expandShortcut(fields.first());
        if (!expanded) {
            return fail(tr("'%1' is not supported; use @yearly, @monthly, @weekly, @daily or "
                           "@hourly, or five fields")
                            .arg(fields.first()));
        }
        fields = expanded->split(u' ');
    }
    if (fields.size() != FieldCount)
        return fail(tr("expected 5 fields, got %1").arg(fields.size()));

    Parser parser;
    std::array<std::uint64_t, FieldCount> bits {};
    for (int f = 0; f < FieldCount; ++f) {
        const std::optional<std::uint64_t> parsed = parser.parseField(Field(f), fields.at(f));
        if (!parsed)
            return fail(parser.error);
        bits[f] = *parsed;
    }

    CronExpression cron;
    cron.m_minutes = bits[Minute];
    cron.m_hours = std::uint32_t(bits[Hour]);
    cron.m_daysOfMonth = std::uint32_t(bits[DayOfMonth]);
    cron.m_months = std::uint16_t(bits[Month]);
    cron.m_daysOfWeek = std::uint8_t(bits[DayOfWeek]);
    cron.m_dayOfMonthRestricted = !fields.at(DayOfMonth).startsWith(u'*');
    cron.m_dayOfWeekRestricted = !fields.at(DayOfWeek).startsWith(u'*');
    cron.m_text = simplified;

    // "0 0 30 2 *" would be accepted by crontab and never run; say so instead.
    if (!cron.m_dayOfWeekRestricted || !cron.m_dayOfMonthRestricted) {
        static constexpr std::array<int, 13> longestMonth = {0,  31, 29, 31, 30, 31, 30,
                                                             31, 31, 30, 31, 30, 31};
        bool possible = false;
        for (int month = 1; month <= 12 && !possible; ++month) {
            if (cron.m_months & (1u << month)) {
                const std::uint32_t days = longestMonth[month] == 31
                    ? ~0u
                    : (std::uint32_t(1) << (longestMonth[month] + 1)) - 1;
                possible = cron.m_daysOfMonth & days;
            }
        }
        if (!possible) {
            return fail(tr("day-of-month %1 never occurs in month %2")
                            .arg(fields.at(DayOfMonth), fields.at(Month)));
        }
    }
    return cron;
}

bool CronExpression::matchesDate(QDate date) const
{
    if (!date.isValid() || !(m_months & (1u << date.month())))
        return false;
    const bool dayOfMonth = m_daysOfMonth & (1u << date.day());
    const bool dayOfWeek = m_daysOfWeek & (1u << (date.dayOfWeek() % 7));
    if (m_dayOfMonthRestricted && m_dayOfWeekRestricted)
        return dayOfMonth || dayOfWeek;
    return dayOfMonth && dayOfWeek;
}

bool CronExpression::matchesTime(QTime time) const
{
    return time.isValid() && (m_hours & (1u << time.hour()))
        && (m_minutes & (std::uint64_t(1) << time.minute()));
}

std::optional<CronExpression::WallTime> CronExpression::nextMatch(QDate date, QTime time) const
{
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    // The first candidate minute is the one after `time`.
    int fromMinute = time.minute() + 1;
    int fromHour = time.hour();
    if (fromMinute == 60) {
        fromMinute = 0;
        if (++fromHour == 24) {
            fromHour = 0;
            date = date.addDays(1);
        }
    }
    const QDate lastDay = std::min(date.addYears(28), QDate(9999, 12, 31));
    for (QDate day = date; day.isValid() && day <= lastDay; day = day.addDays(1)) {
        if (!matchesDate(day))
            continue;
        const bool first = day == date;
        for (int h = first ? fromHour : 0; h < 24; ++h) {
            if (!(m_hours & (1u << h)))
                continue;
            const std::uint64_t minutes = m_minutes >> ((first && h == fromHour) ? fromMinute : 0);
            if (minutes) {
                const int m =
                    std::countr_zero(minutes) + ((first && h == fromHour) ? fromMinute : 0);
                return WallTime {day, QTime(h, m)};
            }
        }
    }
    return std::nullopt;
}

} // namespace wfo::schedule
