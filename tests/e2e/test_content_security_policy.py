"""Every page type runs under the Content Security Policy with no violation, in headless Chromium.

A violation shows both as a `securitypolicyviolation` event (recorded by a script the browser runs before
each page's own) and as a console error; either fails the test. The pages' small behaviours (confirming a
close, the filter that submits itself, the live measure preview) are exercised, as they would break first.
"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from seuranta.plans.models import Node
from tests.factories import make_personas, make_plan, make_rounds
from tests.web.test_accessibility import browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = make_plan(3)
    node = Node.objects.filter(plan=plan, level="Toimenpide").first()
    open_one, closed_one = make_rounds(plan, personas)
    report = reverse("reports:plan_report", args=[plan.pk])
    pages = {
        None: {
            "home": reverse("home"),
            "login": reverse("login"),
            "plan": reverse("plan", args=[plan.pk]),
            "node": reverse("node", args=[node.pk]),
            "report": report,
            "annual": report + "?variant=annual",
            "404": "/ei-ole/",
        },
        "responsible": {
            "my_reports": reverse("monitoring:my_reports"),
            "entry": reverse("monitoring:entry", args=[RoundEntry.objects.filter(round=open_one)[0].pk]),
        },
        "coordinator": {
            "node_edit": reverse("node_edit", args=[node.pk]),
            "node_delete": reverse("node_delete", args=[node.pk]),
            "indicator_edit": reverse("indicator_edit", args=[node.indicators.first().pk]),
            "milestone_edit": reverse("milestone_edit", args=[node.milestones.first().pk]),
            "plan_settings": reverse("plan_settings", args=[plan.pk]),
            "import": reverse("importing:upload"),
            "rounds": reverse("monitoring:rounds"),
            "open_round": reverse("monitoring:open_round", args=[plan.pk]),
            "round": reverse("monitoring:round", args=[open_one.pk]),
            "closed_round": reverse("monitoring:round", args=[closed_one.pk]),
        },
        "admin": {
            "admin": "/admin/",
            "admin_plans": "/admin/plans/plan/",
            "admin_plan": f"/admin/plans/plan/{plan.pk}/change/",
        },
    }
    return live_server.url, pages, open_one


def watched_page(browser, base, username=None):  # noqa: F811
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    if username:
        log_in(page, base, username)
    return page, errors


def violations(page, errors) -> list[str]:
    return [*page.evaluate("window.__cspViolations"), *errors]


@pytest.mark.parametrize("who", [None, "responsible", "coordinator", "admin"])
def test_every_page_type_runs_without_a_csp_violation(site, browser, who):  # noqa: F811
    base, pages, _ = site
    page, errors = watched_page(browser, base, who)
    found = {}
    for name, url in pages[who].items():
        response = page.goto(base + url)
        assert response.status in (200, 404), f"{name}: {response.status}"
        assert response.headers.get("content-security-policy"), name
        page.wait_for_load_state("load")
        if seen := violations(page, errors):
            found[name] = list(seen)
        errors.clear()
    assert not found, found


def test_the_round_pages_scripts_work_under_the_policy(site, browser):  # noqa: F811
    base, pages, open_one = site
    page, errors = watched_page(browser, base, "coordinator")
    page.goto(base + pages["coordinator"]["round"])
    with page.expect_navigation():
        page.select_option("#state-filter", "submitted")  # submits its form by itself
    assert "state=submitted" in page.url
    page.on("dialog", lambda dialog: dialog.dismiss())  # "Close the round?" answered no
    page.click("button.button--danger")
    open_one.refresh_from_db()
    assert open_one.is_open
    assert not violations(page, errors)


def test_the_live_measure_preview_works_under_the_policy(site, browser):  # noqa: F811
    base, pages, _ = site
    page, errors = watched_page(browser, base, "coordinator")
    page.goto(base + pages["coordinator"]["indicator_edit"])
    before = page.inner_text("#measure-preview")
    page.fill("#id_baseline", "42 kpl (2025)")
    page.wait_for_function(
        "(before) => document.querySelector('#measure-preview').innerText !== before", arg=before
    )
    assert "42" in page.inner_text("#measure-preview")
    assert not violations(page, errors)
