"""A large report rendered by the task worker: its request, progress and, when ready, the file.

A PDF of a large plan takes WeasyPrint longer than a web request should wait, so the report
view stores one `ReportFile` per report (by the report's cache key), enqueues
`seuranta.reports.tasks.render_report_file` and sends the person to a page that follows its
progress and offers the download when it is ready. The same report asked again reuses the row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from seuranta.plans.models import Plan


class ReportFile(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RENDERING = "rendering", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plan"))
    key = models.CharField(_("report key"), max_length=80, db_index=True)
    params = models.JSONField(_("report request"), default=dict)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    content = models.BinaryField(_("file"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    problem = models.TextField(_("why it failed"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return self.file_name or self.key
