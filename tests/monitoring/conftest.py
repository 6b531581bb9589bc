from datetime import date
from types import SimpleNamespace

import pytest

from seuranta.monitoring.reporting import open_round
from seuranta.plans.models import Node
from tests.factories import make_member, make_plan

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks run at once in tests, whatever backend the deployment uses."""
    settings.TASKS = IMMEDIATE


def actions_of(plan) -> list[Node]:
    return list(Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id"))


def open_test_round(plan, user, *, period="2026-Q1", root=None):
    return open_round(plan, title="Q1/2026", period=period, deadline=date(2026, 4, 15), root=root, user=user)


@pytest.fixture
def reporting(personas):
    """A plan of three actions; the responsible persona is assigned to the first two; a round is open."""
    plan = make_plan(3, indicators_per_action=2, organization=personas.organization)
    actions = actions_of(plan)
    other = make_member("other_responsible", personas.organization, "responsible")
    Responsible = Node.responsible_users.through  # what .add() writes, in one insert
    Responsible.objects.bulk_create(
        Responsible(node=action, user=user)
        for action, user in zip(actions, (personas.responsible, personas.responsible, other), strict=True)
    )
    reporting_round = open_test_round(plan, personas.coordinator)
    entries = {e.node_id: e for e in reporting_round.entries.all()}
    return SimpleNamespace(
        plan=plan,
        actions=actions,
        round=reporting_round,
        other=other,
        personas=personas,
        mine=entries[actions[0].pk],
        also_mine=entries[actions[1].pk],
        not_mine=entries[actions[2].pk],
    )
