"""An evaluated plan survives a pickle (the plan cache keeps it so): the same findings and sentences.

The sentences are written when first asked for, from the indicator and the evaluation's settings;
a pickle holds them written, and nothing of what they were written from.
"""

import pickle
from datetime import date

from seuranta.core.evaluation import evaluate_plan
from seuranta.core.model import Indicator, Measure, Node, Plan

ON = date(2025, 12, 31)


def _value(text, period, label=None, kind="value"):
    number = float(text.replace(",", ".")) if kind in ("value", "min", "max") else None
    return Measure(text=text, kind=kind, value=number, period=period, label=label)


def _plan():
    one_series = Indicator(
        name="Asukastyytyväisyys",
        unit="%",
        baseline=_value("3,5", "2023"),
        targets=[_value("4,1", "2026")],
        actuals=[_value("3,9", "2025")],
    )
    seasons = Indicator(
        name="Osallistumisaste",
        unit="%",
        baseline_series=[_value("60", "2023", "kevät"), _value("58,5", "2023", "syksy")],
        targets=[_value("70", "2026", "kevät"), _value("75", "2026", "syksy")],
        actuals=[_value("62", "kevät 2025"), _value("57,25", "syksy 2025")],
    )
    waiting = Indicator(name="Uusi mittari", targets=[_value("10", "2027")])
    action = Node(
        level="Toimenpide", title="Toimenpide", schedule="2024–2027", indicators=[one_series, seasons]
    )
    other = Node(level="Toimenpide", title="Toinen", phase="in_progress", indicators=[waiting])
    goal = Node(level="Tavoite", title="Tavoite", children=[action, other])
    return Plan(title="Suunnitelma", period="2023–2028", levels=["Tavoite", "Toimenpide"], nodes=[goal])


def _sentences(plan, evaluation):
    said = []
    for node, _up in plan.walk():
        said.append(evaluation.node(node).reason)
        for indicator in node.indicators:
            judged = evaluation.indicator(indicator)
            said.append(judged.reason)
            said.extend(series.reason for series in judged.series)
    return said


def test_a_pickled_evaluation_says_what_the_evaluation_said():
    plan = _plan()
    before = evaluate_plan(plan, ON, "sv")
    after = pickle.loads(pickle.dumps(before))
    assert _sentences(after.plan, after) == _sentences(plan, evaluate_plan(plan, ON, "sv"))
    for node, _up in after.plan.walk():
        for indicator in node.indicators:
            assert after.indicator(indicator).series  # the findings came along, series by series


def test_a_pickled_series_keeps_its_sentence_but_not_the_indicator():
    plan = _plan()
    seasons = plan.nodes[0].children[0].indicators[1]
    judged = evaluate_plan(plan, ON, "fi").indicator(seasons)
    assert [s.label for s in judged.series] == ["kevät", "syksy"]
    autumn = pickle.loads(pickle.dumps(judged.series[1]))
    assert autumn.source is None
    assert autumn.reason == judged.series[1].reason
    assert "57,25" in autumn.reason  # the sub-series' own decimals
