"""axe-core over the organisation settings, invitation and password reset pages, in headless Chromium."""

from __future__ import annotations

import json
import os

import pytest
from django.urls import reverse

from seuranta.organizations.invitations import invitation_token
from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership, OrganizationUnit
from tests.factories import make_personas
from tests.web.test_accessibility import axe_violations, browser, log_in, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright


@pytest.fixture
def settings_site(transactional_db, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    organization = personas.organization
    sector = OrganizationUnit.objects.create(
        organization=organization, name="Sivistystoimiala", kind="sector"
    )
    area = OrganizationUnit.objects.create(organization=organization, name="Perusopetus", parent=sector)
    OrganizationUnit.objects.create(
        organization=organization, name="Vanha yksikkö", parent=area, active=False
    )
    Membership.objects.filter(user=personas.viewer).update(active=False)
    invitation = Invitation.objects.create(
        organization=organization, email="uusi@example.invalid", role="responsible", invited_by=personas.admin
    )
    used = Invitation.objects.create(organization=organization, email="vanha@example.invalid", role="viewer")
    token_used = invitation_token(used)
    Invitation.objects.filter(pk=used.pk).update(accepted_at="2026-01-01T00:00:00Z")
    o = organization.pk
    admin_pages = {
        "people": reverse("organizations:people", args=[o]),
        "units": reverse("organizations:units", args=[o]),
        "unit_edit": reverse("organizations:unit_edit", args=[o, area.pk]),
    }
    public_pages = {
        "accept": reverse("organizations:accept", args=[invitation_token(invitation)]),
        "accept_used": reverse("organizations:accept", args=[token_used]),
        "password_reset": reverse("password_reset"),
        "password_reset_done": reverse("password_reset_done"),
        "password_reset_bad_link": reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        "password_reset_complete": reverse("password_reset_complete"),
    }
    return live_server.url, admin_pages, public_pages


def _violations(page, base: str, pages: dict) -> dict:
    found = {}
    for name, url in pages.items():
        page.goto(base + url)
        if violations := axe_violations(page):
            found[name] = violations
    return found


def test_organisation_settings_pages_have_no_axe_violations(settings_site, browser):  # noqa: F811
    base, admin_pages, _ = settings_site
    page = browser.new_page()
    log_in(page, base, "admin")
    found = _violations(page, base, admin_pages)
    # A refused form, with its error messages, too.
    page.goto(base + admin_pages["units"])
    page.fill("#id_name", "Perusopetus")
    with page.expect_navigation():
        page.click("form.unit-form button[type=submit]")
    assert page.locator("#id_name_error").is_visible()
    if violations := axe_violations(page):
        found["units_refused"] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_invitation_and_password_reset_pages_have_no_axe_violations(settings_site, browser):  # noqa: F811
    base, _, public_pages = settings_site
    page = browser.new_page()
    found = _violations(page, base, public_pages)
    page.goto(base + public_pages["accept"])
    page.fill("#id_first_name", "Uusi")
    page.fill("#id_password1", "a")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if violations := axe_violations(page):
        found["accept_refused"] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
