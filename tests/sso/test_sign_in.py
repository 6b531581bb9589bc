"""Single sign-on through a real OpenID provider (django-oidc-provider in its own process), without a browser.

Who may come in (members by e-mail, invitations), who is refused and with what Finnish sentence, and
that the state, nonce and PKCE checks of mozilla-django-oidc hold: nothing in the library is patched.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership
from tests.sso.conftest import authorize, finish, message, new_browser, sign_in, signed_in, start

# One worker starts the provider (a process with a database of its own) for all of them (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("single_sign_on")


def test_a_member_signs_in_by_an_e_mail_address_in_another_case(sso_site):
    base, provider, personas = sso_site
    personas.coordinator.email = "Kaisa.Koordinaattori@Kaupunki.example"
    personas.coordinator.save()
    provider.create_user("kaisa", "kaisa.koordinaattori@kaupunki.example", "pw-kaisa")

    response = sign_in(base, provider, "kaisa", "pw-kaisa")

    assert signed_in(response), message(response)
    assert '<span class="user-name">coordinator</span>' in response.text


def test_a_person_without_an_invitation_is_refused_and_gets_no_account(sso_site):
    base, provider, _personas = sso_site
    provider.create_user("outsider2", "joku@muualla.example", "pw-joku")
    users_before = get_user_model().objects.count()

    response = sign_in(base, provider, "outsider2", "pw-joku")

    assert not signed_in(response)
    assert message(response).startswith("Osoitetta joku@muualla.example ei ole kutsuttu Seurantaan")
    assert get_user_model().objects.count() == users_before


def test_a_member_whose_access_was_ended_is_refused(sso_site):
    base, provider, personas = sso_site
    Membership.objects.filter(user=personas.viewer).update(active=False)
    get_user_model().objects.filter(pk=personas.viewer.pk).update(is_active=False)
    provider.create_user("viewer2", personas.viewer.email, "pw-viewer")

    response = sign_in(base, provider, "viewer2", "pw-viewer")

    assert not signed_in(response)
    assert message(response).startswith(f"Käyttöoikeutesi Seurantaan ({personas.viewer.email}) on päättynyt")


def test_an_expired_invitation_lets_no_one_in(sso_site):
    base, provider, personas = sso_site
    invitation = Invitation.objects.create(
        organization=personas.organization, email="myohassa@example.invalid", role=Membership.Role.VIEWER
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(days=8))
    provider.create_user("myohassa", "myohassa@example.invalid", "pw-myohassa")

    response = sign_in(base, provider, "myohassa", "pw-myohassa")

    assert not signed_in(response)
    assert "ei ole kutsuttu" in message(response)
    assert not get_user_model().objects.filter(email__iexact="myohassa@example.invalid").exists()


def test_a_callback_this_browser_did_not_start_is_refused(sso_site, caplog):
    base, provider, _personas = sso_site
    provider.create_user("coordinator2", "coordinator@example.invalid", "pw-c2")
    victim = new_browser()
    attacker = new_browser()
    callback = authorize(attacker, start(attacker, base), "coordinator2", "pw-c2")
    start(victim, base)  # the victim has a sign-in of its own under way, with another state

    response = finish(victim, callback)

    assert not signed_in(response)
    assert message(response).startswith("Kirjautuminen Microsoft-tilillä ei onnistunut")
    assert "state not found in session" in caplog.text  # mozilla-django-oidc's own check refused it
    assert signed_in(finish(attacker, callback))  # the code itself was good, in the browser that asked for it


def test_a_callback_is_used_once(sso_site, caplog):
    base, provider, _personas = sso_site
    provider.create_user("coordinator3", "coordinator@example.invalid", "pw-c3")
    browser = new_browser()
    callback = authorize(browser, start(browser, base), "coordinator3", "pw-c3")
    assert signed_in(finish(browser, callback))
    for cookie in list(browser.cookies):  # Seuranta's session ends, as when the browser is closed
        if cookie.domain != urlsplit(provider.url).hostname:
            browser.cookies.clear(cookie.domain, cookie.path, cookie.name)
    start(browser, base)

    response = finish(browser, callback)

    assert not signed_in(response)
    assert "ei onnistunut" in message(response)
    assert "state not found in session" in caplog.text


def test_an_id_token_for_another_sign_in_fails_the_nonce_check(sso_site, settings, caplog):
    # Without PKCE (which would already stop the swap at the token endpoint), the provider's code for
    # the first sign-in is sent back with the second one's state: its ID token carries the first nonce.
    settings.OIDC_USE_PKCE = False
    base, provider, _personas = sso_site
    provider.create_user("coordinator4", "coordinator@example.invalid", "pw-c4")
    browser = new_browser()
    first, second = start(browser, base), start(browser, base)
    callback = urlsplit(authorize(browser, first, "coordinator4", "pw-c4"))
    query = parse_qs(callback.query)
    query["state"] = parse_qs(urlsplit(second).query)["state"]

    response = finish(browser, urlunsplit(callback._replace(query=urlencode(query, doseq=True))))

    assert not signed_in(response)
    assert "ei onnistunut" in message(response)
    assert "JWT Nonce verification failed" in caplog.text


def test_the_authorisation_request_carries_a_state_a_nonce_and_a_pkce_challenge(sso_site):
    base, _provider, _personas = sso_site
    query = parse_qs(urlsplit(start(new_browser(), base)).query)
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["scope"] == ["openid email profile"]


def test_refused_sign_ins_do_not_lock_the_members_out(sso_site, settings):
    # Everyone in a city office may come from one address: people the provider knows but Seuranta
    # refuses must not count towards the password lockout of that address.
    settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT = True, 2
    base, provider, _personas = sso_site
    provider.create_user("stranger", "stranger@example.invalid", "pw-s")
    provider.create_user("coordinator5", "coordinator@example.invalid", "pw-c5")
    for _ in range(3):
        assert "ei ole kutsuttu" in message(sign_in(base, provider, "stranger", "pw-s"))

    response = sign_in(base, provider, "coordinator5", "pw-c5")

    assert signed_in(response), message(response)


def test_ending_someones_access_ends_their_single_sign_on_session(sso_site):
    base, provider, personas = sso_site
    provider.create_user("responsible2", personas.responsible.email, "pw-r2")
    browser = new_browser()
    assert signed_in(finish(browser, authorize(browser, start(browser, base), "responsible2", "pw-r2")))

    get_user_model().objects.filter(pk=personas.responsible.pk).update(is_active=False)

    assert not signed_in(browser.get(base + "/", timeout=20))
