"""Each page takes the same number of queries for a plan of 10 actions and of 1,000."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seuranta.monitoring.reporting import close_round
from seuranta.plans.models import Indicator, Membership, Node
from tests.factories import PASSWORD, make_member, make_organization, make_plan
from tests.monitoring.conftest import actions_of, open_test_round


def _scenario(actions: int) -> SimpleNamespace:
    org = make_organization(f"Kaupunki {actions}")
    coordinator = make_member(f"coordinator{actions}", org, Membership.Role.COORDINATOR)
    responsible = make_member(f"responsible{actions}", org, Membership.Role.RESPONSIBLE)
    colleague = make_member(f"colleague{actions}", org, Membership.Role.RESPONSIBLE)
    plan = make_plan(actions, organization=org, indicators_per_action=2)
    nodes = actions_of(plan)
    through = Node.responsible_users.through
    through.objects.bulk_create(
        [
            through(node_id=n.pk, user_id=(responsible if i % 2 == 0 else colleague).pk)
            for i, n in enumerate(nodes)
        ]
        + [through(node_id=nodes[0].pk, user_id=colleague.pk)]
    )
    reporting_round = open_test_round(plan, coordinator)
    entry = reporting_round.entries.get(node=nodes[0])
    return SimpleNamespace(
        plan=plan, round=reporting_round, entry=entry, coordinator=coordinator, responsible=responsible
    )


def _client(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def _count(client: Client, method: str, url: str, data=None, status=(200,)) -> int:
    client.get(url) if method == "get" else None  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in status, response.status_code
    return len(queries)


def _entry_data(s, version, action="save"):
    data = {"version": version, "text": "Edistyy", "phase": "in_progress", "verdict": "", action: "1"}
    for indicator in Indicator.objects.filter(node=s.entry.node):
        data[f"value_{indicator.pk}"] = "18,5"
    return data


@pytest.fixture
def small_and_large(db):
    return _scenario(10), _scenario(1000)


PAGES = {
    "my_reports": lambda s: ("responsible", "get", reverse("monitoring:my_reports"), None, (200,)),
    "rounds": lambda s: ("coordinator", "get", reverse("monitoring:rounds"), None, (200,)),
    "open_round": lambda s: (
        "coordinator",
        "get",
        reverse("monitoring:open_round", args=[s.plan.pk]),
        None,
        (200,),
    ),
    "round": lambda s: ("coordinator", "get", reverse("monitoring:round", args=[s.round.pk]), None, (200,)),
    "entry": lambda s: ("responsible", "get", reverse("monitoring:entry", args=[s.entry.pk]), None, (200,)),
    "delete_round": lambda s: (
        "coordinator",
        "get",
        reverse("monitoring:delete_round", args=[s.round.pk]),
        None,
        (200,),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("page", list(PAGES))
def test_page_queries_do_not_grow_with_the_plan(small_and_large, page):
    counts = []
    for s in small_and_large:
        who, method, url, data, status = PAGES[page](s)
        counts.append(_count(_client(getattr(s, who)), method, url, data, status))
    assert counts[0] == counts[1], counts


@pytest.mark.slow
def test_saving_an_entry_takes_the_same_queries_for_any_plan_size(small_and_large):
    counts = []
    for s in small_and_large:
        client = _client(s.responsible)
        url = reverse("monitoring:entry", args=[s.entry.pk])
        counts.append(_count(client, "post", url, _entry_data(s, 1), status=(302,)))  # a draft
        counts.append(_count(client, "post", url, _entry_data(s, 2), status=(302,)))  # an updated draft
        counts.append(_count(client, "post", url, _entry_data(s, 3, "submit"), status=(302,)))
        counts.append(_count(client, "post", url, _entry_data(s, 4, "submit"), status=(302,)))  # an update
    assert counts[:4] == counts[4:], counts


@pytest.mark.slow
def test_opening_and_closing_rounds_take_the_same_queries_for_any_plan_size(small_and_large):
    opened, closed, snapshot_pages = [], [], []
    for s in small_and_large:
        client = _client(s.coordinator)
        opened.append(
            _count(
                client,
                "post",
                reverse("monitoring:open_round", args=[s.plan.pk]),
                {"title": "T2", "period": "2026-T2", "deadline": "2099-09-01"},
                status=(302,),
            )
        )
        with CaptureQueriesContext(connection) as queries:
            close_round(s.round, user=s.coordinator)
        closed.append(len(queries))
        snapshot_pages.append(_count(client, "get", reverse("monitoring:round", args=[s.round.pk])))
    assert opened[0] == opened[1] and closed[0] == closed[1] and snapshot_pages[0] == snapshot_pages[1]


@pytest.mark.slow
def test_reminders_take_the_same_queries_for_any_plan_size(small_and_large, mailoutbox):
    counts = []
    for s in small_and_large:
        counts.append(
            _count(
                _client(s.coordinator), "post", reverse("monitoring:remind", args=[s.round.pk]), status=(302,)
            )
        )
    assert counts[0] == counts[1]
    assert len(mailoutbox) == 4  # two people per plan
