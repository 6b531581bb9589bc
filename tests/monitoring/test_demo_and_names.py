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
    reporting_round = ReportingRound.objects.get()
    assert (reporting_round.title, reporting_round.period, reporting_round.state) == (
        "Q1/2026",
        "2026-Q1",
        "open",
    )
    assert reporting_round.entries.filter(node__responsible_users__username="vastuuhenkilo").count() == 3


def test_an_untitled_plan_is_named_by_its_kind_and_period():
    with translation.override("en"):
        assert (
            plan_name(Plan(title=None, kind=Plan.Kind.OPERATIONAL_GOALS, period="2026"))
            == "Operational goals 2026"
        )
    assert plan_name(Plan(title="Strategia", kind=Plan.Kind.STRATEGY)) == "Strategia"
