"""axe-core over the reporting pages and the web report, in headless Chromium against a live server."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.reporting import close_round, open_round
from seuranta.plans.models import Node
from tests.factories import make_personas, make_plan
from tests.web.test_accessibility import axe_violations, browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright


@pytest.fixture
def reporting_site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = make_plan(3)
    for node in Node.objects.filter(plan=plan, level="Toimenpide"):
        node.responsible_users.add(personas.responsible)
    open_one = open_round(plan, title="Q1/2026", period="2026-Q1", deadline=date(2026, 4, 15), root=None,
                          user=personas.coordinator)
    closed_one = open_round(plan, title="T1/2026", period="2026-T1", deadline=date(2026, 5, 15), root=None,
                            user=personas.coordinator)
    close_round(closed_one, user=personas.coordinator, on=date(2026, 5, 20))
    entry = RoundEntry.objects.filter(round=open_one).first()
    closed_entry = RoundEntry.objects.filter(round=closed_one).first()
    responsible_pages = {
        "my_reports": reverse("monitoring:my_reports"),
        "entry": reverse("monitoring:entry", args=[entry.pk]),
        "closed_entry": reverse("monitoring:entry", args=[closed_entry.pk]),
    }
    coordinator_pages = {
        "rounds": reverse("monitoring:rounds"),
        "open_round": reverse("monitoring:open_round", args=[plan.pk]),
        "round": reverse("monitoring:round", args=[open_one.pk]),
        "closed_round": reverse("monitoring:round", args=[closed_one.pk]),
        "report_html": reverse("reports:plan_report", args=[plan.pk]),
        "annual_report_html": reverse("reports:plan_report", args=[plan.pk]) + "?variant=annual",
    }
    return live_server.url, responsible_pages, coordinator_pages


@pytest.mark.parametrize("who", ["responsible", "coordinator"])
def test_reporting_pages_have_no_axe_violations(reporting_site, browser, who):  # noqa: F811
    base, responsible_pages, coordinator_pages = reporting_site
    pages = responsible_pages if who == "responsible" else coordinator_pages
    page = browser.new_page()
    log_in(page, base, who)
    found = {}
    for name, url in pages.items():
        response = page.goto(base + url)
        assert response.status == 200, f"{name}: {response.status}"
        if violations := axe_violations(page):
            found[name] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
