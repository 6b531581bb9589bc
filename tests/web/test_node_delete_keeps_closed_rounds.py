"""Deleting a node keeps every closed round that covers it whole, and the confirmation page says so."""

from datetime import date

import pytest
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, open_round, save_entry
from seuranta.plans.models import ChangeRecord, Node
from tests.factories import PASSWORD, make_plan


@pytest.fixture
def rounds(personas):
    """A plan of three actions under one goal; a closed round limited to the goal, a closed round over the whole
    plan with a submitted report, and an open round."""
    plan = make_plan(3, organization=personas.organization)
    goal = Node.objects.get(plan=plan, level="Tavoite")
    actions = list(Node.objects.filter(plan=plan, parent=goal).order_by("order"))
    for action in actions:
        action.responsible_users.add(personas.responsible)

    def new_round(title, period, root=None):
        return open_round(
            plan, title=title, period=period, deadline=date(2026, 4, 15), root=root, user=personas.coordinator
        )

    limited = new_round("Tavoitteen kierros", "2026-Q1", root=goal)
    whole = new_round("Koko suunnitelma", "2026-Q2")
    entry = whole.entries.get(node=actions[0])
    save_entry(
        entry,
        EntryValues(text="Valmis", phase="done"),
        user=personas.responsible,
        version=entry.version,
        submit=True,
    )
    for closing in (limited, whole):
        close_round(closing, user=personas.coordinator, on=date(2026, 7, 1))
    still_open = new_round("Avoin", "2026-Q3")
    return {
        "plan": plan,
        "goal": goal,
        "actions": actions,
        "closed": [limited.pk, whole.pk],
        "open": still_open,
    }


def frozen(round_ids):
    return (
        list(ReportingRound.objects.filter(pk__in=round_ids).order_by("pk").values()),
        list(RoundEntry.objects.filter(round_id__in=round_ids).order_by("pk").values()),
    )


def test_deleting_a_node_keeps_the_closed_rounds_that_cover_it_unchanged(client, personas, rounds):
    before = frozen(rounds["closed"])
    history = list(ChangeRecord.objects.order_by("pk").values())
    client.login(username=personas.coordinator.username, password=PASSWORD)
    response = client.post(reverse("node_delete", args=[rounds["goal"].pk]))
    assert response.status_code == 302
    assert not Node.objects.filter(pk__in=[rounds["goal"].pk, *[a.pk for a in rounds["actions"]]]).exists()
    assert frozen(rounds["closed"]) == before
    assert list(ChangeRecord.objects.order_by("pk").values())[: len(history)] == history
    assert not rounds["open"].entries.exists()  # an open round loses its reports on the deleted nodes


def test_a_closed_rounds_page_still_shows_the_report_on_a_deleted_node(client, personas, rounds):
    Node.objects.filter(pk=rounds["goal"].pk).delete()
    client.login(username=personas.coordinator.username, password=PASSWORD)
    page = client.get(reverse("monitoring:round", args=[rounds["closed"][1]])).content.decode()
    assert "Valmis" in page and "Toimenpide 1" in page
    assert (
        reverse("monitoring:entry", args=[RoundEntry.objects.filter(round_id=rounds["closed"][1]).first().pk])
        not in page
    )
    # Each of the three rows, and a line in each breakdown (per person, per unit) so that they add up to the total.
    assert page.count("poistettu suunnitelmasta kierroksen sulkemisen jälkeen") == 5
    assert page.count("<td>1/3</td>") == 2


def test_deleting_an_open_rounds_root_removes_that_round(personas, rounds):
    limited_open = open_round(
        rounds["plan"],
        title="Avoin tavoite",
        period="2026-Q4",
        deadline=date(2026, 12, 1),
        root=rounds["goal"],
        user=personas.coordinator,
    )
    Node.objects.get(pk=rounds["goal"].pk).delete()
    assert not ReportingRound.objects.filter(pk=limited_open.pk).exists()
    assert ReportingRound.objects.filter(pk__in=rounds["closed"]).count() == 2


def test_the_confirmation_page_names_the_rounds_and_what_happens_to_them(client, personas, rounds):
    client.cookies["django_language"] = "fi"
    client.login(username=personas.coordinator.username, password=PASSWORD)
    page = client.get(reverse("node_delete", args=[rounds["goal"].pk])).content.decode()
    assert "Tavoitteen kierros" in page and "Koko suunnitelma" in page and "Avoin" in page
    assert "Suljetut raportointikierrokset säilyvät ennallaan" in page
    assert "menettävät" in page


def _confirmation_queries(client, personas, actions: int, suffix: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = make_plan(actions, organization=personas.organization, title=f"Suunnitelma {suffix}")
    goal = Node.objects.get(plan=plan, level="Tavoite")
    for action in Node.objects.filter(parent=goal):
        action.responsible_users.add(personas.responsible)
    for period in ("2026-Q1", "2026-Q2"):
        new = open_round(
            plan, title=period, period=period, deadline=date(2026, 9, 1), root=None, user=personas.coordinator
        )
        if period == "2026-Q1":
            close_round(new, user=personas.coordinator, on=date(2026, 4, 1))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("node_delete", args=[goal.pk])).status_code == 200
    return len(queries)


def test_the_confirmation_page_takes_the_same_queries_for_a_small_and_a_large_plan(client, personas):
    client.login(username=personas.coordinator.username, password=PASSWORD)
    assert _confirmation_queries(client, personas, 3, "pieni") == _confirmation_queries(
        client, personas, 60, "iso"
    )
