"""Two administrators change the same unit or membership: the second save meets a conflict, in Finnish, and loses
nothing (the first one's change stays; the second one's input is shown again, or named in the message)."""

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from seuranta.organizations.invitations import accept
from seuranta.organizations.models import Invitation
from seuranta.plans.models import Membership, Organization, OrganizationUnit
from tests.organizations.conftest import log_in

CONFLICT = "Joku muu tallensi tämän muokatessasi"
CHANGED_MEANWHILE = "Joku muu muutti kohdetta"


def page_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_unit_saved_meanwhile_shows_both_versions_and_keeps_the_other_save(client, org):
    log_in(client, org.personas, "admin")
    url = reverse("organizations:unit_edit", args=[org.organization.pk, org.unit.pk])
    loaded = client.get(url).context["version"]
    # Someone else renames the unit from the same form first.
    client.post(url, {"name": "Koulu Aurinko", "parent": org.area.pk, "order": 0, "version": loaded})

    response = client.post(url, {"name": "Koulu Kuu", "parent": org.area.pk, "order": 0, "version": loaded})

    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page and "Toinen käyttäjä tallensi sillä välin:" in page
    assert 'value="Koulu Kuu"' in page  # the second person's input is still in the form
    assert response.context["conflicts"] == {"name": "Koulu Aurinko"}
    assert OrganizationUnit.objects.get(pk=org.unit.pk).name == "Koulu Aurinko"
    # Saving again from the page as it is now shown (its new version) goes through.
    again = {"name": "Koulu Kuu", "parent": org.area.pk, "order": 0, "version": response.context["version"]}
    assert client.post(url, again).status_code == 302
    assert OrganizationUnit.objects.get(pk=org.unit.pk).name == "Koulu Kuu"


def test_a_unit_moved_meanwhile_shows_where_it_now_is(client, org):
    log_in(client, org.personas, "admin")
    url = reverse("organizations:unit_edit", args=[org.organization.pk, org.unit.pk])
    client.post(url, {"name": "Koulu A", "parent": "", "order": 0, "version": 1})

    response = client.post(url, {"name": "Koulu A", "parent": org.area.pk, "order": 0, "version": 1})

    assert response.context["conflicts"] == {"parent": "–"}
    assert OrganizationUnit.objects.get(pk=org.unit.pk).parent_id is None


def test_taking_a_unit_out_of_use_after_someone_changed_it_is_not_done(client, org):
    log_in(client, org.personas, "admin")
    units = client.get(reverse("organizations:units", args=[org.organization.pk])).content.decode()
    assert f'name="version" value="{org.area.version}"' in units
    OrganizationUnit.objects.filter(pk=org.area.pk).update(name="Perusopetus ja varhaiskasvatus", version=2)

    response = client.post(
        reverse("organizations:unit_active", args=[org.organization.pk, org.area.pk]),
        {"active": "0", "version": 1},
        follow=True,
    )

    assert CHANGED_MEANWHILE in page_messages(response)
    assert all(u.active for u in OrganizationUnit.objects.filter(organization=org.organization))


def test_taking_a_unit_out_of_use_gives_its_units_new_versions(client, org):
    log_in(client, org.personas, "admin")
    client.post(
        reverse("organizations:unit_active", args=[org.organization.pk, org.area.pk]),
        {"active": "0", "version": 1},
    )
    assert (
        OrganizationUnit.objects.get(pk=org.unit.pk).version == 2
    )  # an edit form open on it sees a conflict


def test_a_role_changed_meanwhile_is_kept_and_the_second_choice_is_named(client, org):
    log_in(client, org.personas, "admin")
    viewer = org.memberships["viewer"]
    people = client.get(reverse("organizations:people", args=[org.organization.pk])).content.decode()
    assert f'name="version" value="{viewer.version}"' in people
    url = reverse("organizations:member_role", args=[org.organization.pk, viewer.pk])
    client.post(url, {"role": "coordinator", "version": 1})

    response = client.post(url, {"role": "responsible", "version": 1}, follow=True)

    shown = page_messages(response)
    assert CHANGED_MEANWHILE in shown and "Valintasi: vastuuhenkilö." in shown
    assert Membership.objects.get(pk=viewer.pk).role == "coordinator"


def test_ending_access_after_someone_changed_the_membership_is_not_done(client, org):
    log_in(client, org.personas, "admin")
    viewer = org.memberships["viewer"]
    client.post(
        reverse("organizations:member_role", args=[org.organization.pk, viewer.pk]),
        {"role": "coordinator", "version": 1},
    )

    response = client.post(
        reverse("organizations:member_active", args=[org.organization.pk, viewer.pk]),
        {"active": "0", "version": 1},
        follow=True,
    )

    assert CHANGED_MEANWHILE in page_messages(response)
    assert Membership.objects.get(pk=viewer.pk).active
    assert Membership.objects.get(pk=viewer.pk).user.is_active


def test_an_organisation_changed_in_the_admin_gets_a_new_version(org):
    organization = org.organization
    model_admin = admin.site._registry[Organization]
    request = RequestFactory().post("/")
    request.user = org.personas.admin
    form = model_admin.get_form(request, organization)(
        {"name": "Uusi nimi", "slug": organization.slug}, instance=organization
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    assert Organization.objects.get(pk=organization.pk).version == 2


def test_accepting_an_invitation_as_a_former_member_gives_the_membership_a_new_version(org):
    viewer = org.memberships["viewer"]
    Membership.objects.filter(pk=viewer.pk).update(active=False)
    invitation = Invitation.objects.create(
        organization=org.organization,
        email=viewer.user.email,
        role="coordinator",
        invited_by=org.personas.admin,
    )

    membership = accept(invitation, viewer.user)

    stored = Membership.objects.get(pk=viewer.pk)
    assert (stored.active, stored.role, stored.version) == (True, "coordinator", 2)
    assert membership.version == 2  # a people page loaded before shows a conflict, not an overwrite
