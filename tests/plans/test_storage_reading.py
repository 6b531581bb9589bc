"""Reading a stored plan back gives every field the document held, each object's row id as its key,
and a node's part exactly as the whole plan holds that node and its ancestors' line."""

from __future__ import annotations

import copy
import json

import pytest
from django.utils import timezone

from seuranta.core.interchange import load_plan
from seuranta.plans.models import Indicator, Milestone, Node, Plan
from seuranta.plans.storage import load_core_part, load_core_plan, store_plan
from tests.conftest import GOLD_DIR
from tests.plans.test_plan_format_languages import bilingual

pytestmark = pytest.mark.django_db


def rich() -> dict:
    """A document with every kind of content the store keeps: sub-series, qualitative and relative
    targets, actuals, milestones, progress, responsible people, schedules, translations, unknown keys."""
    document = bilingual()
    del document["primary_language"]  # Finnish, the default, reads back unstated
    document |= {"period": "2026–2029", "kind": "strategy", "tolerance": 0.2, "x-city": 609}
    document["state_scale"] = ["Ei", "Valmistelussa", "Valmis"]
    document["sections"] = [{"title": "Johdanto", "text": "Teksti", "x-s": 1}]
    goal = document["nodes"][0]["children"][0]
    goal |= {"unit": "Sivistys", "responsible": ["Rehtori", "Opetuspäällikkö"], "schedule": "2026–2027"}
    goal |= {"binding": True, "phase": "in_progress", "notes": ["Huom"], "x-owner": {"id": 7}}
    goal["indicators"].append(
        {
            "name": "Oppilaat",
            "unit": "kpl",
            "source": "Wilma",
            "description": "Oppilaiden määrä",
            "baseline": {"text": "100 (2024)", "kind": "value", "value": 100, "period": "2024"},
            "baseline_series": [
                {"text": "40 tytöt", "kind": "value", "value": 40, "period": "2024", "label": "tytöt"}
            ],
            "targets": [
                {"text": "-10 % vuoteen 2028", "kind": "change_percent", "value": -10, "period": "2028"},
                {"text": "Ei -> Kyllä", "kind": "state", "value": None, "x-note": "n"},
                {"text": "45", "kind": "value", "value": 45, "period": "2028", "label": "tytöt"},
            ],
            "actuals": [{"text": "98", "kind": "value", "value": 98, "period": "2025"}],
            "x-series": [1, 2],
        }
    )
    goal["milestones"].append({"title": "Valmis", "due": "6/2027", "done": True, "x-m": True})
    goal["progress"].append(
        {"period": "2026-T1", "text": "Hyvä", "phase": "in_progress", "verdict": "partly"}
    )
    document["nodes"].append({"level": "Painopiste", "title": "Toinen", "children": [copy.deepcopy(goal)]})
    return document


def _stored(document: dict) -> Plan:
    return Plan.objects.get(pk=store_plan(load_plan(json.dumps(document))).pk)


def _ids(entry: dict, ids: list) -> None:
    """The ids of a dict exported with ids, in document order, taken out of it."""
    ids.append(entry.pop("id", None))
    for key in ("nodes", "children", "indicators"):
        for child in entry.get(key, []):
            _ids(child, ids)


@pytest.mark.parametrize("name", ["rich", *(p.stem for p in sorted(GOLD_DIR.glob("*.json")))])
def test_a_stored_plan_reads_back_as_its_document_with_each_rows_id(name):
    document = (
        rich() if name == "rich" else json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
    )
    stored = _stored(document)
    read = load_core_plan(stored).to_dict(with_ids=True)
    ids: list = []
    _ids(read, ids)
    assert read == load_plan(json.dumps(document)).to_dict()
    nodes = Node.objects.filter(plan=stored).order_by("pk")
    indicators = Indicator.objects.filter(node__plan=stored).order_by("pk")
    expected = [stored.pk, *sorted(n.pk for n in nodes), *sorted(i.pk for i in indicators)]
    assert sorted(ids) == sorted(expected)


def test_a_link_to_another_plans_goal_and_the_recycle_bin_read_as_the_pages_see_them():
    strategy = _stored(rich())
    Plan.objects.filter(pk=strategy.pk).update(state=Plan.State.PUBLISHED)
    target = Node.objects.get(plan=strategy, title="Lapset")
    programme = _stored(rich())
    linked = Node.objects.get(plan=programme, title="Toinen")
    Node.objects.filter(pk=linked.pk).update(contributes_to=target)
    Indicator.objects.filter(node__plan=programme, name="Oppilaat").update(deleted_at=timezone.now())
    Milestone.objects.filter(node__plan=programme, title="Valmis").update(deleted_at=timezone.now())
    read = load_core_plan(programme).to_dict()
    assert read["nodes"][1]["contributes_to"] == {"plan": "Hyvinvointiohjelma", "goal": "Lapset"}
    goal = read["nodes"][0]["children"][0]
    assert [i["name"] for i in goal["indicators"]] == ["Harrastavien osuus"]
    assert [m["title"] for m in goal["milestones"]] == ["Kysely tehty"]


def _line(entry: dict, key: int, field: str = "nodes") -> dict | None:
    """The plan dict cut to the node `key`, its subtree and its ancestors' line (as a part holds it)."""
    if field == "children" and entry["id"] == key:
        return entry
    for child in entry.get(field, []):
        found = _line(child, key, "children")
        if found is not None:
            return {**entry, field: [found]}
    return None


def test_each_nodes_part_is_the_whole_plans_line_to_it():
    stored = _stored(rich())
    whole = load_core_plan(stored).to_dict(with_ids=True)
    whole["sections"] = []
    for node in Node.objects.filter(plan=stored):
        part = load_core_part(stored, node.pk)
        assert part is not None
        assert part.to_dict(with_ids=True) == _line(whole, node.pk)
