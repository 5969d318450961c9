#pragma once
// Timestamps are stored as fixed-width UTC ISO-8601 text with milliseconds, so they sort and
// compare as text in every database.

#include "wfo_engine_export.h"

#include <QDateTime>
#include <QString>

namespace wfo::store {

class WFO_ENGINE_EXPORT Timestamps
{
public:
    static QString now();
    static QString toText(const QDateTime &time);
    static QDateTime fromText(const QString &text);
};

} // namespace wfo::store
