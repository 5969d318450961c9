#!/usr/bin/env python3
"""Checks the layers of docs/architecture.md ("Layers") against the #include lines and the SQL.

Inside engine/ a folder may include its own folder and the folders below it, never one above:
    base < schedule < store < core < domain < services < queries
app/ may include from store/ only the connection and URL types (database.h, databaseurl.h)
and the PostgreSQL role script (postgresqlroles.h).
api/ (the REST API) sits above the engine and forms: it may include them, never app/; neither
engine/ nor forms/ include api/.
SQL lives in engine/store alone: no other folder of the product has an SQL statement in a string.
Prints every violation with its file and line; exits 1 when there is one.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
ENGINE_LAYERS = ["base", "schedule", "store", "core", "domain", "services", "queries"]
# The role script is text for a database owner to run, not a way into the tables.
APP_STORE_ALLOWED = {"store/database.h", "store/databaseurl.h", "store/postgresqlroles.h"}
NO_SQL_DIRS = ["engine/base", "engine/schedule", "engine/core", "engine/domain", "engine/services", "engine/queries",
               "app", "packs", "forms", "api"]
SOURCES = ("*.h", "*.cpp")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
# An SQL statement inside a string literal: a statement keyword followed by what makes it one.
SQL = re.compile(r'"[^"\n]*\b(SELECT\s+[\w*(]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|'
                 r'CREATE\s+(TABLE|INDEX|UNIQUE)\b|ALTER\s+TABLE\b|PRAGMA\s+\w|BEGIN\s+IMMEDIATE\b)')


def sources(folder):
    base = ROOT / folder
    for pattern in SOURCES:
        yield from sorted(base.rglob(pattern))


def main():
    problems = []
    rank = {name: i for i, name in enumerate(ENGINE_LAYERS)}
    for layer in ENGINE_LAYERS:
        for path in sources("engine/" + layer):
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match or "/" not in match.group(1):
                    continue
                target = match.group(1).split("/")[0]
                if target in rank and rank[target] > rank[layer]:
                    problems.append(f"{path.relative_to(ROOT)}:{number}: engine/{layer} includes "
                                    f"{match.group(1)}, a layer above it")
    for path in sources("app"):
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            match = INCLUDE.match(line)
            if match and match.group(1).startswith("store/") and match.group(1) not in APP_STORE_ALLOWED:
                problems.append(f"{path.relative_to(ROOT)}:{number}: app/ includes {match.group(1)}; "
                                "read through engine/queries instead")
    for path in sources("api"):
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            match = INCLUDE.match(line)
            if match and match.group(1).startswith("app/"):
                problems.append(f"{path.relative_to(ROOT)}:{number}: api/ includes {match.group(1)}; "
                                "the API is a library below the applications")
    for folder in ("engine", "forms"):
        for path in sources(folder):
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if match and match.group(1).startswith("api/"):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: {folder}/ includes "
                                    f"{match.group(1)}, a layer above it")
    for folder in NO_SQL_DIRS:
        for path in sources(folder):
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if SQL.search(line):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: SQL outside engine/store: "
                                    f"{line.strip()[:100]}")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} layering problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
