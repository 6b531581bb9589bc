"""Edits made in the Django admin go into the plan's change history like edits made on the pages.

`RecordedAdmin` writes a ChangeRecord, with the admin user, for every object of a plan
that the admin adds, changes or deletes, including the rows of its inlines. Versioned
rows get a new version, so a page form loaded before the admin edit sees a conflict
instead of overwriting it, and the fields that follow from a changed one (the dates of a
schedule, a due time or a period as written) follow it, as on the pages, unless the admin
set them too.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models, transaction

from seuranta.plans.models import Versioned
from seuranta.plans.saving import json_value, record


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
        out[name] = [json_value(before), json_value(form.cleaned_data.get(name))]
    return out


def described(obj) -> dict:
    """What a deleted object was, for its history record."""
    label = "title" if hasattr(obj, "title") else "name" if hasattr(obj, "name") else "text"
    return {label: [json_value(getattr(obj, label, str(obj))), None]}


def prepare(obj, changed: list[str]) -> None:
    """A versioned row about to be saved from the admin: its next version and its derived fields."""
    if obj.pk is not None and hasattr(obj, "version"):
        obj.version += 1
    if not isinstance(obj, Versioned):
        return
    given = {name: getattr(obj, name) for name in changed if hasattr(obj, name)}
    for name, value in type(obj).with_derived(given).items():
        if name not in changed:
            setattr(obj, name, value)


class RecordedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose adds, changes and deletes (its inlines' too) are written into the change history."""

    def save_model(self, request, obj, form, change):
        changes = form_changes(form)
        prepare(obj, form.changed_data)
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if changes or not change:
                record(obj, "changed" if change else "created", changes, request.user)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(obj, "deleted", described(obj), request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                record(obj, "deleted", described(obj), request.user)
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
                if inline_form not in deleted and inline_form.has_changed():
                    prepare(inline_form.instance, inline_form.changed_data)
            super().save_formset(request, form, formset, change)
            for obj, action, changes, object_id in pending:
                record(obj, action, changes, request.user, object_id=object_id)
