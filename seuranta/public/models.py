"""The public site of an organisation: its look, its accessibility statement, residents' feedback
and subscriptions, and what each plan shows the public."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from seuranta.plans.models import Node, Organization, Plan


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Compliance(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class PublicSite(models.Model):
    """Branding and the accessibility statement (laki digitaalisten palvelujen tarjoamisesta 306/2019)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="public_site", verbose_name=_("organization")
    )
    display_name = models.CharField(_("name shown on the public site"), max_length=200, blank=True)
    accent = models.CharField(_("accent colour"), max_length=7, default="#16325c")
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=40, blank=True, editable=False)
    logo_version = models.PositiveIntegerField(default=0, editable=False)
    compliance = models.CharField(
        _("compliance"), max_length=10, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    nonconformities = models.TextField(_("known non-conformities"), blank=True)
    statement_date = models.DateField(_("date of the statement"), null=True, blank=True)
    feedback_email = models.EmailField(_("e-mail for accessibility feedback"), blank=True)
    supervisor = models.TextField(_("supervising authority's contact details"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("public site")
        verbose_name_plural = _("public sites")

    def __str__(self) -> str:
        return str(self.organization)


class PlanPublicity(models.Model):
    """Per plan: whether the public pages show staff names and the edit history (off by default)."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="publicity", verbose_name=_("plan")
    )
    show_people = models.BooleanField(
        _("show staff names and the change history on the public site"), default=False
    )

    class Meta:
        verbose_name = _("publicity of a plan")
        verbose_name_plural = _("publicity of plans")

    def __str__(self) -> str:
        return str(self.plan)


class Feedback(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("organization")
    )
    message = models.TextField(_("message"))
    email = models.EmailField(_("e-mail"), blank=True)
    page = models.CharField(_("page"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.organization}: {self.message[:60]}"


class Subscription(models.Model):
    """A resident follows a plan or one of its goals by e-mail; active once confirmed (double opt-in)."""

    email = models.EmailField(_("e-mail"))
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("plan")
    )
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("goal")
    )
    lang = models.CharField(max_length=5, default="fi")
    # The site's address as the resident used it (https://host), for the links in later messages.
    base_url = models.CharField(max_length=300, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["plan", "confirmed_at"])]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.email} → {self.node_id or self.plan_id}"
