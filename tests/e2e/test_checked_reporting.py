"""In a real browser: the report form offers a qualitative indicator's scale, refuses text for a
number, asks before accepting a far value; a coordinator corrects a value after the round closed.
Screenshots of the report form at 1280 and 390 px go to SEURANTA_SHOTS (when set)."""

import os
from pathlib import Path

from seuranta.monitoring.reporting import close_round, open_round
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Milestone, Node
from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401
from tests.factories import make_personas, make_plan

SHOTS = os.environ.get("SEURANTA_SHOTS")


def _set_up():
    personas = make_personas()
    plan = make_plan(1, indicators_per_action=3, organization=personas.organization)
    action = Node.objects.get(plan=plan, title="Toimenpide 1")
    action.responsible_users.add(personas.responsible)
    qualitative, numeric, series = Indicator.objects.filter(node=action).order_by("order", "id")
    qualitative.measures.all().delete()
    Measure.objects.create(indicator=qualitative, role="baseline", text="Ei", kind="state", period="2025")
    Measure.objects.create(indicator=qualitative, role="target", text="Kyllä", kind="state", period="2027")
    series.measures.all().delete()
    for order, label in enumerate(["kevät", "syksy"]):
        Measure.objects.create(
            indicator=series,
            role="target",
            order=order,
            text=f"{label} 60",
            kind="value",
            value=60,
            label=label,
        )
    Milestone.objects.filter(node=action).delete()
    Milestone.objects.create(node=action, title="Kysely tehty", due="2026-Q1")
    from datetime import date

    reporting_round = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2099, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    return reporting_round, reporting_round.entries.get(), qualitative, numeric


def _shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_report_form_checks_what_people_type(transactional_db, live_server, browser):  # noqa: F811
    _round, entry, qualitative, numeric = _set_up()
    page = _log_in(browser, live_server, "responsible")
    page.goto(f"{live_server.url}/seuranta/vastaukset/{entry.pk}/")
    options = page.get_by_label("Mittari 1.1").locator("option").all_inner_texts()
    assert options == ["–", "Ei", "Valmistelussa", "Kyllä"]
    assert page.get_by_label("Mittari 1.3 – kevät").count() == 1
    _shoot(page, "report-form")

    page.get_by_label("Mittari 1.1").select_option("Valmistelussa")
    page.get_by_label("Mittari 1.2").fill("paljon")
    page.get_by_label("Tilannekuvaus").fill("Kysely on tehty.")
    page.get_by_role("button", name="Lähetä raportti").click()
    assert "ei ole luku" in page.locator(".field-error").first.inner_text()

    page.get_by_label("Mittari 1.2").fill("1950")
    page.get_by_role("button", name="Lähetä raportti").click()
    assert page.get_by_label("Arvo on oikein").is_visible()
    _shoot(page, "report-form-confirm")
    assert not Measure.objects.filter(indicator=numeric, role="actual").exists()

    page.get_by_label("Arvo on oikein").check()
    page.get_by_label("Mittari 1.3 – kevät").fill("58")
    page.get_by_label("Mittari 1.3 – syksy").fill("61")
    page.get_by_label("Kysely tehty").check()
    page.get_by_role("button", name="Lähetä raportti").click()
    assert "Raportti lähetetty" in page.content()
    assert Measure.objects.get(indicator=numeric, role="actual").value == 1950
    assert Measure.objects.get(indicator=qualitative, role="actual").text == "Valmistelussa"
    assert Milestone.objects.get(title="Kysely tehty").done


def test_a_coordinator_corrects_a_value_after_the_round_closed(transactional_db, live_server, browser):  # noqa: F811
    reporting_round, entry, _qualitative, numeric = _set_up()
    Measure.objects.create(
        indicator=numeric, role="actual", text="15", kind="value", value=15, period="2026-Q1"
    )
    entry.state = "submitted"
    entry.save()
    close_round(reporting_round, user=reporting_round.opened_by)
    page = _log_in(browser, live_server, "coordinator")
    page.goto(f"{live_server.url}/seuranta/kierrokset/{reporting_round.pk}/")
    page.get_by_role("link", name="Korjaa arvoja").click()
    page.get_by_label("Mittari 1.2").fill("16,5")
    _shoot(page, "correction")
    page.get_by_role("button", name="Tallenna korjaukset").click()
    assert "Arvot korjattiin" in page.content()
    assert Measure.objects.get(indicator=numeric, role="actual").text == "16,5"
    assert ChangeRecord.objects.filter(object_type="measure", action="changed").exists()
    assert "Mittari 1.2: 15" in page.locator("#snapshot").inner_text()  # the round keeps what was reported
