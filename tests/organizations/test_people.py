"""The people page: roles, ending and restoring access, and the history that stays."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from seuranta.plans.models import ChangeRecord, Membership, Node
from tests.factories import PASSWORD, make_plan
from tests.organizations.conftest import log_in


def post(client, org, name, membership, data):
    """Post a button of the people page as loaded now (the membership's current version)."""
    version = Membership.objects.get(pk=membership.pk).version
    url = reverse(f"organizations:{name}", args=[org.organization.pk, membership.pk])
    return client.post(url, {"version": version, **data})


def test_people_page_lists_members_with_roles_and_open_invitations(client, org):
    log_in(client, org.personas, "admin")
    page = client.get(reverse("organizations:people", args=[org.organization.pk])).content.decode()
    for username in ("admin", "coordinator", "responsible", "viewer"):
        assert f"{username}@example.invalid" in page
    assert "outsider@example.invalid" not in page
    assert "uusi@example.invalid" in page
    assert "Koordinaattori" in page or "koordinaattori" in page


def test_an_administrator_changes_a_role(client, org):
    log_in(client, org.personas, "admin")
    post(client, org, "member_role", org.memberships["viewer"], {"role": "coordinator"})
    assert Membership.objects.get(pk=org.memberships["viewer"].pk).role == "coordinator"


def test_an_unknown_role_is_refused(client, org):
    log_in(client, org.personas, "admin")
    response = post(client, org, "member_role", org.memberships["viewer"], {"role": "king"})
    assert response.status_code == 302
    assert Membership.objects.get(pk=org.memberships["viewer"].pk).role == "viewer"


def test_the_only_administrator_cannot_demote_or_remove_themself(client, org):
    log_in(client, org.personas, "admin")
    mine = org.memberships["admin"]
    response = post(client, org, "member_role", mine, {"role": "viewer"})
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("ainoa pääkäyttäjä" in m for m in messages)
    post(client, org, "member_active", mine, {"active": "0"})
    assert Membership.objects.get(pk=mine.pk).role == "admin" and Membership.objects.get(pk=mine.pk).active


def test_ending_access_keeps_history_and_reports_but_stops_sign_in(client, org):
    viewer = org.personas.viewer
    plan = make_plan(organization=org.organization, state="draft")
    node = Node.objects.filter(plan=plan).first()
    ChangeRecord.objects.create(plan=plan, node=node, object_type="node", action="changed", user=viewer)
    log_in(client, org.personas, "admin")
    post(client, org, "member_active", org.memberships["viewer"], {"active": "0"})
    membership = Membership.objects.get(pk=org.memberships["viewer"].pk)
    assert not membership.active and membership.role == "viewer"
    viewer.refresh_from_db()
    assert not viewer.is_active  # no other organisation: the account can no longer sign in
    assert ChangeRecord.objects.filter(user=viewer).count() == 1
    client.logout()
    assert not client.login(username="viewer", password=PASSWORD)
    # The page still names them, as a former member.
    log_in(client, org.personas, "admin")
    page = client.get(reverse("organizations:people", args=[org.organization.pk])).content.decode()
    assert "viewer@example.invalid" in page and "Pääsy päättynyt" in page


def test_ending_access_in_one_organisation_keeps_the_others(client, org):
    outsider = org.personas.outsider
    extra = Membership.objects.create(user=outsider, organization=org.organization, role="viewer")
    plan = make_plan(organization=org.organization, state="draft")
    log_in(client, org.personas, "admin")
    post(client, org, "member_active", extra, {"active": "0"})
    outsider.refresh_from_db()
    assert outsider.is_active
    client.logout()
    log_in(client, org.personas, "outsider")
    # The draft of the organisation they left is hidden again.
    assert client.get(reverse("plan", args=[plan.pk])).status_code == 404


def test_a_former_member_loses_the_rights_of_their_role(client, org):
    plan = make_plan(organization=org.organization, state="draft")
    log_in(client, org.personas, "admin")
    post(client, org, "member_active", org.memberships["coordinator"], {"active": "0"})
    client.logout()
    get_user_model().objects.filter(username="coordinator").update(is_active=True)  # e.g. kept by another org
    log_in(client, org.personas, "coordinator")
    assert client.get(reverse("plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("importing:upload")).status_code == 403


def test_restoring_access_gives_the_role_back(client, org):
    log_in(client, org.personas, "admin")
    post(client, org, "member_active", org.memberships["viewer"], {"active": "0"})
    post(client, org, "member_active", org.memberships["viewer"], {"active": "1"})
    assert Membership.objects.get(pk=org.memberships["viewer"].pk).active
    client.logout()
    assert client.login(username="viewer", password=PASSWORD)


def test_a_person_whose_access_ended_gets_no_round_reminders(client, org, mailoutbox):
    from datetime import date

    from seuranta.monitoring.reporting import open_round
    from seuranta.monitoring.tasks import send_round_reminders

    outsider = org.personas.outsider  # active elsewhere, so the account itself stays active
    member = Membership.objects.create(user=outsider, organization=org.organization, role="responsible")
    plan = make_plan(organization=org.organization)
    for node in Node.objects.filter(plan=plan, level="Toimenpide"):
        node.responsible_users.add(outsider, org.personas.responsible)
    reporting_round = open_round(
        plan,
        title="Q1",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=org.personas.coordinator,
    )
    log_in(client, org.personas, "admin")
    post(client, org, "member_active", member, {"active": "0"})
    send_round_reminders.enqueue(reporting_round.pk, "https://x/")
    assert [m.to for m in mailoutbox] == [["responsible@example.invalid"]]


def test_an_administrator_who_gives_up_their_own_role_is_sent_home_not_to_a_refusal(client, org, personas):
    from tests.factories import make_member

    make_member("admin2", org.organization, Membership.Role.ADMIN)
    log_in(client, org.personas, "admin")
    response = post(client, org, "member_role", org.memberships["admin"], {"role": "coordinator"})
    assert response["Location"] == reverse("home")
    assert Membership.objects.get(pk=org.memberships["admin"].pk).role == "coordinator"
