"""Who a verified e-mail address signs in as (seuranta.sso.members), and the ID token's issuer and audience."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.utils import translation

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership
from seuranta.sso.backends import check_audience_and_issuer
from seuranta.sso.members import email_from_claims, sign_in_member
from tests.factories import make_user

ISSUER, CLIENT = "https://login.microsoftonline.com/tenant-id/v2.0", "client-id"


@pytest.fixture(autouse=True)
def _finnish():
    with translation.override("fi"):
        yield


def _invite(personas, email, role=Membership.Role.RESPONSIBLE, **fields):
    return Invitation.objects.create(organization=personas.organization, email=email, role=role, **fields)


def test_an_invitation_makes_an_account_that_signs_in_only_with_single_sign_on(personas):
    invitation = _invite(personas, "Uusi.Henkilo@Example.invalid")
    result = sign_in_member("uusi.henkilo@example.invalid", {"given_name": "Uusi", "family_name": "Henkilö"})
    user = result.user
    assert (user.username, user.first_name, user.last_name) == (
        "Uusi.Henkilo@Example.invalid",
        "Uusi",
        "Henkilö",
    )
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Membership.Role.RESPONSIBLE
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_a_member_joins_a_second_organisation_they_were_invited_to(personas):
    _invite(personas, personas.outsider.email, role=Membership.Role.VIEWER)
    assert sign_in_member(personas.outsider.email, {}).user == personas.outsider
    assert set(
        Membership.objects.filter(user=personas.outsider).values_list("organization__name", flat=True)
    ) == {
        "Testikaupunki",
        "Muukaupunki",
    }


def test_a_cancelled_invitation_lets_no_one_in(personas):
    _invite(personas, "peruttu@example.invalid", cancelled=True)
    result = sign_in_member("peruttu@example.invalid", {})
    assert result.user is None and "ei ole kutsuttu" in result.problem
    assert not get_user_model().objects.filter(email="peruttu@example.invalid").exists()


def test_an_account_without_any_membership_is_not_a_member(db):
    make_user("irrallinen")
    result = sign_in_member("irrallinen@example.invalid", {})
    assert result.user is None and result.problem.startswith(
        "Osoitetta irrallinen@example.invalid ei ole kutsuttu"
    )


def test_a_member_whose_last_membership_was_ended_is_refused_even_if_the_account_is_active(personas):
    Membership.objects.filter(user=personas.viewer).update(active=False)
    result = sign_in_member(personas.viewer.email, {})
    assert result.user is None and "on päättynyt" in result.problem


def test_the_superuser_needs_no_membership(db):
    root = get_user_model().objects.create_superuser("root", "root@example.invalid", "x")
    assert sign_in_member("ROOT@example.invalid", {}).user == root


@pytest.mark.parametrize(
    "claims, problem",
    [
        ({}, "ei kertonut Seurannalle sähköpostiosoitettasi"),
        ({"email": "ei-osoite"}, "ei kertonut Seurannalle sähköpostiosoitettasi"),
        ({"email": "a@example.invalid", "email_verified": False}, "ei ole vahvistanut"),
    ],
)
def test_an_address_missing_or_unverified_is_refused(claims, problem):
    email, told = email_from_claims(claims, "email")
    assert email == "" and problem in told


def test_the_e_mail_claim_can_be_another_claim():
    assert email_from_claims({"upn": "maija@kaupunki.example"}, "upn") == ("maija@kaupunki.example", "")


@pytest.mark.parametrize(
    "payload",
    [
        {"iss": "https://login.microsoftonline.com/other-tenant/v2.0", "aud": CLIENT},
        {"iss": ISSUER, "aud": "another-client"},
        {"iss": ISSUER, "aud": [CLIENT, "another-client"], "azp": "another-client"},
    ],
)
def test_an_id_token_from_another_issuer_or_for_another_client_is_refused(payload):
    with pytest.raises(SuspiciousOperation):
        check_audience_and_issuer(payload, ISSUER, CLIENT)


def test_an_id_token_for_this_client_from_its_issuer_passes():
    check_audience_and_issuer({"iss": ISSUER, "aud": [CLIENT, "x"], "azp": CLIENT}, ISSUER, CLIENT)
    check_audience_and_issuer({"iss": ISSUER, "aud": CLIENT}, ISSUER, CLIENT)
