"""axe-core over the API documentation page and the API tokens page (with a new token shown), in Chromium.

The screenshots go to SEURANTA_SHOTS_DIR when it is set, for a person to look at.
"""

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_personas, make_plan
from tests.web.test_accessibility import axe_violations, browser, log_in, new_page, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright


def shoot(page, name: str) -> None:
    if folder := os.environ.get("SEURANTA_SHOTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def api_site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    make_plan(2)
    return live_server.url, personas


def test_api_pages_have_no_axe_violations(api_site, browser):  # noqa: F811
    base, personas = api_site
    page = new_page(browser)
    found = {}
    page.goto(base + reverse("api:docs"))
    assert page.locator("h1").inner_text() == "Seurannan rajapinta (API)"
    shoot(page, "api_docs")
    if violations := axe_violations(page):
        found["docs"] = violations
    log_in(page, base, "admin")
    page.goto(base + reverse("organizations:tokens", args=[personas.organization.pk]))
    page.fill("#id_name", "Henkilöstöjärjestelmä")
    with page.expect_navigation():
        page.click("main form.stacked button[type=submit]")
    assert page.locator("#new-token").input_value().startswith("seuranta_")
    shoot(page, "tokens_created")
    if violations := axe_violations(page):
        found["tokens_created"] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_swagger_ui_loads_from_this_server_only(api_site, browser):  # noqa: F811
    base, _personas = api_site
    page = new_page(browser)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    page.goto(base + "/api/docs/")
    page.wait_for_selector(".opblock", timeout=15000)
    shoot(page, "swagger_ui")
    assert not [url for url in outside if not url.startswith("data:")]
