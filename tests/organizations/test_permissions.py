"""Every new view, every persona, GET and POST: only the organisation's administrators get in.

Outsider is another organisation's administrator: administering one organisation gives nothing in another.
"""

import pytest
from django.urls import reverse

from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership, OrganizationUnit
from tests.organizations.conftest import log_in

ROLES = ["anonymous", "outsider", "viewer", "responsible", "coordinator", "admin"]


def pages(org):
    """(name, url, POST data that would change something) of every organisation settings view."""
    o = org.organization.pk
    viewer, responsible = org.memberships["viewer"], org.memberships["responsible"]
    return [
        ("people", reverse("organizations:people", args=[o]), None),
        (
            "units",
            reverse("organizations:units", args=[o]),
            {"name": "Uusi toimiala", "parent": "", "order": ""},
        ),
        (
            "unit_edit",
            reverse("organizations:unit_edit", args=[o, org.unit.pk]),
            {"name": "Koulu B", "parent": str(org.area.pk), "order": "1", "version": "1"},
        ),
        (
            "unit_active",
            reverse("organizations:unit_active", args=[o, org.sector.pk]),
            {"active": "0", "version": "1"},
        ),
        (
            "invite",
            reverse("organizations:invite", args=[o]),
            {"email": "x@example.invalid", "role": "viewer"},
        ),
        ("invitation_resend", reverse("organizations:invitation_resend", args=[o, org.invitation.pk]), {}),
        ("invitation_cancel", reverse("organizations:invitation_cancel", args=[o, org.invitation.pk]), {}),
        (
            "member_role",
            reverse("organizations:member_role", args=[o, viewer.pk]),
            {"role": "coordinator", "version": "1"},
        ),
        (
            "member_active",
            reverse("organizations:member_active", args=[o, responsible.pk]),
            {"active": "0", "version": "1"},
        ),
    ]


def state(org):
    """Everything the views could change, to prove a refused POST changed nothing."""
    return (
        sorted(OrganizationUnit.objects.values_list("name", "parent_id", "order", "active")),
        sorted(Invitation.objects.values_list("email", "nonce", "cancelled")),
        sorted(Membership.objects.values_list("user_id", "role", "active")),
    )


POST_ONLY = {
    "unit_active",
    "invite",
    "invitation_resend",
    "invitation_cancel",
    "member_role",
    "member_active",
}


@pytest.mark.parametrize("role", ROLES)
def test_organisation_settings_pages_open_only_for_its_administrators(client, org, role):
    log_in(client, org.personas, role)
    for name, url, _data in pages(org):
        response = client.get(url)
        expected = 405 if name in POST_ONLY else {"anonymous": 302, "admin": 200}.get(role, 403)
        assert response.status_code == expected, (name, role)
        if expected == 302:
            assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["anonymous", "outsider", "viewer", "responsible", "coordinator"])
def test_organisation_settings_changes_are_refused_to_everyone_but_its_administrators(client, org, role):
    log_in(client, org.personas, role)
    before = state(org)
    for name, url, data in pages(org):
        if data is None:
            continue
        response = client.post(url, data)
        assert response.status_code == (302 if role == "anonymous" else 403), (name, role)
    assert state(org) == before


def test_administrator_changes_are_accepted(client, org):
    log_in(client, org.personas, "admin")
    for name, url, data in pages(org):
        if data is None:
            continue
        response = client.post(url, data)
        assert response.status_code == 302, name
        assert "/login/" not in response["Location"]
    # Each change was saved (none met a conflict): its version grew.
    assert OrganizationUnit.objects.get(pk=org.unit.pk).version == 3  # edited, then taken out with its sector
    for member in ("viewer", "responsible"):  # a role changed; an access ended
        assert Membership.objects.get(pk=org.memberships[member].pk).version == 2


def test_the_superuser_administers_every_organisation(client, org, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.invalid", "x-pass-123456")
    client.login(username="root", password="x-pass-123456")
    for organization in (org.organization, org.personas.other_organization):
        assert client.get(reverse("organizations:people", args=[organization.pk])).status_code == 200
        assert client.get(reverse("organizations:units", args=[organization.pk])).status_code == 200
    response = client.get(reverse("organizations:index"))
    assert response.status_code == 200
    assert org.personas.other_organization.name in response.content.decode()


def test_an_administrator_cannot_reach_another_organisations_people_through_its_ids(client, org):
    """The outsider administers Muukaupunki; the ids of Testikaupunki's rows under its own URL are 404."""
    log_in(client, org.personas, "outsider")
    other = org.personas.other_organization.pk
    viewer = org.memberships["viewer"]
    urls = [
        reverse("organizations:member_role", args=[other, viewer.pk]),
        reverse("organizations:member_active", args=[other, viewer.pk]),
        reverse("organizations:invitation_cancel", args=[other, org.invitation.pk]),
        reverse("organizations:unit_active", args=[other, org.unit.pk]),
    ]
    before = state(org)
    for url in urls:
        assert client.post(url, {"role": "admin", "active": "0"}).status_code == 404, url
    assert client.get(reverse("organizations:unit_edit", args=[other, org.unit.pk])).status_code == 404
    assert state(org) == before


@pytest.mark.parametrize("role", ROLES)
def test_organisation_settings_index_leads_administrators_to_their_organisation(client, org, role):
    response = log_in(client, org.personas, role).get(reverse("organizations:index"))
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in ("admin", "outsider"):
        own = org.organization if role == "admin" else org.personas.other_organization
        assert response.status_code == 302
        assert response["Location"] == reverse("organizations:people", args=[own.pk])
    else:
        assert response.status_code == 403


def test_a_missing_organisation_is_404(client, org):
    log_in(client, org.personas, "admin")
    assert client.get(reverse("organizations:people", args=[99999])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_invitation_page_is_public_and_a_bad_token_is_explained(client, org, role):
    response = log_in(client, org.personas, role).get(reverse("organizations:accept", args=["nonsense"]))
    assert response.status_code == 410
    assert "ei ole kelvollinen" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_password_reset_pages_open_for_everyone(client, org, role, mailoutbox):
    log_in(client, org.personas, role)
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200, name
    bad_link = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert bad_link.status_code == 200 and "vanhentunut tai jo käytetty" in bad_link.content.decode()
    response = client.post(reverse("password_reset"), {"email": "viewer@example.invalid"})
    assert response.status_code == 302 and len(mailoutbox) == 1
