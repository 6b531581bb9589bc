"""Signing in with single sign-on in a real browser, through a real OpenID provider's login page.

The provider is django-oidc-provider in a process of its own (the `oidc_sso` fixture,
tests/support/oidc_provider.py), where Microsoft Entra ID would be in production.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.urls import reverse

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership
from tests.factories import make_personas
from tests.support.oidc_provider import sign_in_with_provider
from tests.web.test_accessibility import axe_violations, browser, pytestmark  # noqa: F401

pytestmark = pytestmark  # browser + slow, skipped without Chromium or playwright
SHOTS = Path(os.environ.get("SEURANTA_SHOTS_DIR", "/work/shots/oidc"))


def test_an_invited_person_signs_in_through_the_provider_and_becomes_a_member(
    transactional_db,
    oidc_sso,
    live_server,
    browser,  # noqa: F811
):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    personas = make_personas()
    Invitation.objects.create(
        organization=personas.organization,
        email="Liisa.Virtanen@Example.invalid",
        role=Membership.Role.RESPONSIBLE,
        invited_by=personas.admin,
    )
    oidc_sso.create_user("liisa", "liisa.virtanen@example.invalid", "provider-pw-1", "Liisa", "Virtanen")
    page = browser.new_page(locale="fi-FI")
    page.set_default_timeout(20_000)
    page.goto(live_server.url + reverse("login"))
    assert (
        axe_violations(page) == []
    )  # the page with the button, as the accessibility audit checks the others
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "login-with-microsoft-button.png"), full_page=True)

    sign_in_with_provider(page, live_server.url, oidc_sso, "liisa", "provider-pw-1")

    assert page.url.rstrip("/") == live_server.url.rstrip("/")  # back home, signed in
    assert page.locator(".logout-form .user-name").inner_text() == "Liisa Virtanen"
    membership = Membership.objects.get(user__email__iexact="liisa.virtanen@example.invalid")
    assert (membership.organization, membership.role, membership.active) == (
        personas.organization,
        Membership.Role.RESPONSIBLE,
        True,
    )
    assert not membership.user.has_usable_password()


def test_a_person_nobody_invited_is_refused_with_a_finnish_message(
    transactional_db,
    oidc_sso,
    live_server,
    browser,  # noqa: F811
):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    make_personas()
    oidc_sso.create_user("vieras", "vieras@example.invalid", "provider-pw-2")
    page = browser.new_page(locale="fi-FI")
    page.set_default_timeout(20_000)

    sign_in_with_provider(page, live_server.url, oidc_sso, "vieras", "provider-pw-2")

    assert page.url.startswith(live_server.url + reverse("login"))
    assert "vieras@example.invalid ei ole kutsuttu Seurantaan" in page.locator(".messages").inner_text()
    assert page.locator(".logout-form").count() == 0
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "refused-not-invited.png"), full_page=True)


def test_in_sso_only_mode_the_login_page_is_the_button_alone(
    transactional_db,
    oidc_sso,
    live_server,
    browser,  # noqa: F811
    settings,
):
    settings.OIDC_ONLY = True
    page = browser.new_page(locale="fi-FI")
    page.goto(live_server.url + reverse("login"))
    assert page.get_by_role("link", name="Kirjaudu Microsoft-tilillä").is_visible()
    assert page.locator("input[type=password]").count() == 0
    assert axe_violations(page) == []
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "login-sso-only.png"), full_page=True)
