"""axe-core over the reporting pages and the web report, in headless Chromium against a live server."""

from __future__ import annotations

import json
import os

import pytest
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from tests.factories import make_personas, make_plan, make_rounds
from tests.web.test_accessibility import (  # noqa: F401
    Target,
    axe_violations,
    browser,
    log_in,
    new_page,
    open_page,
    pytestmark,
)

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright


@pytest.fixture
def reporting_site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = make_plan(3)
    open_one, closed_one = make_rounds(plan, personas)
    entry = RoundEntry.objects.filter(round=open_one).first()
    closed_entry = RoundEntry.objects.filter(round=closed_one).first()
    responsible_pages = {
        "my_reports": Target(reverse("monitoring:my_reports"), "Omat raportit"),
        "entry": Target(reverse("monitoring:entry", args=[entry.pk]), entry.node.title),
        "closed_entry": Target(reverse("monitoring:entry", args=[closed_entry.pk]), closed_entry.node.title),
    }
    coordinator_pages = {
        "rounds": Target(reverse("monitoring:rounds"), "Raportointikierrokset"),
        "open_round": Target(reverse("monitoring:open_round", args=[plan.pk]), "Avaa raportointikierros"),
        "round": Target(reverse("monitoring:round", args=[open_one.pk]), "Q1/2026"),
        "closed_round": Target(reverse("monitoring:round", args=[closed_one.pk]), "T1/2026"),
        "delete_round": Target(
            reverse("monitoring:delete_round", args=[open_one.pk]), "Poistetaanko kierros"
        ),
        "correct_actuals": Target(
            reverse("monitoring:correct_actuals", args=[closed_one.pk, closed_entry.node_id]),
            "Korjaa raportoituja arvoja",
        ),
        "report_html": Target(reverse("reports:plan_report", args=[plan.pk]), plan.title),
        "annual_report_html": Target(
            reverse("reports:plan_report", args=[plan.pk]) + "?variant=annual", plan.title
        ),
    }
    return live_server.url, responsible_pages, coordinator_pages


@pytest.mark.parametrize("who", ["responsible", "coordinator"])
def test_reporting_pages_have_no_axe_violations(reporting_site, browser, who):  # noqa: F811
    base, responsible_pages, coordinator_pages = reporting_site
    pages = responsible_pages if who == "responsible" else coordinator_pages
    page = new_page(browser)
    log_in(page, base, who)
    found = {}
    for name, target in pages.items():
        open_page(page, base, target)
        if violations := axe_violations(page):
            found[name] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
