"""axe-core over every public page type, in Finnish and Swedish, at 1280 px and 390 px wide.

With SEURANTA_SHOTS=<folder> the pages are also saved as screenshots there, for a person to look at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from seuranta.core import model as core
from seuranta.plans.models import Indicator, Node
from seuranta.plans.storage import measure_row
from seuranta.public.models import PublicSite
from tests.factories import make_personas, make_plan, make_rounds
from tests.web.test_accessibility import ARGS, CHROMIUM, HAS_PLAYWRIGHT, axe_violations, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]
if not HAS_PLAYWRIGHT or not Path(CHROMIUM).exists():
    pytestmark.append(
        pytest.mark.skip(reason="needs the playwright package and Chromium at /usr/bin/chromium")
    )

WIDTHS = (1280, 390)
HEADINGS = {"statement": {"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande"}}


def logo_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 48), "#ffffff")
    ImageDraw.Draw(image).ellipse((4, 4, 44, 44), fill="#5a1f63")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def add_actual(indicator: Indicator, value: float) -> None:
    row = measure_row(
        core.Measure(text=str(int(value)), kind="value", value=value, period="2026"), "actual", 0
    )
    row.indicator = indicator
    row.save()


@pytest.fixture
def site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    plan = make_plan(4)
    indicators = list(Indicator.objects.filter(node__plan=plan).order_by("pk"))
    for indicator, value in zip(indicators, (4, 19, 25, 12), strict=False):
        add_actual(indicator, value)
    make_rounds(plan, personas)
    PublicSite.objects.create(
        organization=plan.organization,
        accent="#5a1f63",
        logo=logo_png(),
        logo_type="image/png",
        logo_version=1,
    )
    slug = plan.organization.slug
    goal = Node.objects.get(plan=plan, level="Tavoite")
    action = Node.objects.filter(plan=plan, level="Toimenpide").first()
    pages = {
        "index": (reverse("public:index"), None),
        "organization": (reverse("public:organization", args=[slug]), plan.organization.name),
        "plan": (reverse("public:plan", args=[slug, plan.pk]), plan.title),
        "tree": (reverse("public:tree", args=[slug, plan.pk]) + "?q=toimenpide&level=Toimenpide", plan.title),
        "goal": (reverse("public:node", args=[slug, goal.pk]), goal.title),
        "action": (reverse("public:node", args=[slug, action.pk]), action.title),
        "statement": (reverse("public:statement", args=[slug]), "statement"),
        "feedback": (reverse("public:feedback", args=[slug]), None),
        "follow": (reverse("public:follow_node", args=[slug, goal.pk]), goal.title),
    }
    return live_server.url, pages


@pytest.fixture
def browser():
    from django.db import connections

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
        connections.close_all()


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_axe_violations(site, browser, lang, width):
    base, pages = site
    page = browser.new_page(
        locale={"fi": "fi-FI", "sv": "sv-SE"}[lang], viewport={"width": width, "height": 900}
    )
    # The interface follows the language the person chose (the language form's cookie), not the browser's.
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
    shots = os.environ.get("SEURANTA_SHOTS")
    found = {}
    for name, (url, heading) in pages.items():
        response = page.goto(base + url)
        assert response.status == 200, f"{url}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == lang
        h1 = page.locator("h1").first.inner_text()
        if heading:
            expected = HEADINGS.get(heading, {}).get(lang, heading)
            assert expected in h1, f"{url}: the heading is {h1!r}"
        if violations := axe_violations(page):
            found[name] = violations
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/{name}-{lang}-{width}.png", full_page=True)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_public_site_settings_pages_have_no_axe_violations(site, browser):
    from seuranta.plans.models import Organization
    from seuranta.public.models import Feedback
    from tests.web.test_accessibility import log_in

    base, _pages = site
    organization = Organization.objects.get(name="Testikaupunki")
    Feedback.objects.create(organization=organization, message="Kaavio ei aukea.", email="a@example.invalid")
    o = organization.pk
    page = browser.new_page(locale="fi-FI")
    log_in(page, base, "admin")
    shots = os.environ.get("SEURANTA_SHOTS")
    found = {}
    for name in ("site", "statement", "feedback"):
        page.goto(base + reverse(f"public_admin:{name}", args=[o]))
        assert page.locator("h1").first.inner_text() == organization.name
        if violations := axe_violations(page):
            found[name] = violations
        if shots:
            page.screenshot(path=f"{shots}/admin-{name}-fi-1280.png", full_page=True)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
