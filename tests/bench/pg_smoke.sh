#!/bin/bash
# The benchmarks' PostgreSQL modes, once with small sizes, on a database of their own on the
# test server (WFO_TEST_PG_URL), so that they cannot rot: each must run to its JSON line with
# its keys (docs/performance.md), bench_engine must leave none of its rows behind in the
# database it was given, and bench_validate must count the steps of its own validations.
set -euo pipefail

bin="$1"
server="${WFO_TEST_PG_URL:?WFO_TEST_PG_URL is not set to a PostgreSQL URL}"
name="wfo_bench_smoke_$$"
url="${server%/*}/$name"
psql -qX "$server" -c "CREATE DATABASE $name"
trap 'psql -qX "$server" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null' EXIT

# Fails unless the last line of $1 is a JSON object whose keys include $2... and whose values
# meet the Python conditions given after "--" (with the object as j).
check() {
    local output="$1"
    shift
    python3 - "$output" "$@" <<'PY'
import json, sys
line = sys.argv[1].strip().splitlines()[-1]
j = json.loads(line)
args = sys.argv[2:]
split = args.index("--") if "--" in args else len(args)
missing = [k for k in args[:split] if k not in j]
if missing:
    sys.exit(f"missing keys {missing} in: {line}")
for condition in args[split + 1:]:
    if not eval(condition, {}, {"j": j}):
        sys.exit(f"not so: {condition} in: {line}")
PY
}

engine="$("$bin/bench_engine" --db "$url" --processes 4 --steps 100)"
check "$engine" pg_1_worker_steps_per_s pg_4_workers_steps_per_s pg_workers_speedup \
    pg_floor_steps_per_s pg_floor_4_connections_steps_per_s pg_floor_speedup -- \
    'j["pg_1_worker_steps_per_s"] > 0' 'j["pg_floor_4_connections_steps_per_s"] > 0'
left="$(psql -qXAt "$url" -c "SELECT COUNT(*) FROM processes")"
if [ "$left" != 0 ]; then
    echo "bench_engine left $left processes behind" >&2
    exit 1
fi

# Ten validations of seven steps each, and the task's three.
validate="$("$bin/bench_validate" --db "$url" --workers 2 --subscriptions 10)"
check "$validate" backend workers wall_s steps steps_per_s completed failed peak_rss_mb -- \
    'j["backend"] == "postgresql"' 'j["completed"] == 10' 'j["failed"] == 0' \
    'j["steps"] == 10 * 7 + 3'
echo "PostgreSQL benchmarks ran"
