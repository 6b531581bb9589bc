"""A coordinator brings values from a CSV file: the plan page's "Tuo arvoja" → upload → preview →
confirm; axe over the values pages (upload, preview with errors, preview, sources, settings).
Screenshots go to /work/shots/values13/ (SHOTS overrides)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from seuranta.plans.models import Indicator, Measure
from tests.factories import make_personas, make_plan
from tests.web.test_accessibility import axe_violations, browser, log_in, new_page, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright
SHOTS = Path(os.environ.get("SHOTS", "/work/shots/values13"))


@pytest.fixture
def site(transactional_db, live_server, tmp_path):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = make_plan(2, organization=personas.organization)
    first, second = Indicator.objects.filter(node__plan=plan).order_by("pk")
    good = tmp_path / "arvot.csv"
    good.write_text(
        f"mittari;kausi;arvo;osasarja\n{first.pk};2026;12,5;\n{second.name};2026-Q1;7;Pohjoinen\n"
    )
    bad = tmp_path / "virheet.csv"
    bad.write_text(f"mittari;kausi;arvo\n{first.pk};2026;paljon\n")
    return live_server.url, personas, plan, first, good, bad


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def check_file(page, path: Path) -> None:
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_upload_preview_confirm(site, browser):  # noqa: F811
    base, personas, plan, first, good, bad = site
    page = new_page(browser)
    log_in(page, base, "coordinator")
    page.goto(base + reverse("plan", args=[plan.pk]))
    with page.expect_navigation():
        page.click("text=Tuo arvoja")
    found = {"upload": axe_violations(page)}
    check_file(page, bad)
    assert "ei ole luku" in page.locator("#upload-errors").inner_text()
    found["errors"] = axe_violations(page)
    shot(page, "bulk-errors")
    check_file(page, good)
    assert page.locator("#preview tbody tr").count() == 2
    assert not Measure.objects.filter(indicator__node__plan=plan, role="actual").exists()
    found["preview"] = axe_violations(page)
    shot(page, "bulk-preview")
    with page.expect_navigation():
        page.click("button[value=confirm]")
    assert page.url.endswith(reverse("plan", args=[plan.pk]))
    shot(page, "plan-after-upload")
    stored = Measure.objects.filter(indicator__node__plan=plan, role="actual").order_by("pk")
    assert [(m.period, m.value, m.label) for m in stored] == [
        ("2026", 12.5, None),
        ("2026-Q1", 7.0, "Pohjoinen"),
    ]
    page.goto(base + reverse("values:indicator_sources", args=[first.pk]))
    found["sources"] = axe_violations(page)
    shot(page, "indicator-sources")
    page.goto(base + reverse("values:survey_upload", args=[plan.pk]))
    found["survey"] = axe_violations(page)
    found = {name: v for name, v in found.items() if v}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_organisation_settings_page_has_no_axe_violations(site, browser):  # noqa: F811
    base, personas, *_ = site
    page = new_page(browser)
    log_in(page, base, "admin")
    page.goto(base + reverse("values:organization_settings", args=[personas.organization.pk]))
    assert not axe_violations(page)
    shot(page, "organization-settings")


def test_survey_preview_names_no_small_group(site, browser, tmp_path):  # noqa: F811
    from seuranta.values.models import SurveyFeed

    base, personas, plan, first, *_ = site
    SurveyFeed.objects.create(indicator=first, question="Suosittelisin työpaikkaani")
    results = tmp_path / "kysely.csv"
    results.write_text(
        "yksikkö;kysymys;vastaajia;keskiarvo;osuus\n"
        "Kirjasto;Suosittelisin työpaikkaani;4;;81\nNuorisopalvelut;Suosittelisin työpaikkaani;12;;64\n"
    )
    page = new_page(browser)
    log_in(page, base, "coordinator")
    page.goto(base + reverse("plan", args=[plan.pk]))
    with page.expect_navigation():
        page.click("text=Tuo kyselyn tuloksia")
    page.fill("#id_period", "2026")
    check_file(page, results)
    assert "Kirjasto" not in page.content()
    assert page.locator("#suppressed").is_visible()
    assert not axe_violations(page)
    shot(page, "survey-preview")
