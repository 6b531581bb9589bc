"""A node's part of a plan evaluates as the whole plan does for that node and everything below it."""

from __future__ import annotations

from datetime import date

import pytest

from seuranta.core.evaluation import evaluate_plan
from seuranta.plans.models import Indicator, Measure, Node
from seuranta.plans.storage import load_core_part, load_core_plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 1)


def _results(core_plan, evaluation, key: int) -> list[tuple]:
    """The node's and its descendants' statuses and reasons, and their indicators'; the ancestors' titles."""
    node, ancestors = next((n, up) for n, up in core_plan.walk() if n.key == key)
    found = [tuple(a.title for a in ancestors)]
    todo = [node]
    while todo:
        here = todo.pop(0)
        result = evaluation.node(here)
        found.append((here.key, result.status, str(result.reason)))
        found += [
            (i.key, evaluation.indicator(i).status, str(evaluation.indicator(i).reason))
            for i in here.indicators
        ]
        todo += here.children
    return found


def test_every_nodes_part_evaluates_as_the_whole_plan():
    plan = make_plan(6, indicators_per_action=2)
    for n, indicator in enumerate(Indicator.objects.filter(node__plan=plan).order_by("pk")):
        Measure.objects.create(
            indicator=indicator, role="actual", text=str(n * 7), value=n * 7, period="2026"
        )
    whole = load_core_plan(plan)
    evaluation = evaluate_plan(whole, ON)
    for node in Node.objects.filter(plan=plan):
        part = load_core_part(plan, node.pk)
        assert _results(part, evaluate_plan(part, ON), node.pk) == _results(whole, evaluation, node.pk)


def test_a_part_holds_only_the_node_its_descendants_and_ancestors():
    plan = make_plan(4, indicators_per_action=1)
    action = Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").last()
    part = load_core_part(plan, action.pk)
    keys = [node.key for node, _ancestors in part.walk()]
    expected = [action.pk]
    parent = action.parent
    while parent is not None:
        expected.insert(0, parent.pk)
        parent = parent.parent
    assert keys == expected
    shown = next(node for node, _ancestors in part.walk() if node.key == action.pk)
    assert [i.key for i in shown.indicators] == list(
        Indicator.objects.filter(node=action).order_by("order", "id").values_list("pk", flat=True)
    )


def test_a_node_of_another_plan_has_no_part_in_this_one():
    plan, other = make_plan(1), make_plan(1)
    assert load_core_part(plan, Node.objects.filter(plan=other).first().pk) is None


def test_reading_a_part_takes_the_same_queries_for_small_and_large_plans(django_assert_max_num_queries):
    for actions in (2, 60):
        plan = make_plan(actions, indicators_per_action=3)
        action = Node.objects.filter(plan=plan, children__isnull=True).order_by("order", "id").first()
        with django_assert_max_num_queries(8):
            load_core_part(plan, action.pk)
