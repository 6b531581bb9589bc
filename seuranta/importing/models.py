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

        managed = (
            Membership.objects.active()
            .filter(user=user, role__in=[Membership.Role.ADMIN, Membership.Role.COORDINATOR])
            .values("organization_id")
        )
        return self.filter(models.Q(created_by=user) | models.Q(organization_id__in=managed))


FAMILY_LABELS = {
    "keyword_blocks": _("labelled goal blocks (PAINOPISTE, TAVOITE, TOIMENPIDE, MITTARI)"),
    "goal_table": _("goal table (Tavoite, Toimenpide, Aikataulu, Vastuutaho, Arviointi)"),
    "brochure": _("strategy brochure"),
    "narrative": _("narrative service plan"),
    "spreadsheet": _("Seuranta spreadsheet template"),
    "report": _("Seuranta report"),
    "outline": _("document outline (headings, numbering, lists and labels)"),
}


class ImportDraft(models.Model):
    """The importer's result as seuranta-plan/1 JSON, with its warnings and the reviewer's checks.

    Each warning is a dict: code, message, path (node titles from the root),
    indicator, field, node (the address of the node it concerns, "0.1.2",
    or "" for the whole document) and checked.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_drafts",
        verbose_name=_("uploaded by"),
    )
    organization = models.ForeignKey(
        "plans.Organization",
        on_delete=models.CASCADE,
        related_name="import_drafts",
        verbose_name=_("organization"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    family = models.CharField(_("document family"), max_length=50, blank=True)
    plan = models.JSONField(_("parsed plan"))
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # The uploaded document itself, so the review shows it beside the result and can read it again
    # with what the reviewer taught; `trace` is what the importer made of each of its lines.
    source = models.BinaryField(_("document"), blank=True, default=b"")
    source_sha256 = models.CharField(_("document hash"), max_length=64, blank=True)
    trace = models.JSONField(_("source lines"), default=list, blank=True)
    changes = models.JSONField(_("changes of the last re-reading"), default=list, blank=True)
    # The review's unit step, by unit name as written: {"unit": id} an existing unit, {"new": true,
    # "parent": id or null} a unit to create, {} none; a name not in it gets the proposal.
    unit_choices = models.JSONField(_("units chosen in review"), default=dict, blank=True)
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


class ImportProfile(models.Model):
    """What an organisation taught the importer in review (`seuranta.core.parsing.profile`), one
    JSON profile per organisation; `version` grows with each change, and corrections name it."""

    organization = models.OneToOneField(
        "plans.Organization",
        on_delete=models.CASCADE,
        related_name="import_profile",
        verbose_name=_("organization"),
    )
    data = models.JSONField(_("taught rules"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # Earlier versions, newest last: {"version", "data", "by", "at"}; kept so a change can be traced back.
    history = models.JSONField(_("earlier versions"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("import profile")
        verbose_name_plural = _("import profiles")

    def __str__(self) -> str:
        return f"{self.organization} v{self.version}"


class ImportCorrection(models.Model):
    """One correction a reviewer made to what the importer read: the data to improve the importer,
    and the measure of which of its rules fail most."""

    organization = models.ForeignKey(
        "plans.Organization",
        on_delete=models.CASCADE,
        related_name="import_corrections",
        verbose_name=_("organization"),
    )
    document_sha256 = models.CharField(_("document hash"), max_length=64, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_index = models.IntegerField(_("source line"), null=True, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    predicted_role = models.CharField(_("predicted role"), max_length=120, blank=True)
    rule = models.CharField(_("rule"), max_length=200, blank=True)  # the deciding rule, for counting
    # Every rule that had a say in the prediction, the deciding one first (`SourceLine.rules`).
    rule_ids = models.JSONField(_("rules"), default=list, blank=True)
    corrected_role = models.CharField(_("corrected role"), max_length=120)
    applied_to_all = models.BooleanField(_("applied to all like this"), default=False)
    key = models.CharField(_("taught key"), max_length=200, blank=True)  # the label, style or level taught
    profile_version = models.PositiveIntegerField(_("profile version"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    created_at = models.DateTimeField(_("corrected"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "rule"])]
        verbose_name = _("import correction")
        verbose_name_plural = _("import corrections")

    def __str__(self) -> str:
        return f"{self.rule or self.predicted_role} -> {self.corrected_role}"


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
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_uploads",
        verbose_name=_("uploaded by"),
    )
    organization = models.ForeignKey(
        "plans.Organization",
        on_delete=models.CASCADE,
        related_name="import_uploads",
        verbose_name=_("organization"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    problem = models.TextField(_("why it was not read"), blank=True)
    draft = models.ForeignKey(
        ImportDraft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("import draft"),
    )
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
