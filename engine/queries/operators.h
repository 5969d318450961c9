#pragma once
// The operators of a database and the audit trail, as the console, orchestratorctl and the API
// read them.

#include "base/permissions.h"
#include "store/database.h"
#include "wfo_engine_export.h"

#include <QJsonArray>
#include <QString>

#include <optional>

namespace wfo::queries {

struct AuditQueryFilter
{
    QString since; // a stored timestamp or a date (YYYY-MM-DD); empty: from the beginning
    QString actor;
    QString targetId; // a process, subscription or operator
    int limit = 1000;
};

class WFO_ENGINE_EXPORT OperatorQueries
{
public:
    // [{user_name, display_name, role, enabled, created_at, modified_at}]
    static QJsonArray operators(const store::Database &database);
    // Newest first: [{id, at, actor, origin, host, action, target_kind, target_id, allowed,
    // detail}]
    static QJsonArray auditTrail(const store::Database &database, const AuditQueryFilter &filter);
    // The role `userName` acts with (admin while no operator is defined), nothing when it is
    // not an enabled operator: what the console disables its actions by.
    static std::optional<Role> roleOf(const store::Database &database, const QString &userName);
};

} // namespace wfo::queries
