"""The change history is append-only, whatever the path, and records what is edited in the admin."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from seuranta.plans.models import ChangeRecord, HistoryIsAppendOnly, Node, Plan
from tests.factories import make_plan, make_user


@pytest.fixture
def history(db):
    plan = make_plan(2)
    node = plan.nodes.first()
    return ChangeRecord.objects.create(
        plan=plan,
        node=node,
        object_type="node",
        object_id=node.pk,
        action="changed",
        changes={"title": ["Vanha", "Uusi"]},
    )


@pytest.fixture
def root(client, db):
    client.force_login(make_user("paakayttaja", is_superuser=True, is_staff=True))
    return client


def refused_by_database(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_history_cannot_be_changed_or_deleted_through_the_orm_or_sql(history):
    before = list(ChangeRecord.objects.values())
    refused_by_database(lambda: ChangeRecord.objects.filter(pk=history.pk).update(action="deleted"))
    refused_by_database(lambda: ChangeRecord.objects.all().delete())
    with connection.cursor() as cursor:
        refused_by_database(lambda: cursor.execute("DELETE FROM plans_changerecord"))
    with pytest.raises(HistoryIsAppendOnly):
        history.save()
    with pytest.raises(HistoryIsAppendOnly):
        history.delete()
    assert list(ChangeRecord.objects.values()) == before


def test_deleting_a_node_or_its_plan_keeps_the_history(history):
    before = list(ChangeRecord.objects.values())
    Node.objects.filter(pk=history.node_id).delete()
    Plan.objects.filter(pk=history.plan_id).delete()
    assert list(ChangeRecord.objects.values()) == before


def test_the_admin_shows_the_history_read_only(root, history):
    change = reverse("admin:plans_changerecord_change", args=[history.pk])
    assert root.get(change).status_code == 200
    assert root.post(change, {"action": "deleted"}).status_code == 403
    assert (
        root.post(reverse("admin:plans_changerecord_delete", args=[history.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert ChangeRecord.objects.filter(pk=history.pk, action="changed").exists()


def test_an_admin_edit_is_recorded_with_the_admin_user(root, db):
    plan = make_plan(1)
    node = plan.nodes.get(parent=None)
    data = {
        "plan": plan.pk,
        "order": 0,
        "level": node.level,
        "title": "Uusi otsikko",
        "responsible": "[]",
        "notes": "",
        "binding": "",
        "phase": "",
    }
    for prefix in ("indicators", "milestones", "progress"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = root.post(reverse("admin:plans_node_change", args=[node.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ChangeRecord.objects.get(plan=plan, object_type="node", action="changed")
    assert record.changes["title"] == ["Painopiste 1", "Uusi otsikko"]
    assert record.user.username == "paakayttaja"
    node.refresh_from_db()
    assert node.version == 2  # a page form loaded before the admin edit now sees a conflict


def test_an_admin_delete_is_recorded(root, db):
    plan = make_plan(1)
    indicator = plan.nodes.get(indicators__isnull=False).indicators.first()
    response = root.post(reverse("admin:plans_indicator_delete", args=[indicator.pk]), {"post": "yes"})
    assert response.status_code == 302
    record = ChangeRecord.objects.get(plan=plan, object_type="indicator", action="deleted")
    assert record.changes == {"name": [indicator.name, None]}
    assert record.object_id == indicator.pk


def test_a_row_added_in_an_admin_inline_is_recorded(root, db):
    plan = make_plan(1)
    node = plan.nodes.get(parent=None)
    data = {
        "plan": plan.pk,
        "order": 0,
        "level": node.level,
        "title": node.title,
        "responsible": "[]",
        "notes": "",
        "binding": "",
        "phase": "",
    }
    for prefix in ("indicators", "progress"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= {
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-order": "0",
        "milestones-0-title": "Uusi osatavoite",
        "milestones-0-node": node.pk,
    }
    response = root.post(reverse("admin:plans_node_change", args=[node.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ChangeRecord.objects.get(plan=plan, object_type="milestone", action="created")
    assert record.changes["title"] == [None, "Uusi osatavoite"]
    assert record.node_id == node.pk and record.object_id == node.milestones.get().pk


def test_the_history_of_a_deleted_plan_still_shows_in_the_admin(root, history):
    Plan.objects.filter(pk=history.plan_id).delete()
    assert root.get(reverse("admin:plans_changerecord_changelist")).status_code == 200
    assert root.get(reverse("admin:plans_changerecord_change", args=[history.pk])).status_code == 200
