"""API v1's plan reads share the pages' per-version cache: after any write the next answer shows it.

Each test reads once (filling the cache), writes, reads again, and compares the second answer with
one read after the cache was emptied: what a fresh evaluation gives is what the API answers.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from seuranta.api.tokens import create_token
from seuranta.plans.models import Indicator, Node
from seuranta.reports import freshness
from tests.factories import make_plan
from tests.web.helpers import count_queries

pytestmark = pytest.mark.django_db


def _indicators(client, plan) -> dict[int, tuple]:
    answer = client.get(f"/api/v1/plans/{plan.pk}/indicators")
    assert answer.status_code == 200
    return {
        i["id"]: (i["status"], i["reason"], [a["text"] for a in i["actuals"]])
        for i in answer.json()["results"]
    }


def _nodes(client, plan) -> dict[int, tuple]:
    answer = client.get(f"/api/v1/plans/{plan.pk}/nodes")
    assert answer.status_code == 200
    return {n["id"]: (n["title"], n["status"], n["reason"]) for n in answer.json()["results"]}


def _fresh(read, client, plan):
    cache.clear()
    return read(client, plan)


def test_an_api_value_write_shows_in_the_next_api_read(client, personas):
    plan = make_plan(1, organization=personas.organization)
    indicator = Indicator.objects.filter(node__plan=plan).order_by("pk").first()
    before = _indicators(client, plan)
    _token, secret = create_token(personas.organization, "Järjestelmä", created_by=personas.admin)
    written = client.post(
        "/api/v1/values",
        json.dumps({"values": [{"indicator": indicator.pk, "period": "2026", "value": 99}]}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert written.status_code == 200, written.content
    after = _indicators(client, plan)
    assert after[indicator.pk] != before[indicator.pk]
    assert after == _fresh(_indicators, client, plan)


def _shown_on_the_pages(client, plan, indicator_id: int) -> str:
    """The plan page's tree and the indicator's node page, each above its change history."""
    node_id = Indicator.objects.get(pk=indicator_id).node_id
    pages = [client.get(reverse("plan", args=[plan.pk])), client.get(reverse("node", args=[node_id]))]
    shown = " ".join(page.content.decode().split('id="changes-heading"')[0] for page in pages)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", shown)  # a new token each time


def test_an_api_value_write_shows_on_the_next_plan_page(client, personas):
    plan = make_plan(1, organization=personas.organization)
    indicator = Indicator.objects.filter(node__plan=plan).order_by("pk").first()
    before = _shown_on_the_pages(client, plan, indicator.pk)
    _token, secret = create_token(personas.organization, "Järjestelmä", created_by=personas.admin)
    client.post(
        "/api/v1/values",
        json.dumps({"values": [{"indicator": indicator.pk, "period": "2026", "value": 99}]}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    after = _shown_on_the_pages(client, plan, indicator.pk)
    assert after != before
    cache.clear()
    assert after == _shown_on_the_pages(client, plan, indicator.pk)


def test_a_restore_shows_in_the_next_api_read(client):
    plan = make_plan(2)
    before = _nodes(client, plan)
    action = Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").first()
    Node.objects.filter(pk=action.pk).update(title="Palautettu nimi")  # as a restore writes rows
    freshness.bump()  # what seuranta.backup.restore_backup calls when it has written them
    after = _nodes(client, plan)
    assert after[action.pk][0] == "Palautettu nimi" != before[action.pk][0]
    assert after == _fresh(_nodes, client, plan)


def test_an_api_read_after_a_page_finds_the_plan_evaluated(client):
    plan = make_plan(50, indicators_per_action=3)
    client.get(reverse("plan", args=[plan.pk]))  # evaluates the plan and keeps it
    assert count_queries(client, f"/api/v1/plans/{plan.pk}/nodes") <= 3  # the plan, its rows, the tokens


def _statuses(client, plan) -> list:
    answer = client.get(reverse("api:statuses", args=[plan.pk]))
    assert answer.status_code == 200
    return answer.json()["indicators"]


def test_a_value_write_shows_in_the_next_statuses_answer(client, personas):
    from seuranta.values.writing import ValueItem, store_values

    plan = make_plan(1, organization=personas.organization)
    indicator = Indicator.objects.filter(node__plan=plan).order_by("pk").first()
    before = _statuses(client, plan)
    store_values(personas.admin, personas.organization.pk, [ValueItem(indicator.pk, "2026", 99.0)])
    after = _statuses(client, plan)
    assert after != before
    assert after == _fresh(_statuses, client, plan)


def test_a_web_edit_shows_in_the_next_plan_document(client, personas):
    from seuranta.plans.saving import save_with_version

    plan = make_plan(2, organization=personas.organization)
    url = reverse("api:plan", args=[plan.pk])
    client.get(url)
    action = Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").first()
    save_with_version(action, action.version, {"title": "Muokattu nimi"}, personas.admin)
    assert "Muokattu nimi" in client.get(url).content.decode()
