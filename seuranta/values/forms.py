from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from seuranta.values.models import OpenDataSettings, SotkanetLink


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class SurveyForm(forms.Form):
    file = forms.FileField(label=_("Survey results (CSV or XLSX)"))
    period = forms.CharField(
        label=_("Period of the survey"), max_length=50, help_text=_("For example 2026 or 2026-T1.")
    )


class SurveyFeedForm(forms.Form):
    question = forms.CharField(
        label=_("Survey question"),
        max_length=300,
        required=False,
        help_text=_(
            "The question as the results file writes it; empty when the indicator is not fed by a survey."
        ),
    )


class SotkanetLinkForm(forms.ModelForm):
    class Meta:
        model = SotkanetLink
        fields = ["sotkanet_id", "region", "first_year"]


class OpenDataSettingsForm(forms.ModelForm):
    class Meta:
        model = OpenDataSettings
        fields = ["licence", "licence_url", "survey_threshold"]

    def clean_survey_threshold(self):
        value = self.cleaned_data["survey_threshold"]
        if value < 1:
            raise forms.ValidationError(_("The threshold must be at least 1."))
        return value
