"""A coordinator imports a text plan and, in review, maps the unit the document writes to a unit of the tree.

The city's tree says "Konsernihallinto › HR-palvelut"; the document says "Henkilöstöpalvelut".
Nothing matches by name, so the review proposes no unit and says so; the coordinator chooses
HR-palvelut and saves the plan. The nodes get HR-palvelut and keep "Henkilöstöpalvelut" as
written; no unit is created. The review page with its unit step has no axe violations and
fits a phone's width.
"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from seuranta.plans.models import Node, OrganizationUnit, Plan
from tests.e2e.test_teaching_import import screenshot
from tests.factories import make_personas
from tests.web.test_accessibility import axe_violations, browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright

# Two blocks under the same unit heading, the layout of a sector's goal document.
PLAN_TEXT = """Henkilöstöpalvelut
PAINOPISTE   Osaava henkilöstö
TAVOITE   Osaaminen vahvistuu

TOIMENPIDE   Laaditaan koulutussuunnitelma.

MITTARI
Koulutuspäivät henkilöä kohden

Lähtötaso   Tavoitetaso
1,5 pv   3 pv

Henkilöstöpalvelut
PAINOPISTE   Hyvinvoiva henkilöstö
TAVOITE   Työhyvinvointi paranee

TOIMENPIDE   Otetaan käyttöön varhaisen tuen malli.
"""


@pytest.fixture
def site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    top = OrganizationUnit.objects.create(organization=personas.organization, name="Konsernihallinto")
    hr = OrganizationUnit.objects.create(organization=personas.organization, name="HR-palvelut", parent=top)
    return live_server.url, hr


def test_the_coordinator_maps_the_documents_unit_to_the_tree_in_review(site, browser, tmp_path):  # noqa: F811
    base, hr = site
    document = tmp_path / "henkilostoohjelma.txt"
    document.write_text(PLAN_TEXT, encoding="utf-8")
    page = browser.new_page(locale="fi-FI")
    log_in(page, base, "coordinator")
    page.goto(base + reverse("importing:upload"))
    page.set_input_files("#id_document", str(document))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.get_by_role("heading", name="Yksiköt").count() == 1
    step = page.locator("fieldset.unit-step")
    assert step.count() == 1 and "Henkilöstöpalvelut" in step.locator("legend").inner_text()
    assert "Tämännimistä yksikköä ei ole" in step.inner_text()
    choice = page.get_by_label("Organisaation yksikkö")
    assert choice.input_value() == ""  # nothing is proposed: the tree has no unit of this name
    assert not page.get_by_label("Uuden yksikön paikka").is_visible()  # only when a new unit is chosen
    choice.select_option(label="Konsernihallinto › HR-palvelut")
    assert not (violations := axe_violations(page)), violations
    screenshot(page, "import-review-units")
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna suunnitelmaluonnokseksi").click()
    plan = Plan.objects.get(organization__name="Testikaupunki")
    assert page.url == base + reverse("plan", args=[plan.pk])
    nodes = Node.objects.filter(plan=plan).exclude(unit_name=None)
    assert nodes.count() >= 4
    assert set(nodes.values_list("unit_name", flat=True)) == {"Henkilöstöpalvelut"}
    assert set(nodes.values_list("org_unit", flat=True)) == {hr.pk}
    assert OrganizationUnit.objects.count() == 2
