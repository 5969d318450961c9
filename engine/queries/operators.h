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

// What a presented API token is worth (docs/api.md, "Authentication").
struct TokenCheck
{
    enum class Verdict {
        NoTokens, // no token was ever created: the API's loopback-only anonymous mode applies
        Valid,
        Unknown,
        Revoked,
        Expired,
    };
    Verdict verdict = Verdict::Unknown;
    QString tokenId;
    QString userName; // Valid: the operator it acts as
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
    // [{token_id, user_name, description, created_at, created_by, expires_at, revoked_at,
    //   revoked_by, state: "active"|"expired"|"revoked"}]; never a token or its hash.
    static QJsonArray tokens(const store::Database &database);
    // The token as presented (empty: none was presented).
    static TokenCheck checkToken(const store::Database &database, const QByteArray &token);
};

} // namespace wfo::queries
