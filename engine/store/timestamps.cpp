#include "timestamps.h"

using namespace Qt::StringLiterals;

namespace wfo::store {

QString Timestamps::now()
{
    return toText(QDateTime::currentDateTimeUtc());
}

QString Timestamps::toText(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

QDateTime Timestamps::fromText(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace wfo::store
