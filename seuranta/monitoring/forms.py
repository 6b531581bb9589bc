"""Forms of the reporting rounds: opening a round, a node's report, returning a report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from seuranta.common.forms import choice_field
from seuranta.core.measures import parse_measure
from seuranta.core.periods import parse_whole_period, period_bounds
from seuranta.monitoring.models import ReportingRound
from seuranta.monitoring.reporting import EntryValues
from seuranta.plans.models import Indicator, Node, Plan, ProgressEntry


def normalise_period(written: str) -> str | None:
    """ "2026-Q1", "Q1/2026", "T2/2026", "9/2026" or "2026" as a normalised period, or None."""
    return parse_whole_period(written)


class OpenRoundForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the round"),
        max_length=200,
        help_text=_('For example "Q1/2026" or "Tertiaali 2/2026".'),
    )
    period = forms.CharField(
        label=_("Period reported on"),
        max_length=50,
        help_text=_(
            'For example 2026-Q1, 2026-T2, 2026-09 or 2026. "Q1/2026" and "9/2026" are also understood.'
        ),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    root = forms.TypedChoiceField(label=_("Part of the plan"), coerce=int, required=False, empty_value=None)
    confirm_duplicate = forms.BooleanField(
        label=_(
            "Open it anyway: I know another round already asks for reports on the same period and part "
            "of the plan"
        ),
        required=False,
    )

    def __init__(self, *args, nodes: list[Node], plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.duplicates: list[ReportingRound] = []  # set by clean(): rounds this one would repeat
        self.nodes = {n.pk: n for n in nodes}
        choice_field(self, "root").choices = [("", _("The whole plan"))] + [
            (n.pk, f"{n.level}: {n.title[:90]}") for n in nodes
        ]

    def clean_period(self) -> str:
        period = normalise_period(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError(
                _("Write the period as 2026-Q1 (quarter), 2026-T2 (tertial), 2026-09 (month) or 2026 (year).")
            )
        return period

    def clean_root(self) -> Node | None:
        root = self.cleaned_data.get("root")
        return self.nodes.get(root) if root else None

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.plan is None or not data.get("period") or "root" not in data:
            return data
        self.duplicates = same_period_rounds(self.plan, data["period"], data["root"])
        if self.duplicates and not data.get("confirm_duplicate"):
            names = ", ".join(f"{r.title} ({r.get_state_display()})" for r in self.duplicates)
            raise forms.ValidationError(
                _(
                    "A round for the same period over the same part of the plan already exists: %(rounds)s. Both "
                    "rounds would ask the same people for the same reports, and the later submissions would "
                    "replace the earlier ones in the plan. If you really want a second round, tick the box below "
                    "and open it again."
                )
                % {"rounds": names},
                code="duplicate_round",
            )
        return data


def same_period_rounds(plan: Plan, period: str, root: Node | None) -> list[ReportingRound]:
    """The plan's rounds over the same dates whose part of the plan overlaps root's (one contains the other)."""
    bounds = period_bounds(period)
    if bounds is None:
        return []
    candidates = list(
        ReportingRound.objects.filter(plan=plan, period_start=bounds[0], period_end=bounds[1]).order_by(
            "opened_at", "id"
        )
    )
    if root is None or not candidates:
        return candidates
    parents = dict(Node.objects.filter(plan=plan).values_list("id", "parent_id"))

    def line(node_id: int | None) -> set[int]:  # the node and its ancestors
        found: set[int] = set()
        while node_id is not None and node_id not in found:
            found.add(node_id)
            node_id = parents.get(node_id)
        return found

    mine = line(root.pk)
    return [r for r in candidates if r.root_id is None or r.root_id in mine or root.pk in line(r.root_id)]


# The plan's phases and verdicts, worded for the person reporting.
PHASE_CHOICES = [("", "–"), *Node.Phase.choices]
VERDICT_CHOICES = [("", "–"), *ProgressEntry.Verdict.choices]


def is_qualitative(indicator: Indicator, measures: list) -> bool:
    """An indicator whose levels are states ("Kyllä", "Valmis"), not numbers."""
    kinds = {m.kind for m in measures if m.role != "actual" and m.kind}
    return bool(kinds) and kinds <= {"state"}


class EntryForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("report form", "Progress"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done during the period, and what comes next. A few sentences are enough."),
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=PHASE_CHOICES)
    verdict = forms.ChoiceField(label=_("Assessment"), required=False, choices=VERDICT_CHOICES)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, indicators: list[Indicator], qualitative: set[int], period: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.qualitative = qualitative
        self.period = period
        for indicator in indicators:
            self.fields[self.value_field(indicator)] = forms.CharField(
                label=indicator.name,
                required=False,
                max_length=500,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "text" if indicator.pk in qualitative else "decimal",
                        "autocomplete": "off",
                    }
                ),
            )

    @staticmethod
    def value_field(indicator: Indicator) -> str:
        return f"value_{indicator.pk}"

    def value_fields(self):
        return [self[self.value_field(i)] for i in self.indicators]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for indicator in self.indicators:
            name = self.value_field(indicator)
            written = " ".join((cleaned.get(name) or "").split())
            if not written:
                continue
            measure = parse_measure(written, period=self.period)
            if indicator.pk in self.qualitative:
                if measure.kind != "state" and measure.value is None:
                    self.add_error(
                        name,
                        _('"%(text)s" is not a state. Write for example "Kyllä", "Osittain" or "Ei".')
                        % {"text": written},
                    )
                continue
            if measure.value is None:
                self.add_error(
                    name,
                    _('"%(text)s" is not a number. Write for example 9 844, 3,4 or 21,2 %%.')
                    % {"text": written},
                )
        return cleaned

    def entry_values(self) -> EntryValues:
        data = EntryValues(
            text=self.cleaned_data["text"].strip(),
            phase=self.cleaned_data["phase"],
            verdict=self.cleaned_data["verdict"],
        )
        for indicator in self.indicators:
            written = " ".join((self.cleaned_data.get(self.value_field(indicator)) or "").split())
            if not written:
                continue
            measure = parse_measure(written, period=self.period)
            if measure.value is not None:
                data.values[indicator.pk] = (written, "value", measure.value)
            else:
                data.values[indicator.pk] = (written, "state", None)
        return data


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should be corrected?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
