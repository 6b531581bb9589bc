"""The invitation link's page when single sign-on is on: the Microsoft button, and no password in SSO-only mode."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from seuranta.organizations.invitations import invitation_token
from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership
from tests.sso.test_login_page import ISSUER

BUTTON = 'href="/oidc/authenticate/?next=%2F">Kirjaudu Microsoft-tilillä</a>'


@pytest.fixture
def sso(settings):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "client-id", "client-secret"
    return settings


def _link(personas, email="uusi@example.invalid"):
    invitation = Invitation.objects.create(
        organization=personas.organization,
        email=email,
        role=Membership.Role.VIEWER,
        invited_by=personas.admin,
    )
    return reverse("organizations:accept", args=[invitation_token(invitation)])


def test_the_invitation_page_offers_the_microsoft_button_beside_the_password(personas, client, sso):
    page = client.get(_link(personas), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert BUTTON in page
    assert "Kirjaudu osoitteen uusi@example.invalid Microsoft-tilillä" in page
    assert 'name="password1"' in page


def test_in_sso_only_mode_the_invitation_page_sets_no_password(personas, client, sso):
    sso.OIDC_ONLY = True
    link = _link(personas)
    assert BUTTON in client.get(link, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    response = client.post(
        link,
        {
            "first_name": "Uusi",
            "last_name": "Ihminen",
            "password1": "Kevät-2027-x",
            "password2": "Kevät-2027-x",
        },
    )
    assert response.status_code == 403 and 'name="password1"' not in response.content.decode()
    assert not get_user_model().objects.filter(email="uusi@example.invalid").exists()
    assert not client.session.get("_auth_user_id")


def test_in_sso_only_mode_an_existing_account_is_sent_to_microsoft_not_to_the_password_form(
    personas, client, sso
):
    sso.OIDC_ONLY = True
    page = client.get(
        _link(personas, email=personas.outsider.email), HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    main = page[page.index("<main") : page.index("</main>")]  # the header has a login link of its own
    assert BUTTON in main
    assert reverse("password_reset") not in main and f"{reverse('login')}?next=" not in main
