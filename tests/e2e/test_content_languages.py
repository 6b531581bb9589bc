"""A plan in Finnish and Swedish in a real browser: the coordinator writes a node's title and an
indicator in both languages side by side; the public site in Swedish shows the Swedish texts and marks
the Finnish fallback (lang="fi"); the council report in Swedish uses the Swedish texts. axe-core checks
the side-by-side editor at 1280 and 390 px.

With SEURANTA_SHOTS=<folder> the editor and the Swedish public pages are saved as screenshots there.
"""

import json
import os
from pathlib import Path

from django.urls import reverse

from seuranta.plans.models import Indicator, Node, Plan
from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401 (fixture, marks)
from tests.factories import make_personas, make_plan
from tests.web.test_accessibility import axe_violations

SHOTS = os.environ.get("SEURANTA_SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _require_swedish(page, base: str, plan: Plan) -> None:
    page.goto(base + reverse("plan_settings", args=[plan.pk]))
    page.locator("input[name=required_languages][value=sv]").check()
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    assert "Tallennettu" in page.content()
    # Now the settings show the Swedish column too: the plan's name and level names.
    page.goto(base + reverse("plan_settings", args=[plan.pk]))
    page.get_by_label("Otsikko (ruotsi)").fill("Testplan")
    page.get_by_label("Tasot (ruotsi)").fill("Fokusområde\nMål\nÅtgärd")
    shot(page, "editor-plan-settings-1280")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    assert "Tallennettu" in page.content()


def _write_node(page, base: str, node: Node) -> list:
    page.goto(base + reverse("node_edit", args=[node.pk]))
    page.get_by_label("Otsikko (suomi)").fill("Kirjastopalvelut verkkoon")
    page.get_by_label("Otsikko (ruotsi)").fill("Bibliotekstjänster på nätet")
    assert page.get_by_label("Otsikko (ruotsi)").get_attribute("lang") == "sv"
    violations = {f"node-edit-{w}": axe_at(page, w, f"editor-node-{w}") for w in (1280, 390)}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    return [violations]


def _write_indicator(page, base: str, indicator: Indicator) -> list:
    page.goto(base + reverse("indicator_edit", args=[indicator.pk]))
    page.get_by_label("Nimi (suomi)").fill("Verkkolainojen määrä")
    page.get_by_label("Nimi (ruotsi)").fill("Antal lån på nätet")
    violations = {f"indicator-edit-{w}": axe_at(page, w, f"editor-indicator-{w}") for w in (1280, 390)}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    return [violations]


def axe_at(page, width: int, name: str) -> list:
    page.set_viewport_size({"width": width, "height": 900})
    shot(page, name)
    return axe_violations(page)


def test_a_plan_written_in_finnish_and_swedish_is_read_in_swedish(transactional_db, live_server, browser):  # noqa: F811
    personas = make_personas()
    plan = make_plan(2, organization=personas.organization)
    action = Node.objects.filter(plan=plan, level="Toimenpide").order_by("order").first()
    indicator = Indicator.objects.get(node=action)
    base = live_server.url

    coordinator = _log_in(browser, live_server, "coordinator")
    _require_swedish(coordinator, base, plan)
    found = _write_node(coordinator, base, action) + _write_indicator(coordinator, base, indicator)
    violations = {k: v for group in found for k, v in group.items() if v}
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
    action.refresh_from_db()
    indicator.refresh_from_db()
    assert (action.title, action.translations["sv"]["title"]) == (
        "Kirjastopalvelut verkkoon",
        "Bibliotekstjänster på nätet",
    )
    assert indicator.translations["sv"]["name"] == "Antal lån på nätet"

    # A resident reads the public site in Swedish.
    resident = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900}).new_page()
    resident.set_default_timeout(15_000)
    resident.context.add_cookies([{"name": "django_language", "value": "sv", "url": base}])
    slug = personas.organization.slug
    resident.goto(base + reverse("public:node", args=[slug, action.pk]))
    assert resident.locator("h1").inner_text() == "Bibliotekstjänster på nätet"
    assert "Antal lån på nätet" in resident.locator("main").inner_text()
    goal = action.parent
    fallback = resident.locator(f'nav.breadcrumbs span[lang="fi"]:text-is("{goal.title}")')
    assert fallback.count() == 1
    assert "på finska" in resident.locator("nav.breadcrumbs").inner_text()
    shot(resident, "public-node-sv-1280")
    resident.goto(base + reverse("public:tree", args=[slug, plan.pk]))
    assert "Bibliotekstjänster på nätet" in resident.locator("main").inner_text()
    other = Node.objects.filter(plan=plan, level="Toimenpide").order_by("order").last()
    assert resident.locator(f'main span[lang="fi"]:text-is("{other.title}")').count() == 1
    shot(resident, "public-tree-sv-1280")
    for name, url in (("node", reverse("public:node", args=[slug, action.pk])), ("tree", resident.url)):
        resident.set_viewport_size({"width": 390, "height": 900})
        resident.goto(url if url.startswith("http") else base + url)
        shot(resident, f"public-{name}-sv-390")

    # The council report in Swedish, chosen on the plan's page as a web page.
    coordinator.goto(base + reverse("plan", args=[plan.pk]))
    coordinator.select_option("#report-variant", "council")
    coordinator.select_option("#report-format", "html")
    coordinator.select_option("#report-lang", "sv")
    coordinator.get_by_role("button", name="Hae raportti").click()
    coordinator.wait_for_load_state()
    report = coordinator.locator("body").inner_text()
    assert "Bibliotekstjänster på nätet" in report and "Antal lån på nätet" in report
    assert "Kirjastopalvelut verkkoon" not in report
    assert goal.title in report  # no Swedish text: the Finnish one
