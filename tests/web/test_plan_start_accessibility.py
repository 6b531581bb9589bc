"""axe-core over the new plan, copy, publish and contribution pages and the plan and node pages that show
the quality check and the cascade, in headless Chromium."""

from __future__ import annotations

import json
import os

import pytest
from django.urls import reverse

from seuranta.plans.models import Indicator, Node, Plan
from tests.factories import make_personas, make_plan
from tests.web.test_accessibility import axe_violations, browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright


def start_pages() -> dict[str, str]:
    """A draft plan with findings, a strategy whose goal it supports, and the pages about them."""
    make_personas()
    strategy = make_plan(1, title="Kaupunkistrategia")
    plan = make_plan(2, title="Henkilöstöohjelma", state=Plan.State.DRAFT)
    Plan.objects.filter(pk=plan.pk).update(supports=strategy)
    Indicator.objects.filter(node__plan=plan).first().measures.filter(role="baseline").delete()
    target = Node.objects.get(plan=strategy, level="Tavoite")
    goal = Node.objects.get(plan=plan, level="Tavoite")
    Node.objects.filter(pk=goal.pk).update(contributes_to=target)
    return {
        "plan_new": reverse("plan_new"),
        "plan_copy": reverse("plan_copy", args=[plan.pk]),
        "plan_publish": reverse("plan_publish", args=[plan.pk]),
        "plan_supports": reverse("plan_supports", args=[plan.pk]),
        "supported_plan": reverse("plan", args=[strategy.pk]),
        "node_contribution": reverse("node_contribution", args=[goal.pk]),
        "plan_with_quality_panel": reverse("plan", args=[plan.pk]),
        "contributing_goal": reverse("node", args=[goal.pk]),
        "supported_goal": reverse("node", args=[target.pk]),
    }


@pytest.fixture
def start_site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url, start_pages()


def test_the_new_pages_have_no_axe_violations(start_site, browser):  # noqa: F811
    base, pages = start_site
    page = browser.new_page(locale="fi-FI")
    log_in(page, base, "coordinator")
    found = {}
    for name, url in pages.items():
        response = page.goto(base + url)
        assert response.status == 200, name
        if violations := axe_violations(page):
            found[name] = violations
    # The new plan form refused, with its error messages.
    page.goto(base + pages["plan_new"])
    page.select_option("#id_level_preset", "own")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#id_title_error").is_visible()
    if violations := axe_violations(page):
        found["plan_new_refused"] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
