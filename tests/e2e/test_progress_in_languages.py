"""In a real browser: the responsible person writes the progress text in Finnish and Swedish side by
side on the report form (axe-core at 1280 and 390 px, no sideways scrolling), submits it, and the
public node page in Swedish shows the Swedish text.

With SEURANTA_SHOTS=<folder> the report form is saved as screenshots there.
"""

import json
from datetime import date

from django.urls import reverse

from seuranta.monitoring.reporting import open_round
from seuranta.plans.models import Node, ProgressEntry
from tests.e2e.test_content_languages import shot
from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401 (fixture, marks)
from tests.factories import make_personas, make_plan
from tests.web.test_accessibility import axe_violations


def test_the_progress_text_is_written_in_finnish_and_swedish_and_read_in_swedish(
    transactional_db,
    live_server,
    browser,  # noqa: F811
):
    personas = make_personas()
    plan = make_plan(1, organization=personas.organization)
    plan.required_languages = ["sv"]
    plan.save()
    action = Node.objects.get(plan=plan, title="Toimenpide 1")
    action.responsible_users.add(personas.responsible)
    reporting_round = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2099, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    entry = reporting_round.entries.get()
    base = live_server.url

    page = _log_in(browser, live_server, "responsible")
    page.goto(base + reverse("monitoring:entry", args=[entry.pk]))
    page.get_by_label("Tilannekuvaus (suomi)").fill("Verkkopalvelu avattiin maaliskuussa.")
    swedish = page.get_by_label("Tilannekuvaus (ruotsi)")
    swedish.fill("Nättjänsten öppnades i mars.")
    assert swedish.get_attribute("lang") == "sv"
    violations = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"report-form-sv-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        violations[width] = axe_violations(page)
    assert not any(violations.values()), json.dumps(violations, indent=1, ensure_ascii=False)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Lähetä raportti").click()
    page.wait_for_load_state()

    progress = ProgressEntry.objects.get(node=action, period="2026-Q1")
    assert progress.translations == {"sv": {"text": "Nättjänsten öppnades i mars."}}
    resident = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900}).new_page()
    resident.context.add_cookies([{"name": "django_language", "value": "sv", "url": base}])
    resident.goto(base + reverse("public:node", args=[personas.organization.slug, action.pk]))
    assert "Nättjänsten öppnades i mars." in resident.locator("main").inner_text()
