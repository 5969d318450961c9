#pragma once
// The PostgreSQL roles behind the operator roles (docs/operators.md, "PostgreSQL roles"): a
// script of GRANTs and row-level security that makes the database itself refuse what a role
// may not do, so that a viewer's console cannot write even with raw SQL.

#include "wfo_engine_export.h"

#include <QString>

namespace wfo::store {

class WFO_ENGINE_EXPORT PostgresqlRoles
{
public:
    // The group roles wfo_viewer, wfo_operator and wfo_admin with their privileges on
    // `schema`; idempotent, to be run by the owner of the tables after every `init` that
    // migrated. People's login roles are then made members: GRANT wfo_viewer TO alice.
    static QString grantScript(const QString &schema = QStringLiteral("public"));
};

} // namespace wfo::store
