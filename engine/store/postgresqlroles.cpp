#include "postgresqlroles.h"

using namespace Qt::StringLiterals;

namespace wfo::store {

QString PostgresqlRoles::grantScript(const QString &schema)
{
    // Identifiers are quoted, so a schema name cannot smuggle SQL into the script.
    QString quoted = schema;
    quoted.replace(u'"', u"\"\""_s);
    quoted = u'"' + quoted + u'"';
    QString script = uR"(-- Orchestrator Console: PostgreSQL roles for the operator roles.
-- Run as the owner of the tables (the role that ran 'orchestratorctl init'), again after every
-- init that migrated. Then make each person's login role a member of one of them:
--   GRANT wfo_viewer TO alice;  GRANT wfo_operator TO bob;  GRANT wfo_admin TO carol;
-- and add the same people as operators ('orchestratorctl operators add NAME --role R').
SET client_min_messages = warning;
BEGIN;
DO $$
BEGIN
    CREATE ROLE wfo_viewer NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$
BEGIN
    CREATE ROLE wfo_operator NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$
BEGIN
    CREATE ROLE wfo_admin NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- Start from nothing, so that running the script again after a role change is exact.
REVOKE ALL ON ALL TABLES IN SCHEMA @S FROM wfo_viewer, wfo_operator, wfo_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA @S FROM wfo_viewer, wfo_operator, wfo_admin;
GRANT USAGE ON SCHEMA @S TO wfo_viewer, wfo_operator, wfo_admin;

-- Everyone reads everything; a viewer writes nothing but its own refusals to the audit trail.
GRANT SELECT ON ALL TABLES IN SCHEMA @S TO wfo_viewer, wfo_operator, wfo_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA @S TO wfo_viewer, wfo_operator, wfo_admin;

-- Operators run engines: processes, their steps and subscriptions, and their own instance
-- rows; never the operators, their API tokens, the engine settings (the global lock) or the
-- schema.
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA @S TO wfo_operator, wfo_admin;
REVOKE INSERT, UPDATE, DELETE ON @S.operators, @S.api_tokens, @S.engine_settings
    FROM wfo_operator;
REVOKE INSERT, UPDATE, DELETE ON @S.schema_version FROM wfo_operator, wfo_admin;

-- Nobody changes or deletes an audit row; every role adds rows, a viewer only refusals.
REVOKE UPDATE, DELETE ON @S.audit_log FROM wfo_operator, wfo_admin;
GRANT INSERT ON @S.audit_log TO wfo_viewer, wfo_operator, wfo_admin;
ALTER TABLE @S.audit_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS wfo_audit_read ON @S.audit_log;
DROP POLICY IF EXISTS wfo_audit_refusals ON @S.audit_log;
DROP POLICY IF EXISTS wfo_audit_actions ON @S.audit_log;
CREATE POLICY wfo_audit_read ON @S.audit_log FOR SELECT TO wfo_viewer, wfo_operator, wfo_admin
    USING (true);
CREATE POLICY wfo_audit_refusals ON @S.audit_log FOR INSERT TO wfo_viewer
    WITH CHECK (allowed = 0);
CREATE POLICY wfo_audit_actions ON @S.audit_log FOR INSERT TO wfo_operator, wfo_admin
    WITH CHECK (true);
COMMIT;
)"_s;
    script.replace(u"@S"_s, quoted);
    return script;
}

} // namespace wfo::store
