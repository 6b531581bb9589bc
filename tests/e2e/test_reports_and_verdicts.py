"""Reports where people look and the verdict a responsible person chooses, in a real browser.

The plan page and a closed round's page offer the report (variant, format, language); a large PDF is
made by the task worker behind a progress page; the responsible person reaches their open report from
the action's page, chooses a verdict that the node page then shows, and finds the report among their
past reports once the round has closed. Screenshots at 1280 and 390 px go to $SCREENS (default
/work/screens); no page is wider than the window.
"""

import io
import os
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from seuranta.monitoring.reporting import close_round
from seuranta.plans.models import Node
from tests.e2e import test_reporting_round as round_test
from tests.factories import make_personas, make_plan, make_rounds

pytestmark = round_test.pytestmark
browser = round_test.browser  # the fixture: headless Chromium, connections closed after it
_log_in = round_test._log_in
SCREENS = Path(os.environ.get("SCREENS", "/work/screens"))


def screenshot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} is wider than {width} px"
        )
    page.set_viewport_size({"width": 1280, "height": 900})


def _choose_and_download(page, *, variant, fmt, lang):
    form = page.locator(".report-choices form")
    form.get_by_label("Raporttityyppi").select_option(variant)
    form.get_by_label("Muoto").select_option(fmt)
    form.get_by_label("Kieli").select_option(lang)
    with page.expect_download() as download:
        form.get_by_role("button", name="Hae raportti").click()
    return download.value


@pytest.fixture
def site(transactional_db, live_server):
    personas = make_personas()
    plan = make_plan(2, title="Porin konsernipalvelut", organization=personas.organization)
    open_round, closed_round = make_rounds(plan, personas)
    return live_server.url, personas, plan, open_round, closed_round


def test_plan_page_offers_the_report_in_every_variant_format_and_language(site, browser):
    import openpyxl

    base, _personas, plan, _open, _closed = site
    page = _log_in(browser, type("S", (), {"url": base}), "viewer")
    page.goto(f"{base}{reverse('plan', args=[plan.pk])}")
    screenshot(page, "plan-report-choices")
    download = _choose_and_download(page, variant="annual", fmt="xlsx", lang="sv")
    assert download.suggested_filename.startswith("porin-konsernipalvelut-")
    assert download.suggested_filename.endswith("-toimintakertomus-sv.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert "Indikator" in [c.value for c in book.active[1]]
    # The web page opens in the browser.
    form = page.locator(".report-choices form")
    form.get_by_label("Raporttityyppi").select_option("council")
    form.get_by_label("Muoto").select_option("html")
    form.get_by_label("Kieli").select_option("fi")
    form.get_by_role("button", name="Hae raportti").click()
    page.wait_for_load_state()
    assert "/raportit/" in page.url and "Seurantaraportti" in page.content()


@pytest.mark.pdf
def test_closed_rounds_large_pdf_comes_from_the_task_worker_with_a_download_link(site, browser, settings):
    settings.SEURANTA_REPORT_BACKGROUND_ITEMS = 1
    base, _personas, plan, _open, closed = site
    page = _log_in(browser, type("S", (), {"url": base}), "coordinator")
    page.goto(f"{base}{reverse('monitoring:round', args=[closed.pk])}")
    assert "sellaisena kuin se oli kierroksen sulkeutuessa" in page.locator(".report-choices").inner_text()
    screenshot(page, "round-report-choices")
    form = page.locator(".report-choices form")
    form.get_by_label("Muoto").select_option("pdf")
    form.get_by_role("button", name="Hae raportti").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Raporttia tehdään"
    link = page.locator("#report-file-download")
    assert "porin-konsernipalvelut-2026-T1.pdf" in link.inner_text()
    screenshot(page, "report-file-ready")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "porin-konsernipalvelut-2026-T1.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def test_responsible_reaches_the_open_report_from_the_action_and_sees_the_verdict_and_past_reports(
    site, browser
):
    base, personas, plan, open_round, _closed = site
    action = Node.objects.get(plan=plan, title="Toimenpide 1")
    page = _log_in(browser, type("S", (), {"url": base}), "responsible")
    page.goto(f"{base}{reverse('node', args=[action.pk])}")
    page.get_by_role("link", name="Raportoi: Q1/2026 (määräpäivä 15.4.2026)").click()
    page.wait_for_load_state()
    page.get_by_label("Tilannekuvaus").fill("Puolet koulutuksista pidetty.")
    page.get_by_label("Arvio").select_option("partly")
    page.get_by_role("button", name="Lähetä raportti").click()
    page.wait_for_load_state()
    assert "Raportti lähetetty. Kiitos!" in page.content()

    page.goto(f"{base}{reverse('node', args=[action.pk])}")
    row = page.locator("tr", has_text="Puolet koulutuksista pidetty.")
    assert row.locator("td.verdict").inner_text() == "Toteutui osittain"

    close_round(open_round, user=personas.coordinator, on=date(2026, 4, 20))
    page.goto(f"{base}{reverse('monitoring:my_reports')}")
    past = page.locator("#past-reports")
    assert past.get_by_role("link", name="Toimenpide 1").count() == 2  # Q1 and T1, both closed now
    screenshot(page, "my-reports-past")
    page.goto(f"{base}{reverse('node', args=[action.pk])}")
    assert page.get_by_role("link", name="Raportoi: Q1/2026 (määräpäivä 15.4.2026)").count() == 0


def test_goal_mostly_unreported_shows_its_coverage_not_an_achievement_colour(
    transactional_db, live_server, browser
):
    from seuranta.plans.models import Milestone, ProgressEntry

    plan = make_plan(4)
    Milestone.objects.filter(node__plan=plan).delete()
    done = Node.objects.get(plan=plan, title="Toimenpide 1")
    ProgressEntry.objects.create(node=done, period="2026-Q1", text="Valmis.", phase=Node.Phase.DONE)
    page = browser.new_page(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{reverse('plan', args=[plan.pk])}")
    goal = page.locator(".tree-item", has=page.get_by_role("link", name="Tavoite 1", exact=True)).first
    assert goal.locator(".badge").first.inner_text().strip() == "◔ Tiedot riittämättömät"
    assert "1/4 raportoitu" in goal.locator(".tree-item__meta").first.inner_text()
    screenshot(page, "plan-insufficient-data")
