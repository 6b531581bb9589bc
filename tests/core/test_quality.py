"""The plan quality check (seuranta.core.quality): one finding kind per test."""

from __future__ import annotations

from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan
from seuranta.core.quality import check_plan, target_is_evaluable

LEVELS = ["Painopiste", "Tavoite", "Toimenpide"]


def good_indicator(name="Mittari", target="vähintään 20") -> Indicator:
    return Indicator(name=name, baseline=Measure(text="10"), targets=[Measure(text=target)])


def action(title="Toimenpide", **fields) -> Node:
    fields.setdefault("indicators", [good_indicator()])
    fields.setdefault("responsible", ["johtaja"])
    return Node(level="Toimenpide", title=title, **fields)


def plan_with(*goals: Node) -> Plan:
    return Plan(
        title="S", levels=LEVELS, nodes=[Node(level="Painopiste", title="Alue", children=list(goals))]
    )


def goal(*children: Node, **fields) -> Node:
    fields.setdefault("indicators", [good_indicator()])
    fields.setdefault("unit", "Sivistystoimiala")
    return Node(level="Tavoite", title="Tavoite", children=list(children), **fields)


def codes(plan: Plan, **kwargs) -> list[str]:
    return [f.code for f in check_plan(plan, **kwargs)]


def test_a_complete_plan_has_no_findings():
    assert codes(plan_with(goal(action()))) == []


def test_a_goal_without_an_indicator_is_found():
    assert codes(plan_with(goal(action(), indicators=[]))) == ["no_indicator"]


def test_an_action_followed_by_milestones_needs_no_indicator():
    followed = action(indicators=[], milestones=[Milestone(title="Valmis", due="2026")])
    assert codes(plan_with(goal(followed))) == []


def test_an_indicator_without_a_baseline_is_found():
    bare = Indicator(name="M", targets=[Measure(text="20")])
    assert codes(plan_with(goal(action(indicators=[bare])))) == ["no_baseline"]


def test_an_indicator_without_a_target_is_found():
    bare = Indicator(name="M", baseline=Measure(text="20"))
    assert codes(plan_with(goal(action(indicators=[bare])))) == ["no_target"]


def test_a_target_that_is_only_a_period_cannot_be_evaluated():
    vague = good_indicator(target="vrt. 2024")
    findings = check_plan(plan_with(goal(action(indicators=[vague]))))
    assert [(f.code, f.target) for f in findings] == [("target_not_evaluable", "vrt. 2024")]


def test_numbers_bounds_changes_and_states_are_evaluable():
    for text in ("8 860 pv", "vähintään 3", "-10 %", "Valmis"):
        assert target_is_evaluable(text), text


def test_more_than_five_goals_under_a_focus_area_is_found():
    findings = check_plan(plan_with(*[goal(action()) for _ in range(6)]))
    assert [(f.code, f.count) for f in findings] == [("too_many_goals", 6)]


def test_five_goals_under_a_focus_area_are_fine():
    assert codes(plan_with(*[goal(action()) for _ in range(5)])) == []


def test_a_two_level_plan_has_no_focus_areas_to_count():
    goals = [Node(level="Tavoite", title=f"T{i}", unit="U", indicators=[good_indicator()]) for i in range(7)]
    assert codes(Plan(levels=["Tavoite", "Toimenpide"], nodes=goals)) == []


def test_a_node_without_responsible_unit_or_person_is_found():
    assert codes(plan_with(goal(action(responsible=[])))) == ["no_responsible"]


def test_a_responsible_person_chosen_outside_the_document_counts():
    orphan = action(responsible=[])
    orphan.key = 7
    assert codes(plan_with(goal(orphan)), assigned={7}) == []


def test_findings_name_the_node_and_indicator_to_fix():
    bare = Indicator(name="M", baseline=Measure(text="1"), key=11)
    node = action(indicators=[bare])
    node.key = 5
    (finding,) = check_plan(plan_with(goal(node)))
    assert (finding.node_key, finding.indicator_key, finding.fix_indicator) == (5, 11, True)


def test_messages_are_in_finnish_swedish_and_english():
    (finding,) = check_plan(plan_with(goal(action(), indicators=[])))
    texts = {lang: finding.message(lang) for lang in ("fi", "sv", "en")}
    assert "mittaria" in texts["fi"] and "indikator" in texts["sv"] and "indicator" in texts["en"]


def _swedish_plan(*goals: Node, **texts) -> Plan:
    plan = plan_with(*goals)
    plan.required_languages = ["sv"]
    plan.translations = {"sv": {"title": "S", "level_names": ["F", "M", "Å"], **texts}}
    plan.nodes[0].translations = {"sv": {"title": "Område"}}
    return plan


def test_a_text_missing_in_a_required_language_is_a_finding_per_language():
    plan = _swedish_plan(goal(action(), translations={"sv": {"title": "Mål"}}))
    findings = [f for f in check_plan(plan) if f.code.startswith("missing_translation")]
    assert [(f.code, f.node_title, f.language) for f in findings] == [
        ("missing_translation_indicator", "Tavoite", "sv"),
        ("missing_translation", "Toimenpide", "sv"),
        ("missing_translation_indicator", "Toimenpide", "sv"),
    ]
    assert findings[1].message("fi") == "“Toimenpide”: ruotsinkielinen teksti puuttuu."
    assert findings[1].message("sv") == "“Toimenpide”: svenska texten saknas."


def test_a_missing_milestone_translation_and_the_plans_own_texts_are_findings():
    plan = _swedish_plan(goal(action(milestones=[Milestone(title="Valmis")])))
    plan.translations = {}
    codes = {f.code for f in check_plan(plan)}
    assert {"missing_translation_plan", "missing_translation_milestone"} <= codes


def test_a_plan_without_required_languages_has_no_translation_findings():
    plan = plan_with(goal(action()))
    assert not [f for f in check_plan(plan) if f.code.startswith("missing_translation")]


def test_an_empty_description_needs_no_translation():
    node = action(description="", translations={"sv": {"title": "Åtgärd"}})
    node.indicators[0].translations = {"sv": {"name": "Mätare"}}
    plan = _swedish_plan(goal(node, translations={"sv": {"title": "Mål"}}))
    plan.nodes[0].children[0].indicators[0].translations = {"sv": {"name": "Mätare"}}
    assert not [f for f in check_plan(plan) if f.code.startswith("missing_translation")]
