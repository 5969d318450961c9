#include "duration.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace wfo::schedule {

namespace {

struct Unit
{
    QChar letter;
    std::chrono::seconds length;
};

constexpr std::array<Unit, 4> Units = {{{u'd', std::chrono::hours(24)},
                                        {u'h', std::chrono::hours(1)},
                                        {u'm', std::chrono::minutes(1)},
                                        {u's', std::chrono::seconds(1)}}};

// The translation context of the messages below.
class Duration
{
    Q_DECLARE_TR_FUNCTIONS(wfo::schedule::Duration)
};

} // namespace

std::optional<std::chrono::seconds> parseDuration(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<std::chrono::seconds> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    // "1h 30m" reads as "1h30m".
    const QString trimmed = text.simplified().remove(u' ').toLower();
    if (trimmed.isEmpty())
        return fail(Duration::tr("the interval is empty; write it as 30m, 6h, 1d or 1h30m"));

    std::chrono::seconds total {0};
    qsizetype nextUnit = 0; // units must come largest first, each once
    qsizetype i = 0;
    while (i < trimmed.size()) {
        const qsizetype start = i;
        while (i < trimmed.size() && trimmed.at(i) >= u'0' && trimmed.at(i) <= u'9')
            ++i;
        const QStringView digits = QStringView(trimmed).mid(start, i - start);
        if (digits.isEmpty()) {
            return fail(Duration::tr("'%1' in the interval '%2' is not a number")
                            .arg(trimmed.at(i), text.trimmed()));
        }
        if (i == trimmed.size()) {
            return fail(Duration::tr("the interval '%1' needs a unit after %2: d, h, m or s")
                            .arg(text.trimmed(), digits));
        }
        const QChar letter = trimmed.at(i++);
        qsizetype unit = 0;
        while (unit < qsizetype(Units.size()) && Units[unit].letter != letter)
            ++unit;
        if (unit == qsizetype(Units.size())) {
            return fail(Duration::tr("'%1' has an unknown unit '%2'; use d, h, m or s")
                            .arg(text.trimmed(), letter));
        }
        if (unit < nextUnit) {
            return fail(
                Duration::tr("in '%1' the units must come largest first, each once (as in 1h30m)")
                    .arg(text.trimmed()));
        }
        nextUnit = unit + 1;
        // Ten digits of days already exceed the maximum; stopping here keeps the sum exact.
        bool ok = false;
        const qlonglong count = digits.size() > 10 ? -1 : digits.toLongLong(&ok);
        if (!ok || std::chrono::seconds(count) > MaximumInterval / Units[unit].length.count())
            return fail(Duration::tr("the longest interval is 3650 days"));
        total += Units[unit].length * count;
    }
    if (total < MinimumInterval)
        return fail(Duration::tr("the shortest interval is 1 minute"));
    if (total > MaximumInterval)
        return fail(Duration::tr("the longest interval is 3650 days"));
    return total;
}

QString formatDuration(std::chrono::seconds duration)
{
    if (duration.count() <= 0)
        return u"0s"_s;
    QString text;
    for (const Unit &unit : Units) {
        const auto count = duration / unit.length;
        if (count > 0)
            text += QString::number(count) + unit.letter;
        duration -= unit.length * count;
    }
    return text;
}

} // namespace wfo::schedule
