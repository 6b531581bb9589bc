"""An uploaded plan document under review, before it becomes a draft plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportDraftQuerySet(models.QuerySet):
    def reviewable_by(self, user):
        """Drafts the user may review: their own, and those of organisations they manage."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        from seuranta.plans.models import Membership

        managed = Membership.objects.filter(
            user=user, role__in=[Membership.Role.ADMIN, Membership.Role.COORDINATOR]
        ).values("organization_id")
        return self.filter(models.Q(created_by=user) | models.Q(organization_id__in=managed))


FAMILY_LABELS = {
    "keyword_blocks": _("labelled goal blocks (PAINOPISTE, TAVOITE, TOIMENPIDE, MITTARI)"),
    "goal_table": _("goal table (Tavoite, Toimenpide, Aikataulu, Vastuutaho, Arviointi)"),
    "brochure": _("strategy brochure"),
    "narrative": _("narrative service plan"),
    "spreadsheet": _("Seuranta spreadsheet template"),
    "report": _("Seuranta report"),
}


class ImportDraft(models.Model):
    """The importer's result as seuranta-plan/1 JSON, with its warnings and the reviewer's checks.

    Each warning is a dict: code, message, path (node titles from the root),
    indicator, field, node (the address of the node it concerns, "0.1.2",
    or "" for the whole document) and checked.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_drafts", verbose_name=_("uploaded by")
    )
    organization = models.ForeignKey(
        "plans.Organization", on_delete=models.CASCADE, related_name="import_drafts", verbose_name=_("organization")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    family = models.CharField(_("document family"), max_length=50, blank=True)
    plan = models.JSONField(_("parsed plan"))
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import draft")
        verbose_name_plural = _("import drafts")

    def __str__(self) -> str:
        return self.file_name

    @property
    def family_label(self) -> str:
        """The document family in words a person understands (the importer's names are internal)."""
        return str(FAMILY_LABELS.get(self.family, self.family))

    @property
    def unchecked(self) -> int:
        return sum(1 for w in self.warnings if not w.get("checked"))


class ImportUpload(models.Model):
    """An uploaded file waiting for, or done with, its parse in the task worker.

    The file is kept whatever happens, so a parse that hits a limit loses nothing:
    the person can download it back. A finished parse points at its draft.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        PARSING = "parsing", _("being read")
        DONE = "done", _("read")
        FAILED = "failed", _("not read")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_uploads", verbose_name=_("uploaded by")
    )
    organization = models.ForeignKey(
        "plans.Organization", on_delete=models.CASCADE, related_name="import_uploads", verbose_name=_("organization")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    problem = models.TextField(_("why it was not read"), blank=True)
    draft = models.ForeignKey(ImportDraft, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("import draft"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.file_name
