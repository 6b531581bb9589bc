"""The pages a city starts with fit a phone's width (390 px) as well as a desktop's (1280 px).

Organisation settings (the unit tree, people with the invitation form, a refused invitation), the
invitation's own page, the new plan page, and the import review with its unit step: none scrolls
sideways at either width. The screenshots go to SCREENS (default /work/screens) to be looked at.
"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from seuranta.importing.models import ImportDraft
from seuranta.organizations.invitations import invitation_token
from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership, OrganizationUnit
from tests.e2e.test_teaching_import import screenshot
from tests.factories import make_personas
from tests.web.test_accessibility import browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright

LONG = "Kasvatuksen ja koulutuksen toimialan varhaiskasvatuksen ja esiopetuksen palvelualue"


@pytest.fixture
def city(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    org = personas.organization
    sector = OrganizationUnit.objects.create(organization=org, name="Sivistystoimiala", kind="sector")
    area = OrganizationUnit.objects.create(organization=org, name=LONG, parent=sector)
    OrganizationUnit.objects.create(organization=org, name="Päiväkoti Satakieli", parent=area)
    OrganizationUnit.objects.create(organization=org, name="Vanha yksikkö", parent=sector, active=False)
    invitation = Invitation.objects.create(
        organization=org, email="uusi.henkilo@example.invalid", role=Membership.Role.RESPONSIBLE
    )
    nodes = [
        {"level": "Tavoite", "title": "Lapset oppivat", "unit": "Sivistystoimiala"},
        {
            "level": "Tavoite",
            "title": "Päiväkodit ovat lähellä",
            "unit": "Varhaiskasvatuspalvelut ja esiopetus",
        },
    ]
    draft = ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=org,
        file_name="sivistys.txt",
        plan={"format": "seuranta-plan/1", "title": "Sivistys", "levels": ["Tavoite"], "nodes": nodes},
    )
    return live_server.url, {
        "settings-units": reverse("organizations:units", args=[org.pk]),
        "settings-people": reverse("organizations:people", args=[org.pk]),
        "invitation-accept": reverse("organizations:accept", args=[invitation_token(invitation)]),
        "plan-new": reverse("plan_new"),
        "import-review": reverse("importing:review", args=[draft.pk]),
    }


def test_the_new_pages_fit_desktop_and_phone_widths(city, browser):  # noqa: F811
    base, pages = city
    page = browser.new_page(locale="fi-FI")
    screenshot_in = {"invitation-accept"}  # the invitation's page is for the invited, signed out
    for name in screenshot_in:
        page.goto(base + pages[name])
        screenshot(page, name)
    log_in(page, base, "admin")
    for name, url in pages.items():
        if name in screenshot_in:
            continue
        page.goto(base + url)
        if name == "import-review":
            page.locator("#units-heading").scroll_into_view_if_needed()
            page.select_option("#unit-1", "new")  # the new unit's place is shown
            assert page.locator("#unit-1-parent").is_visible()
        screenshot(page, name)
    # The invitation form refused, with its message.
    page.goto(base + pages["settings-people"])
    page.fill("#id_email", "ei-osoite")
    with page.expect_navigation():
        page.locator("form.invite-form button[type=submit]").click()
    screenshot(page, "settings-invite-refused")
