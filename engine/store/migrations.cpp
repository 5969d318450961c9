#include "migrations.h"

#include "database.h"
#include "timestamps.h"
#include "transaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

QString defaultSchedule(const QString &id, const QString &name, const QString &workflow,
                        const QString &kind, const QString &trigger)
{
    // Constants of this program only, so writing them into the statement is safe.
    return u"INSERT INTO schedules (schedule_id, name, workflow_name, trigger_kind, trigger_text, "
           "created_at, modified_at) VALUES ('%1', '%2', '%3', '%4', '%5', '%6', '%6')"_s.arg(
               id, name, workflow, kind, trigger, Timestamps::now());
}

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
    list.append(Migration {
        2,
        u"Domain: products, product blocks, resource types, subscriptions, versions"_s,
        {
            u"CREATE TABLE products (product_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
            "description TEXT NOT NULL DEFAULT '', product_type TEXT NOT NULL, tag TEXT NOT NULL, "
            "status TEXT NOT NULL DEFAULT 'active', created_at TEXT NOT NULL, end_date TEXT)"_s,
            u"CREATE TABLE product_blocks (product_block_id TEXT PRIMARY KEY, name TEXT NOT NULL "
            "UNIQUE, description TEXT NOT NULL DEFAULT '', tag TEXT, status TEXT NOT NULL "
            "DEFAULT 'active', created_at TEXT NOT NULL)"_s,
            u"CREATE TABLE resource_types (resource_type_id TEXT PRIMARY KEY, resource_type TEXT "
            "NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE TABLE product_block_resource_types (product_block_id TEXT NOT NULL "
            "REFERENCES product_blocks(product_block_id) ON DELETE CASCADE, resource_type_id TEXT "
            "NOT NULL REFERENCES resource_types(resource_type_id) ON DELETE CASCADE, "
            "required_from TEXT, PRIMARY KEY (product_block_id, resource_type_id))"_s,
            u"CREATE TABLE product_product_blocks (product_id TEXT NOT NULL REFERENCES "
            "products(product_id) ON DELETE CASCADE, product_block_id TEXT NOT NULL REFERENCES "
            "product_blocks(product_block_id) ON DELETE CASCADE, attribute TEXT NOT NULL, "
            "min_count INTEGER NOT NULL DEFAULT 1, max_count INTEGER NOT NULL DEFAULT 1, "
            "PRIMARY KEY (product_id, product_block_id))"_s,
            u"CREATE TABLE product_block_relations (in_use_by_id TEXT NOT NULL REFERENCES "
            "product_blocks(product_block_id) ON DELETE CASCADE, depends_on_id TEXT NOT NULL "
            "REFERENCES product_blocks(product_block_id) ON DELETE CASCADE, attribute TEXT NOT "
            "NULL, min_count INTEGER NOT NULL DEFAULT 1, max_count INTEGER NOT NULL DEFAULT 1, "
            "PRIMARY KEY (in_use_by_id, depends_on_id))"_s,
            u"CREATE TABLE fixed_inputs (fixed_input_id TEXT PRIMARY KEY, product_id TEXT NOT "
            "NULL REFERENCES products(product_id) ON DELETE CASCADE, name TEXT NOT NULL, value "
            "TEXT NOT NULL, UNIQUE (product_id, name))"_s,
            u"CREATE TABLE products_workflows (product_id TEXT NOT NULL REFERENCES "
            "products(product_id) ON DELETE CASCADE, workflow_name TEXT NOT NULL REFERENCES "
            "workflows(name) ON DELETE CASCADE, PRIMARY KEY (product_id, workflow_name))"_s,
            u"ALTER TABLE workflows ADD COLUMN tag TEXT"_s,
            u"ALTER TABLE workflows ADD COLUMN search_phrase TEXT"_s,
            u"CREATE TABLE subscriptions (subscription_id TEXT PRIMARY KEY, product_id TEXT NOT "
            "NULL REFERENCES products(product_id), customer_id TEXT NOT NULL, description TEXT "
            "NOT NULL DEFAULT '', status TEXT NOT NULL, insync {{BOOL}} NOT NULL DEFAULT 0, "
            "start_date TEXT, end_date TEXT, note TEXT, version INTEGER NOT NULL DEFAULT 0, "
            "created_at TEXT NOT NULL, last_modified_at TEXT NOT NULL)"_s,
            u"CREATE INDEX subscriptions_status_idx ON subscriptions (status)"_s,
            u"CREATE INDEX subscriptions_customer_idx ON subscriptions (customer_id)"_s,
            u"CREATE INDEX subscriptions_product_idx ON subscriptions (product_id)"_s,
            u"CREATE INDEX subscriptions_modified_idx ON subscriptions (last_modified_at)"_s,
            u"CREATE TABLE subscription_instances (subscription_instance_id TEXT PRIMARY KEY, "
            "subscription_id TEXT NOT NULL REFERENCES subscriptions(subscription_id) ON DELETE "
            "CASCADE, product_block_id TEXT NOT NULL REFERENCES product_blocks(product_block_id), "
            "attribute TEXT NOT NULL, label TEXT)"_s,
            u"CREATE INDEX subscription_instances_sub_idx ON subscription_instances "
            "(subscription_id)"_s,
            u"CREATE TABLE subscription_instance_values (value_id {{ID}}, "
            "subscription_instance_id TEXT NOT NULL REFERENCES "
            "subscription_instances(subscription_instance_id) ON DELETE CASCADE, resource_type_id "
            "TEXT NOT NULL REFERENCES resource_types(resource_type_id), value TEXT NOT NULL)"_s,
            u"CREATE INDEX subscription_instance_values_idx ON subscription_instance_values "
            "(subscription_instance_id)"_s,
            u"CREATE INDEX subscription_instance_values_value_idx ON subscription_instance_values "
            "(resource_type_id, value)"_s,
            u"CREATE TABLE subscription_instance_relations (in_use_by_id TEXT NOT NULL "
            "REFERENCES subscription_instances(subscription_instance_id) ON DELETE CASCADE, "
            "depends_on_id TEXT NOT NULL REFERENCES "
            "subscription_instances(subscription_instance_id), attribute TEXT NOT NULL, "
            "PRIMARY KEY (in_use_by_id, depends_on_id, attribute))"_s,
            u"CREATE INDEX subscription_instance_relations_dep_idx ON "
            "subscription_instance_relations (depends_on_id)"_s,
            u"CREATE TABLE processes_subscriptions (id {{ID}}, process_id TEXT NOT NULL "
            "REFERENCES processes(process_id) ON DELETE CASCADE, subscription_id TEXT NOT NULL "
            "REFERENCES subscriptions(subscription_id) ON DELETE CASCADE, workflow_target TEXT, "
            "created_at TEXT NOT NULL, UNIQUE (process_id, subscription_id))"_s,
            u"CREATE INDEX processes_subscriptions_sub_idx ON processes_subscriptions "
            "(subscription_id)"_s,
            u"CREATE TABLE subscription_versions (version_id {{ID}}, subscription_id TEXT NOT NULL "
            "REFERENCES subscriptions(subscription_id) ON DELETE CASCADE, version INTEGER NOT "
            "NULL, process_id TEXT, step_name TEXT, snapshot {{JSON}} NOT NULL, created_by TEXT, "
            "created_at TEXT NOT NULL, UNIQUE (subscription_id, version))"_s,
        },
    });
    list.append(Migration {
        3,
        u"Subscription search and sorting: indexes for fields, free text and sort orders; "
        "processes by who started them"_s,
        {
            // The lifecycle tabs with the default order, and sorting by status.
            u"CREATE INDEX subscriptions_status_modified_idx ON subscriptions (status, "
            "last_modified_at)"_s,
            u"DROP INDEX subscriptions_status_idx"_s,
            u"CREATE INDEX subscriptions_status_id_idx ON subscriptions (status, "
            "subscription_id)"_s,
            u"CREATE INDEX subscriptions_description_idx ON subscriptions (description)"_s,
            // The start page's "my recent processes".
            u"CREATE INDEX processes_created_by_idx ON processes (created_by, "
            "last_modified_at)"_s,
            // Case-insensitive fields: customer:, id: (equality and prefix).
            u"{{SQLITE}}CREATE INDEX subscriptions_lower_customer_idx ON subscriptions "
            "(LOWER(customer_id))"_s,
            u"{{SQLITE}}CREATE INDEX subscriptions_lower_id_idx ON subscriptions "
            "(LOWER(subscription_id))"_s,
            u"{{POSTGRESQL}}CREATE INDEX subscriptions_lower_customer_idx ON subscriptions "
            "(LOWER(customer_id) text_pattern_ops)"_s,
            u"{{POSTGRESQL}}CREATE INDEX subscriptions_lower_id_idx ON subscriptions "
            "(LOWER(subscription_id) text_pattern_ops)"_s,
            // Free text on PostgreSQL: trigram indexes serve LIKE '%text%' (pg_trgm is a
            // trusted extension since PostgreSQL 13).
            u"{{POSTGRESQL}}CREATE EXTENSION IF NOT EXISTS pg_trgm"_s,
            u"{{POSTGRESQL}}CREATE INDEX subscriptions_description_trgm_idx ON subscriptions "
            "USING gin (LOWER(description) gin_trgm_ops)"_s,
            u"{{POSTGRESQL}}CREATE INDEX subscriptions_customer_trgm_idx ON subscriptions USING "
            "gin (LOWER(customer_id) gin_trgm_ops)"_s,
            u"{{POSTGRESQL}}CREATE INDEX subscriptions_id_trgm_idx ON subscriptions USING gin "
            "(LOWER(subscription_id) gin_trgm_ops)"_s,
            u"{{POSTGRESQL}}CREATE INDEX subscriptions_status_trgm_idx ON subscriptions USING gin "
            "(LOWER(status) gin_trgm_ops)"_s,
            // Free text on SQLite: an FTS5 trigram index over the subscription's own text
            // (product name and tag are looked up in products). Its rows are keyed by
            // search_key, not by the implicit rowid, which VACUUM may renumber.
            u"{{SQLITE}}ALTER TABLE subscriptions ADD COLUMN search_key INTEGER"_s,
            u"{{SQLITE}}UPDATE subscriptions SET search_key = rowid"_s,
            u"{{SQLITE}}CREATE UNIQUE INDEX subscriptions_search_key_idx ON subscriptions "
            "(search_key)"_s,
            u"{{SQLITE}}CREATE VIRTUAL TABLE subscription_search USING fts5(subscription_id, "
            "description, customer_id, status, content='subscriptions', "
            "content_rowid='search_key', tokenize='trigram')"_s,
            u"{{SQLITE}}INSERT INTO subscription_search (subscription_search) VALUES "
            "('rebuild')"_s,
            u"{{SQLITE}}CREATE TRIGGER subscriptions_search_insert AFTER INSERT ON subscriptions "
            "BEGIN "
            "UPDATE subscriptions SET search_key = (SELECT IFNULL(MAX(search_key), 0) + 1 FROM "
            "subscriptions) WHERE rowid = new.rowid AND search_key IS NULL; "
            "INSERT INTO subscription_search (rowid, subscription_id, description, customer_id, "
            "status) SELECT search_key, subscription_id, description, customer_id, status FROM "
            "subscriptions WHERE rowid = new.rowid; "
            "END"_s,
            u"{{SQLITE}}CREATE TRIGGER subscriptions_search_delete AFTER DELETE ON subscriptions "
            "WHEN old.search_key IS NOT NULL BEGIN "
            "INSERT INTO subscription_search (subscription_search, rowid, subscription_id, "
            "description, customer_id, status) VALUES ('delete', old.search_key, "
            "old.subscription_id, old.description, old.customer_id, old.status); "
            "END"_s,
            u"{{SQLITE}}CREATE TRIGGER subscriptions_search_update AFTER UPDATE OF "
            "subscription_id, description, customer_id, status ON subscriptions "
            "WHEN old.search_key IS NOT NULL AND (old.subscription_id IS NOT new.subscription_id "
            "OR old.description IS NOT new.description OR old.customer_id IS NOT "
            "new.customer_id OR old.status IS NOT new.status) BEGIN "
            "INSERT INTO subscription_search (subscription_search, rowid, subscription_id, "
            "description, customer_id, status) VALUES ('delete', old.search_key, "
            "old.subscription_id, old.description, old.customer_id, old.status); "
            "INSERT INTO subscription_search (rowid, subscription_id, description, customer_id, "
            "status) VALUES (new.search_key, new.subscription_id, new.description, "
            "new.customer_id, new.status); "
            "END"_s,
        },
    });
    list.append(Migration {
        4,
        u"Packs: records of the outside systems a pack simulates, kept by the store"_s,
        {
            u"CREATE TABLE pack_records (pack TEXT NOT NULL, kind TEXT NOT NULL, record_key TEXT "
            "NOT NULL, value {{JSON}} NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (pack, "
            "kind, record_key))"_s,
        },
    });
    list.append(Migration {
        5,
        u"Operators with roles, and the audit trail of every operator action"_s,
        {
            u"CREATE TABLE operators (user_name TEXT PRIMARY KEY, display_name TEXT NOT NULL "
            "DEFAULT '', role TEXT NOT NULL, enabled {{BOOL}} NOT NULL DEFAULT 1, created_at "
            "TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
            u"CREATE TABLE audit_log (audit_id {{ID}}, at TEXT NOT NULL, actor TEXT NOT NULL, "
            "origin TEXT NOT NULL, host TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, "
            "target_kind TEXT NOT NULL, target_id TEXT NOT NULL DEFAULT '', allowed {{BOOL}} "
            "NOT NULL, detail {{JSON}} NOT NULL DEFAULT '{}')"_s,
            u"CREATE INDEX audit_log_at_idx ON audit_log (at)"_s,
            u"CREATE INDEX audit_log_actor_idx ON audit_log (actor, at)"_s,
            u"CREATE INDEX audit_log_target_idx ON audit_log (target_id, at)"_s,
        },
    });
    list.append(Migration {
        6,
        u"Reset and skip: each process's initial state, rewound step-log rows, skip reasons"_s,
        {
            // The state a process started with: a reset rebuilds a later state from it and the
            // step log. Processes started before this version have none and cannot be reset.
            u"ALTER TABLE processes ADD COLUMN initial_state {{JSON}}"_s,
            u"ALTER TABLE process_steps ADD COLUMN rewound_at TEXT"_s,
            u"ALTER TABLE process_steps ADD COLUMN reason TEXT"_s,
        },
    });
    list.append(Migration {
        7,
        u"Schedules: workflows started by a trigger, each due run claimed once"_s,
        {
            u"CREATE TABLE schedules (schedule_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
            "workflow_name TEXT NOT NULL, trigger_kind TEXT NOT NULL, trigger_text TEXT NOT "
            "NULL, time_zone TEXT NOT NULL DEFAULT '', anchor TEXT, enabled {{BOOL}} NOT NULL "
            "DEFAULT 1, next_run_at TEXT, last_run_at TEXT, last_process_id TEXT, last_missed "
            "INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
            u"CREATE INDEX schedules_due_idx ON schedules (enabled, next_run_at)"_s,
            // One row per run started: (schedule, due time) is the claim, unique everywhere.
            u"CREATE TABLE schedule_runs (schedule_id TEXT NOT NULL, due_at TEXT NOT NULL, "
            "process_id TEXT, started_at TEXT NOT NULL, missed INTEGER NOT NULL DEFAULT 0, "
            "PRIMARY KEY (schedule_id, due_at))"_s,
            // orchestrator-core's default schedules, created once: editable, and not created
            // again once deleted. Their next runs are computed by the first engine that looks.
            defaultSchedule(u"resume-workflows"_s, u"Resume workflows"_s,
                            u"task_resume_workflows"_s, u"cron"_s, u"0 * * * *"_s),
            defaultSchedule(u"clean-up-tasks"_s, u"Clean up tasks"_s, u"task_clean_up_tasks"_s,
                            u"interval"_s, u"6h"_s),
            defaultSchedule(u"validate-subscriptions"_s, u"Validate subscriptions"_s,
                            u"task_validate_subscriptions"_s, u"cron"_s, u"10 0 * * *"_s),
            defaultSchedule(u"validate-products"_s, u"Validate products"_s,
                            u"task_validate_products"_s, u"cron"_s, u"30 2 * * *"_s),
        },
    });
    list.append(Migration {
        8,
        u"API tokens: bearer tokens of the REST API, stored as hashes, each acting as an operator"_s,
        {
            u"CREATE TABLE api_tokens (token_id TEXT PRIMARY KEY, user_name TEXT NOT NULL, "
            "description TEXT NOT NULL DEFAULT '', token_hash TEXT NOT NULL UNIQUE, created_at "
            "TEXT NOT NULL, created_by TEXT NOT NULL, expires_at TEXT, revoked_at TEXT, "
            "revoked_by TEXT)"_s,
        },
    });
    list.append(Migration {
        9,
        u"Indexes: subscriptions sorted by start date, end date and in sync; the process queue"_s,
        {
            // The list sorts on the expressions of SubscriptionRepository's sortExpression
            // (a missing date sorts as ''), ties broken by the id: the same expressions here
            // let a page, and the End key, walk an index instead of sorting the table.
            u"CREATE INDEX subscriptions_start_date_idx ON subscriptions ((COALESCE(start_date, "
            "'')), subscription_id)"_s,
            u"CREATE INDEX subscriptions_end_date_idx ON subscriptions ((COALESCE(end_date, '')), "
            "subscription_id)"_s,
            u"CREATE INDEX subscriptions_insync_idx ON subscriptions (insync, subscription_id)"_s,
            // The queue: the oldest unclaimed created or resumed process, at once, however many
            // finished processes the table holds (ProcessRepository::claimNext).
            u"CREATE INDEX processes_queue_idx ON processes (last_modified_at, process_id) WHERE "
            "status IN ('created', 'resumed') AND claimed_by IS NULL"_s,
        },
    });
    list.append(Migration {
        10,
        u"Indexes: the lifecycle tabs of subscriptions sorted by description and customer"_s,
        {
            // A tab filters on one status; sorted by description or customer the planner took
            // the status index and sorted every row of the tab (seconds at a million). With the
            // status first, the tab's rows come in the sort order, ties broken by the id.
            u"CREATE INDEX subscriptions_status_description_idx ON subscriptions (status, "
            "description, subscription_id)"_s,
            u"CREATE INDEX subscriptions_status_customer_idx ON subscriptions (status, "
            "customer_id, subscription_id)"_s,
        },
    });
    list.append(Migration {
        11,
        u"Indexes: the start page's counts of subscriptions per product and of processes per "
        "day"_s,
        {
            // Active subscriptions per product (SubscriptionRepository::productCounts): a range
            // of this index is the whole count, no table row is read.
            u"CREATE INDEX subscriptions_status_product_idx ON subscriptions (status, "
            "product_id)"_s,
            // Processes per day and status of the last days (ProcessRepository::countPerDay).
            u"CREATE INDEX processes_started_idx ON processes (started_at, is_task, status)"_s,
            // SQLite plans by the statistics ANALYZE keeps (PostgreSQL's autovacuum keeps its
            // own): without them it takes any status index for selective and sorts the whole
            // tab whatever the order; a database that has grown gets them here once, for the
            // indexes of migration 10 and these.
            u"{{SQLITE}}ANALYZE subscriptions"_s,
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
                      {{u"version"_s, migration.version},
                       {u"description"_s, migration.description},
                       {u"at"_s, Timestamps::now()}});
    }
    transaction.commit();
}

} // namespace wfo::store
