#pragma once
// What a reader needs to know about a database before using it: its schema version against the
// one this build understands, and the server's version.

#include "wfo_engine_export.h"

#include "store/database.h"

#include <QString>

namespace wfo::queries {

struct DatabaseInfo
{
    int schemaVersion = 0; // 0: empty
    int latestSchemaVersion = 0; // what this build migrates to
    QString serverVersion; // PostgreSQL only
};

class WFO_ENGINE_EXPORT DatabaseInfoQuery
{
public:
    // Throws store::StoreError when the database cannot be reached.
    static DatabaseInfo load(const store::Database &database);
};

} // namespace wfo::queries
