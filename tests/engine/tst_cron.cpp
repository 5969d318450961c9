// The schedule time arithmetic: cron syntax and its errors, the next due times of cron
// triggers in UTC and across daylight-saving changes, intervals, once, and durations. Every
// time is passed in; nothing waits for a clock.
#include "schedule/cronexpression.h"
#include "schedule/duration.h"
#include "schedule/trigger.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace wfo::schedule;

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

QTimeZone zone(const char *id)
{
    return QTimeZone(QByteArray(id));
}

QStringList isoList(const QList<QDateTime> &times)
{
    QStringList list;
    for (const QDateTime &time : times)
        list.append(time.toUTC().toString(Qt::ISODate));
    return list;
}

// "2026-01-01T00:01:00Z" from the shorter "2026-01-01T00:01" the tables use.
QStringList expectedUtc(const QStringList &shortTimes)
{
    QStringList list;
    for (const QString &time : shortTimes)
        list.append(time + u":00Z"_s);
    return list;
}

} // namespace

class TestCron final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nextRuns_data();
    void nextRuns();
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void daylightSaving_data();
    void daylightSaving();
    void interval_data();
    void interval();
    void once_data();
    void once();
    void onceOutOfRange_data();
    void onceOutOfRange();
    void duration_data();
    void duration();
    void durationErrors_data();
    void durationErrors();
    void textRoundTrip_data();
    void textRoundTrip();
    void timeZones();
    void kinds();
};

void TestCron::initTestCase()
{
    // The daylight-saving rows need the IANA database (Debian's tzdata).
    for (const char *id : {"Europe/Amsterdam", "America/New_York"})
        QVERIFY2(zone(id).isValid(), id);
}

void TestCron::nextRuns_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("after"); // UTC
    QTest::addColumn<QStringList>("expected"); // UTC, next three

    // 2026-01-01 is a Thursday.
    QTest::newRow("every minute") << u"* * * * *"_s << u"2026-01-01T00:00:30"_s
                                  << QStringList {u"2026-01-01T00:01"_s, u"2026-01-01T00:02"_s,
                                                  u"2026-01-01T00:03"_s};
    QTest::newRow("hourly") << u"0 * * * *"_s << u"2026-01-01T00:00:00"_s
                            << QStringList {u"2026-01-01T01:00"_s, u"2026-01-01T02:00"_s,
                                            u"2026-01-01T03:00"_s};
    QTest::newRow("range") << u"10-11 3 * * *"_s << u"2026-01-01T00:00:00"_s
                           << QStringList {u"2026-01-01T03:10"_s, u"2026-01-01T03:11"_s,
                                           u"2026-01-02T03:10"_s};
    QTest::newRow("step of star") << u"*/15 * * * *"_s << u"2026-01-01T00:00:00"_s
                                  << QStringList {u"2026-01-01T00:15"_s, u"2026-01-01T00:30"_s,
                                                  u"2026-01-01T00:45"_s};
    QTest::newRow("step of range")
        << u"10-40/15 * * * *"_s << u"2026-01-01T00:10:00"_s
        << QStringList {u"2026-01-01T00:25"_s, u"2026-01-01T00:40"_s, u"2026-01-01T01:10"_s};
    QTest::newRow("step from value")
        << u"5/20 * * * *"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-01T00:05"_s, u"2026-01-01T00:25"_s, u"2026-01-01T00:45"_s};
    QTest::newRow("list") << u"0,30 9,17 * * *"_s << u"2026-01-01T09:00:00"_s
                          << QStringList {u"2026-01-01T09:30"_s, u"2026-01-01T17:00"_s,
                                          u"2026-01-01T17:30"_s};
    QTest::newRow("list of ranges and steps")
        << u"1-2,50-58/4 0 * * *"_s << u"2026-01-01T00:01:00"_s
        << QStringList {u"2026-01-01T00:02"_s, u"2026-01-01T00:50"_s, u"2026-01-01T00:54"_s};
    QTest::newRow("month names") << u"0 0 1 jan,Jul *"_s << u"2026-01-01T00:00:00"_s
                                 << QStringList {u"2026-07-01T00:00"_s, u"2027-01-01T00:00"_s,
                                                 u"2027-07-01T00:00"_s};
    QTest::newRow("month range of names")
        << u"0 0 1 feb-NOV/3 *"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-02-01T00:00"_s, u"2026-05-01T00:00"_s, u"2026-08-01T00:00"_s};
    QTest::newRow("weekdays") << u"0 9 * * MON-FRI"_s << u"2026-01-02T10:00:00"_s
                              << QStringList {u"2026-01-05T09:00"_s, u"2026-01-06T09:00"_s,
                                              u"2026-01-07T09:00"_s};
    QTest::newRow("sunday as 0") << u"0 0 * * 0"_s << u"2026-01-01T00:00:00"_s
                                 << QStringList {u"2026-01-04T00:00"_s, u"2026-01-11T00:00"_s,
                                                 u"2026-01-18T00:00"_s};
    QTest::newRow("sunday as 7") << u"0 0 * * 7"_s << u"2026-01-01T00:00:00"_s
                                 << QStringList {u"2026-01-04T00:00"_s, u"2026-01-11T00:00"_s,
                                                 u"2026-01-18T00:00"_s};
    QTest::newRow("sunday by name")
        << u"0 0 * * sun"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-04T00:00"_s, u"2026-01-11T00:00"_s, u"2026-01-18T00:00"_s};
    QTest::newRow("range ending on sunday")
        << u"0 0 * * FRI-SUN"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-02T00:00"_s, u"2026-01-03T00:00"_s, u"2026-01-04T00:00"_s};
    QTest::newRow("range to 7") << u"0 0 * * 6-7"_s << u"2026-01-05T00:00:00"_s
                                << QStringList {u"2026-01-10T00:00"_s, u"2026-01-11T00:00"_s,
                                                u"2026-01-17T00:00"_s};
    QTest::newRow("both days restricted: either matches")
        << u"0 0 13 * FRI"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-02T00:00"_s, u"2026-01-09T00:00"_s, u"2026-01-13T00:00"_s};
    QTest::newRow("day-of-month starting with *: both must match")
        << u"0 0 */2 * MON"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-05T00:00"_s, u"2026-01-19T00:00"_s, u"2026-02-09T00:00"_s};
    QTest::newRow("day-of-week starting with *: both must match")
        << u"0 0 13 * */1"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-13T00:00"_s, u"2026-02-13T00:00"_s, u"2026-03-13T00:00"_s};
    QTest::newRow("leap day") << u"0 0 29 2 *"_s << u"2026-01-01T00:00:00"_s
                              << QStringList {u"2028-02-29T00:00"_s, u"2032-02-29T00:00"_s,
                                              u"2036-02-29T00:00"_s};
    QTest::newRow("31st skips short months")
        << u"0 0 31 * *"_s << u"2026-01-31T00:00:00"_s
        << QStringList {u"2026-03-31T00:00"_s, u"2026-05-31T00:00"_s, u"2026-07-31T00:00"_s};
    QTest::newRow("year end") << u"59 23 31 12 *"_s << u"2026-12-31T23:59:00"_s
                              << QStringList {u"2027-12-31T23:59"_s, u"2028-12-31T23:59"_s,
                                              u"2029-12-31T23:59"_s};
    QTest::newRow("tabs and spaces")
        << u" 0\t0   * *  * "_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-02T00:00"_s, u"2026-01-03T00:00"_s, u"2026-01-04T00:00"_s};
    QTest::newRow("@hourly") << u"@hourly"_s << u"2026-01-01T00:59:59"_s
                             << QStringList {u"2026-01-01T01:00"_s, u"2026-01-01T02:00"_s,
                                             u"2026-01-01T03:00"_s};
    QTest::newRow("@daily") << u"@DAILY"_s << u"2026-01-01T00:00:00"_s
                            << QStringList {u"2026-01-02T00:00"_s, u"2026-01-03T00:00"_s,
                                            u"2026-01-04T00:00"_s};
    QTest::newRow("@weekly") << u"@weekly"_s << u"2026-01-01T00:00:00"_s
                             << QStringList {u"2026-01-04T00:00"_s, u"2026-01-11T00:00"_s,
                                             u"2026-01-18T00:00"_s};
    QTest::newRow("@monthly") << u"@monthly"_s << u"2026-01-01T00:00:00"_s
                              << QStringList {u"2026-02-01T00:00"_s, u"2026-03-01T00:00"_s,
                                              u"2026-04-01T00:00"_s};
    QTest::newRow("@yearly") << u"@yearly"_s << u"2026-01-01T00:00:00"_s
                             << QStringList {u"2027-01-01T00:00"_s, u"2028-01-01T00:00"_s,
                                             u"2029-01-01T00:00"_s};
    QTest::newRow("default schedule: 00:10")
        << u"10 0 * * *"_s << u"2026-01-01T00:10:00"_s
        << QStringList {u"2026-01-02T00:10"_s, u"2026-01-03T00:10"_s, u"2026-01-04T00:10"_s};
}

void TestCron::nextRuns()
{
    QFETCH(QString, expression);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);

    QString error;
    const std::optional<CronExpression> cron = CronExpression::parse(expression, &error);
    QVERIFY2(cron, qPrintable(error));
    const Trigger trigger = Trigger::cron(*cron, zone("UTC"));
    QCOMPARE(isoList(trigger.nextRuns(utc(after), 3)), expectedUtc(expected));
    QCOMPARE(trigger.nextRun(utc(after)).toString(Qt::ISODate), expectedUtc(expected).first());
    QCOMPARE(trigger.nextRun(utc(after)).timeSpec(), Qt::UTC);
}

void TestCron::matches_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("dateTime");
    QTest::addColumn<bool>("dateMatches");
    QTest::addColumn<bool>("timeMatches");

    QTest::newRow("weekday, in hours")
        << u"*/5 9-17 * * 1-5"_s << u"2026-01-05T09:05:00"_s << true << true;
    QTest::newRow("weekend") << u"*/5 9-17 * * 1-5"_s << u"2026-01-04T09:05:00"_s << false << true;
    QTest::newRow("off step") << u"*/5 9-17 * * 1-5"_s << u"2026-01-05T09:06:00"_s << true << false;
    QTest::newRow("seconds ignored") << u"6 9 * * *"_s << u"2026-01-05T09:06:59"_s << true << true;
    QTest::newRow("either day: by month day")
        << u"0 0 1 * MON"_s << u"2026-04-01T00:00:00"_s << true << true;
    QTest::newRow("either day: by weekday")
        << u"0 0 1 * MON"_s << u"2026-04-06T00:00:00"_s << true << true;
    QTest::newRow("either day: neither")
        << u"0 0 1 * MON"_s << u"2026-04-07T00:00:00"_s << false << true;
    QTest::newRow("wrong month") << u"0 0 * FEB *"_s << u"2026-03-01T00:00:00"_s << false << true;
}

void TestCron::matches()
{
    QFETCH(QString, expression);
    QFETCH(QString, dateTime);
    QFETCH(bool, dateMatches);
    QFETCH(bool, timeMatches);

    const std::optional<CronExpression> cron = CronExpression::parse(expression, nullptr);
    QVERIFY(cron);
    const QDateTime at = utc(dateTime);
    QCOMPARE(cron->matchesDate(at.date()), dateMatches);
    QCOMPARE(cron->matchesTime(at.time()), timeMatches);
}

void TestCron::errors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"expected 5 fields, got 0"_s;
    QTest::newRow("four fields") << u"* * * *"_s << u"expected 5 fields, got 4"_s;
    QTest::newRow("six fields") << u"0 * * * * *"_s << u"expected 5 fields, got 6"_s;
    QTest::newRow("minute") << u"61 * * * *"_s << u"minute 61 is out of range 0–59"_s;
    QTest::newRow("huge minute") << u"99999999999 * * * *"_s
                                 << u"minute 99999999999 is out of range 0–59"_s;
    QTest::newRow("hour") << u"0 24 * * *"_s << u"hour 24 is out of range 0–23"_s;
    QTest::newRow("day-of-month 0") << u"0 0 0 * *"_s << u"day-of-month 0 is out of range 1–31"_s;
    QTest::newRow("day-of-month 32")
        << u"0 0 1-32 * *"_s << u"day-of-month 32 is out of range 1–31"_s;
    QTest::newRow("month") << u"0 0 * 13 *"_s << u"month 13 is out of range 1–12"_s;
    QTest::newRow("day-of-week") << u"0 0 * * 8"_s << u"day-of-week 8 is out of range 0–7"_s;
    QTest::newRow("L") << u"0 0 L * *"_s << u"'L' is not supported in day-of-month"_s;
    QTest::newRow("lower-case l") << u"0 0 l * *"_s << u"'L' is not supported in day-of-month"_s;
    QTest::newRow("last friday") << u"0 0 * * 5L"_s << u"'L' is not supported in day-of-week"_s;
    QTest::newRow("W") << u"0 0 15W * *"_s << u"'W' is not supported in day-of-month"_s;
    QTest::newRow("LW") << u"0 0 LW * *"_s << u"'L' is not supported in day-of-month"_s;
    QTest::newRow("#") << u"0 0 * * 5#3"_s << u"'#' is not supported in day-of-week"_s;
    QTest::newRow("?") << u"0 0 ? * *"_s << u"'?' is not supported in day-of-month"_s;
    QTest::newRow("not a number") << u"x * * * *"_s << u"minute 'x' is not a number"_s;
    QTest::newRow("negative") << u"-5 * * * *"_s << u"minute '-5' is not a number"_s;
    QTest::newRow("non-ASCII digit") << u"\u0663 * * * *"_s << u"minute '\u0663' is not a number"_s;
    QTest::newRow("star in range") << u"*-5 * * * *"_s << u"minute '*' is not a number"_s;
    QTest::newRow("month name") << u"0 0 * FOO *"_s
                                << u"month 'FOO' is not a number 1–12 or a name JAN–DEC"_s;
    QTest::newRow("weekday name") << u"0 0 * * FUN"_s
                                  << u"day-of-week 'FUN' is not a number 0–7 or a name SUN–SAT"_s;
    QTest::newRow("weekday name in hour") << u"0 MON * * *"_s << u"hour 'MON' is not a number"_s;
    QTest::newRow("reversed range") << u"30-10 * * * *"_s << u"minute range 30-10 runs backwards"_s;
    QTest::newRow("reversed month names")
        << u"0 0 1 NOV-feb *"_s << u"month range NOV-feb runs backwards"_s;
    QTest::newRow("zero step") << u"*/0 * * * *"_s << u"minute step 0 is out of range 1–60"_s;
    QTest::newRow("large step") << u"0 */25 * * *"_s << u"hour step 25 is out of range 1–24"_s;
    QTest::newRow("weekday step") << u"0 0 * * */8"_s
                                  << u"day-of-week step 8 is out of range 1–7"_s;
    QTest::newRow("step not a number") << u"*/x * * * *"_s << u"minute step 'x' is not a number"_s;
    QTest::newRow("two steps") << u"*/2/3 * * * *"_s << u"minute step '2/3' is not a number"_s;
    QTest::newRow("empty step") << u"*/ * * * *"_s << u"minute step '' is not a number"_s;
    QTest::newRow("empty list item")
        << u"1,,2 * * * *"_s << u"minute has an empty item in its list"_s;
    QTest::newRow("trailing comma")
        << u"0 0 * * MON,"_s << u"day-of-week has an empty item in its list"_s;
    QTest::newRow("open range") << u"5- * * * *"_s << u"minute '' is not a number"_s;
    QTest::newRow("never: 30 February")
        << u"0 0 30 2 *"_s << u"day-of-month 30 never occurs in month 2"_s;
    QTest::newRow("never: 31 in short months") << u"0 0 31 APR,jun,SEP,nov *"_s
                                               << u"day-of-month 31 never occurs in month "
                                                  u"APR,jun,SEP,nov"_s;
    QTest::newRow("@reboot") << u"@reboot"_s
                             << u"'@reboot' is not supported; use @yearly, @monthly, @weekly, "
                                u"@daily or @hourly, or five fields"_s;
    QTest::newRow("shortcut with fields") << u"@daily *"_s << u"expected 5 fields, got 2"_s;
}

void TestCron::errors()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!CronExpression::parse(expression, &error));
    QCOMPARE(error, message);
    QVERIFY(!CronExpression::parse(expression, nullptr)); // no error wanted, no crash

    // The same sentence reaches the operator through Trigger::parse.
    error.clear();
    QVERIFY(!Trigger::parse(Trigger::Kind::Cron, expression, zone("UTC"), {}, &error));
    QCOMPARE(error, message);
}

void TestCron::daylightSaving_data()
{
    QTest::addColumn<QByteArray>("zoneId");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("after"); // UTC
    QTest::addColumn<QStringList>("expected"); // UTC

    // Europe/Amsterdam, 2026: 29 March 02:00 CET -> 03:00 CEST (01:00Z);
    // 25 October 03:00 CEST -> 02:00 CET (01:00Z), so 02:00-02:59 happens twice.
    QTest::newRow("Amsterdam: ordinary winter day")
        << QByteArray("Europe/Amsterdam") << u"10 0 * * *"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-01T23:10"_s, u"2026-01-02T23:10"_s, u"2026-01-03T23:10"_s};
    QTest::newRow("Amsterdam: 02:30 in the gap runs once, at 03:00")
        << QByteArray("Europe/Amsterdam") << u"30 2 * * *"_s << u"2026-03-28T00:00:00"_s
        << QStringList {u"2026-03-28T01:30"_s, u"2026-03-29T01:00"_s, u"2026-03-30T00:30"_s};
    QTest::newRow("Amsterdam: several times in the gap run once together")
        << QByteArray("Europe/Amsterdam") << u"*/30 2-3 * * *"_s << u"2026-03-28T23:00:00"_s
        << QStringList {u"2026-03-29T01:00"_s, u"2026-03-29T01:30"_s, u"2026-03-30T00:00"_s};
    QTest::newRow("Amsterdam: asked from inside the gap's run")
        << QByteArray("Europe/Amsterdam") << u"30 2 * * *"_s << u"2026-03-29T01:00:00"_s
        << QStringList {u"2026-03-30T00:30"_s, u"2026-03-31T00:30"_s, u"2026-04-01T00:30"_s};
    QTest::newRow("Amsterdam: 02:30 twice in autumn runs at the first")
        << QByteArray("Europe/Amsterdam") << u"30 2 * * *"_s << u"2026-10-24T00:00:00"_s
        << QStringList {u"2026-10-24T00:30"_s, u"2026-10-25T00:30"_s, u"2026-10-26T01:30"_s};
    QTest::newRow("Amsterdam: asked between the two 02:30s")
        << QByteArray("Europe/Amsterdam") << u"30 2 * * *"_s << u"2026-10-25T00:30:00"_s
        << QStringList {u"2026-10-26T01:30"_s, u"2026-10-27T01:30"_s, u"2026-10-28T01:30"_s};
    QTest::newRow("Amsterdam: hourly skips the repeated hour")
        << QByteArray("Europe/Amsterdam") << u"0 * * * *"_s << u"2026-10-24T23:30:00"_s
        << QStringList {u"2026-10-25T00:00"_s, u"2026-10-25T02:00"_s, u"2026-10-25T03:00"_s};
    QTest::newRow("Amsterdam: asked inside the repeated hour")
        << QByteArray("Europe/Amsterdam") << u"*/20 * * * *"_s << u"2026-10-25T01:10:00"_s
        << QStringList {u"2026-10-25T02:00"_s, u"2026-10-25T02:20"_s, u"2026-10-25T02:40"_s};
    QTest::newRow("Amsterdam: default 02:30 task over both changes")
        << QByteArray("Europe/Amsterdam") << u"30 2 * 3,10 SUN"_s << u"2026-03-20T00:00:00"_s
        << QStringList {u"2026-03-22T01:30"_s, u"2026-03-29T01:00"_s, u"2026-10-04T00:30"_s};

    // America/New_York, 2026: 8 March 02:00 EST -> 03:00 EDT (07:00Z);
    // 1 November 02:00 EDT -> 01:00 EST (06:00Z), so 01:00-01:59 happens twice.
    QTest::newRow("New York: 02:30 in the gap runs once, at 03:00")
        << QByteArray("America/New_York") << u"30 2 * * *"_s << u"2026-03-07T00:00:00"_s
        << QStringList {u"2026-03-07T07:30"_s, u"2026-03-08T07:00"_s, u"2026-03-09T06:30"_s};
    QTest::newRow("New York: every 15 minutes over the gap")
        << QByteArray("America/New_York") << u"*/15 * * * *"_s << u"2026-03-08T06:40:00"_s
        << QStringList {u"2026-03-08T06:45"_s, u"2026-03-08T07:00"_s, u"2026-03-08T07:15"_s};
    QTest::newRow("New York: 01:30 twice in autumn runs at the first")
        << QByteArray("America/New_York") << u"30 1 * * *"_s << u"2026-10-31T12:00:00"_s
        << QStringList {u"2026-11-01T05:30"_s, u"2026-11-02T06:30"_s, u"2026-11-03T06:30"_s};
    QTest::newRow("New York: Sundays at 01:45 over the change")
        << QByteArray("America/New_York") << u"45 1 * * SUN"_s << u"2026-10-20T00:00:00"_s
        << QStringList {u"2026-10-25T05:45"_s, u"2026-11-01T05:45"_s, u"2026-11-08T06:45"_s};
}

void TestCron::daylightSaving()
{
    QFETCH(QByteArray, zoneId);
    QFETCH(QString, expression);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);

    QString error;
    const std::optional<Trigger> trigger =
        Trigger::parse(Trigger::Kind::Cron, expression, QTimeZone(zoneId), {}, &error);
    QVERIFY2(trigger, qPrintable(error));
    QCOMPARE(trigger->timeZone().id(), zoneId);
    const QList<QDateTime> runs = trigger->nextRuns(utc(after), 3);
    QCOMPARE(isoList(runs), expectedUtc(expected));
    // Never twice: the runs are strictly increasing, and each is due after the one before.
    for (qsizetype i = 1; i < runs.size(); ++i)
        QCOMPARE_GT(runs.at(i), runs.at(i - 1));
}

void TestCron::interval_data()
{
    QTest::addColumn<QString>("every");
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("before the anchor: the anchor first")
        << u"1h"_s << u"2026-01-01T00:00:00"_s << u"2025-12-31T23:59:59"_s
        << QStringList {u"2026-01-01T00:00"_s, u"2026-01-01T01:00"_s, u"2026-01-01T02:00"_s};
    QTest::newRow("at the anchor: strictly after")
        << u"1m"_s << u"2026-01-01T00:00:00"_s << u"2026-01-01T00:00:00"_s
        << QStringList {u"2026-01-01T00:01"_s, u"2026-01-01T00:02"_s, u"2026-01-01T00:03"_s};
    QTest::newRow("seconds") << u"90s"_s << u"2026-01-01T00:00:00"_s << u"2026-01-01T00:00:00"_s
                             << QStringList {u"2026-01-01T00:01:30"_s, u"2026-01-01T00:03:00"_s,
                                             u"2026-01-01T00:04:30"_s};
    QTest::newRow("missed runs coalesce into the next one")
        << u"1h30m"_s << u"2026-01-01T00:00:00"_s << u"2026-01-01T10:00:00"_s
        << QStringList {u"2026-01-01T10:30"_s, u"2026-01-01T12:00"_s, u"2026-01-01T13:30"_s};
    QTest::newRow("absolute across the spring change")
        << u"6h"_s << u"2026-03-28T22:00:00"_s << u"2026-03-28T22:00:00"_s
        << QStringList {u"2026-03-29T04:00"_s, u"2026-03-29T10:00"_s, u"2026-03-29T16:00"_s};
    QTest::newRow("days") << u"1d"_s << u"2026-10-24T12:00:00"_s << u"2026-10-24T12:00:00"_s
                          << QStringList {u"2026-10-25T12:00"_s, u"2026-10-26T12:00"_s,
                                          u"2026-10-27T12:00"_s};
}

void TestCron::interval()
{
    QFETCH(QString, every);
    QFETCH(QString, anchor);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);

    QString error;
    const std::optional<Trigger> trigger = Trigger::parse(
        Trigger::Kind::Interval, every, zone("Europe/Amsterdam"), utc(anchor), &error);
    QVERIFY2(trigger, qPrintable(error));
    QVERIFY(trigger->kind() == Trigger::Kind::Interval);
    QCOMPARE(trigger->anchor(), utc(anchor));
    QStringList expectedIso;
    for (const QString &time : expected)
        expectedIso.append(utc(time).toString(Qt::ISODate));
    QCOMPARE(isoList(trigger->nextRuns(utc(after), 3)), expectedIso);
}

void TestCron::once_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("zoneId");
    QTest::addColumn<QString>("expected"); // UTC; empty: not a valid time

    QTest::newRow("wall time in the zone")
        << u"2026-12-24T18:00"_s << QByteArray("Europe/Amsterdam") << u"2026-12-24T17:00:00Z"_s;
    QTest::newRow("with a space") << u" 2026-12-24 18:00 "_s << QByteArray("America/New_York")
                                  << u"2026-12-24T23:00:00Z"_s;
    QTest::newRow("UTC") << u"2026-12-24T18:00:00Z"_s << QByteArray("Europe/Amsterdam")
                         << u"2026-12-24T18:00:00Z"_s;
    QTest::newRow("offset") << u"2026-12-24T18:00+05:00"_s << QByteArray("Europe/Amsterdam")
                            << u"2026-12-24T13:00:00Z"_s;
    QTest::newRow("in the gap: after it")
        << u"2026-03-29T02:30"_s << QByteArray("Europe/Amsterdam") << u"2026-03-29T01:00:00Z"_s;
    QTest::newRow("in the overlap: the first")
        << u"2026-10-25T02:30"_s << QByteArray("Europe/Amsterdam") << u"2026-10-25T00:30:00Z"_s;
    QTest::newRow("milliseconds dropped, as the text has none")
        << u"2026-12-24T18:00:00.750Z"_s << QByteArray("UTC") << u"2026-12-24T18:00:00Z"_s;
    QTest::newRow("a date only") << u"2026-12-24"_s << QByteArray("UTC") << QString();
    QTest::newRow("words") << u"tomorrow"_s << QByteArray("UTC") << QString();
    QTest::newRow("no such day") << u"2026-02-30T10:00"_s << QByteArray("UTC") << QString();
}

void TestCron::once()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, zoneId);
    QFETCH(QString, expected);

    QString error;
    const std::optional<Trigger> trigger =
        Trigger::parse(Trigger::Kind::Once, text, QTimeZone(zoneId), {}, &error);
    if (expected.isEmpty()) {
        QVERIFY(!trigger);
        QCOMPARE(error,
                 u"'%1' is not a date and time; write it as 2026-12-24T18:00 (or with an offset, "
                 u"2026-12-24T18:00+01:00)"_s.arg(text.trimmed()));
        return;
    }
    QVERIFY2(trigger, qPrintable(error));
    const QDateTime at = utc(expected);
    QCOMPARE(trigger->nextRun(at.addSecs(-1)), at);
    QCOMPARE(trigger->nextRun(at), QDateTime()); // once means once
    QCOMPARE(trigger->nextRuns(at.addDays(-1), 5), QList<QDateTime> {at});
    QCOMPARE(trigger->text(), expected);
}

void TestCron::onceOutOfRange_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("before 1970") << u"1969-12-31T23:59:59Z"_s;
    QTest::newRow("pushed before year 1 by the offset") << u"0001-01-01T00:00+14:00"_s;
    QTest::newRow("pushed past 9999 by the offset") << u"9999-12-31T23:59-14:00"_s;
}

void TestCron::onceOutOfRange()
{
    QFETCH(QString, text);

    QString error;
    QVERIFY(!Trigger::parse(Trigger::Kind::Once, text, zone("UTC"), {}, &error));
    QCOMPARE(error, u"'%1' is not between the years 1970 and 9999"_s.arg(text));
}

void TestCron::duration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("formatted");

    QTest::newRow("1m") << u"1m"_s << qint64(60) << u"1m"_s;
    QTest::newRow("90s") << u"90s"_s << qint64(90) << u"1m30s"_s;
    QTest::newRow("6h") << u"6h"_s << qint64(6 * 3600) << u"6h"_s;
    QTest::newRow("1d") << u"1d"_s << qint64(86400) << u"1d"_s;
    QTest::newRow("1h30m") << u"1h30m"_s << qint64(5400) << u"1h30m"_s;
    QTest::newRow("spaces, capitals") << u" 1H 30M "_s << qint64(5400) << u"1h30m"_s;
    QTest::newRow("all units") << u"1d2h3m4s"_s << qint64(86400 + 7200 + 180 + 4) << u"1d2h3m4s"_s;
    QTest::newRow("unnormalised") << u"120m"_s << qint64(7200) << u"2h"_s;
    QTest::newRow("longest") << u"3650d"_s << qint64(3650) * 86400 << u"3650d"_s;
}

void TestCron::duration()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QFETCH(QString, formatted);

    QString error;
    const std::optional<std::chrono::seconds> parsed = parseDuration(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->count(), seconds);
    QCOMPARE(formatDuration(*parsed), formatted);
    QCOMPARE(parseDuration(formatted, nullptr), parsed);
}

void TestCron::durationErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << u" "_s
                           << u"the interval is empty; write it as 30m, 6h, 1d or 1h30m"_s;
    QTest::newRow("too short") << u"30s"_s << u"the shortest interval is 1 minute"_s;
    QTest::newRow("zero") << u"0m"_s << u"the shortest interval is 1 minute"_s;
    QTest::newRow("too long") << u"3651d"_s << u"the longest interval is 3650 days"_s;
    QTest::newRow("overflow") << u"999999999999999999999d"_s
                              << u"the longest interval is 3650 days"_s;
    QTest::newRow("sum too long") << u"3650d1s"_s << u"the longest interval is 3650 days"_s;
    QTest::newRow("no unit") << u"10"_s
                             << u"the interval '10' needs a unit after 10: d, h, m or s"_s;
    QTest::newRow("unknown unit") << u"5x"_s << u"'5x' has an unknown unit 'x'; use d, h, m or s"_s;
    QTest::newRow("no number") << u"h"_s << u"'h' in the interval 'h' is not a number"_s;
    QTest::newRow("negative") << u"-5m"_s << u"'-' in the interval '-5m' is not a number"_s;
    QTest::newRow("fraction") << u"1.5h"_s << u"'1.5h' has an unknown unit '.'; use d, h, m or s"_s;
    QTest::newRow("smallest first") << u"30m1h"_s
                                    << u"in '30m1h' the units must come largest first, each once "
                                       u"(as in 1h30m)"_s;
    QTest::newRow("twice") << u"1h1h"_s
                           << u"in '1h1h' the units must come largest first, each once (as in "
                              u"1h30m)"_s;
}

void TestCron::durationErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!parseDuration(text, &error));
    QCOMPARE(error, message);
    error.clear();
    QVERIFY(!Trigger::parse(Trigger::Kind::Interval, text, zone("UTC"),
                            utc(u"2026-01-01T00:00:00"_s), &error));
    QCOMPARE(error, message);
}

void TestCron::textRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stored");

    QTest::newRow("cron") << int(Trigger::Kind::Cron) << u"  0   2 * *\tsun "_s << u"0 2 * * sun"_s;
    QTest::newRow("interval") << int(Trigger::Kind::Interval) << u"90m"_s << u"1h30m"_s;
    QTest::newRow("once") << int(Trigger::Kind::Once) << u"2026-06-01T08:00"_s
                          << u"2026-06-01T06:00:00Z"_s;
}

void TestCron::textRoundTrip()
{
    QFETCH(int, kind);
    QFETCH(QString, text);
    QFETCH(QString, stored);

    const QTimeZone amsterdam = zone("Europe/Amsterdam");
    const QDateTime anchor = utc(u"2026-01-01T00:00:00"_s);
    const auto parsed = Trigger::parse(Trigger::Kind(kind), text, amsterdam, anchor, nullptr);
    QVERIFY(parsed);
    QCOMPARE(parsed->text(), stored);
    const auto again = Trigger::parse(Trigger::Kind(kind), stored, amsterdam, anchor, nullptr);
    QVERIFY(again);
    QCOMPARE(*again, *parsed);
    QCOMPARE(again->nextRuns(anchor, 5), parsed->nextRuns(anchor, 5));
}

void TestCron::timeZones()
{
    QString error;
    const std::optional<QTimeZone> amsterdam =
        Trigger::parseTimeZone(u"Europe/Amsterdam"_s, &error);
    QVERIFY2(amsterdam, qPrintable(error));
    QCOMPARE(amsterdam->id(), QByteArray("Europe/Amsterdam"));
    QVERIFY(!Trigger::parseTimeZone(u"Mars/Olympus_Mons"_s, &error));
    QCOMPARE(error,
             u"unknown time zone 'Mars/Olympus_Mons'; use a name such as "
             u"Europe/Amsterdam, America/New_York or UTC"_s);
    QVERIFY(!Trigger::parseTimeZone(QString(), nullptr));

    // Without a zone, a cron trigger reads the system's clocks.
    const auto cron = CronExpression::parse(u"0 0 * * *"_s, nullptr);
    QVERIFY(cron);
    QCOMPARE(Trigger::cron(*cron).timeZone(), QTimeZone::systemTimeZone());

    // The console's "next five runs".
    const Trigger amsterdamDaily = Trigger::cron(*cron, *amsterdam);
    QCOMPARE(amsterdamDaily.nextRuns(utc(u"2026-01-01T00:00:00"_s), 5).size(), 5);
    QCOMPARE(amsterdamDaily.nextRuns(utc(u"2026-01-01T00:00:00"_s), 0).size(), 0);
    QCOMPARE(amsterdamDaily.nextRun(QDateTime()), QDateTime());
    // Nothing after the year 9999.
    QCOMPARE(amsterdamDaily.nextRun(utc(u"9999-12-31T23:30:00"_s)), QDateTime());
}

void TestCron::kinds()
{
    for (const Trigger::Kind kind :
         {Trigger::Kind::Cron, Trigger::Kind::Interval, Trigger::Kind::Once})
        QVERIFY(triggerKindFromString(toString(kind)) == kind);
    QCOMPARE(toString(Trigger::Kind::Interval), u"interval"_s);
    QVERIFY(!triggerKindFromString(u"weekly"));

    QString error;
    QVERIFY(!Trigger::interval(59s, utc(u"2026-01-01T00:00:00"_s), &error));
    QCOMPARE(error, u"the shortest interval is 1 minute"_s);
    QVERIFY(!Trigger::interval(1h, QDateTime(), &error));
    QCOMPARE(error, u"an interval needs a valid start time"_s);
}

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
