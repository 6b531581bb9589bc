"""Choosing a node's responsible users on the node edit page: who may, from whom, and what it leads to."""

import pytest
from django.urls import reverse

from seuranta.plans.models import ChangeRecord, Membership, Node
from tests.factories import make_member, make_plan, make_user
from tests.monitoring.conftest import open_test_round
from tests.web.helpers import EDITORS, ROLES, client_for, count_queries
from tests.web.test_editing import action, node_data

REFUSED = (
    "Valitse vastuuhenkilöt vain niistä suunnitelman organisaation jäsenistä, jotka saavat raportoida; "
    "katselija ei voi olla vastuuhenkilö."
)


def named_member(username: str, organization, first: str, last: str, role=Membership.Role.RESPONSIBLE):
    user = make_member(username, organization, role)
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def assign(client, node: Node, users) -> object:
    node.refresh_from_db()
    return client.post(
        reverse("node_edit", args=[node.pk]), node_data(node, responsible_users=[u.pk for u in users])
    )


def test_edit_page_offers_the_organisations_members_by_name_and_role(client, personas):
    anna = named_member("anna", personas.organization, "Anna", "Aalto")
    node = action(make_plan(1, organization=personas.organization))
    client.force_login(personas.coordinator)
    content = client.get(reverse("node_edit", args=[node.pk])).content.decode()
    assert "<legend>Vastuuhenkilöt Seurannassa</legend>" in content
    assert f'value="{anna.pk}"' in content and "Anna Aalto (vastuuhenkilö)" in content
    assert "coordinator (koordinaattori)" in content  # no full name: the username
    assert f'value="{personas.outsider.pk}"' not in content  # another organisation's member
    assert "johtaja" in content  # the names as the plan document wrote them stay beside the choice


def test_edit_page_shows_who_is_assigned(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    node.responsible_users.add(personas.responsible)
    client.force_login(personas.coordinator)
    form = client.get(reverse("node_edit", args=[node.pk])).context["form"]
    assert form["responsible_users"].value() == [personas.responsible.pk]


def test_coordinator_assigns_two_people_who_then_see_the_action_in_their_reports(client, personas):
    plan = make_plan(2, organization=personas.organization)
    node = action(plan)
    colleague = named_member("kollega", personas.organization, "Kaisa", "Kollega")
    client.force_login(personas.coordinator)
    assert assign(client, node, [personas.responsible, colleague]).status_code == 302
    assert set(node.responsible_users.all()) == {personas.responsible, colleague}

    reporting_round = open_test_round(plan, personas.coordinator)
    entry = reporting_round.entries.get(node=node)
    for person in (personas.responsible, colleague):
        client.force_login(person)
        content = client.get(reverse("monitoring:my_reports")).content.decode()
        assert reverse("monitoring:entry", args=[entry.pk]) in content


def test_a_person_added_during_an_open_round_sees_the_action_in_their_reports(client, personas):
    plan = make_plan(2, organization=personas.organization)
    node = action(plan)
    colleague = named_member("kollega", personas.organization, "Kaisa", "Kollega")
    node.responsible_users.add(colleague)
    entry = open_test_round(plan, personas.coordinator).entries.get(node=node)
    client.force_login(personas.responsible)
    assert (
        reverse("monitoring:entry", args=[entry.pk])
        not in client.get(reverse("monitoring:my_reports")).content.decode()
    )

    client.force_login(personas.coordinator)
    assign(client, node, [colleague, personas.responsible])
    client.force_login(personas.responsible)
    assert (
        reverse("monitoring:entry", args=[entry.pk])
        in client.get(reverse("monitoring:my_reports")).content.decode()
    )


def test_an_action_given_its_first_responsible_person_mid_round_joins_the_open_round(client, personas):
    plan = make_plan(3, organization=personas.organization)
    first, second, third = Node.objects.filter(plan=plan, children__isnull=True).order_by("order")
    first.responsible_users.add(personas.responsible)
    third.responsible_users.add(personas.responsible)
    reporting_round = open_test_round(plan, personas.coordinator)
    assert not reporting_round.entries.filter(node=second).exists()

    client.force_login(personas.coordinator)
    assert assign(client, second, [personas.responsible]).status_code == 302
    entry = reporting_round.entries.get(node=second)
    assert [e.node_id for e in reporting_round.entries.order_by("order")] == [first.pk, second.pk, third.pk]
    client.force_login(personas.responsible)
    assert (
        reverse("monitoring:entry", args=[entry.pk])
        in client.get(reverse("monitoring:my_reports")).content.decode()
    )


def test_a_closed_round_gets_no_entry_for_a_newly_assigned_action(client, personas):
    from seuranta.monitoring.models import ReportingRound

    plan = make_plan(2, organization=personas.organization)
    first, second = Node.objects.filter(plan=plan, children__isnull=True).order_by("order")
    first.responsible_users.add(personas.responsible)
    reporting_round = open_test_round(plan, personas.coordinator)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(state=ReportingRound.State.CLOSED)
    client.force_login(personas.coordinator)
    assign(client, second, [personas.responsible])
    assert not reporting_round.entries.filter(node=second).exists()


def test_removing_the_responsible_person_keeps_the_rounds_entry_and_its_report(client, personas):
    plan = make_plan(1, organization=personas.organization)
    node = action(plan)
    node.responsible_users.add(personas.responsible)
    reporting_round = open_test_round(plan, personas.coordinator)
    client.force_login(personas.coordinator)
    assign(client, node, [])
    assert reporting_round.entries.filter(node=node).exists()


def test_assigning_records_the_people_added_by_name(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    anna = named_member("anna", personas.organization, "Anna", "Aalto")
    bertta = named_member("bertta", personas.organization, "Bertta", "Björk")
    client.force_login(personas.coordinator)
    assign(client, node, [bertta, anna])
    change = ChangeRecord.objects.get(node=node, action="changed")
    assert change.user == personas.coordinator
    assert change.changes == {"responsible_users_added": [None, "Anna Aalto, Bertta Björk"]}


def test_removing_a_person_is_recorded_and_shown_in_the_change_history(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    anna = named_member("anna", personas.organization, "Anna", "Aalto")
    bertta = named_member("bertta", personas.organization, "Bertta", "Björk")
    node.responsible_users.add(anna, bertta)
    client.force_login(personas.coordinator)
    assign(client, node, [anna])
    assert list(node.responsible_users.all()) == [anna]
    change = ChangeRecord.objects.get(node=node, action="changed")
    assert change.changes == {"responsible_users_removed": ["Bertta Björk", None]}
    history = client.get(reverse("node", args=[node.pk])).content.decode()
    assert "Poistetut vastuuhenkilöt" in history and "Bertta Björk" in history


def test_saving_the_same_people_again_records_no_change(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    node.responsible_users.add(personas.responsible)
    client.force_login(personas.coordinator)
    assign(client, node, [personas.responsible])
    assert not ChangeRecord.objects.filter(node=node).exists()


def test_assigning_moves_the_nodes_version_on(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    client.force_login(personas.coordinator)
    assign(client, node, [personas.responsible])
    node.refresh_from_db()
    assert node.version == 2


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_can_assign_responsible_users(client, personas, role):
    node = action(make_plan(1, organization=personas.organization))
    response = client_for(client, personas, role).post(
        reverse("node_edit", args=[node.pk]), node_data(node, responsible_users=[personas.responsible.pk])
    )
    expected = {"anonymous": 302, "outsider": 403, "viewer": 403, "responsible": 403}.get(role, 302)
    assert response.status_code == expected
    if role == "anonymous":
        assert "/login/" in response["Location"]
    assert node.responsible_users.filter(pk=personas.responsible.pk).exists() == (role in EDITORS)


@pytest.mark.parametrize("who", ["outsider", "no_membership"])
def test_a_person_outside_the_organisation_is_refused_and_nothing_is_saved(client, personas, who):
    node = action(make_plan(1, organization=personas.organization))
    stranger = personas.outsider if who == "outsider" else make_user("stranger")
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("node_edit", args=[node.pk]),
        node_data(node, title="Muutettu", responsible_users=[personas.responsible.pk, stranger.pk]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["responsible_users"] == [REFUSED]
    assert REFUSED in response.content.decode()
    node.refresh_from_db()
    assert node.title == "Toimenpide 1" and node.version == 1
    assert not node.responsible_users.exists()
    assert not ChangeRecord.objects.filter(node=node).exists()


def test_a_person_assigned_before_leaving_the_organisation_is_kept_and_can_be_removed(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    former = make_user("entinen")
    node.responsible_users.add(former, personas.responsible)
    client.force_login(personas.coordinator)
    content = client.get(reverse("node_edit", args=[node.pk])).content.decode()
    assert "entinen (ei organisaation jäsen)" in content
    assign(client, node, [former, personas.responsible])  # saving other fields keeps them
    assert set(node.responsible_users.all()) == {former, personas.responsible}
    assign(client, node, [personas.responsible])
    assert list(node.responsible_users.all()) == [personas.responsible]


def test_a_conflicting_save_keeps_the_assignments_of_the_first_saver(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    stale = node_data(node, responsible_users=[personas.admin.pk])
    client.force_login(personas.admin)
    assign(client, node, [personas.responsible])
    client.force_login(personas.coordinator)
    response = client.post(reverse("node_edit", args=[node.pk]), stale)
    assert response.status_code == 200
    assert response.context["conflicts"]["responsible_users"] == "responsible"
    assert list(node.responsible_users.all()) == [personas.responsible]


@pytest.mark.parametrize("method", ["get", "post"])
def test_edit_page_query_count_does_not_grow_with_members_or_responsible_users(client, personas, method):
    client.force_login(personas.coordinator)
    counts = []
    for size in (2, 20):
        node = action(make_plan(1, organization=personas.organization))
        people = [
            named_member(f"henkilo{size}_{i}", personas.organization, "Henkilö", f"{size}-{i}")
            for i in range(size)
        ]
        node.responsible_users.add(*people[: size // 2])
        data = (
            node_data(node, responsible_users=[p.pk for p in people[size // 2 :]])
            if method == "post"
            else None
        )
        counts.append(count_queries(client, reverse("node_edit", args=[node.pk]), method, data))
    assert counts[0] == counts[1]


def test_viewers_are_not_offered_as_responsible_people(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    client.force_login(personas.coordinator)
    content = client.get(reverse("node_edit", args=[node.pk])).content.decode()
    assert f'value="{personas.responsible.pk}"' in content
    assert f'value="{personas.viewer.pk}"' not in content
    assert "viewer (katselija)" not in content


def test_making_a_viewer_responsible_is_refused_and_nothing_is_saved(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("node_edit", args=[node.pk]),
        node_data(node, title="Muutettu", responsible_users=[personas.viewer.pk]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["responsible_users"] == [REFUSED]
    node.refresh_from_db()
    assert node.title == "Toimenpide 1"
    assert not node.responsible_users.exists()


def test_a_responsible_person_later_made_a_viewer_is_shown_so_and_can_be_removed(client, personas):
    node = action(make_plan(1, organization=personas.organization))
    node.responsible_users.add(personas.responsible)
    Membership.objects.filter(user=personas.responsible).update(role=Membership.Role.VIEWER)
    client.force_login(personas.coordinator)
    content = client.get(reverse("node_edit", args=[node.pk])).content.decode()
    assert "responsible (katselija: ei voi raportoida)" in content
    assign(client, node, [])
    assert not node.responsible_users.exists()
