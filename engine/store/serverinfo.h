#pragma once
// What the database server says about itself (for the console's connection test).

#include "database.h"
#include "wfo_engine_export.h"

#include <QString>

namespace wfo::store {

class WFO_ENGINE_EXPORT ServerInfo
{
public:
    // PostgreSQL's server_version; empty on SQLite.
    static QString serverVersion(const Database &database);
};

} // namespace wfo::store
