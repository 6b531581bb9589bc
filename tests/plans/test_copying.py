"""Next year's plan from this year's (seuranta.plans.copying)."""

from __future__ import annotations

import pytest

from seuranta.plans.copying import copy_plan
from seuranta.plans.models import Measure, Node, OrganizationUnit, Plan, ProgressEntry
from seuranta.plans.storage import load_core_plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def reported_plan(personas) -> Plan:
    plan = make_plan(3)
    action = Node.objects.filter(plan=plan, level="Toimenpide").first()
    indicator = action.indicators.first()
    Measure.objects.create(indicator=indicator, role=Measure.Role.ACTUAL, text="15", kind="value", value=15)
    ProgressEntry.objects.create(node=action, text="Edennyt hyvin", period="2026-Q1")
    Node.objects.filter(pk=action.pk).update(phase=Node.Phase.IN_PROGRESS)
    action.milestones.update(done=True)
    action.responsible_users.add(personas.responsible)
    return plan


def shape(plan: Plan) -> list:
    return [
        (node.level, node.title, [(i.name, i.baseline, i.targets) for i in node.indicators])
        for node, _ in load_core_plan(plan).walk()
    ]


def test_the_copy_has_the_same_tree_and_targets(personas):
    plan = reported_plan(personas)
    copy = copy_plan(plan, title="Suunnitelma 2027", period="2027")
    assert shape(copy) == shape(plan)


def test_the_copy_has_no_reported_values(personas):
    copy = copy_plan(reported_plan(personas), title="Suunnitelma 2027", period="2027")
    assert not Measure.objects.filter(indicator__node__plan=copy, role=Measure.Role.ACTUAL).exists()
    assert not ProgressEntry.objects.filter(node__plan=copy).exists()
    assert set(Node.objects.filter(plan=copy).values_list("phase", flat=True)) == {""}
    assert not copy.nodes.filter(milestones__done=True).exists()


def test_the_copy_is_a_draft_with_the_new_title_and_period(personas):
    copy = copy_plan(reported_plan(personas), title="Suunnitelma 2027", period="2027")
    copy.refresh_from_db()
    assert (copy.state, copy.title, copy.period, copy.start_year) == (
        Plan.State.DRAFT,
        "Suunnitelma 2027",
        "2027",
        2027,
    )


def test_the_copy_keeps_responsible_people_units_and_links(personas):
    plan = reported_plan(personas)
    other = make_plan(1, title="Kaupunkistrategia")
    goal = Node.objects.get(plan=other, level="Tavoite")
    unit = OrganizationUnit.objects.create(organization=plan.organization, name="Hallinto")
    Node.objects.filter(plan=plan, level="Tavoite").update(contributes_to=goal, org_unit=unit)
    Plan.objects.filter(pk=plan.pk).update(supports=other)
    plan.refresh_from_db()
    copy = copy_plan(plan, title="2027", period="2027")
    copied_goal = Node.objects.get(plan=copy, level="Tavoite")
    assert (copied_goal.contributes_to, copied_goal.org_unit) == (goal, unit)
    assert Node.objects.filter(plan=copy, responsible_users=personas.responsible).count() == 1
    assert Plan.objects.get(pk=copy.pk).supports == other


def test_the_original_is_left_as_it_was(personas):
    plan = reported_plan(personas)
    before = load_core_plan(plan).to_dict()
    copy_plan(plan, title="2027", period="2027")
    assert load_core_plan(plan).to_dict() == before


def test_the_copy_creates_no_unit_from_the_names_as_written(personas):
    """The actions write "Konsernipalvelut" but were given the unit "Hallinto": the copy keeps that and adds no unit."""
    plan = reported_plan(personas)
    unit = OrganizationUnit.objects.create(organization=plan.organization, name="Hallinto")
    Node.objects.filter(plan=plan, unit_name="Konsernipalvelut").update(org_unit=unit)
    copy = copy_plan(plan, title="2027", period="2027")
    assert list(OrganizationUnit.objects.values_list("name", flat=True)) == ["Hallinto"]
    copied = Node.objects.filter(plan=copy, unit_name="Konsernipalvelut")
    assert copied.count() == 3 and set(copied.values_list("org_unit", flat=True)) == {unit.pk}
