"""Values that arrive from elsewhere: an organisation's open-data and survey settings, survey-fed
indicators, links to Sotkanet and what was fetched from it.

The values themselves are the plan's actual measures (`plans.Measure`), written by
`seuranta.values.writing.store_values`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from seuranta.plans.models import Indicator, Organization

DEFAULT_LICENCE = "CC BY 4.0"
DEFAULT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_THRESHOLD = 5


class OpenDataSettings(models.Model):
    """An organisation's licence for its open data and the anonymity threshold of its surveys."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="open_data", verbose_name=_("organization")
    )
    licence = models.CharField(_("licence"), max_length=100, default=DEFAULT_LICENCE)
    licence_url = models.URLField(_("licence address"), blank=True, default=DEFAULT_LICENCE_URL)
    survey_threshold = models.PositiveIntegerField(
        _("smallest group of survey respondents shown"),
        default=DEFAULT_THRESHOLD,
        help_text=_("Survey results of smaller groups are neither stored nor shown."),
    )

    class Meta:
        verbose_name = _("open data and survey settings")
        verbose_name_plural = _("open data and survey settings")

    def __str__(self) -> str:
        return str(self.organization)


def settings_for(organization_id: int | None) -> OpenDataSettings:
    """The organisation's settings, or the defaults (unsaved) when it has none."""
    found = (
        OpenDataSettings.objects.filter(organization_id=organization_id).first() if organization_id else None
    )
    return found or OpenDataSettings(organization_id=organization_id)  # type: ignore[misc]  # an unsaved default may have no organisation


class SurveyFeed(models.Model):
    """An indicator whose values come from a survey: the question its results are read from."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="survey_feed", verbose_name=_("indicator")
    )
    question = models.CharField(_("survey question"), max_length=300)

    class Meta:
        verbose_name = _("survey-fed indicator")
        verbose_name_plural = _("survey-fed indicators")

    def __str__(self) -> str:
        return self.question


class SotkanetLink(models.Model):
    """An indicator read from THL's Sotkanet: its indicator id there and the region."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="sotkanet", verbose_name=_("indicator")
    )
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet indicator id"))
    region = models.PositiveIntegerField(_("Sotkanet region id"))
    first_year = models.PositiveIntegerField(_("first year"), default=2015)

    class Meta:
        verbose_name = _("Sotkanet link")
        verbose_name_plural = _("Sotkanet links")

    def __str__(self) -> str:
        return f"Sotkanet {self.sotkanet_id} / {self.region}"


class SotkanetFetch(models.Model):
    """One reading of a linked indicator from Sotkanet: when, what was asked, what came of it."""

    link = models.ForeignKey(SotkanetLink, on_delete=models.CASCADE, related_name="fetches")
    at = models.DateTimeField(_("fetched"), auto_now_add=True)
    url = models.CharField(_("address"), max_length=500)
    ok = models.BooleanField(_("succeeded"), default=False)
    values = models.JSONField(_("values read"), default=list, blank=True)
    stored = models.PositiveIntegerField(_("values created or changed"), default=0)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("Sotkanet fetch")
        verbose_name_plural = _("Sotkanet fetches")

    def __str__(self) -> str:
        return f"{self.link} {self.at:%Y-%m-%d %H:%M}"
