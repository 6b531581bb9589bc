"""Saving edits safely: conditional updates on `version`, and a ChangeRecord for every change.

Two people editing the same object: the second save finds the version moved
on, updates nothing and returns False; the view then shows the person their
own input beside the values now stored, so nothing is lost.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from seuranta.plans.models import ChangeRecord


def json_value(value):
    """A value as it can be kept in ChangeRecord.changes."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def diff(obj, values: dict) -> dict:
    """Changed fields as [before, after]; foreign keys ("..._id") are recorded by the caller, by name."""
    return {
        name: [json_value(getattr(obj, name)), json_value(value)]
        for name, value in values.items()
        if getattr(obj, name) != value and not name.endswith("_id")
    }


def record(plan, *, user, object_type: str, action: str, obj=None, node=None, changes=None) -> ChangeRecord:
    return ChangeRecord.objects.create(
        plan=plan,
        node=node,
        object_type=object_type,
        object_id=getattr(obj, "pk", None),
        action=action,
        changes=changes or {},
        user=user if user.is_authenticated else None,
    )


def save_versioned(
    obj,
    version: int | None,
    values: dict,
    *,
    user,
    plan,
    node=None,
    object_type: str,
    extra_changes: dict | None = None,
) -> bool:
    """Write `values` only if the row still has `version`; record what changed. False on a conflict."""
    model = type(obj)
    with transaction.atomic():
        updated = model.objects.filter(pk=obj.pk, version=version).update(
            **values, version=(version or 0) + 1, updated_at=timezone.now()
        )
        if not updated:
            return False
        changes = {**diff(obj, values), **(extra_changes or {})}
        if changes:
            record(
                plan,
                user=user,
                object_type=object_type,
                action="changed",
                obj=obj,
                node=node,
                changes=changes,
            )
    return True


def content_token(*values) -> str:
    """A version for rows without a version column: a digest of their editable values."""
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]
