"""A whole reporting round in a real browser: open, draft, report, watch completion, close, see statuses, stay locked.

Runs headless Chromium from /usr/bin/chromium through Playwright against
pytest-django's live server; skipped when either is missing.
"""

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest
from django.db import connections

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.models import Indicator, Measure, Milestone, Node
from tests.factories import PASSWORD, make_personas, make_plan

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium"),
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None,
        reason="needs the playwright Python package (pip install playwright)",
    ),
]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()
        # The test's own ORM calls ran while Playwright's event loop was current, which gives them a
        # database connection of their own; pytest-django never sees it, so it would outlive the test
        # (and keep PostgreSQL from dropping the test database).
        connections.close_all()


def _log_in(browser, live_server, username):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=username]) [type=submit]")
    page.wait_for_load_state()
    return page


def _status_on_plan_page(page, live_server, plan, title):
    page.goto(f"{live_server.url}/suunnitelmat/{plan.pk}/")
    badge = page.locator(".tree-item__head", has=page.get_by_role("link", name=title, exact=True)).locator(
        ".badge"
    )
    return re.search(r"badge--(\w+)", badge.first.get_attribute("class"))[1]


def _round_report_text(page) -> str:
    """Download the round's council report as DOCX from the round page; its text."""
    import io

    import docx

    form = page.locator(".report-choices form")
    form.get_by_label("Muoto").select_option("docx")
    with page.expect_download() as download:
        form.get_by_role("button", name="Hae raportti").click()
    assert download.value.suggested_filename == "testisuunnitelma-2026-Q1.docx"
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_reporting_round_from_opening_to_closing(transactional_db, live_server, browser):
    personas = make_personas()
    plan = make_plan(2, indicators_per_action=2, organization=personas.organization)
    Milestone.objects.filter(node__plan=plan).delete()
    action = Node.objects.get(plan=plan, title="Toimenpide 1")
    action.responsible_users.add(personas.responsible)

    coordinator = _log_in(browser, live_server, "coordinator")
    assert _status_on_plan_page(coordinator, live_server, plan, "Toimenpide 1") == "no_data"
    # A milestone already late, and a second indicator with sub-series (ala-aste / yläaste).
    milestone = Milestone.objects.create(
        node=action, title="Koulutussuunnitelma", due="2025", due_date=date(2025, 12, 31)
    )
    with_series = Indicator.objects.get(node=action, name="Mittari 1.2")
    with_series.measures.all().delete()
    for order, (role, label, value) in enumerate(
        [
            ("baseline_series", "ala-aste", 17.4),
            ("baseline_series", "yläaste", 20),
            ("target", "ala-aste", 17),
            ("target", "yläaste", 19),
        ]
    ):
        text = f"{label}: {value}".replace(".", ",")
        Measure.objects.create(
            indicator=with_series,
            role=role,
            order=order,
            text=text,
            kind="value",
            value=value,
            label=label,
            period="2025" if role == "baseline_series" else "2027",
        )
    assert _status_on_plan_page(coordinator, live_server, plan, "Toimenpide 1") == "behind"

    # The coordinator opens a round.
    coordinator.goto(f"{live_server.url}/seuranta/kierrokset/")
    coordinator.get_by_role("link", name="Avaa kierros").click()
    coordinator.fill("input[name=title]", "Q1/2026")
    coordinator.fill("input[name=period]", "Q1/2026")
    coordinator.fill("input[name=deadline]", "2099-04-15")
    coordinator.get_by_role("button", name="Avaa kierros").click()
    coordinator.wait_for_load_state()
    assert "Kierros on avattu: raportteja pyydettiin 1." in coordinator.content()
    round_url = coordinator.url
    reporting_round = ReportingRound.objects.get(title="Q1/2026")
    assert reporting_round.period == "2026-Q1"

    # The responsible person reports two indicators and a progress text, and submits.
    responsible = _log_in(browser, live_server, "responsible")
    responsible.get_by_role("link", name="Omat raportit").first.click()
    responsible.get_by_role("link", name="Toimenpide 1").click()
    entry_url = responsible.url
    responsible.get_by_label("Mittari 1.1").fill("12")
    responsible.get_by_label("Mittari 1.2 – ala-aste").fill("17,0")
    responsible.get_by_label("Mittari 1.2 – yläaste").fill("19,5")
    responsible.get_by_label("Koulutussuunnitelma").check()
    responsible.get_by_label("Valmistui").fill("2026-02-10")
    responsible.get_by_label("Tilannekuvaus").fill("Koulutukset alkoivat helmikuussa.")
    responsible.get_by_label("Vaihe").select_option("in_progress")
    responsible.get_by_label("Arvio").select_option("partly")

    # A saved draft comes back filled in, but the plan does not show it yet.
    responsible.get_by_role("button", name="Tallenna luonnos").click()
    responsible.wait_for_load_state()
    assert responsible.get_by_label("Mittari 1.2 – yläaste").input_value() == "19,5"
    assert responsible.get_by_label("Koulutussuunnitelma").is_checked()
    assert not Milestone.objects.get(pk=milestone.pk).done
    assert responsible.get_by_label("Tilannekuvaus").input_value() == "Koulutukset alkoivat helmikuussa."
    assert not Measure.objects.filter(indicator__node=action, role="actual").exists()
    assert (
        _status_on_plan_page(coordinator, live_server, plan, "Toimenpide 1") == "behind"
    )  # the draft changes nothing: the milestone is still late

    responsible.get_by_role("button", name="Lähetä raportti").click()
    responsible.wait_for_load_state()
    assert "Raportti lähetetty. Kiitos!" in responsible.content()
    values = sorted(
        Measure.objects.filter(indicator__node=action, role="actual").values_list("label", "value"),
        key=lambda row: row[1],
    )
    assert values == [(None, 12.0), ("ala-aste", 17.0), ("yläaste", 19.5)]
    milestone.refresh_from_db()
    assert milestone.done and milestone.extra["done_on"] == "2026-02-10"

    # The coordinator sees the person at 100 % and closes the round.
    coordinator.goto(round_url)
    row = coordinator.locator("#per-person tbody tr", has_text="responsible")
    assert row.locator("td.num").inner_text().strip() == "100 %"
    coordinator.once("dialog", lambda dialog: dialog.accept())
    coordinator.get_by_role("button", name="Sulje kierros").click()
    coordinator.wait_for_load_state()
    snapshot = coordinator.locator("#snapshot")
    assert snapshot.is_visible()
    assert "ala-aste: 17,0; yläaste: 19,5" in snapshot.inner_text()
    assert snapshot.locator(".snapshot-row .badge").first.get_attribute("class").endswith("badge--on_track")
    assert "Koulutukset alkoivat helmikuussa." in snapshot.inner_text()

    assert "Arvio: Toteutui osittain" in snapshot.inner_text()

    # The round's report as of its close: the file is named after the plan and the period, holds the
    # reported text and verdict, and stays the same after a target changes.
    first = _round_report_text(coordinator)
    assert "Koulutukset alkoivat helmikuussa." in first and "Toteutui osittain" in first
    targets = list(Measure.objects.filter(indicator__node=action, role="target"))
    before = [(target.text, target.value) for target in targets]
    for target in targets:  # saved one by one, so that the report cache sees the edit
        target.text, target.value = "99", 99
        target.save()
    assert _round_report_text(coordinator) == first
    for target, (text, value) in zip(targets, before, strict=True):  # as they were, for the live status
        target.text, target.value = text, value
        target.save()

    # The plan page shows the new status.
    assert _status_on_plan_page(coordinator, live_server, plan, "Toimenpide 1") == "on_track"

    # An edit attempt on the closed round is refused.
    responsible.goto(entry_url)
    assert "Kierros on suljettu" in responsible.content()
    assert responsible.get_by_role("button", name="Lähetä raportti").count() == 0
    token = next(c["value"] for c in responsible.context.cookies() if c["name"] == "csrftoken")
    refused = responsible.context.request.post(
        entry_url,
        form={
            "csrfmiddlewaretoken": token,
            "version": "99",
            "text": "Myöhästynyt muutos",
            "submit": "1",
        },
        headers={"Referer": entry_url},
    )
    assert refused.status == 403
    assert "ei voi enää muuttaa" in refused.text()
    assert RoundEntry.objects.get(round=reporting_round).state == RoundEntry.State.SUBMITTED
    assert not Measure.objects.filter(indicator__node=action, text="Myöhästynyt muutos").exists()
