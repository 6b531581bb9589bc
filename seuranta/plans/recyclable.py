"""Rows that deleting moves to the plan's recycle bin (`seuranta.plans.recycle`) instead of removing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveManager(models.Manager):
    """Rows not in the recycle bin: the default everywhere (pages, storage, reporting, the API)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Recyclable(models.Model):
    """A row that deleting moves to the plan's recycle bin (`seuranta.plans.recycle`) for 30 days.

    `objects` hides it; `all_objects` (and the base manager: foreign keys, backups) sees it.
    """

    deleted_at = models.DateTimeField(_("moved to the recycle bin"), null=True, blank=True, db_index=True)

    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 - a manager, not a field

    class Meta:
        abstract = True
