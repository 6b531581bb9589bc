from datetime import date

from seuranta.core import model as core
from seuranta.core.evaluation import evaluate_plan
from seuranta.core.reports import ReportOptions, build_report, report_for
from tests.core.reports.conftest import ON, gold_plan
from tests.factories import core_plan


def test_report_body_follows_the_plan_tree(pori_report):
    plan = gold_plan("pori-sivistystoimiala-toteutuminen-q1-2023")
    assert [n.title for n in pori_report.nodes] == [n.title for n in plan.nodes]
    assert sum(1 for _ in pori_report.walk()) == sum(1 for _ in plan.walk())
    assert pori_report.nodes[0].children[0].number == "1.1"


def test_summary_counts_every_action_once_per_top_level_item(pori_report):
    plan = gold_plan("pori-sivistystoimiala-toteutuminen-q1-2023")
    leaves = sum(1 for n, _ in plan.walk() if not n.children)
    assert sum(row.total for row in pori_report.summary) == leaves
    assert [row.title for row in pori_report.summary] == [n.title for n in plan.nodes]


def test_off_track_indicators_are_listed_in_the_summary(pori_report):
    flagged = [item for item in pori_report.flagged if item.kind == "indicator"]
    assert flagged and all(item.status_label == "Ei toteudu" for item in flagged)


def test_indicator_rows_show_measures_with_period_and_label(pori_report):
    rows = [row for node in pori_report.walk() for row in node.indicators]
    series = [line for row in rows for line in row.baseline if line.startswith("• ")]
    assert "• kevät 2022 - 56 (2022)" in series


def test_unit_filter_keeps_only_that_units_part_with_its_context():
    plan = gold_plan("pori-sivistystoimiala-toteutuminen-q1-2023")
    report = report_for(plan, ReportOptions(on=ON, unit="Varhaiskasvatus"))
    leaves = [n for n in report.walk() if not n.children]
    assert leaves and all(n.title for n in leaves)
    assert len(leaves) < sum(1 for n, _ in plan.walk() if not n.children)
    assert report.facts()[-2] == ("Rajaus", "Varhaiskasvatus")


def test_fixed_texts_follow_the_language():
    plan = core_plan(1)
    assert report_for(plan, ReportOptions(on=date(2026, 6, 1), lang="sv")).heading == "Uppföljningsrapport"
    assert report_for(plan, ReportOptions(on=date(2026, 6, 1), lang="en")).heading == "Progress report"


def test_annual_report_without_binding_goals_takes_the_goal_level_and_says_so():
    plan = core_plan(2)
    report = report_for(plan, ReportOptions(on=date(2026, 12, 31), variant="annual"))
    items = [item for group in report.annual_groups for item in group.items]
    assert [item.title for item in items] == ["Tavoite 1"]
    assert "Tavoite" in report.annual_note and "sitovia" in report.annual_note


def test_annual_report_takes_only_binding_goals_when_marked():
    plan = core_plan(2)
    plan.nodes[0].children[0].children[1].binding = True
    report = report_for(plan, ReportOptions(on=date(2026, 12, 31), variant="annual"))
    items = [item for group in report.annual_groups for item in group.items]
    assert [item.title for item in items] == ["Toimenpide 2"]
    assert [g.unit for g in report.annual_groups] == ["Konsernipalvelut"]


def test_annual_verdict_comes_from_the_reported_verdict_first():
    plan = core_plan(1)
    goal = plan.nodes[0].children[0]
    goal.binding = True
    goal.progress.append(core.Progress(text="Tavoite saavutettiin.", period="2026", verdict="achieved"))
    report = report_for(plan, ReportOptions(on=date(2026, 12, 31), variant="annual"))
    item = report.annual_groups[0].items[0]
    assert (item.verdict, item.verdict_source, item.verdict_label) == ("achieved", "reported", "Toteutui")


def test_annual_verdict_is_derived_from_the_evaluation_otherwise():
    plan = core_plan(1)
    plan.nodes[0].children[0].binding = True
    report = report_for(plan, ReportOptions(on=date(2026, 12, 31), variant="annual"))
    item = report.annual_groups[0].items[0]
    assert item.verdict_source == "derived"
    assert item.verdict == "partly"  # on track or behind at the year end: partly attained
    assert item.evidence and item.evidence[0].name == "Mittari 1.1"


def test_report_is_built_from_an_existing_evaluation():
    plan = core_plan(1)
    evaluation = evaluate_plan(plan, date(2026, 6, 1))
    report = build_report(plan, evaluation, ReportOptions(on=date(2026, 6, 1)))
    assert report.overall_status == evaluation.status
