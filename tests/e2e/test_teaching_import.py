"""A coordinator teaches the importer a city's layout in review; the next document imports right.

Kuusijärvi (an imaginary city) calls its actions "Keino" and keeps actual values in a
column "Seuranta", which the lexicon reads as progress. The coordinator fixes both with
"apply to all like this" and saves; the city's next plan in the same layout then needs no
correction. Screenshots of the review page go to /work/screens/ (SCREENS overrides).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from seuranta.importing.models import ImportDraft
from seuranta.importing.source import walk_nodes
from seuranta.plans.models import Measure, Plan
from tests.conftest import DATA
from tests.factories import make_personas
from tests.web.test_accessibility import axe_violations, browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright
TEACH = DATA / "teach"
SCREENS = Path(os.environ.get("SCREENS", "/work/screens"))
MAX_INTERACTIONS = 10


@pytest.fixture
def site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url, make_personas()


def upload(page, base: str, path: Path) -> None:
    page.goto(base + reverse("importing:upload"))
    page.set_input_files("#id_document", str(path))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def screenshot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} is wider than {width} px"
        )
    page.set_viewport_size({"width": 1280, "height": 900})


class Interactions:
    """Counts what the coordinator does: each click, fill, check or choice is one."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0

    def click(self, target) -> None:
        self.count += 1
        (self.page.locator(target) if isinstance(target, str) else target).click()
        self.page.wait_for_load_state()

    def fill(self, selector: str, value: str) -> None:
        self.count += 1
        self.page.fill(selector, value)

    def check(self, selector: str) -> None:
        self.count += 1
        self.page.check(selector)

    def select(self, selector: str, **option) -> None:
        self.count += 1
        self.page.select_option(selector, **option)


def _levels_and_actuals(plan: dict) -> tuple[set[str], dict[str, list[str]]]:
    nodes = [node for _, node in walk_nodes(plan["nodes"])]
    actuals = {
        i["name"]: [a["text"] for a in i.get("actuals") or []]
        for n in nodes
        for i in n.get("indicators") or []
    }
    return {node["level"] for node in nodes}, actuals


def test_a_coordinator_teaches_a_layout_and_the_next_document_imports_right(site, browser):  # noqa: F811
    base, personas = site
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    log_in(page, base, "coordinator")
    upload(page, base, TEACH / "kuusijarvi-2026.html")
    draft = ImportDraft.objects.get()
    levels, actuals = _levels_and_actuals(draft.plan)
    assert "Keino" in levels and not any(actuals.values())  # what the importer got wrong
    screenshot(page, "review-before")
    found = {"review": axe_violations(page)}

    act = Interactions(page)
    keino = page.locator(".level-rename", has=page.locator("input[value='Keino'][type=hidden]")).locator(
        "input[type=text]"
    )
    act.fill(f"#{keino.get_attribute('id')}", "Toimenpide")
    act.check("#levels-remember")
    act.click(".levels-form button[type=submit]")

    table_line = page.locator("li.source-line", has_text="Tyhjien liiketilojen osuus")
    act.click(table_line.locator("a[href*='/rivi/']"))
    found["line"] = axe_violations(page)
    screenshot(page, "correct-a-column")
    column = page.locator("#column option", has_text="Seuranta").get_attribute("value")
    act.select("#column", value=column)
    act.select("#role", value="actual")
    act.click("main form button[type=submit]")
    screenshot(page, "review-after-teaching")
    found["review_after"] = axe_violations(page)

    draft.refresh_from_db()
    levels, actuals = _levels_and_actuals(draft.plan)
    assert levels == {"Painopiste", "Tavoite", "Toimenpide"}
    assert actuals["Tyhjien liiketilojen osuus (%)"] == ["12 (2025)"]
    act.click("button[formaction$='/tallenna/']")
    assert act.count <= MAX_INTERACTIONS, act.count
    plan = Plan.objects.get()
    assert Measure.objects.filter(indicator__node__plan=plan, role="actual").count() == 3

    upload(page, base, TEACH / "kuusijarvi-2027.html")
    second = ImportDraft.objects.get()
    levels, actuals = _levels_and_actuals(second.plan)
    assert levels == {"Painopiste", "Tavoite", "Toimenpide"}
    assert actuals == {
        "Pyöräilyn kulkutapaosuus (%)": ["10 (2026)"],
        "Henkilöstön vaihtuvuus (%)": ["10,5 (2026)"],
        "Sairauspoissaolopäivät henkilötyövuotta kohden (pv)": ["15 (2026)"],
    }
    screenshot(page, "review-second-document")

    page.goto(base + reverse("importing:item", args=[second.pk, "0.0.1"]))
    found["item"] = axe_violations(page)
    page.goto(base + reverse("importing:profile", args=[personas.organization.pk]))
    found["profile"] = axe_violations(page)
    screenshot(page, "correction-log")
    page.goto(base + reverse("importing:upload"))
    found["upload"] = axe_violations(page)
    found = {name: violations for name, violations in found.items() if violations}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
