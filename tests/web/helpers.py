"""Shared bits for the web tests: logging in a persona, counting queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

ROLES = ("anonymous", "outsider", "viewer", "responsible", "coordinator", "admin")
EDITORS = ("coordinator", "admin")


def client_for(client, personas, role: str):
    if role != "anonymous":
        client.force_login(getattr(personas, role))
    return client


def count_queries(client, url: str, method: str = "get", data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), response.status_code
    return len(captured)
