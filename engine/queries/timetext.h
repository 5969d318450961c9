#pragma once
// The timestamps readers get (started_at, last_modified_at...) are the store's fixed-width UTC
// ISO-8601 text; this turns one into a QDateTime for display and arithmetic.

#include "wfo_engine_export.h"

#include <QDateTime>
#include <QString>

namespace wfo::queries {

// Invalid when `text` is empty or not a timestamp.
WFO_ENGINE_EXPORT QDateTime timestampFromText(const QString &text);

} // namespace wfo::queries
