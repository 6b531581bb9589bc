"""Model and form choices are the core vocabulary's, labelled in the active language."""

from django.utils import translation

from seuranta.core.vocabulary import MeasureKind, Phase, PlanKind, Verdict
from seuranta.monitoring.forms import PHASE_CHOICES, VERDICT_CHOICES
from seuranta.plans.models import Measure, Node, Plan, ProgressEntry


def test_model_choices_are_the_vocabulary():
    assert [v for v, _ in Node.Phase.choices] == list(Phase.values())
    assert [v for v, _ in ProgressEntry.Verdict.choices] == list(Verdict.values())
    assert [v for v, _ in Measure.Kind.choices] == list(MeasureKind.values())
    assert [v for v, _ in Plan.Kind.choices] == list(PlanKind.values())
    assert Node.Phase.DONE == Phase.DONE == "done"


def test_labels_follow_the_active_language():
    with translation.override("fi"):
        assert str(Node.Phase.IN_PROGRESS.label) == "käynnissä"
        assert [str(label) for _, label in VERDICT_CHOICES[1:]][0] == "Toteutui"
    with translation.override("sv"):
        assert str(dict(PHASE_CHOICES)["delayed"]) == "försenad"
    with translation.override("en"):
        assert str(Plan.Kind.SERVICE_PLAN.label) == "service plan"


def test_without_an_active_language_labels_are_english():
    with translation.override(None):
        assert str(ProgressEntry.Verdict.NOT_ASSESSABLE.label) == "Cannot be assessed"
