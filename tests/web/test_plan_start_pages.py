"""The new plan, copy, publish and contribution pages: fi/sv/en, and queries that do not grow with size."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seuranta.plans.models import Node, Plan
from tests.factories import make_plan
from tests.test_translations import LANGS, english_on_pages


def new_pages(plan: Plan, strategy: Plan) -> dict[str, str]:
    goal = Node.objects.filter(plan=plan, level="Tavoite").first()
    target = Node.objects.filter(plan=strategy, level="Tavoite").first()
    Node.objects.filter(pk=goal.pk).update(contributes_to=target)
    return {
        "plan_new": reverse("plan_new"),
        "plan_copy": reverse("plan_copy", args=[plan.pk]),
        "plan_publish": reverse("plan_publish", args=[plan.pk]),
        "plan_supports": reverse("plan_supports", args=[plan.pk]),
        "node_contribution": reverse("node_contribution", args=[goal.pk]),
        "plan": reverse("plan", args=[plan.pk]),
        "contributing_node": reverse("node", args=[goal.pk]),
        "supported_node": reverse("node", args=[target.pk]),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_new_pages_in_finnish_and_swedish_show_no_english(client, personas, lang):
    pages = new_pages(make_plan(2, state=Plan.State.DRAFT), make_plan(1, title="Strategia"))
    leaks = english_on_pages(client, personas, pages, lang, "coordinator")
    assert not leaks, f"English on {lang} pages: {leaks}"


def test_the_new_pages_are_in_english_when_english_is_chosen(client, personas):
    pages = new_pages(make_plan(2, state=Plan.State.DRAFT), make_plan(1, title="Strategia"))
    client.force_login(personas.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    headings = {
        "plan_new": "New plan",
        "plan_copy": "Copy to next year",
        "plan_publish": "Check and publish",
        "plan_supports": "The plan it supports",
        "node_contribution": "Contributes to a goal of another plan",
    }
    for name, heading in headings.items():
        assert f"<h1>{heading}</h1>" in client.get(pages[name]).content.decode(), name


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def grow(personas, count: int) -> tuple[Plan, Plan, Node]:
    """`count` plans of `count` actions each, every goal contributing to one strategy goal."""
    strategy = make_plan(1, title="Strategia")
    target = Node.objects.get(plan=strategy, level="Tavoite")
    plans = [make_plan(count, title=f"Ohjelma {i}", state=Plan.State.DRAFT) for i in range(count)]
    Node.objects.filter(plan__in=plans, level="Tavoite").update(contributes_to=target)
    Plan.objects.filter(pk__in=[p.pk for p in plans]).update(supports=strategy)
    for node in Node.objects.filter(plan__in=plans, level="Toimenpide"):
        node.responsible_users.add(personas.responsible)
    return plans[0], strategy, target


@pytest.mark.parametrize(
    "name",
    [
        "plan_new",
        "plan_copy",
        "plan_publish",
        "plan_supports",
        "node_contribution",
        "plan",
        "supported",
        "supported_plan",
    ],
)
def test_page_queries_do_not_grow_with_the_organisation(client, personas, name):
    counts = []
    for size in (2, 6):
        if size == 6:
            Plan.objects.all().delete()
        plan, strategy, target = grow(personas, size)
        goal = Node.objects.get(plan=plan, level="Tavoite")
        url = {
            "plan_new": reverse("plan_new"),
            "plan_copy": reverse("plan_copy", args=[plan.pk]),
            "plan_publish": reverse("plan_publish", args=[plan.pk]),
            "plan_supports": reverse("plan_supports", args=[plan.pk]),
            "node_contribution": reverse("node_contribution", args=[goal.pk]),
            "plan": reverse("plan", args=[plan.pk]),
            "supported": reverse("node", args=[target.pk]),
            "supported_plan": reverse("plan", args=[strategy.pk]),
        }[name]
        client.force_login(personas.coordinator)
        client.get(url)
        counts.append(queries(client, url))
    assert counts[0] == counts[1], counts
