"""API tokens: how a program (a nightly job, an HR or finance system) writes values into Seuranta.

An organisation's administrator creates a token in the organisation settings. It is shown
once; only its SHA-256 digest is stored (the secret is 32 random bytes, so a plain digest
is as safe as a slow hash and lets a request be checked with one indexed read). A token is
scoped to its organisation and revoked rather than deleted, so the history that names it
stays readable. Each token has a user of its own, which cannot log in, so that the change
history, the values it wrote ("entered by") and the backups name the token the way they
name a person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuranta.plans.models import Organization


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("organization")
    )
    name = models.CharField(_("name"), max_length=100)
    # The start of the token, shown in the list so a person can tell tokens apart.
    prefix = models.CharField(_("beginning of the token"), max_length=24, unique=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token", verbose_name=_("user")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
