import pytest
from django.utils import translation

from seuranta.monitoring.models import ReportingRound
from seuranta.monitoring.templatetags.monitoring_tags import plan_name
from seuranta.plans.models import Plan


@pytest.mark.django_db
def test_the_demo_has_an_open_round_for_the_responsible_user():
    from seuranta.demo import load_demo

    load_demo()
    load_demo()  # idempotent
    reporting_round = ReportingRound.objects.get(state="open")
    assert (reporting_round.title, reporting_round.period, reporting_round.state) == (
        "Q1/2026",
        "2026-Q1",
        "open",
    )
    assert reporting_round.entries.filter(node__responsible_users__username="vastuuhenkilo").count() == 3


@pytest.mark.django_db
def test_every_demo_plan_has_its_real_title():
    from seuranta.demo import DEMO_PLANS, load_demo

    load_demo()
    titles = list(Plan.objects.values_list("title", flat=True))
    assert len(titles) == len(DEMO_PLANS) and all(titles)
    assert "Konsernipalveluiden toiminnalliset tavoitteet 2026" in titles
    assert not any(title.isupper() for title in titles)


@pytest.mark.django_db
def test_the_demo_has_a_closed_round_with_reported_values_so_statuses_have_colour():
    from datetime import date

    from seuranta.core.evaluation import evaluate_plan
    from seuranta.demo import load_demo
    from seuranta.plans.storage import load_core_plan

    load_demo()
    closed = ReportingRound.objects.get(state="closed")
    assert closed.entries.filter(state="submitted").count() == closed.entries.count() > 0
    plan = Plan.objects.get(kind=Plan.Kind.OPERATIONAL_GOALS)
    core_plan = load_core_plan(plan)
    evaluation = evaluate_plan(core_plan, date(2026, 12, 1))
    statuses = {evaluation.indicator(i).status for node in _walk(core_plan.nodes) for i in node.indicators}
    assert statuses - {"no_data", "no_target"}, statuses
    assert len(statuses) >= 2


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def test_an_untitled_plan_is_named_by_its_kind_and_period():
    with translation.override("en"):
        assert (
            plan_name(Plan(title=None, kind=Plan.Kind.OPERATIONAL_GOALS, period="2026"))
            == "Operational goals 2026"
        )
    assert plan_name(Plan(title="Strategia", kind=Plan.Kind.STRATEGY)) == "Strategia"
