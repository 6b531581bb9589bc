"""axe-core over every page type, and a keyboard-only walk, in headless Chromium against a live server."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

from seuranta.plans.models import Node, Plan
from tests.factories import PASSWORD, make_personas, make_plan

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

HAS_PLAYWRIGHT = importlib.util.find_spec("playwright") is not None


def sync_playwright():
    """Playwright's `sync_playwright()`, imported when a browser test starts it: importing it costs each test
    process (and the quick loop, which runs no browser test) a few tenths of a second."""
    from playwright.sync_api import sync_playwright as start

    return start()


if not HAS_PLAYWRIGHT or not Path(CHROMIUM).exists():
    pytestmark.append(
        pytest.mark.skip(reason="needs the playwright package and Chromium at /usr/bin/chromium")
    )


@dataclass(frozen=True)
class Target:
    """A page to audit and how to know the browser reached it, not a login or error page instead."""

    url: str
    heading: str  # (part of) the page's h1, in Finnish
    status: int = 200


@pytest.fixture
def site(transactional_db, live_server):
    # Playwright's sync API runs an event loop in this thread; the data is made before it starts.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = make_plan(3)
    archived = make_plan(1, state=Plan.State.ARCHIVED, title="Arkistoitu")
    node = Node.objects.filter(plan=plan, level="Toimenpide").first()
    node.responsible_users.add(personas.responsible)
    from seuranta.importing.models import ImportDraft

    draft = ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="tuotu.txt",
        plan={
            "format": "seuranta-plan/1",
            "title": "Tuotu",
            "organization": None,
            "levels": ["Tavoite"],
            "sections": [],
            "nodes": [
                {
                    "level": "Tavoite",
                    "title": "A",
                    "unit": "Hallintopalvelut",  # the review's unit step is audited too
                    "indicators": [
                        {
                            "name": "M",
                            "baseline": {"text": "3", "kind": "value", "value": 3},
                            "targets": [{"text": "5", "kind": "value", "value": 5, "period": "2026"}],
                        }
                    ],
                }
            ],
        },
        warnings=[
            {
                "code": "x",
                "message": "Tarkista.",
                "path": ["A"],
                "indicator": None,
                "field": "title",
                "node": "0",
                "checked": False,
            },
            {
                "code": "y",
                "message": "Koko asiakirja.",
                "path": [],
                "indicator": None,
                "field": None,
                "node": "",
                "checked": False,
            },
        ],
    )
    from seuranta.importing.models import ImportUpload

    reading = ImportUpload.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="luetaan.pdf",
        data=b"%PDF-",
    )
    failed = ImportUpload.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="hidas.pdf",
        data=b"%PDF-",
        state=ImportUpload.State.FAILED,
        problem="Tiedoston lukeminen kesti liian kauan.",
    )
    from seuranta.reports.models import ReportFile

    making = ReportFile.objects.create(plan=plan, key="a", params={}, progress=40, step="building")
    made = ReportFile.objects.create(
        plan=plan, key="b", params={}, state=ReportFile.State.DONE, content=b"%PDF-", file_name="r.pdf"
    )
    anonymous_pages = {
        "home": Target(reverse("home"), "Suunnitelmat"),
        "report_file_making": Target(reverse("reports:file", args=[making.pk]), "Raporttia tehdään"),
        "report_file_ready": Target(reverse("reports:file", args=[made.pk]), "Raporttia tehdään"),
        "login": Target(reverse("login"), "Kirjaudu sisään"),
        "plan": Target(reverse("plan", args=[plan.pk]), plan.title),
        "plan_search": Target(reverse("plan", args=[plan.pk]) + "?q=toimenpide&status=behind", plan.title),
        "node": Target(reverse("node", args=[node.pk]), node.title),
        "404": Target("/ei-ole/", "Sivua ei löydy", 404),
    }
    coordinator_pages = {
        "node_edit": Target(reverse("node_edit", args=[node.pk]), f"Muokkaa: {node.title}"),
        "node_add": Target(reverse("node_add_child", args=[node.pk]), f"Lisää alakohta: {node.title}"),
        "node_delete": Target(reverse("node_delete", args=[node.pk]), f"Poista: {node.title}"),
        "indicator_edit": Target(
            reverse("indicator_edit", args=[node.indicators.first().pk]), "Muokkaa mittaria"
        ),
        "milestone_edit": Target(
            reverse("milestone_edit", args=[node.milestones.first().pk]), "Muokkaa osatavoitetta"
        ),
        "plan_settings": Target(reverse("plan_settings", args=[plan.pk]), "Suunnitelman asetukset"),
        "recycle_bin": Target(reverse("recycle_bin", args=[plan.pk]), "Roskakori"),
        "indicator_delete": Target(
            reverse("indicator_delete", args=[node.indicators.first().pk]),
            f"Poista: {node.indicators.first().name}",
        ),
        "import_upload": Target(reverse("importing:upload"), "Tuo suunnitelma"),
        "import_review": Target(reverse("importing:review", args=[draft.pk]), "Tarkista tuonti: tuotu.txt"),
        "import_progress": Target(reverse("importing:progress", args=[reading.pk]), "Asiakirjaa luetaan"),
        "import_failed": Target(reverse("importing:progress", args=[failed.pk]), "Asiakirjaa luetaan"),
        "403": Target(
            reverse("node_edit", args=[Node.objects.filter(plan=archived).first().pk]),
            "Sinulla ei ole oikeutta tähän",
            403,
        ),
    }
    return live_server.url, anonymous_pages, coordinator_pages


@pytest.fixture
def browser():
    from django.db import connections

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
        # ORM calls made while Playwright's event loop is current get a connection of their own,
        # which pytest-django never closes (see tests/e2e/test_reporting_round.py).
        connections.close_all()


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, not as an inline <script>, which the pages' CSP forbids.
    page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    assert result["passes"], "axe ran no checks"
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def new_page(browser):
    # Finnish, the product's first language: the headings the tests expect are Finnish.
    return browser.new_page(locale="fi-FI")


def log_in(page, base: str, username: str) -> None:
    page.goto(base + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".logout-form .user-name").inner_text() == username, (
        f"{username} did not get logged in"
    )


def open_page(page, base: str, target: Target) -> None:
    """Go to the target and fail unless it is the page meant: its status, its address (no redirect to
    the login page), its heading."""
    response = page.goto(base + target.url)
    assert response.status == target.status, f"{target.url}: HTTP {response.status}"
    assert page.url == base + target.url, f"{target.url} ended at {page.url}"
    heading = page.locator("h1").first.inner_text()
    assert target.heading in heading, f"{target.url}: the heading is {heading!r}, not {target.heading!r}"


def test_pages_for_anonymous_visitors_have_no_axe_violations(site, browser):
    base, pages, _ = site
    page = new_page(browser)
    found = {}
    for name, target in pages.items():
        open_page(page, base, target)
        if violations := axe_violations(page):
            found[name] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_edit_import_and_error_pages_have_no_axe_violations(site, browser):
    base, _, pages = site
    page = new_page(browser)
    log_in(page, base, "coordinator")
    found = {}
    for name, target in pages.items():
        open_page(page, base, target)
        if violations := axe_violations(page):
            found[name] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_node_form_refusing_a_non_member_has_no_axe_violations(site, browser):
    base, _, pages = site
    page = new_page(browser)
    log_in(page, base, "coordinator")
    open_page(page, base, pages["node_edit"])
    page.evaluate(
        """(id) => {
        const box = document.querySelector('input[name=responsible_users]').cloneNode();
        box.value = id; box.id = 'forged'; box.checked = true; box.hidden = true;
        document.querySelector('fieldset.checkboxes').append(box);
    }""",
        "999999",
    )  # no member has it; no query here, this thread runs Playwright's event loop
    with page.expect_navigation():
        page.click("main form.stacked button[type=submit]")
    assert page.locator("#id_responsible_users_error").is_visible()
    assert not axe_violations(page)


def test_server_error_page_has_no_axe_violations(site, browser, rf):
    from seuranta.web.views import server_error

    base, _, _ = site
    page = new_page(browser)
    page.goto(base + "/")
    page.set_content(server_error(rf.get("/")).content.decode())
    assert page.locator("h1").inner_text() == "Jokin meni vikaan"
    assert not axe_violations(page)


FOCUSABLE = """() => Array.from(document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary'
)).filter(e => e.offsetParent !== null || e === document.activeElement).length"""

ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  const all = Array.from(document.querySelectorAll('*'));
  return {index: all.indexOf(e), tag: e.tagName, text: (e.textContent || e.name || '').trim().slice(0, 40), visible};
}"""


def tab_through(page) -> list[dict]:
    seen, order = set(), []
    for _ in range(400):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is None:
            continue
        if active["index"] in seen:
            break
        seen.add(active["index"])
        order.append(active)
    return order


@pytest.mark.parametrize("which", ["plan", "node_edit"])
def test_tab_reaches_every_interactive_element_with_visible_focus(site, browser, which):
    base, anonymous_pages, coordinator_pages = site
    page = new_page(browser)
    if which in coordinator_pages:
        log_in(page, base, "coordinator")
    open_page(page, base, {**anonymous_pages, **coordinator_pages}[which])
    reached = tab_through(page)
    assert len(reached) == page.evaluate(FOCUSABLE)
    assert all(item["visible"] for item in reached), [i for i in reached if not i["visible"]]


def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(site, browser):
    base, pages, _ = site
    page = new_page(browser)
    open_page(page, base, pages["plan"])
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"
