#pragma once
// Interval lengths as operators type them (`--every 6h`, `1h30m`, `1d`, `90s`): one or more
// number-unit pairs with the units d, h, m and s, largest first, each at most once.

#include "wfo_engine_export.h"

#include <QString>

#include <chrono>
#include <optional>

namespace wfo::schedule {

// An interval trigger runs at most once a minute, and at least once in ten years.
inline constexpr std::chrono::seconds MinimumInterval {60};
inline constexpr std::chrono::seconds MaximumInterval {std::chrono::hours(24) * 3650};

// The duration, or nullopt with a translated sentence in `error` ("'5x' has an unknown unit
// 'x'; use d, h, m or s", "the shortest interval is 1 minute").
WFO_ENGINE_EXPORT std::optional<std::chrono::seconds> parseDuration(const QString &text,
                                                                    QString *error);

// The shortest text parseDuration reads back as `duration`, e.g. "1h30m"; "0s" for zero.
WFO_ENGINE_EXPORT QString formatDuration(std::chrono::seconds duration);

} // namespace wfo::schedule
