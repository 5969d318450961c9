#pragma once
// How the read side shows one JSON value as text, the same in every screen and command: a
// string as it is, anything else (numbers, booleans, null, arrays, objects) as compact JSON.

#include "wfo_engine_export.h"

#include <QJsonValue>
#include <QString>

namespace wfo::queries {

WFO_ENGINE_EXPORT QString jsonText(const QJsonValue &value);

} // namespace wfo::queries
