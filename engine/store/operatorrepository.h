#pragma once
// Operators (user name, display name, role, enabled) and the audit trail: one row per operator
// action, allowed or refused, written in the transaction of the action's own effect. Nothing in
// the product deletes audit rows.

#include "database.h"
#include "wfo_engine_export.h"

#include "base/permissions.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace wfo::store {

struct OperatorRecord
{
    QString userName;
    QString displayName;
    QString role; // "viewer", "operator", "admin"
    bool enabled = true;
    QString createdAt;
    QString modifiedAt;
};

struct AuditRecord
{
    qint64 id = 0;
    QString at;
    QString actor;
    QString origin; // console, cli, rest, system
    QString host;
    QString action; // start, resume, abort, delete, pause_engine, ...
    QString targetKind; // process, subscription, engine, schedule, operator, setting
    QString targetId;
    bool allowed = true;
    QJsonObject detail;
};

struct AuditFilter
{
    QString since; // a stored timestamp; empty: from the beginning
    QString actor;
    QString targetId;
    int limit = 1000;
};

class WFO_ENGINE_EXPORT OperatorRepository
{
public:
    explicit OperatorRepository(const Database &database)
        : m_db(database)
    { }

    QList<OperatorRecord> list();
    std::optional<OperatorRecord> find(const QString &userName);
    qint64 count();
    // The role `userName` acts with: admin while no operator is defined (the embedded
    // single-user default); nothing for a user who is not an enabled operator.
    std::optional<Role> roleOf(const QString &userName);
    // Adds the operator, or changes its display name, role and enabled flag.
    void save(const OperatorRecord &record);

    void audit(AuditRecord record);
    QList<AuditRecord> auditTrail(const AuditFilter &filter);

private:
    const Database &m_db;
};

} // namespace wfo::store
