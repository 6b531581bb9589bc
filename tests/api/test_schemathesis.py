"""Schemathesis against API v1 on a live server with the demo data: no failure of any check.

It generates requests from the OpenAPI schema (valid and invalid ones, in its coverage,
fuzzing and stateful phases) and checks every response: no 5xx, the status codes, content
types, headers and bodies the schema declares, invalid input refused, valid input accepted,
and that the write endpoints refuse a request without the token. The run is bounded by the
number of examples per operation and a time budget, so it ends within a minute.
"""

import os
import subprocess
import sys

import pytest
from django.db import connection

from seuranta.api.tokens import create_token
from seuranta.demo import DEMO_ORGANIZATION, load_demo
from seuranta.plans.models import Organization

EXAMPLES = 5
# The whole run's budget: on a busy machine the coverage phase alone could take longer than a minute.
SECONDS = 40


def client_workers() -> int:
    # The live server shares the test's one connection to an in-memory SQLite database among its
    # request threads (Django's live-server harness), and two requests at once on it fail with
    # "bad parameter or other API misuse". A real server, on PostgreSQL or an SQLite file, gives
    # each thread its own connection, so concurrent requests are exercised on PostgreSQL.
    in_memory = connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    )
    return 1 if in_memory else 2


@pytest.mark.slow
def test_schemathesis_finds_no_failure(transactional_db, live_server, tmp_path):
    load_demo()
    _token, secret = create_token(
        Organization.objects.get(name=DEMO_ORGANIZATION), "Schemathesis", created_by=None
    )
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{live_server.url}/api/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES),
        "--max-time",
        str(SECONDS),
        "--workers",
        str(client_workers()),
        "--header",
        f"Authorization: Bearer {secret}",
        "--seed",
        "20261207",
        "--request-timeout",
        "20",
    ]
    environment = {**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path
    )
    print(result.stdout[-2500:])  # the summary: phases run, cases generated (pytest -s shows it)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    # "No issues found", or only warnings (such as "missing test data": random ids find nothing).
    closing = [line for line in result.stdout.splitlines() if line.startswith("=====")][-1]
    assert "failure" not in closing and "error" not in closing, closing
