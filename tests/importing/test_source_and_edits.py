"""The pure parts of the review: tracing lines to items, what a re-reading changed, item edits."""

import pytest

from seuranta.core.parsing.document import Paragraph, Table
from seuranta.importing.edits import EditRefused, edit, reanchored
from seuranta.importing.source import derive_trace, link_items, plan_changes


def node(title, level="Tavoite", children=(), indicators=()):
    return {
        "level": level,
        "title": title,
        "children": list(children),
        "indicators": list(indicators),
        "milestones": [],
        "progress": [],
        "responsible": [],
    }


def measure(text):
    return {"text": text, "kind": "value", "value": float(text.split()[0].replace(",", "."))}


def plan(*nodes):
    return {"title": "T", "levels": ["Tavoite", "Toimenpide"], "nodes": list(nodes)}


def test_items_are_linked_to_their_lines_in_document_order_when_titles_repeat():
    trace = [
        {"source": 0, "text": "1. Asukkaat", "role": "node"},
        {"source": 3, "text": "Kehittäminen", "role": "node"},
        {"source": 7, "text": "2. Yritykset", "role": "node"},
        {"source": 9, "text": "Kehittäminen", "role": "node"},
    ]
    the_plan = plan(
        node("Asukkaat", children=[node("Kehittäminen", "Toimenpide")]),
        node("Yritykset", children=[node("Kehittäminen", "Toimenpide")]),
    )
    nodes, _ = link_items(the_plan, trace)
    assert nodes == {"0": 0, "0.0": 3, "1": 7, "1.0": 9}


def test_a_derived_trace_marks_what_the_plan_does_not_hold_as_not_imported():
    units = [
        Paragraph("Liikkuminen lisääntyy"),
        Paragraph("Sivu 2"),
        Paragraph("Lähtötaso: 38 %"),
        Table([["Mittari", "2024"], ["Liikkuvien osuus", "38"]]),
    ]
    the_plan = plan(
        node(
            "Liikkuminen lisääntyy",
            indicators=[
                {"name": "Liikkuvien osuus", "baseline": {"text": "38 %"}, "targets": [], "actuals": []}
            ],
        )
    )
    roles = [entry["role"] for entry in derive_trace(units, the_plan)]
    assert roles == ["node", "ignore", "baseline", "table"]


def test_a_rereading_lists_items_and_indicators_added_removed_and_changed():
    old = plan(
        node("A", indicators=[{"name": "M", "baseline": None, "targets": [], "actuals": []}]), node("B")
    )
    new = plan(
        node(
            "A",
            "Painopiste",
            indicators=[{"name": "M", "baseline": None, "targets": [], "actuals": [measure("12 (2025)")]}],
        ),
        node("C"),
    )
    kinds = {(change["kind"], change["title"]) for change in plan_changes(old, new)}
    assert kinds == {
        ("node_level", "A"),
        ("indicator_changed", "M"),
        ("node_added", "C"),
        ("node_removed", "B"),
    }


@pytest.mark.parametrize(
    ("address", "operation", "value"),
    [
        ("0", "merge", ""),
        ("0", "indent", ""),
        ("0", "outdent", ""),
        ("1", "split", "Yksi rivi"),
        ("1", "level", " "),
    ],
)
def test_edits_that_do_not_apply_are_refused(address, operation, value):
    with pytest.raises(EditRefused):
        edit(plan(node("A"), node("B")), address, operation, value)


def test_an_indented_item_takes_the_level_below_its_new_parent():
    the_plan = plan(node("A"), node("B"))
    edit(the_plan, "1", "indent")
    assert the_plan["nodes"][0]["children"][0] == {**node("B"), "level": "Toimenpide"}


def test_a_split_makes_siblings_of_the_same_level():
    the_plan = plan(node("A ja B"))
    edit(the_plan, "0", "split", "A\nB")
    assert [(n["title"], n["level"]) for n in the_plan["nodes"]] == [("A", "Tavoite"), ("B", "Tavoite")]


def test_a_warning_about_a_deleted_item_moves_to_the_whole_document():
    the_plan = plan(node("A"), node("B"))
    warnings = [{"node": "0"}, {"node": "1"}]
    reanchored(the_plan, warnings, lambda: edit(the_plan, "0", "delete"))
    assert warnings == [{"node": ""}, {"node": "0"}]


def large_plan_document(goals: int) -> tuple[list, dict]:
    """A generated plan of `goals` goals (a 300-goal one is a few hundred pages) and its parsed plan."""
    units, nodes = [], []
    for g in range(goals):
        units += [
            Paragraph(f"{g}. Painopiste numero {g} kehittyy"),
            Paragraph(f"Palvelut paranevat alueella {g}"),
            Table([["Mittari", "2024"], [f"Asiakastyytyväisyys {g} (%)", "70"]]),
        ]
        units += [
            Paragraph(f"Kuvausteksti {g}-{k} jossa kerrotaan taustasta ja syistä pitkästi.")
            for k in range(10)
        ]
        nodes.append(
            node(
                f"Painopiste numero {g} kehittyy",
                children=[
                    node(
                        f"Palvelut paranevat alueella {g}",
                        "Toimenpide",
                        indicators=[
                            {
                                "name": f"Asiakastyytyväisyys {g} (%)",
                                "baseline": None,
                                "targets": [],
                                "actuals": [],
                            }
                        ],
                    )
                ],
            )
        )
    return units, plan(*nodes)


def test_tracing_and_linking_a_large_document_stays_fast():
    import time

    units, the_plan = large_plan_document(300)
    started = time.perf_counter()
    trace = derive_trace(units, the_plan)
    nodes, indicators = link_items(the_plan, trace)
    assert time.perf_counter() - started < 5  # about 0.5 s here; quadratic matching took over 10 s
    assert len(nodes) == 600 and len(indicators) == 300
