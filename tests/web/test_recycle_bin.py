"""Deleting safely: every delete asks first, and deleted items wait 30 days in the plan's recycle bin."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, open_round, save_entry
from seuranta.plans.models import Indicator, Measure, Milestone, Node
from seuranta.plans.recycle import RETENTION, purge
from seuranta.plans.storage import load_core_plan
from tests.factories import make_plan
from tests.web.helpers import ROLES, client_for

COORDINATING = ("coordinator", "admin")


def action(plan):
    return Node.objects.filter(plan=plan, level="Toimenpide").order_by("order").first()


def with_actual(indicator, text="14", period="2026"):
    Measure.objects.create(
        indicator=indicator, role=Measure.Role.ACTUAL, text=text, kind="value", value=14, period=period
    )


@pytest.fixture
def plan(personas):
    return make_plan(2, organization=personas.organization)


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_the_recycle_bin(client, personas, plan, role):
    response = client_for(client, personas, role).get(reverse("recycle_bin", args=[plan.pk]))
    expected = {"anonymous": 302, "outsider": 403, "viewer": 403, "responsible": 403}.get(role, 200)
    assert response.status_code == expected
    if expected == 200:
        assert "<h1>Roskakori</h1>" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_restore_from_the_recycle_bin(client, personas, plan, role):
    indicator = action(plan).indicators.first()
    client_for(client, personas, "coordinator").post(reverse("indicator_delete", args=[indicator.pk]))
    client.logout()
    response = client_for(client, personas, role).post(
        reverse("recycle_restore", args=[plan.pk]), {"kind": "indicator", "id": indicator.pk}
    )
    assert response.status_code == {"anonymous": 302, "outsider": 403, "viewer": 403, "responsible": 403}.get(
        role, 302
    )
    assert Indicator.objects.filter(pk=indicator.pk).exists() == (role in COORDINATING)


@pytest.mark.parametrize("role", ROLES)
def test_the_restore_address_does_not_answer_get(client, personas, plan, role):
    response = client_for(client, personas, role).get(reverse("recycle_restore", args=[plan.pk]))
    assert response.status_code == 405


@pytest.mark.parametrize("kind", ["indicator_delete", "milestone_delete"])
def test_deleting_an_indicator_or_a_milestone_asks_first(client, personas, plan, kind):
    node = action(plan)
    item = node.indicators.first() if kind == "indicator_delete" else node.milestones.first()
    client.force_login(personas.coordinator)
    page = client.get(reverse(kind, args=[item.pk])).content.decode()
    assert "<h1>Poista:" in page and "roskakoriin" in page and 'method="post"' in page
    assert type(item).objects.filter(pk=item.pk).exists()


def test_the_node_edit_page_links_to_the_confirmation_not_a_one_click_delete(client, personas, plan):
    node = action(plan)
    client.force_login(personas.coordinator)
    page = client.get(reverse("node_edit", args=[node.pk])).content.decode()
    assert f'href="{reverse("indicator_delete", args=[node.indicators.first().pk])}"' in page
    assert f'action="{reverse("indicator_delete", args=[node.indicators.first().pk])}"' not in page


def test_a_deleted_indicator_leaves_the_plan_and_returns_with_its_reported_values(client, personas, plan):
    indicator = action(plan).indicators.first()
    with_actual(indicator)
    client.force_login(personas.coordinator)
    client.post(reverse("indicator_delete", args=[indicator.pk]))
    names = [i.name for n in load_core_plan(plan).nodes[0].children[0].children for i in n.indicators]
    assert indicator.name not in names
    page = client.get(reverse("recycle_bin", args=[plan.pk])).content.decode()
    assert indicator.name in page and "Palauta" in page
    client.post(reverse("recycle_restore", args=[plan.pk]), {"kind": "indicator", "id": indicator.pk})
    restored = next(
        i
        for n in load_core_plan(plan).nodes[0].children[0].children
        for i in n.indicators
        if i.name == indicator.name
    )
    assert [m.text for m in restored.actuals] == ["14"]


def test_a_deleted_node_returns_with_everything_below_it(client, personas, plan):
    goal = Node.objects.get(plan=plan, level="Tavoite")
    client.force_login(personas.coordinator)
    client.post(reverse("node_delete", args=[goal.pk]))
    assert not Node.objects.filter(plan=plan, level="Toimenpide").exists()
    assert not Indicator.objects.filter(node__plan=plan).exists()
    client.post(reverse("recycle_restore", args=[plan.pk]), {"kind": "node", "id": goal.pk})
    assert Node.objects.filter(plan=plan, level="Toimenpide").count() == 2
    assert (
        Indicator.objects.filter(node__plan=plan).count() == 2
        and Milestone.objects.filter(node__plan=plan).count() == 2
    )


def test_an_item_deleted_on_its_own_before_its_node_stays_in_the_bin_when_the_node_returns(
    client, personas, plan
):
    node = action(plan)
    indicator = node.indicators.first()
    client.force_login(personas.coordinator)
    client.post(reverse("indicator_delete", args=[indicator.pk]))
    client.post(reverse("node_delete", args=[node.pk]))
    page = client.get(reverse("recycle_bin", args=[plan.pk])).content.decode()
    assert "Palauta ensin kohta, jonka alla se oli." in page
    client.post(reverse("recycle_restore", args=[plan.pk]), {"kind": "node", "id": node.pk})
    assert Node.objects.filter(pk=node.pk).exists() and not Indicator.objects.filter(pk=indicator.pk).exists()


def test_an_item_under_a_deleted_node_cannot_be_restored_alone(client, personas, plan):
    node = action(plan)
    indicator = node.indicators.first()
    client.force_login(personas.coordinator)
    client.post(reverse("indicator_delete", args=[indicator.pk]))
    client.post(reverse("node_delete", args=[node.pk]))
    client.post(reverse("recycle_restore", args=[plan.pk]), {"kind": "indicator", "id": indicator.pk})
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_restoring_something_not_in_the_bin_says_so_in_finnish(client, personas, plan):
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("recycle_restore", args=[plan.pk]), {"kind": "node", "id": "x"}, follow=True
    )
    assert "Sitä ei ole enää roskakorissa." in response.content.decode()


def test_the_purge_removes_only_what_has_been_in_the_bin_30_days(client, personas, plan):
    first, second = Node.objects.filter(plan=plan, level="Toimenpide").order_by("order")
    client.force_login(personas.coordinator)
    client.post(reverse("node_delete", args=[first.pk]))
    client.post(reverse("node_delete", args=[second.pk]))
    Node.all_objects.filter(pk=first.pk).update(deleted_at=timezone.now() - RETENTION - timedelta(hours=1))
    assert purge() > 0
    assert (
        not Node.all_objects.filter(pk=first.pk).exists()
        and not Indicator.all_objects.filter(node_id=first.pk).exists()
    )
    assert Node.all_objects.filter(pk=second.pk).exists()


def test_a_closed_rounds_entries_survive_the_deletion_and_the_purge_of_their_node(personas, plan, client):
    node = action(plan)
    node.responsible_users.add(personas.responsible)
    reporting = open_round(
        plan, title="Q1", period="2026-Q1", deadline=date(2026, 4, 15), root=None, user=personas.coordinator
    )
    entry = reporting.entries.get(node=node)
    save_entry(
        entry,
        EntryValues(text="Valmis", phase="done"),
        user=personas.responsible,
        version=entry.version,
        submit=True,
    )
    close_round(reporting, user=personas.coordinator, on=date(2026, 4, 20))
    client.force_login(personas.coordinator)
    client.post(reverse("node_delete", args=[node.pk]))
    assert RoundEntry.objects.filter(round=reporting, node_id=node.pk).exists()
    Node.all_objects.filter(pk=node.pk).update(deleted_at=timezone.now() - RETENTION - timedelta(days=1))
    purge()
    assert not Node.all_objects.filter(pk=node.pk).exists()
    assert RoundEntry.objects.filter(round=reporting).count() >= 1


def _bin_queries(client, personas, actions: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = make_plan(actions, organization=personas.organization, title=f"Suunnitelma {actions}")
    for node in Node.objects.filter(plan=plan, level="Toimenpide"):
        client.post(reverse("indicator_delete", args=[node.indicators.first().pk]))
        client.post(reverse("node_delete", args=[node.pk]))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("recycle_bin", args=[plan.pk])).status_code == 200
    return len(queries)


def test_the_recycle_bin_page_takes_as_many_queries_for_a_big_bin_as_for_a_small_one(client, personas):
    client.force_login(personas.coordinator)
    assert _bin_queries(client, personas, 2) == _bin_queries(client, personas, 12)


@pytest.mark.parametrize(
    ("language", "heading"), [("fi", "Roskakori"), ("sv", "Papperskorg"), ("en", "Recycle bin")]
)
def test_the_recycle_bin_speaks_the_chosen_language(client, personas, plan, language, heading):
    client.force_login(personas.coordinator)
    client.cookies["django_language"] = language
    assert f"<h1>{heading}</h1>" in client.get(reverse("recycle_bin", args=[plan.pk])).content.decode()


def test_the_plan_page_links_coordinators_to_the_recycle_bin(client, personas, plan):
    url = reverse("recycle_bin", args=[plan.pk])
    assert url not in client.get(reverse("plan", args=[plan.pk])).content.decode()
    client.force_login(personas.coordinator)
    assert url in client.get(reverse("plan", args=[plan.pk])).content.decode()
