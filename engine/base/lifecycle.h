#pragma once
// Subscription lifecycle statuses (exact lower-case strings, as orchestrator-core).

#include "wfo_engine_export.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace wfo {

enum class Lifecycle { Initial, Provisioning, Active, Migrating, Disabled, Terminated };

WFO_ENGINE_EXPORT QString toText(Lifecycle lifecycle);
WFO_ENGINE_EXPORT std::optional<Lifecycle> lifecycleFromString(QStringView text);
WFO_ENGINE_EXPORT QStringList lifecycleNames();
WFO_ENGINE_EXPORT QString displayName(Lifecycle lifecycle);

} // namespace wfo
