"""New plan, copy to next year, check and publish, and a node's contribution: every persona, GET and POST.

Outsider is another organisation's administrator: it may start plans in its own organisation only.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.plans.models import Node, Plan
from tests.factories import make_plan
from tests.organizations.conftest import log_in

ROLES = ["anonymous", "outsider", "viewer", "responsible", "coordinator", "admin"]
MAY = {"coordinator", "admin"}


@pytest.fixture
def world(personas):
    plan = make_plan(2, state=Plan.State.DRAFT)
    strategy = make_plan(1, title="Kaupunkistrategia")
    return plan, strategy, Node.objects.filter(plan=plan, level="Tavoite").get()


def state():
    return (
        sorted(Plan.objects.values_list("title", "state", "supports_id")),
        sorted(Node.objects.values_list("pk", "contributes_to_id")),
    )


def pages(personas, plan, strategy, goal):
    strategy_goal = Node.objects.get(plan=strategy, level="Tavoite")
    return {
        "plan_new": (
            reverse("plan_new"),
            {
                "title": "Uusi",
                "organization": str(personas.organization.pk),
                "kind": "strategy",
                "period": "2027",
                "level_preset": "focus_areas",
                "own_levels": "",
                "supports": "",
            },
        ),
        "plan_copy": (reverse("plan_copy", args=[plan.pk]), {"title": "Kopio", "period": "2027"}),
        "plan_publish": (reverse("plan_publish", args=[plan.pk]), {"version": str(plan.version)}),
        "plan_supports": (
            reverse("plan_supports", args=[plan.pk]),
            {"supports": str(strategy.pk), "version": str(plan.version)},
        ),
        "node_contribution": (
            reverse("node_contribution", args=[goal.pk]),
            {"goal": str(strategy_goal.pk), "version": str(goal.version)},
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name", ["plan_new", "plan_copy", "plan_publish", "plan_supports", "node_contribution"]
)
def test_get_is_allowed_only_to_coordinators_and_administrators(client, personas, world, role, name):
    url, _data = pages(personas, *world)[name]
    response = log_in(client, personas, role).get(url)
    if role in MAY:
        assert response.status_code == 200
        assert b"<h1>" in response.content
    elif role == "anonymous" and name == "plan_new":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role == "outsider" and name == "plan_new":
        # Another organisation's administrator starts plans, but only in its own organisation.
        assert response.status_code == 200
        assert (
            personas.organization.name.encode()
            not in response.content.split(b"<select")[1].split(b"</select>")[0]
        )
    elif role in ("anonymous", "outsider"):
        assert response.status_code == 404  # a draft plan is not shown outside its organisation
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name", ["plan_new", "plan_copy", "plan_publish", "plan_supports", "node_contribution"]
)
def test_post_changes_something_only_for_coordinators_and_administrators(client, personas, world, role, name):
    url, data = pages(personas, *world)[name]
    before = state()
    response = log_in(client, personas, role).post(url, data)
    if role in MAY:
        assert response.status_code == 302
        assert state() != before
    else:
        assert response.status_code in (200, 302, 403, 404)
        assert state() == before
        if role == "anonymous" and name == "plan_new":
            assert "/login/" in response["Location"]


def test_another_organisations_administrator_cannot_start_a_plan_in_ours(client, personas):
    data = {
        "title": "Vieras",
        "organization": str(personas.organization.pk),
        "kind": "strategy",
        "level_preset": "goals",
    }
    response = log_in(client, personas, "outsider").post(reverse("plan_new"), data)
    assert response.status_code == 200
    assert not Plan.objects.filter(title="Vieras").exists()
