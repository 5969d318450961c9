// The cron parser, durations and trigger arithmetic. No input crashes them; every expression
// reads back from its stored text; every due time of a trigger is later than the one before and
// lies on a matching wall time or at the end of a daylight-saving gap; durations read back from
// their formatted text; interval due times are whole intervals after the anchor.
#include "fuzzsupport.h"

#include "schedule/cronexpression.h"
#include "schedule/duration.h"
#include "schedule/trigger.h"

#include <array>

using namespace Qt::StringLiterals;
using namespace wfo::schedule;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 1024)
        return 0; // longer expressions only repeat list items
    const QString input = wfo::fuzz::text(data, size);
    const std::uint64_t h = wfo::fuzz::hash(data, size);
    // Zones with the usual hour, a half hour (Lord Howe) and a skipped day (Apia, 2011).
    static const std::array<QTimeZone, 5> zones = {
        QTimeZone(QByteArrayLiteral("UTC")), QTimeZone(QByteArrayLiteral("Europe/Amsterdam")),
        QTimeZone(QByteArrayLiteral("America/New_York")),
        QTimeZone(QByteArrayLiteral("Australia/Lord_Howe")),
        QTimeZone(QByteArrayLiteral("Pacific/Apia"))};
    const QTimeZone &zone = zones[(h >> 40) % zones.size()];
    // Somewhere between 2000 and 2060.
    const QDateTime after =
        QDateTime::fromSecsSinceEpoch(946684800 + qint64(h % (60ull * 365 * 86400)), Qt::UTC);

    QString error;
    if (const std::optional<CronExpression> cron = CronExpression::parse(input, &error)) {
        const std::optional<CronExpression> again =
            CronExpression::parse(cron->toString(), nullptr);
        WFO_FUZZ_CHECK(again && *again == *cron, cron->toString());
        const Trigger trigger = Trigger::cron(*cron, zone);
        QDateTime previous = after;
        for (const QDateTime &run : trigger.nextRuns(after, 3)) {
            const QString detail = cron->toString() + u" in "_s + QString::fromUtf8(zone.id())
                + u" after "_s + previous.toString(Qt::ISODate) + u": "_s
                + run.toString(Qt::ISODate);
            WFO_FUZZ_CHECK(run > previous && run.timeSpec() == Qt::UTC, detail);
            const QDateTime local = run.toTimeZone(zone);
            const bool onMatch = cron->matchesDate(local.date()) && cron->matchesTime(local.time());
            const bool gapEnd = zone.offsetFromUtc(run.addSecs(-1)) < zone.offsetFromUtc(run);
            WFO_FUZZ_CHECK(onMatch || gapEnd, detail);
            previous = run;
        }
    } else {
        WFO_FUZZ_CHECK(!error.isEmpty(), input);
    }

    error.clear();
    if (const std::optional<std::chrono::seconds> every = parseDuration(input, &error)) {
        WFO_FUZZ_CHECK(*every >= MinimumInterval && *every <= MaximumInterval, input);
        WFO_FUZZ_CHECK(parseDuration(formatDuration(*every), nullptr) == every, input);
        const std::optional<Trigger> trigger = Trigger::interval(*every, after, nullptr);
        WFO_FUZZ_CHECK(trigger, input);
        const QDateTime from = after.addSecs(qint64(h % 1000000) - 500000);
        QDateTime previous = from;
        for (const QDateTime &run : trigger->nextRuns(from, 3)) {
            WFO_FUZZ_CHECK(run > previous && after.secsTo(run) % every->count() == 0,
                           input + u" "_s + run.toString(Qt::ISODate));
            previous = run;
        }
    } else {
        WFO_FUZZ_CHECK(!error.isEmpty(), input);
    }

    if (const std::optional<Trigger> once =
            Trigger::parse(Trigger::Kind::Once, input, zone, {}, nullptr)) {
        const QDateTime next = once->nextRun(after);
        WFO_FUZZ_CHECK(!next.isValid() || next > after, input);
        const std::optional<Trigger> again =
            Trigger::parse(Trigger::Kind::Once, once->text(), zone, {}, nullptr);
        WFO_FUZZ_CHECK(again && *again == *once, input + u" -> "_s + once->text());
    }
    return 0;
}
