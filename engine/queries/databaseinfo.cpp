#include "databaseinfo.h"

#include "store/migrations.h"
#include "store/serverinfo.h"

namespace wfo::queries {

DatabaseInfo DatabaseInfoQuery::load(const store::Database &database)
{
    DatabaseInfo info;
    info.schemaVersion = database.schemaVersion();
    info.latestSchemaVersion = store::Migrations::latestVersion();
    info.serverVersion = store::ServerInfo::serverVersion(database);
    return info;
}

} // namespace wfo::queries
