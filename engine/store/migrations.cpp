#include "migrations.h"

#include "database.h"
#include "timestamps.h"
#include "transaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

QList<Migration> buildMigrations()
{
    QList<Migration> list;
    list.append(Migration {
        1,
        u"Engine: workflows, processes, step log, input states, engine settings"_s,
        {
            u"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)"_s,
            u"CREATE TABLE workflows (workflow_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
            "target TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', "
            "is_task {{BOOL}} NOT NULL DEFAULT 0, created_at TEXT NOT NULL, deleted_at TEXT)"_s,
            u"CREATE TABLE processes ("
            "process_id TEXT PRIMARY KEY, "
            "workflow_name TEXT NOT NULL REFERENCES workflows(name), "
            "is_task {{BOOL}} NOT NULL DEFAULT 0, "
            "status TEXT NOT NULL, "
            "last_step TEXT, "
            "last_status TEXT, "
            "next_step INTEGER NOT NULL DEFAULT 0, "
            "next_substep INTEGER NOT NULL DEFAULT 0, "
            "next_step_name TEXT, "
            "state {{JSON}} NOT NULL DEFAULT '{}', "
            "pending_input {{JSON}}, "
            "failed_reason TEXT, "
            "traceback TEXT, "
            "assignee TEXT NOT NULL DEFAULT 'SYSTEM', "
            "created_by TEXT NOT NULL, "
            "run_by TEXT, "
            "started_at TEXT NOT NULL, "
            "last_modified_at TEXT NOT NULL, "
            "note TEXT, "
            "claimed_by TEXT, "
            "abort_requested {{BOOL}} NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX processes_status_idx ON processes (status, last_modified_at)"_s,
            u"CREATE INDEX processes_workflow_idx ON processes (workflow_name)"_s,
            u"CREATE INDEX processes_modified_idx ON processes (last_modified_at)"_s,
            u"CREATE INDEX processes_claimed_idx ON processes (claimed_by)"_s,
            u"CREATE TABLE process_steps ("
            "step_id {{ID}}, "
            "process_id TEXT NOT NULL REFERENCES processes(process_id) ON DELETE CASCADE, "
            "step_index INTEGER NOT NULL, "
            "name TEXT NOT NULL, "
            "status TEXT NOT NULL, "
            "state_delta {{JSON}} NOT NULL DEFAULT '{}', "
            "created_by TEXT NOT NULL, "
            "started_at TEXT NOT NULL, "
            "completed_at TEXT NOT NULL, "
            "retries INTEGER NOT NULL DEFAULT 0, "
            "error_class TEXT, "
            "error_message TEXT, "
            "traceback TEXT)"_s,
            u"CREATE INDEX process_steps_process_idx ON process_steps (process_id, step_id)"_s,
            u"CREATE TABLE input_states ("
            "input_state_id {{ID}}, "
            "process_id TEXT NOT NULL REFERENCES processes(process_id) ON DELETE CASCADE, "
            "step_name TEXT, "
            "input_type TEXT NOT NULL, "
            "input_state {{JSON}} NOT NULL, "
            "created_by TEXT NOT NULL, "
            "input_time TEXT NOT NULL)"_s,
            u"CREATE INDEX input_states_process_idx ON input_states (process_id)"_s,
            u"CREATE TABLE engine_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
            u"INSERT INTO engine_settings (key, value) VALUES ('global_lock', 'false')"_s,
            u"CREATE TABLE engine_instances ("
            "instance_id TEXT PRIMARY KEY, "
            "hostname TEXT NOT NULL, "
            "pid {{BIGINT}} NOT NULL, "
            "kind TEXT NOT NULL, "
            "threads INTEGER NOT NULL, "
            "started_at TEXT NOT NULL, "
            "heartbeat_at TEXT NOT NULL)"_s,
        },
    });
    return list;
}

} // namespace

const QList<Migration> &Migrations::all()
{
    static const QList<Migration> migrations = buildMigrations();
    return migrations;
}

int Migrations::latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

void Migrations::apply(const Database &database)
{
    WriteTransaction transaction(database);
    if (!database.dialect().isSqlite()) {
        // Serialise concurrent migrators; the lock is released at commit.
        database.exec(u"SELECT pg_advisory_xact_lock(7340012)"_s);
    }
    // Read the version again inside the write lock: another program may have migrated.
    const int current = database.schemaVersion();
    for (const Migration &migration : all()) {
        if (migration.version <= current)
            continue;
        for (const QString &statement : migration.statements)
            database.exec(database.dialect().expand(statement));
        database.exec(u"INSERT INTO schema_version (version, description, applied_at) "
                      "VALUES (:version, :description, :at)"_s,
                      { { u"version"_s, migration.version },
                        { u"description"_s, migration.description },
                        { u"at"_s, Timestamps::now() } });
    }
    transaction.commit();
}

} // namespace wfo::store
