"""Edits made in the Django admin go into the plan's change history like edits made on the pages.

`RecordedAdmin` writes a ChangeRecord, with the admin user, for every object of a plan
that the admin adds, changes or deletes, including the rows of its inlines. Versioned
rows get a new version, so a page form loaded before the admin edit sees a conflict
instead of overwriting it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.contrib import admin
from django.db import models, transaction

from seuranta.plans.models import ChangeRecord, Indicator, Measure, Node, Plan

# ChangeRecord.object_type for a model, where it differs from the model's name.
OBJECT_TYPES = {"progressentry": "progress", "reportinground": "round"}


def history_target(obj) -> tuple[int | None, Node | None]:
    """(plan id, node) that a change to obj belongs to in the history."""
    if isinstance(obj, Plan):
        return obj.pk, None
    if isinstance(obj, Node):  # a node's own deletion is recorded on its parent, as the pages do
        return obj.plan_id, obj
    if isinstance(obj, Measure):
        obj = obj.indicator
    if isinstance(obj, Indicator) or hasattr(obj, "node_id"):
        node = obj.node
        return node.plan_id, node
    return getattr(obj, "plan_id", None), None


def as_json(value):
    """A form value as it can be kept in ChangeRecord.changes."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [as_json(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    return str(value)


def form_changes(form) -> dict:
    """field -> [before, after] for the fields the admin form changed."""
    out = {}
    for name in form.changed_data:
        before = form.initial.get(name)
        if isinstance(before, list | tuple) and before and isinstance(before[0], models.Model):
            before = [str(v) for v in before]
        elif name in form.fields and hasattr(form.fields[name], "queryset") and before not in (None, "", []):
            queryset = form.fields[name].queryset
            before = [
                str(v) for v in queryset.filter(pk__in=before if isinstance(before, list) else [before])
            ]
        out[name] = [as_json(before), as_json(form.cleaned_data.get(name))]
    return out


def record(obj, action: str, user, changes: dict, object_id: int | None = None) -> None:
    plan_id, node = history_target(obj)
    if plan_id is None:
        return
    if isinstance(obj, Node) and action == "deleted":
        node = obj.parent
    ChangeRecord.objects.create(
        plan_id=plan_id,
        node=node,
        object_type=OBJECT_TYPES.get(obj._meta.model_name, obj._meta.model_name),
        object_id=object_id if object_id is not None else obj.pk,
        action=action,
        changes=changes,
        user=user if user.is_authenticated else None,
    )


def described(obj) -> dict:
    """What a deleted object was, for its history record."""
    label = "title" if hasattr(obj, "title") else "name" if hasattr(obj, "name") else "text"
    return {label: [as_json(getattr(obj, label, str(obj))), None]}


class RecordedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose adds, changes and deletes (its inlines' too) are written into the change history."""

    def save_model(self, request, obj, form, change):
        changes = form_changes(form)
        if change and hasattr(obj, "version"):
            obj.version += 1
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if changes or not change:
                record(obj, "changed" if change else "created", request.user, changes)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(obj, "deleted", request.user, described(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                record(obj, "deleted", request.user, described(obj))
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        deleted = set(formset.deleted_forms)
        pending = []
        for inline_form in formset.forms:
            if inline_form in deleted and inline_form.instance.pk:
                pending.append(
                    (
                        inline_form.instance,
                        "deleted",
                        described(inline_form.instance),
                        inline_form.instance.pk,
                    )
                )
            elif inline_form not in deleted and inline_form.has_changed():
                created = inline_form.instance.pk is None
                pending.append(
                    (
                        inline_form.instance,
                        "created" if created else "changed",
                        form_changes(inline_form),
                        None,
                    )
                )
        with transaction.atomic():
            for inline_form in formset.forms:
                instance = inline_form.instance
                if (
                    inline_form not in deleted
                    and inline_form.has_changed()
                    and instance.pk
                    and hasattr(instance, "version")
                ):
                    instance.version += 1
            super().save_formset(request, form, formset, change)
            for obj, action, changes, object_id in pending:
                record(obj, action, request.user, changes, object_id)
