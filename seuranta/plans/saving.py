"""One way to save a plan's content: a conditional update on `version` and its change record, together.

Every editable row has a `version` (`seuranta.plans.models.Versioned`). A form carries the version it
was loaded with; `save_with_version` writes only if the row still has it, and writes the
ChangeRecord in the same transaction, so a save and its history line exist together or not at all.
When someone else saved first it raises `Conflict` with the row as it is now, and writes nothing: the
page shows the person their own input beside the stored values (nothing is lost on either side).

Pages (`seuranta.web.views_edit`), reporting (`seuranta.monitoring.reporting`), the admin
(`seuranta.plans.admin_history`) and imports all write the history through `change_record`/`record`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from seuranta.common.editing import Conflict
from seuranta.plans.models import ChangeRecord, Node
from seuranta.plans.versions import bump

# ChangeRecord.object_type for a model, where it differs from the model's name.
OBJECT_TYPES = {"progressentry": "progress", "reportinground": "round"}


def json_value(value):
    """A value as it can be kept in ChangeRecord.changes."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [json_value(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    return str(value)


def diff(before, values: dict) -> dict:
    """Changed fields as [before, after]; foreign keys ("..._id") are recorded by the caller, by name."""
    return {
        name: [json_value(getattr(before, name)), json_value(value)]
        for name, value in values.items()
        if getattr(before, name) != value and not name.endswith("_id")
    }


def object_type(obj) -> str:
    name = obj._meta.model_name
    return OBJECT_TYPES.get(name, name)


def history_place(obj) -> tuple[int | None, Node | None]:
    """(plan id, node) under which a change to obj is recorded: the plan models say it themselves;
    other rows (a reporting round, a round's entry) by their plan or node."""
    if hasattr(obj, "history_place"):
        return obj.history_place()
    if getattr(obj, "node_id", None) is not None:
        return obj.node.plan_id, obj.node
    return getattr(obj, "plan_id", None), None


def change_record(obj, action: str, changes: dict, user, *, object_id: int | None = None) -> ChangeRecord:
    """An unsaved history record of a change to obj (for bulk_create); its plan_id is None for rows
    outside any plan. A node's deletion is recorded on its parent, so the parent's page lists it.
    """
    plan_id, node = history_place(obj)
    if isinstance(obj, Node) and action == "deleted":
        node = obj.parent
    return ChangeRecord(
        plan_id=plan_id,  # type: ignore[misc]  # None marks a row outside any plan: record() does not save it
        node=node,
        object_type=object_type(obj),
        object_id=object_id if object_id is not None else obj.pk,
        action=action,
        changes=changes,
        user=user if user is not None and user.is_authenticated else None,
    )


def record(obj, action: str, changes: dict, user, *, object_id: int | None = None) -> ChangeRecord | None:
    """Write the history record of a change to obj (none for a row outside any plan)."""
    entry = change_record(obj, action, changes, user, object_id=object_id)
    if entry.plan_id is None:
        return None
    entry.save()
    bump(entry.plan_id)
    return entry


def save_with_version(obj, expected_version: int | None, changes: dict, user, *, extra_changes=None) -> dict:
    """Write `changes` (field -> new value; the model adds the fields derived from them) if the row is
    still at `expected_version`, with one history record of what the person changed; returns that
    record's changes.

    The row is read locked at that version and updated in one transaction, so of two saves from the
    same version one wins and the other raises `Conflict` (with the row as the winner left it).
    `extra_changes` are recorded too (changes the caller writes itself, such as many-to-many).
    `obj` is brought up to date on success.
    """
    model = type(obj)
    values = model.with_derived(changes)
    with transaction.atomic():
        rows = model.objects.filter(pk=obj.pk, version=expected_version)
        before = rows.select_for_update(no_key=True).first() if expected_version is not None else None
        if before is None:
            raise Conflict(model.objects.filter(pk=obj.pk).first())
        recorded = {**diff(before, changes), **(extra_changes or {})}
        stamp = {"updated_at": timezone.now()} if hasattr(before, "updated_at") else {}
        rows.update(**values, **stamp, version=before.version + 1)
        if recorded:
            record(obj, "changed", recorded, user)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version = before.version + 1
    return recorded


def create_recorded(model, values: dict, user, *, described: dict | None = None):
    """Create a row (derived fields added) and its "created" history record in one transaction."""
    with transaction.atomic():
        obj = model.objects.create(**model.with_derived(values))
        record(obj, "created", described if described is not None else {}, user)
    return obj


def delete_recorded(obj, user, *, described: dict) -> None:
    """Delete a row and write its "deleted" history record (what it was) in one transaction."""
    with transaction.atomic():
        record(obj, "deleted", described, user)
        obj.delete()
