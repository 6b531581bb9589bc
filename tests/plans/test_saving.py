"""The one way to save a plan's content: `save_with_version` and its history records."""

import pytest

from seuranta.plans.models import ChangeRecord, Milestone, Node, Plan, Section
from seuranta.plans.saving import Conflict, create_recorded, delete_recorded, save_with_version
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def action(plan) -> Node:
    return Node.objects.filter(plan=plan, level="Toimenpide").order_by("order").first()


def node_history(node) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(object_type="node", object_id=node.pk).order_by("id"))


def test_of_two_saves_from_the_same_version_the_second_gets_the_conflict(personas):
    node = action(make_plan(1))
    mine, theirs = Node.objects.get(pk=node.pk), Node.objects.get(pk=node.pk)
    save_with_version(mine, 1, {"title": "Ensimmäinen"}, personas.admin)
    with pytest.raises(Conflict):
        save_with_version(theirs, 1, {"title": "Toinen"}, personas.coordinator)


def test_the_conflict_carries_the_winners_row(personas):
    node = action(make_plan(1))
    save_with_version(Node.objects.get(pk=node.pk), 1, {"title": "Ensimmäinen"}, personas.admin)
    with pytest.raises(Conflict) as caught:
        save_with_version(node, 1, {"title": "Toinen"}, personas.coordinator)
    assert (caught.value.current.title, caught.value.current.version) == ("Ensimmäinen", 2)


def test_the_losing_save_writes_nothing(personas):
    node = action(make_plan(1))
    save_with_version(Node.objects.get(pk=node.pk), 1, {"title": "Ensimmäinen"}, personas.admin)
    with pytest.raises(Conflict):
        save_with_version(node, 1, {"title": "Toinen", "schedule": "2030"}, personas.coordinator)
    stored = Node.objects.get(pk=node.pk)
    assert (stored.title, stored.schedule, stored.version) == ("Ensimmäinen", "2026", 2)
    assert [r.user for r in node_history(node)] == [personas.admin]


def test_the_losing_save_succeeds_from_the_version_the_conflict_showed(personas):
    node = action(make_plan(1))
    save_with_version(Node.objects.get(pk=node.pk), 1, {"title": "Ensimmäinen"}, personas.admin)
    with pytest.raises(Conflict) as caught:
        save_with_version(node, 1, {"title": "Toinen"}, personas.coordinator)
    save_with_version(node, caught.value.current.version, {"title": "Toinen"}, personas.coordinator)
    assert Node.objects.get(pk=node.pk).title == "Toinen"


def test_a_save_writes_one_change_record_with_before_and_after(personas):
    node = action(make_plan(1))
    save_with_version(node, 1, {"title": "Uusi", "level": node.level}, personas.admin)
    (change,) = node_history(node)
    assert (change.action, change.user, change.node_id) == ("changed", personas.admin, node.pk)
    assert change.changes == {"title": ["Toimenpide 1", "Uusi"]}  # the unchanged level is not listed


def test_a_save_that_changes_nothing_writes_no_record_but_moves_the_version_on(personas):
    node = action(make_plan(1))
    save_with_version(node, 1, {"title": node.title}, personas.admin)
    assert node_history(node) == [] and Node.objects.get(pk=node.pk).version == 2


def test_the_record_and_the_change_are_written_together_or_not_at_all(personas, monkeypatch):
    node = action(make_plan(1))

    def failing_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ChangeRecord, "save", failing_save)
    with pytest.raises(RuntimeError):
        save_with_version(node, 1, {"title": "Uusi"}, personas.admin)
    assert (Node.objects.get(pk=node.pk).title, Node.objects.get(pk=node.pk).version) == ("Toimenpide 1", 1)


def test_a_row_deleted_meanwhile_is_a_conflict_without_a_current_row(personas):
    node = action(make_plan(1))
    Node.objects.filter(pk=node.pk).delete()
    with pytest.raises(Conflict) as caught:
        save_with_version(node, 1, {"title": "Uusi"}, personas.admin)
    assert caught.value.current is None


def test_a_missing_version_is_a_conflict(personas):
    node = action(make_plan(1))
    with pytest.raises(Conflict):
        save_with_version(node, None, {"title": "Uusi"}, personas.admin)
    assert Node.objects.get(pk=node.pk).title == "Toimenpide 1"


def test_the_saved_object_is_brought_up_to_date(personas):
    node = action(make_plan(1))
    save_with_version(node, 1, {"schedule": "kevät 2027"}, personas.admin)
    assert (node.schedule, node.version, str(node.schedule_end)) == ("kevät 2027", 2, "2027-05-31")


def test_a_node_schedule_gives_its_dates(personas):
    node = action(make_plan(1))
    save_with_version(node, 1, {"schedule": "2028"}, personas.admin)
    stored = Node.objects.get(pk=node.pk)
    assert (str(stored.schedule_start), str(stored.schedule_end)) == ("2028-01-01", "2028-12-31")


def test_a_milestone_due_gives_its_due_date(personas):
    milestone = Milestone.objects.filter(node=action(make_plan(1))).first()
    save_with_version(milestone, 1, {"due": "6/2027"}, personas.admin)
    assert str(Milestone.objects.get(pk=milestone.pk).due_date) == "2027-06-30"


def test_a_plan_period_gives_its_years(personas):
    plan = make_plan(1)
    save_with_version(plan, plan.version, {"period": "2027–2030"}, personas.admin)
    stored = Plan.objects.get(pk=plan.pk)
    assert (stored.start_year, stored.end_year) == (2027, 2030)


def test_a_row_without_updated_at_saves_too(personas):
    plan = make_plan(1)
    section = Section.objects.create(plan=plan, title="Johdanto", text="Teksti")
    save_with_version(section, 1, {"text": "Uusi teksti"}, personas.admin)
    assert ChangeRecord.objects.get(object_type="section").changes == {"text": ["Teksti", "Uusi teksti"]}


def test_creating_writes_the_row_and_one_created_record(personas):
    node = action(make_plan(1))
    milestone = create_recorded(
        Milestone,
        {"node": node, "title": "Uusi", "due": "2027"},
        personas.admin,
        described={"title": [None, "Uusi"]},
    )
    (change,) = ChangeRecord.objects.filter(object_type="milestone", object_id=milestone.pk)
    assert (change.action, change.node_id, str(milestone.due_date)) == ("created", node.pk, "2027-12-31")


def test_deleting_a_node_is_recorded_on_its_parent(personas):
    node = action(make_plan(1))
    node_id, parent_id = node.pk, node.parent_id
    delete_recorded(node, personas.admin, described={"title": [node.title, None]})
    change = ChangeRecord.objects.get(object_type="node", object_id=node_id)
    assert (change.action, change.node_id) == ("deleted", parent_id)
