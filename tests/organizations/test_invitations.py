"""Inviting a colleague by e-mail, end to end: the mail, the link, the new member; and links that no longer work."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from seuranta.organizations.invitations import invitation_token
from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership
from tests.organizations.conftest import log_in

NEW_PASSWORD = "Kevät-Aurinko-2027"


def invite(client, org, email="liisa.laine@example.invalid", role="responsible"):
    log_in(client, org.personas, "admin")
    response = client.post(
        reverse("organizations:invite", args=[org.organization.pk]), {"email": email, "role": role}
    )
    client.logout()
    return response


def link_in(message) -> str:
    return re.search(r"https?://\S+/organisaatio/kutsu/\S+/", message.body).group(0)


def accept_form(first="Liisa", last="Laine", password=NEW_PASSWORD, again=None):
    return {"first_name": first, "last_name": last, "password1": password, "password2": again or password}


def test_an_invited_person_gets_an_email_sets_name_and_password_and_becomes_a_member(client, org, mailoutbox):
    response = invite(client, org)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["liisa.laine@example.invalid"]
    assert "Testikaupunki" in message.subject
    assert "vastuuhenkilö" in message.body  # the role, in Finnish
    url = link_in(message)
    page = client.get(url)
    assert page.status_code == 200 and "liisa.laine@example.invalid" in page.content.decode()
    response = client.post(url, accept_form())
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = get_user_model().objects.get(email="liisa.laine@example.invalid")
    assert (user.first_name, user.last_name, user.is_active) == ("Liisa", "Laine", True)
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.organization, membership.role, membership.active) == (
        org.organization,
        Membership.Role.RESPONSIBLE,
        True,
    )
    assert client.get(reverse("home")).wsgi_request.user == user  # logged in at once


def test_an_invitation_link_works_only_once(client, org, mailoutbox):
    invite(client, org)
    url = link_in(mailoutbox[0])
    client.post(url, accept_form())
    client.logout()
    again = client.post(url, accept_form(first="Toinen"))
    assert again.status_code == 410
    assert "on jo käytetty" in again.content.decode()
    assert get_user_model().objects.filter(email="liisa.laine@example.invalid").count() == 1


def test_an_expired_invitation_link_is_refused_with_a_finnish_explanation(client, org, monkeypatch):
    eight_days_ago = int(time.time()) - 8 * 24 * 3600
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago))
    token = invitation_token(org.invitation)
    monkeypatch.undo()
    response = client.post(reverse("organizations:accept", args=[token]), accept_form())
    assert response.status_code == 410
    assert "vanhentunut" in response.content.decode()
    assert not get_user_model().objects.filter(email=org.invitation.email).exists()


def test_a_link_six_days_old_still_works(client, org, monkeypatch):
    six_days_ago = int(time.time()) - 6 * 24 * 3600
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(six_days_ago))
    token = invitation_token(org.invitation)
    monkeypatch.undo()
    assert client.get(reverse("organizations:accept", args=[token])).status_code == 200


def test_a_cancelled_invitation_link_is_refused(client, org):
    token = invitation_token(org.invitation)
    Invitation.objects.filter(pk=org.invitation.pk).update(cancelled=True)
    response = client.get(reverse("organizations:accept", args=[token]))
    assert response.status_code == 410 and "peruttu" in response.content.decode()


def test_sending_again_retires_the_earlier_link(client, org, mailoutbox):
    old = invitation_token(org.invitation)
    log_in(client, org.personas, "admin")
    client.post(reverse("organizations:invitation_resend", args=[org.organization.pk, org.invitation.pk]))
    client.logout()
    assert len(mailoutbox) == 1
    assert client.get(reverse("organizations:accept", args=[old])).status_code == 410
    assert client.get(link_in(mailoutbox[0])).status_code == 200


def test_a_tampered_token_is_refused(client, org):
    token = invitation_token(org.invitation)
    forged = signing.dumps([org.invitation.pk, org.invitation.nonce], salt="something else")
    assert client.get(reverse("organizations:accept", args=[forged])).status_code == 410
    assert client.get(reverse("organizations:accept", args=[token[:-2] + "xx"])).status_code == 410


@pytest.mark.parametrize(
    "data, field",
    [
        (accept_form(again="Eri-Salasana-2027"), "password2"),
        (accept_form(password="123"), "password1"),
        (accept_form(first=""), "first_name"),
    ],
)
def test_bad_input_on_the_invitation_page_is_explained_and_creates_nothing(client, org, data, field):
    response = client.post(reverse("organizations:accept", args=[invitation_token(org.invitation)]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode() or response.context["form"].errors[field]
    assert not get_user_model().objects.filter(email=org.invitation.email).exists()
    assert Invitation.objects.get(pk=org.invitation.pk).accepted_at is None


def test_someone_with_an_account_logs_in_and_joins_without_a_second_account(client, org, mailoutbox):
    outsider = org.personas.outsider
    invite(client, org, email=outsider.email, role="viewer")
    url = link_in(mailoutbox[0])
    page = client.get(url).content.decode()
    assert "Kirjaudu" in page and 'name="password1"' not in page
    log_in(client, org.personas, "outsider")
    assert client.post(url).status_code == 302
    assert Membership.objects.get(user=outsider, organization=org.organization).role == "viewer"
    assert get_user_model().objects.filter(email=outsider.email).count() == 1
    # The outsider keeps their own organisation.
    assert Membership.objects.filter(user=outsider, organization=org.personas.other_organization).exists()


def test_inviting_an_existing_member_is_refused_with_a_message(client, org, mailoutbox):
    log_in(client, org.personas, "admin")
    response = client.post(
        reverse("organizations:invite", args=[org.organization.pk]),
        {"email": org.personas.viewer.email.upper(), "role": "viewer"},
    )
    assert response.status_code == 400
    assert "on jo organisaation jäsen" in response.content.decode()
    assert mailoutbox == []


def test_inviting_the_same_address_again_replaces_the_open_invitation(client, org, mailoutbox):
    invite(client, org, email=org.invitation.email, role="coordinator")
    open_ones = Invitation.objects.filter(email=org.invitation.email, cancelled=False, accepted_at=None)
    assert [i.role for i in open_ones] == ["coordinator"]
    assert (
        client.get(reverse("organizations:accept", args=[invitation_token(org.invitation)])).status_code
        == 410
    )


def test_someone_logged_in_as_another_account_is_asked_to_log_out_first(client, org, mailoutbox):
    invite(client, org, email=org.personas.outsider.email, role="viewer")
    url = link_in(mailoutbox[0])
    log_in(client, org.personas, "viewer")
    page = client.get(url).content.decode()
    assert "Kirjaudu ensin ulos" in page and reverse("logout") in page
    assert client.post(url).status_code == 200  # nothing is accepted for the wrong account
    assert not Membership.objects.filter(user=org.personas.outsider, organization=org.organization).exists()
