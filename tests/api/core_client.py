#!/usr/bin/env python3
"""A client written the way scripts for orchestrator-core's REST API are written (standard
library only): it starts `orchestratorctl serve`, then creates and modifies a Node Enrollment
subscription by driving the forms page by page through the 510 answers, never knowing which
server it talks to. Usage: core_client.py ORCHESTRATORCTL"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

TOKEN = "core-client-token-0123456789abcdef"


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + TOKEN,
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            text = reply.read()
            return reply.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read()
        return error.code, json.loads(text) if text else None


def answer(page, known):
    """An answer to a pydantic-forms page: known values by name, else the first choice."""
    values = {}
    for name in page.get("required", []):
        schema = page["properties"][name]
        if name in known:
            values[name] = known[name]
            continue
        ref = schema.get("$ref") or (schema.get("allOf") or [{}])[0].get("$ref")
        if ref:
            schema = page["$defs"][ref.split("/")[-1]]
        if "enum" in schema:
            values[name] = schema["enum"][0]
        else:
            values[name] = "x"
    return values


def start(base, workflow, known, first_pages=()):
    """POST the pages so far; on 510 answer the page and post again, as orchestrator-ui does."""
    pages = list(first_pages)
    for _ in range(10):
        status, body = call(base, "POST", "/processes/" + workflow, pages)
        if status == 201:
            return body["id"]
        if status != 510:
            raise AssertionError(f"{workflow}: {status} {body}")
        assert "hasNext" in body["meta"], body
        pages.append(answer(body["form"], known))
    raise AssertionError(f"{workflow}: the form never ended")


def wait(base, process_id):
    for _ in range(300):
        status, process = call(base, "GET", "/processes/" + process_id)
        assert status == 200, process
        if process["last_status"] in ("completed", "failed", "aborted", "suspended"):
            return process
        time.sleep(0.1)
    raise AssertionError("the process did not come to rest")


def main():
    ctl = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        tokens = os.path.join(work, "tokens")
        with open(tokens, "w") as f:
            f.write(TOKEN + " ada\n")
        os.chmod(tokens, 0o600)
        env = dict(os.environ, WFO_DATABASE_URL="sqlite:///" + os.path.join(work, "wfo.db"))
        server = subprocess.Popen([ctl, "serve", "--listen", "127.0.0.1:0", "--token-file", tokens],
                                  stderr=subprocess.PIPE, text=True, env=env)
        try:
            port = None
            for line in server.stderr:
                found = re.search(r"http://127\.0\.0\.1:(\d+)/api/", line)
                if found:
                    port = found.group(1)
                    break
            assert port, "serve did not say where it listens"
            base = f"http://127.0.0.1:{port}/api"
            assert call(base, "GET", "/health") == (200, "OK")

            created = start(base, "create_node_enrollment",
                            {"customer_id": "acme", "select_node": "ams-rt1", "role_id": "core"})
            process = wait(base, created)
            assert process["last_status"] == "completed", process
            assert process["created_by"] == "ada", process
            subscription = process["subscriptions"][0]["subscription_id"]
            status, model = call(base, "GET", "/subscriptions/domain-model/" + subscription)
            assert status == 200 and model["status"] == "provisioning", model

            modified = start(base, "modify_node_enrollment", {},
                             [{"subscription_id": subscription}])
            process = wait(base, modified)
            assert process["last_status"] == "completed", process
            status, model = call(base, "GET", "/subscriptions/domain-model/" + subscription)
            assert status == 200 and model["status"] == "active", model
            assert "Production" in model["description"], model
            print("created and modified", subscription)
        finally:
            server.send_signal(signal.SIGTERM)
            code = server.wait(timeout=60)
        assert code == 0, f"serve exited with {code}"


if __name__ == "__main__":
    main()
