"""The change history of plans: who changed what and when, append-only.

Every write to a plan's content adds records here through `seuranta.plans.saving`
(pages, reporting, the admin, imports). Re-exported by `seuranta.plans.models`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ChangeRecord(models.Model):
    """One change to a plan's content: who changed what and when.

    Append-only: database triggers (migration 0002, `seuranta.plans.guard`) refuse any
    UPDATE or DELETE, and `save()`/`delete()` refuse an existing record first. So that
    deleting a plan, a node or a user changes no record, the references have no database
    constraint and keep the id of what was deleted (as audit logs such as
    django-simple-history do); the `changes` JSON says what it was.
    """

    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="changes",
        verbose_name=_("plan"),
    )
    node = models.ForeignKey(
        "plans.Node",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("node"),
    )
    object_type = models.CharField(_("object type"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20)  # created / changed / deleted
    changes = models.JSONField(_("changes"), default=dict, blank=True)  # field -> [before, after]
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["plan", "-at"]), models.Index(fields=["node", "-at"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly


class HistoryIsAppendOnly(Exception):
    """An attempt to change or delete a ChangeRecord; str() is a message for the user."""

    def __init__(self):
        super().__init__(
            gettext("The change history is kept as it was written: its records cannot be changed or removed.")
        )
