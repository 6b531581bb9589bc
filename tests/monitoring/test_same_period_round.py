"""A second round for the same period over the same part of a plan needs the coordinator's confirmation."""

import pytest
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound
from seuranta.plans.models import Node
from tests.factories import PASSWORD
from tests.monitoring.conftest import open_test_round


@pytest.fixture
def coordinator(client, reporting):
    client.cookies["django_language"] = "fi"
    client.login(username=reporting.personas.coordinator.username, password=PASSWORD)
    return client


def post_round(client, plan, **extra):
    data = {"title": "Toinen Q1", "period": "Q1/2026", "deadline": "2099-04-30", "root": ""} | extra
    return client.post(reverse("monitoring:open_round", args=[plan.pk]), data)


def test_the_same_period_again_asks_for_confirmation_and_opens_nothing(coordinator, reporting):
    response = post_round(coordinator, reporting.plan)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Q1/2026" in page and "confirm_duplicate" in page
    assert "samalle jaksolle" in page
    assert ReportingRound.objects.filter(plan=reporting.plan).count() == 1


def test_confirmed_a_second_round_is_opened(coordinator, reporting):
    response = post_round(coordinator, reporting.plan, confirm_duplicate="on")
    assert response.status_code == 302
    assert ReportingRound.objects.filter(plan=reporting.plan).count() == 2


def test_another_period_needs_no_confirmation(coordinator, reporting):
    assert post_round(coordinator, reporting.plan, period="2026-Q2").status_code == 302


def test_a_closed_round_of_the_same_period_counts_too(coordinator, reporting):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(state=ReportingRound.State.CLOSED)
    assert post_round(coordinator, reporting.plan).status_code == 200


def test_separate_parts_of_the_plan_need_no_confirmation_but_overlapping_ones_do(coordinator, reporting):
    goal = Node.objects.get(plan=reporting.plan, level="Tavoite")
    area = goal.parent
    ReportingRound.objects.filter(pk=reporting.round.pk).delete()
    sibling = Node.objects.create(
        plan=reporting.plan, level="Tavoite", title="Tavoite 2", parent=area, order=1
    )
    separate = Node.objects.create(plan=reporting.plan, level="Toimenpide", title="Erillinen", parent=sibling)
    separate.responsible_users.add(reporting.personas.responsible)  # somebody to report in its round
    open_test_round(reporting.plan, reporting.personas.coordinator, root=goal)
    assert post_round(coordinator, reporting.plan, root=str(sibling.pk)).status_code == 302
    assert post_round(coordinator, reporting.plan, root=str(area.pk)).status_code == 200
    assert post_round(coordinator, reporting.plan).status_code == 200
