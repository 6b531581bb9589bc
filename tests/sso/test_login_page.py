"""The login page with single sign-on configured or not, and SSO-only mode (passwords refused, break glass)."""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD

ISSUER = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"


@pytest.fixture
def sso(settings):
    """Single sign-on configured (nothing here contacts the provider)."""
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "client-id", "client-secret"
    return settings


@pytest.fixture
def sso_only(sso):
    sso.OIDC_ONLY = True
    return sso


def _signed_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize(
    "language, label",
    [
        ("fi", "Kirjaudu Microsoft-tilillä"),
        ("sv", "Logga in med ditt Microsoft-konto"),
        ("en", "Log in with your Microsoft account"),
    ],
)
def test_the_login_page_offers_the_microsoft_button_in_each_language(db, client, sso, language, label):
    client.cookies["django_language"] = language
    response = client.get(reverse("login") + "?next=/plans/1/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/oidc/authenticate/?next=%2Fplans%2F1%2F">{label}</a>' in page
    assert 'name="password"' in page  # the password form stays beside it


def test_without_configuration_there_is_no_button_and_no_sign_in_endpoint(db, client):
    page = client.get(reverse("login")).content.decode()
    assert "/oidc/authenticate/" not in page and 'name="password"' in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_an_unreachable_provider_is_told_on_the_login_page(db, client, sso):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    sso.OIDC_ISSUER = f"http://127.0.0.1:{port}/tenant"
    response = client.get("/oidc/authenticate/", follow=True, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Kirjautuminen Microsoft-tilillä ei onnistunut" in response.content.decode()


def test_sso_only_mode_shows_no_password_form(db, client, sso_only):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Kirjaudu Microsoft-tilillä" in page
    assert 'name="password"' not in page and reverse("password_reset") not in page


def test_sso_only_mode_refuses_a_password_sent_anyway(personas, client, sso_only):
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 403
    assert (
        "Salasanalla kirjautuminen ei ole käytössä. Kirjaudu Microsoft-tilillä." in response.content.decode()
    )
    assert not _signed_in_as(client)


def test_sso_only_mode_refuses_passwords_at_the_admin_login_too(personas, client, sso_only):
    get_user_model().objects.create_superuser("root", "root@example.invalid", PASSWORD)
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert not _signed_in_as(client)


def test_break_glass_lets_only_the_superuser_log_in_with_a_password(personas, client, sso_only):
    sso_only.OIDC_ONLY_SUPERUSER_PASSWORD = True
    root = get_user_model().objects.create_superuser("root", "root@example.invalid", PASSWORD)
    client.post(reverse("login"), {"username": "admin", "password": PASSWORD})
    assert not _signed_in_as(client)
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert _signed_in_as(client) == str(root.pk)


def test_sso_only_without_a_configured_provider_keeps_passwords(personas, client, settings):
    settings.OIDC_ONLY = True  # no issuer: switching passwords off would lock everybody out
    client.post(reverse("login"), {"username": "coordinator", "password": PASSWORD})
    assert _signed_in_as(client) == str(personas.coordinator.pk)
