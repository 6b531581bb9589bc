"""Forms for starting plans: a new plan from scratch, next year's copy, a node's link to another plan's goal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from seuranta.plans.models import Plan
from seuranta.web.forms import LinesField

# Level names as Finnish plans name them, top first; the names stay Finnish in every language
# because they are the plan's own words.
LEVEL_PRESETS: dict[str, list[str]] = {
    "focus_areas": ["Painopiste", "Tavoite", "Teko", "Toimenpide"],
    "strategic_aims": ["Strateginen päämäärä", "Tavoite", "Toimenpide"],
    "goals": ["Tavoite", "Toimenpide"],
}
OWN_LEVELS = "own"


def preset_choices() -> list[tuple[str, str]]:
    return [
        *((key, " – ".join(levels)) for key, levels in LEVEL_PRESETS.items()),
        (OWN_LEVELS, _("The organisation's own level names (below)")),
    ]


class NewPlanForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=500)
    organization = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=Plan.Kind.choices)
    period = forms.CharField(
        label=_("Period"), required=False, max_length=50, help_text=_('For example "2026–2029" or "2026".')
    )
    level_preset = forms.ChoiceField(
        label=_("Level names"),
        help_text=_("The levels of the plan's goal tree, top first."),
    )
    own_levels = LinesField(
        label=_("Own level names"),
        required=False,
        help_text=_(
            "One level name a line, top first. Used when the organisation's own names are chosen above."
        ),
    )
    supports = forms.TypedChoiceField(
        label=_("Supports the plan"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The plan this one carries out, for example the city strategy."),
    )

    def __init__(self, *args, organizations=(), plans=(), **kwargs):
        """`organizations`: where the user may create plans; `plans`: those it may support; (id, label) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = list(organizations)
        self.fields["organization"].error_messages["invalid_choice"] = _(
            "Choose an organisation in which you may create plans."
        )
        self.fields["level_preset"].choices = preset_choices()
        self.fields["supports"].choices = [("", _("– none –")), *plans]
        self.fields["supports"].error_messages["invalid_choice"] = _("Choose a plan you can see.")

    def clean(self):
        data = super().clean()
        if data.get("level_preset") == OWN_LEVELS:
            if not data.get("own_levels"):
                self.add_error("own_levels", _("Write at least one level name, or choose a ready set above."))
            elif any(len(name) > 100 for name in data["own_levels"]):
                self.add_error("own_levels", _("A level name is at most 100 characters."))
        return data

    def levels(self) -> list[str]:
        preset = self.cleaned_data["level_preset"]
        return list(self.cleaned_data["own_levels"]) if preset == OWN_LEVELS else list(LEVEL_PRESETS[preset])


class SupportsForm(forms.Form):
    supports = forms.TypedChoiceField(
        label=_("Supports the plan"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The plan this one carries out, for example the city strategy."),
        error_messages={"invalid_choice": _("Choose a plan you can see.")},
    )

    def __init__(self, *args, plans=(), cycle=frozenset(), **kwargs):
        """`plans`: (id, label) of the plans it may support; `cycle`: ids of those that would make a loop."""
        super().__init__(*args, **kwargs)
        self.fields["supports"].choices = [("", _("– none –")), *plans]
        self.cycle = cycle

    def clean_supports(self):
        chosen = self.cleaned_data["supports"]
        if chosen in self.cycle:
            raise forms.ValidationError(
                _("That plan already supports this one, directly or through other plans; choose another.")
            )
        return chosen


class CopyPlanForm(forms.Form):
    title = forms.CharField(label=_("Name of the new plan"), max_length=500)
    period = forms.CharField(
        label=_("Period"), required=False, max_length=50, help_text=_('For example "2027".')
    )


class ContributionForm(forms.Form):
    goal = forms.TypedChoiceField(
        label=_("Contributes to the goal"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("A goal of another plan that this item carries out. Leave empty for none."),
        error_messages={"invalid_choice": _("Choose a goal of another plan you can see.")},
    )

    def __init__(self, *args, goals=(), **kwargs):
        """`goals`: (plan title, [(node id, label), ...]) groups."""
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", _("– none –")), *goals]
