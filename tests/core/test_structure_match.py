"""Matching a translated document's nodes to a plan's by structure (seuranta.core.structure_match).

The titles on the two sides share no words on purpose: what the matcher may use is the tree, the
positions, numberings, numbers and counts, never the meaning of a word.
"""

from __future__ import annotations

from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan, Progress
from seuranta.core.structure_match import MIN_CONFIDENCE, match_translation, numbering


def indicator(name: str, baseline: float | None = None, target: float | None = None) -> Indicator:
    return Indicator(
        name=name,
        baseline=Measure(text=str(baseline), kind="value", value=baseline, period="2025")
        if baseline
        else None,
        targets=[Measure(text=str(target), kind="value", value=target, period="2028")] if target else [],
    )


def node(level: str, title: str, children=(), indicators=(), milestones=(), progress=()) -> Node:
    return Node(
        level=level,
        title=title,
        children=list(children),
        indicators=list(indicators),
        milestones=list(milestones),
        progress=list(progress),
    )


def finnish() -> Plan:
    """Three focus areas of different shapes: 2 goals, 1 goal with 3 actions, 3 goals."""
    return Plan(
        title="Hyvinvointiohjelma",
        levels=["Painopiste", "Tavoite", "Toimenpide"],
        nodes=[
            node(
                "Painopiste",
                "Lapset",
                [
                    node("Tavoite", "Harrastus", indicators=[indicator("Osuus", 60, 75)]),
                    node("Tavoite", "Koulu", indicators=[indicator("Kiusaaminen", 12, 8)]),
                ],
            ),
            node(
                "Painopiste",
                "Ikäihmiset",
                [node("Tavoite", "Koti", [node("Toimenpide", f"Teko {i}") for i in range(3)])],
            ),
            node("Painopiste", "Ympäristö", [node("Tavoite", t) for t in ("Ilma", "Vesi", "Maa")]),
        ],
    )


def swedish(order=(0, 1, 2), extra: Node | None = None, drop: int | None = None) -> Plan:
    """The same plan written in Swedish (synthetic: by structure, for the mechanism)."""
    areas = [
        node(
            "Fokusområde",
            "Barn",
            [
                node("Mål", "Hobby", indicators=[indicator("Andel", 60, 75)]),
                node("Mål", "Skola", indicators=[indicator("Mobbning", 12, 8)]),
            ],
        ),
        node("Fokusområde", "Äldre", [node("Mål", "Hem", [node("Åtgärd", f"Insats {i}") for i in range(3)])]),
        node("Fokusområde", "Miljö", [node("Mål", t) for t in ("Luft", "Vatten", "Mark")]),
    ]
    nodes = [areas[i] for i in order if i != drop]
    if extra is not None:
        nodes.insert(1, extra)
    return Plan(title="Välfärdsprogram", levels=["Fokusområde", "Mål", "Åtgärd"], nodes=nodes)


def pairs(result) -> dict[str, str | None]:
    return {m.parsed: m.existing for m in result.nodes}


def test_the_same_structure_matches_every_node_confidently():
    result = match_translation(finnish(), swedish())
    assert pairs(result) == {
        "0": "0", "0.0": "0.0", "0.1": "0.1", "1": "1", "1.0": "1.0",
        "1.0.0": "1.0.0", "1.0.1": "1.0.1", "1.0.2": "1.0.2",
        "2": "2", "2.0": "2.0", "2.1": "2.1", "2.2": "2.2",
    }  # fmt: skip
    assert result.unmatched_existing == [] and result.unmatched_parsed == []
    assert min(m.confidence for m in result.nodes[:2]) >= 0.9


def test_reordered_siblings_are_matched_by_their_shape_not_their_place():
    result = match_translation(finnish(), swedish(order=(2, 0, 1)))
    # Swedish "Miljö" (3 goals) comes first, "Barn" (2 goals with indicators) second.
    assert pairs(result)["0"] == "2"
    assert pairs(result)["1"] == "0"
    assert pairs(result)["2"] == "1"
    assert pairs(result)["1.1"] == "0.1"  # the children follow their parents


def test_siblings_with_the_same_shape_are_told_apart_by_their_numbers():
    # "Koulu" and "Harrastus" have one indicator each; the indicators' values tell which is which.
    plan = swedish()
    plan.nodes[0].children.reverse()
    result = match_translation(finnish(), plan)
    assert pairs(result)["0.0"] == "0.1" and pairs(result)["0.1"] == "0.0"


def test_a_numbering_outweighs_the_position():
    existing = Plan(levels=["Tavoite"], nodes=[node("Tavoite", f"{i}. Tavoite") for i in (1, 2, 3)])
    parsed = Plan(levels=["Mål"], nodes=[node("Mål", f"{i}. Mål") for i in (3, 1, 2)])
    assert pairs(match_translation(existing, parsed)) == {"0": "2", "1": "0", "2": "1"}


def test_a_node_missing_from_the_translation_is_left_unmatched_on_the_plan_side():
    result = match_translation(finnish(), swedish(drop=1))
    assert pairs(result)["0"] == "0" and pairs(result)["1"] == "2"
    assert result.unmatched_existing == ["1", "1.0", "1.0.0", "1.0.1", "1.0.2"]


def test_an_extra_node_in_the_translation_is_listed_not_matched():
    extra = node("Fokusområde", "Kultur", [node("Mål", "Musik", indicators=[indicator("Besök", 900, 1200)])])
    result = match_translation(finnish(), swedish(extra=extra))
    assert pairs(result)["1"] is None and pairs(result)["1.0"] is None
    assert result.unmatched_parsed == ["1", "1.0"]
    assert pairs(result)["0"] == "0" and pairs(result)["2"] == "1" and pairs(result)["3"] == "2"


def test_a_reviewers_pin_overrides_the_match_and_its_children_follow():
    result = match_translation(finnish(), swedish(), pins={"0": "2", "2": None})
    assert pairs(result)["0"] == "2" and pairs(result)["2"] is None
    assert result.nodes[0].pinned and result.nodes[0].confidence == 1.0
    # Under the pin, the first Swedish goal takes the first goal of "Ympäristö".
    assert pairs(result)["0.0"] == "2.0"
    # Nothing else takes the pinned target; "Lapset" is left for none.
    assert "0" in result.unmatched_existing


def test_a_pin_to_a_node_that_does_not_exist_is_ignored():
    result = match_translation(finnish(), swedish(), pins={"0": "9.9"})
    assert pairs(result)["0"] == "0" and not result.nodes[0].pinned


def test_indicators_are_matched_by_their_values_when_reordered():
    existing = Plan(
        levels=["Tavoite"],
        nodes=[node("Tavoite", "T", indicators=[indicator("A", 10, 20), indicator("B", 300, 250)])],
    )
    parsed = Plan(
        levels=["Mål"],
        nodes=[node("Mål", "M", indicators=[indicator("Y", 300, 250), indicator("X", 10, 20)])],
    )
    items = match_translation(existing, parsed).nodes[0].indicators
    assert [(i.parsed, i.existing) for i in items] == [(0, 1), (1, 0)]
    assert all(i.confidence > 0.8 for i in items)


def test_milestones_and_progress_are_matched_by_due_and_period():
    existing = node(
        "Tavoite",
        "T",
        milestones=[Milestone("Alku", due="kevät 2026"), Milestone("Loppu", due="syksy 2027")],
        progress=[Progress("Q1", period="2026-Q1"), Progress("Q2", period="2026-Q2")],
    )
    parsed = node(
        "Mål",
        "M",
        milestones=[Milestone("Slut", due="hösten 2027"), Milestone("Start", due="våren 2026")],
        progress=[Progress("K2", period="2026-Q2")],
    )
    match = match_translation(
        Plan(levels=["Tavoite"], nodes=[existing]), Plan(levels=["Mål"], nodes=[parsed])
    )
    assert [(i.parsed, i.existing) for i in match.nodes[0].milestones] == [(0, 1), (1, 0)]
    assert [(i.parsed, i.existing) for i in match.nodes[0].progress] == [(0, 1)]


def test_nothing_alike_is_not_matched():
    existing = Plan(levels=["Tavoite"], nodes=[node("Tavoite", "T", [node("Tavoite", "a")] * 4)])
    parsed = Plan(levels=["Mål"], nodes=[node("Mål", "2. Mål 2031", indicators=[indicator("x", 5, 7)] * 3)])
    result = match_translation(existing, parsed)
    assert result.nodes[0].existing is None and result.unmatched_existing[0] == "0"


def test_siblings_told_apart_by_their_place_alone_are_not_certain():
    result = match_translation(finnish(), swedish())
    leaves = [m for m in result.nodes if m.parsed.startswith("2.")]
    assert all(m.existing == m.parsed for m in leaves)
    assert all(MIN_CONFIDENCE <= m.confidence < 0.9 for m in leaves)


def test_level_names_come_from_the_matched_nodes():
    assert match_translation(finnish(), swedish()).level_names == ["Fokusområde", "Mål", "Åtgärd"]
    # A level no node was matched on has no name.
    assert match_translation(finnish(), swedish(drop=1)).level_names == ["Fokusområde", "Mål", None]


def test_the_plans_own_level_name_is_not_taken_for_a_translation():
    parsed = swedish()
    parsed.levels = ["Painopiste", "Mål", "Åtgärd"]
    for area in parsed.nodes:
        area.level = "Painopiste"  # as an importer names a level it had to guess
    assert match_translation(finnish(), parsed).level_names == [None, "Mål", "Åtgärd"]


def test_numbering_reads_the_start_of_a_title_and_not_a_year():
    assert numbering("1.2 Hyvinvointi") == (1, 2)
    assert numbering("3) Mål") == (3,)
    assert numbering("2026 mennessä") is None
    assert numbering("Ilman numeroa") is None
