"""Signing in for the browser tests, in one place: with a password or through the OpenID provider.

`sign_in(context, base, username, password)` fills Seuranta's own login form;
`sign_in_with_sso(context, base, provider, username, password)` signs in on the test suite's
OpenID provider (tests/support/oidc_provider.py), where Microsoft Entra ID would be. Both open a
page in the browser context and return it signed in.
"""

from __future__ import annotations

from django.urls import reverse


def sign_in(context, base: str, username: str, password: str):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}{reverse('login')}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=username]) [type=submit]")
    page.wait_for_load_state()
    assert page.locator(".logout-form").count() == 1, f"{username} was not signed in"
    return page


def sign_out(page) -> None:
    page.click(".logout-form button[type=submit]")
    page.wait_for_load_state()


def sign_in_with_sso(context, base: str, provider, username: str, password: str):
    """Through the provider's login page; a fresh browser context, so no provider session is reused."""
    from tests.support.oidc_provider import sign_in_with_provider

    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_with_provider(page, base, provider, username, password)
    assert page.locator(".logout-form").count() == 1, f"{username} was not signed in through the provider"
    return page
