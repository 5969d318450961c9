#!/usr/bin/env bash
# tst_openapi: validates the API's OpenAPI document with swagger-cli (an OpenAPI 3 validator
# from the npm registry), installed by ./dev into the build tree. Fails, never skips, when the
# validator is missing and cannot be installed. Also checks that a broken document is refused,
# so a validator that accepts anything cannot pass this test.
#   validate_openapi.sh OPENAPI_DUMP TOOLS_DIR
set -euo pipefail
dump="$1"
tools="$2"
cli="$tools/node_modules/.bin/swagger-cli"
if [[ ! -x "$cli" ]]; then
    echo "swagger-cli is not in $tools; installing it (./dev build does this too)" >&2
    npm install --prefix "$tools" --no-audit --no-fund --silent @apidevtools/swagger-cli@4.0.4 >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$dump" >"$work/openapi.json"
"$cli" validate "$work/openapi.json"
python3 - "$work/openapi.json" "$work/broken.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
document["paths"]["/api/health"]["get"]["responses"]["200"] = {"content": 42}
json.dump(document, open(sys.argv[2], "w"))
PY
if "$cli" validate "$work/broken.json" >/dev/null 2>&1; then
    echo "the validator accepted a broken document" >&2
    exit 1
fi
echo "the broken document was refused, as it should be"
