"""A goal whose actions are mostly unreported shows its coverage and no achievement colour."""

import pytest
from django.urls import reverse

from seuranta.plans.models import Milestone, Node, ProgressEntry
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _one_of_four_reported(plan):
    Milestone.objects.filter(node__plan=plan).delete()
    done = Node.objects.get(plan=plan, title="Toimenpide 1")
    ProgressEntry.objects.create(node=done, period="2026-Q1", text="Valmis.", phase=Node.Phase.DONE)


def test_goal_with_one_of_four_actions_reported_shows_coverage_not_achieved(client):
    plan = make_plan(4)
    _one_of_four_reported(plan)
    goal = Node.objects.get(plan=plan, title="Tavoite 1")
    html = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "1/4 raportoitu" in html
    assert "badge--achieved" in html  # the one action that is done
    node_html = client.get(reverse("node", args=[goal.pk])).content.decode()
    status_line = node_html.split('class="status-line"', 1)[1].split("</div>", 1)[0]
    assert "badge--insufficient_data" in status_line and "Tiedot riittämättömät" in status_line


def test_report_shows_the_goals_coverage(client):
    plan = make_plan(4)
    _one_of_four_reported(plan)
    html = client.get(reverse("reports:plan_report", args=[plan.pk]) + "?on=2026-06-30").content.decode()
    assert "1/4 raportoitu" in html
