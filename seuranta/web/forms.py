"""Edit forms. Text lists are one item a line; numbers follow the user's locale ("0,15")."""

from __future__ import annotations

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from seuranta.common.forms import choice_field
from seuranta.plans.choices import CONTENT_LANGUAGES
from seuranta.plans.models import Indicator, Milestone, Node, Plan


def split_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        return split_lines(super().to_python(value))


class NodeForm(forms.Form):
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    level = forms.CharField(
        label=_("Level"), max_length=100, widget=forms.TextInput(attrs={"list": "levels"})
    )
    description = forms.CharField(
        label=_("Description"), required=False, empty_value=None, widget=forms.Textarea(attrs={"rows": 5})
    )
    org_unit = forms.TypedChoiceField(
        label=_("Unit"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Chosen from the organisation's unit tree, which its administrators keep in the organisation "
            "settings."
        ),
        error_messages={"invalid_choice": _("Choose a unit that is in use in the plan's organisation.")},
    )
    unit_name = forms.CharField(
        label=_("Unit as written in the document"), required=False, empty_value=None, max_length=200
    )
    responsible = LinesField(
        label=_("Responsible"), required=False, help_text=_("One person or unit a line.")
    )
    responsible_users = forms.TypedMultipleChoiceField(
        label=_("Responsible people in Seuranta"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They see this item under My reports and get the reminders of reporting rounds. "
            "Only members of the plan's organisation who may report can be chosen (not viewers)."
        ),
        error_messages={
            "invalid_choice": _(
                "Choose responsible people only from the members of the plan's "
                "organisation who may report; a viewer cannot be responsible."
            )
        },
    )
    schedule = forms.CharField(
        label=_("Schedule"),
        required=False,
        empty_value=None,
        max_length=200,
        help_text=_('As written, for example "2026" or "kevät 2027".'),
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", "–"), *Node.Phase.choices])
    binding = forms.BooleanField(label=_("Binding on the council"), required=False)

    NODE_FIELDS = (
        "title",
        "level",
        "description",
        "unit_name",
        "responsible",
        "schedule",
        "phase",
        "binding",
    )

    def __init__(self, *args, people=(), units=(), **kwargs):
        """`people`: the choosable responsible users, `units` the choosable units, as (id, label) pairs."""
        super().__init__(*args, **kwargs)
        choice_field(self, "responsible_users").choices = list(people)
        choice_field(self, "org_unit").choices = [("", _("– no unit chosen –")), *units]

    def clean_responsible_users(self) -> list[int]:
        return sorted(set(self.cleaned_data["responsible_users"]))

    @classmethod
    def initial_from(cls, node: Node, responsible_ids=()) -> dict:
        return {
            **{name: getattr(node, name) for name in cls.NODE_FIELDS},
            "org_unit": node.org_unit_id,
            "responsible_users": sorted(responsible_ids),
        }


class NewNodeForm(forms.Form):
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    level = forms.CharField(
        label=_("Level"), max_length=100, widget=forms.TextInput(attrs={"list": "levels"})
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    unit = forms.CharField(label=_("Unit"), required=False, empty_value=None, max_length=50)
    source = forms.CharField(label=_("Source"), required=False, empty_value=None, max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, empty_value=None, widget=forms.Textarea(attrs={"rows": 3})
    )
    baseline = forms.CharField(
        label=_("Baseline"),
        required=False,
        max_length=500,
        help_text=_('As written, for example "8 860 pv (2024)".'),
    )
    targets = LinesField(
        label=_("Targets"),
        required=False,
        help_text=_('One target a line, for example "vähintään 20 vuonna 2027".'),
    )

    FIELDS = ("name", "unit", "source", "description")

    @classmethod
    def initial_from(cls, indicator: Indicator | None) -> dict:
        if indicator is None:
            return {"baseline": "", "targets": []}
        baseline, targets = indicator.written_levels()
        return {**{n: getattr(indicator, n) for n in cls.FIELDS}, "baseline": baseline, "targets": targets}


class RowForm(forms.ModelForm):
    """A ModelForm that fills a copy of its row, so the row keeps the stored values for the page."""

    def __init__(self, *args, instance=None, **kwargs):
        kwargs["instance"] = copy.copy(instance) if instance is not None else None
        super().__init__(*args, **kwargs)


class MilestoneForm(RowForm):
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    due = forms.CharField(
        label=_("Due"),
        required=False,
        empty_value=None,
        max_length=100,
        help_text=_('As written, for example "kevät 2026" or "6/2026".'),
    )
    done = forms.BooleanField(label=_("Done"), required=False)

    class Meta:
        model = Milestone
        fields = ("title", "due", "done")


class PlanSettingsForm(RowForm):
    title = forms.CharField(label=_("Title"), max_length=500)
    period = forms.CharField(
        label=_("Period"),
        required=False,
        empty_value=None,
        max_length=50,
        help_text=_('For example "2026–2029".'),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=Plan.State.choices,
        help_text=_("A plan is published on its publish page, after the quality check."),
    )
    tolerance = forms.FloatField(
        label=_("Status tolerance"),
        required=False,
        min_value=0,
        max_value=1,
        localize=True,
        help_text=_(
            "Share of the distance from baseline to target an actual may fall short and still be on "
            "track, between 0 and 1 (empty: 0,10)."
        ),
    )
    state_scale = LinesField(
        label=_("Scale of qualitative states"), required=False, help_text=_("One state a line, worst first.")
    )
    levels = LinesField(label=_("Levels"), required=False, help_text=_("One level name a line, top first."))
    primary_language = forms.ChoiceField(
        label=_("Primary language"),
        required=False,
        choices=CONTENT_LANGUAGES,
        help_text=_(
            "The language the plan is written in first; the other languages fall back to it. Changing it "
            "says which language the texts are in: it does not translate them."
        ),
    )
    required_languages = forms.MultipleChoiceField(
        label=_("Required languages"),
        required=False,
        choices=CONTENT_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every text of the plan must also be written in these. A missing translation is shown in the "
            "quality check and before publishing."
        ),
    )

    class Meta:
        model = Plan
        fields = (
            "title",
            "period",
            "state",
            "tolerance",
            "state_scale",
            "levels",
            "primary_language",
            "required_languages",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Publishing goes through the publish page (its quality check and the tick for missing
        # translations): here a plan can stay published, or be unpublished or archived, not published.
        if self.instance.state != Plan.State.PUBLISHED:
            published = Plan.State.PUBLISHED.value
            choice_field(self, "state").choices = [c for c in Plan.State.choices if c[0] != published]

    def clean_state_scale(self) -> list[str] | None:
        return self.cleaned_data["state_scale"] or None

    def clean_primary_language(self) -> str:
        """Not sent (an older form): the plan's own."""
        return self.cleaned_data["primary_language"] or self.instance.primary_language

    def clean_required_languages(self) -> list[str]:
        """In the order of the choices, without the primary language (which is always required)."""
        chosen = set(self.cleaned_data["required_languages"])
        primary = self.cleaned_data.get("primary_language")
        return [code for code, _label in CONTENT_LANGUAGES if code in chosen and code != primary]
