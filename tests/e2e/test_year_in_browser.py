"""Issue 12's items that had no browser test, each in a real browser over a plan in mid-year.

Deleting asks first and the recycle bin restores with the reported values; a round with a past
deadline asks for confirmation and shows its reminders; the round page names who has no e-mail; the
history reads in people's words with no staff names for anonymous visitors; the importer proposes a
title; a "Kyllä 2026" target is a state for 2026; saving an indicator keeps its sub-series targets;
a browser asking for English gets Finnish.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from seuranta.importing.models import ImportDraft
from seuranta.monitoring.models import ReportingRound
from seuranta.plans.models import Indicator, Measure
from tests.conftest import CORPUS_DIR
from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401
from tests.e2e.year_site import make_year_site


@pytest.fixture
def year(transactional_db, live_server):
    return live_server.url, make_year_site()


def _coordinator(browser, base):  # noqa: F811
    return _log_in(browser, type("S", (), {"url": base}), "coordinator")


def test_deleting_an_indicator_asks_first_and_the_bin_restores_it_with_its_values(year, browser):  # noqa: F811
    base, site = year
    page = _coordinator(browser, base)
    name = site.qualitative.name
    page.goto(base + reverse("node_edit", args=[site.action.pk]))
    page.locator(f"a[href='{reverse('indicator_delete', args=[site.qualitative.pk])}']").click()
    assert page.locator("h1").inner_text() == f"Poista: {name}"
    assert "palauttaa sen 30 päivän ajan" in page.locator("main").inner_text()
    assert Indicator.objects.filter(pk=site.qualitative.pk).exists()  # asking deleted nothing
    page.locator("main form").get_by_role("button", name="Poista").click()
    page.wait_for_load_state()
    assert not Indicator.objects.filter(pk=site.qualitative.pk).exists()
    page.goto(base + reverse("recycle_bin", args=[site.plan.pk]))
    page.locator("tr", has_text=name).locator("button", has_text="Palauta").click()
    page.wait_for_load_state()
    restored = Indicator.objects.get(pk=site.qualitative.pk)
    assert restored.measures.filter(role=Measure.Role.ACTUAL, text="Valmistelussa").exists()
    page.goto(base + reverse("node", args=[site.action.pk]))
    assert page.get_by_role("heading", name=name).count() == 1


def test_a_past_deadline_needs_confirmation_and_the_round_shows_its_reminders(year, browser):  # noqa: F811
    base, site = year
    site.personas.responsible.email = ""
    site.personas.responsible.save()
    page = _coordinator(browser, base)
    page.goto(base + reverse("monitoring:open_round", args=[site.plan.pk]))
    reminders = page.get_by_role(
        "group", name="Automaattiset muistutukset niille, jotka eivät ole lähettäneet"
    )
    assert reminders.locator("input:checked").count() == 3  # a week and a day before, the day after
    page.fill("input[name=title]", "Vuosi 2025")
    page.get_by_label("Raportoitava kausi").fill("2025")
    page.get_by_label("Määräaika", exact=True).fill("2026-01-31")
    page.get_by_role("button", name="Avaa kierros").click()
    page.wait_for_load_state()
    confirm = page.get_by_label("Avaa silti: määräaika on tarkoituksella mennyt")
    assert confirm.is_visible() and not ReportingRound.objects.filter(title="Vuosi 2025").exists()
    confirm.check()
    page.get_by_role("button", name="Avaa kierros").click()
    page.wait_for_load_state()
    assert ReportingRound.objects.filter(title="Vuosi 2025", period="2025").exists()
    assert "responsible" in page.locator("#without-email").inner_text()


def test_the_history_reads_in_peoples_words_without_staff_names_for_anonymous_visitors(year, browser):  # noqa: F811
    base, site = year
    page = browser.new_context(locale="fi-FI").new_page()
    page.goto(base + reverse("node", args=[site.action.pk]))
    history = page.locator("table.history").inner_text()
    assert "Vaihe: – → käynnissä" in history
    assert re.search(r"\d{1,2}\. \w+kuuta \d{4}", history)  # "7. joulukuuta 2026", the language's own date
    assert "in_progress" not in history
    assert "coordinator" not in history and "responsible" not in history


def test_the_importer_proposes_a_title_the_reviewer_sees_prefilled(year, browser):  # noqa: F811
    base, _site = year
    page = _coordinator(browser, base)
    page.goto(base + reverse("importing:upload"))
    page.set_input_files("#id_document", str(CORPUS_DIR / "pori-konsernipalvelut-tavoitteet-2026.txt"))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert ImportDraft.objects.exists()
    assert page.get_by_label("Suunnitelman nimi").input_value() == "Konsernipalvelut"
    assert "ei löytynyt suunnitelman nimeä" in page.locator("#plan-title-warnings").inner_text()


def test_a_yes_target_with_a_year_is_a_state_for_that_year_and_sub_series_survive_a_save(year, browser):  # noqa: F811
    base, site = year
    page = _coordinator(browser, base)
    page.goto(base + reverse("indicator_edit", args=[site.qualitative.pk]))
    page.get_by_label("Tavoitetasot").fill("Kyllä 2026")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    page.goto(base + reverse("indicator_edit", args=[site.series.pk]))
    page.get_by_role("button", name="Tallenna").click()  # saved as it is
    page.wait_for_load_state()
    page.goto(base + reverse("node", args=[site.action.pk]))
    qualitative = page.locator("section.indicator", has_text=site.qualitative.name)
    assert "tavoitetaso ”Kyllä” 2026," in qualitative.locator(".status-line").inner_text()
    assert "2 026" not in qualitative.inner_text()
    legend = (
        page.locator("section.indicator", has_text=site.series.name).locator(".chart-legend").inner_text()
    )
    assert "Tavoitetaso – ala-aste" in legend and "Tavoitetaso – yläaste" in legend


def test_a_browser_asking_for_english_gets_finnish(year, browser):  # noqa: F811
    base, _site = year
    page = browser.new_context(locale="en-US").new_page()
    page.goto(base + reverse("home"))
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").inner_text() == "Suunnitelmat"
