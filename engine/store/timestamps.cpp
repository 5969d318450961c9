#include "timestamps.h"

#include <chrono>
#include <ctime>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

// "yyyy-MM-ddTHH:mm:ss.zzzZ" written digit by digit: every step stamps its row twice, and
// QDateTime::toString parses its format string on each call.
QString format(int year, int month, int day, int hour, int minute, int second, int msec)
{
    char16_t text[24];
    const auto put = [&text](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i) {
            text[at + i] = char16_t(u'0' + value % 10);
            value /= 10;
        }
    };
    put(0, year, 4);
    text[4] = u'-';
    put(5, month, 2);
    text[7] = u'-';
    put(8, day, 2);
    text[10] = u'T';
    put(11, hour, 2);
    text[13] = u':';
    put(14, minute, 2);
    text[16] = u':';
    put(17, second, 2);
    text[19] = u'.';
    put(20, msec, 3);
    text[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(text), 24);
}

} // namespace

QString Timestamps::now()
{
    const auto since = std::chrono::system_clock::now().time_since_epoch();
    const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(since).count();
    const std::time_t seconds = std::time_t(ms / 1000);
    std::tm tm {};
    if (ms < 0 || !gmtime_r(&seconds, &tm) || tm.tm_year + 1900 > 9999)
        return toText(QDateTime::currentDateTimeUtc());
    return format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  int(ms % 1000));
}

QString Timestamps::toText(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (date.year() < 0 || date.year() > 9999)
        return utc.toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
    return format(date.year(), date.month(), date.day(), clock.hour(), clock.minute(),
                  clock.second(), clock.msec());
}

QDateTime Timestamps::fromText(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace wfo::store
