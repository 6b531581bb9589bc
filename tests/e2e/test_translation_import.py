"""A coordinator imports the Swedish version of a Finnish plan as its translation, and the public
site in Swedish shows the Swedish texts.

The documents are tests/data/translation (synthetic: a Swedish counterpart written by structure,
see its README). Screenshots of the match page at 1280 and 390 px go to /work/shots/h15import/
(SHOTS overrides).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from seuranta.core.parsing import parse_file
from seuranta.plans.models import Node, Plan
from seuranta.plans.storage import store_plan
from tests.conftest import DATA
from tests.factories import make_personas
from tests.web.test_accessibility import axe_violations, browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright
TRANSLATION = DATA / "translation"
SHOTS = Path(os.environ.get("SHOTS", "/work/shots/h15import"))


@pytest.fixture
def site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = store_plan(
        parse_file(TRANSLATION / "meriniemi-hyvinvointiohjelma-2026.txt").plan,
        organization=personas.organization,
        state=Plan.State.PUBLISHED,
    )
    return live_server.url, personas, plan


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} is wider than {width} px"
        )
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_swedish_document_becomes_the_swedish_side_of_a_plan(site, browser):  # noqa: F811
    base, personas, plan = site
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    page.set_default_timeout(20_000)
    log_in(page, base, "coordinator")
    page.goto(base + reverse("importing:upload"))
    page.set_input_files("#id_document", str(TRANSLATION / "meriniemi-valfardsprogram-2026.txt"))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    choice = page.locator("form.translation-choice")
    assert "Tämä on olemassa olevan suunnitelman käännös" in choice.inner_text()
    page.select_option("#translation-plan", value=str(plan.pk))
    page.select_option("#translation-lang", value="sv")
    choice.locator("button[type=submit]").click()
    page.wait_for_load_state()

    row = page.locator("li#n0\\.1")  # the second goal of the first focus area, side by side
    assert "Kiusaaminen vähenee kouluissa" in row.inner_text()
    assert "Mobbningen i skolorna minskar" in row.inner_text()
    found = {"match": axe_violations(page)}
    screenshot(page, "translation-match")

    # The coordinator leaves one goal out: after "Update the matches" it is listed as not imported.
    page.select_option("#node-2\\.1", value="")
    page.click("button[name=action][value=update]")
    page.wait_for_load_state()
    assert "Sjöarna är badbara" in page.locator(".tmatch-summary").inner_text()
    found["match_corrected"] = axe_violations(page)
    screenshot(page, "translation-match-corrected")

    page.click("button[name=action][value=confirm]")
    page.wait_for_load_state()
    assert page.url.endswith(reverse("plan", args=[plan.pk]))
    assert "Käännökset (ruotsi) tallennettiin" in page.locator("main").inner_text()

    assert Node.objects.get(plan=plan, title="Järvet ovat uimakelpoisia").translations == {}
    goal = Node.objects.get(plan=plan, title="Kiusaaminen vähenee kouluissa")
    node_page = reverse("public:node", args=[personas.organization.slug, goal.pk])
    page.goto(base + reverse("public:language", args=["sv"]) + f"?next={node_page}")
    page.wait_for_load_state()
    heading = page.locator("main h1")
    assert heading.inner_text().strip().endswith("Mobbningen i skolorna minskar"), heading.inner_text()
    assert "Andelen som blivit mobbade" in page.locator("main").inner_text()
    found["public_node_sv"] = axe_violations(page)
    screenshot(page, "public-node-sv")
    found = {name: violations for name, violations in found.items() if violations}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
