"""Forms of the reporting rounds: opening a round, a node's report, returning a report."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from seuranta.common.forms import choice_field
from seuranta.core.measures import parse_measure
from seuranta.core.periods import parse_whole_period, period_bounds
from seuranta.monitoring.entry_fields import IndicatorSpec
from seuranta.monitoring.models import ReportingRound, default_reminder_days, reportable_node_ids
from seuranta.monitoring.reporting import EntryValues
from seuranta.monitoring.templatetags.monitoring_tags import plan_name
from seuranta.plans.language_fields import add_languages, name, translated
from seuranta.plans.models import Indicator, Milestone, Node, Plan, ProgressEntry
from seuranta.plans.translations import primary_of


def normalise_period(written: str) -> str | None:
    """ "2026-Q1", "Q1/2026", "T2/2026", "9/2026" or "2026" as a normalised period, or None."""
    return parse_whole_period(written)


REMINDER_CHOICES = [
    (-14, _("14 days before the deadline")),
    (-7, _("7 days before the deadline")),
    (-3, _("3 days before the deadline")),
    (-1, _("1 day before the deadline")),
    (1, _("the day after the deadline")),
]


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

    confirm_past_deadline = forms.BooleanField(
        label=_("Open it anyway: the deadline is in the past on purpose"), required=False
    )
    announce = forms.BooleanField(
        label=_("E-mail the responsible persons now that the round is open"), required=False, initial=True
    )
    reminder_days = forms.TypedMultipleChoiceField(
        label=_("Automatic reminders to those who have not submitted"),
        choices=REMINDER_CHOICES,
        coerce=int,
        required=False,
        initial=default_reminder_days,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, nodes: list[Node], plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.duplicates: list[ReportingRound] = []  # set by clean(): rounds this one would repeat
        self.past_deadline = False  # set by clean(): the deadline is before today
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

    def shown_fields(self):
        """The fields to show: a confirmation only when its question has come up."""
        asked = {"confirm_duplicate": bool(self.duplicates), "confirm_past_deadline": self.past_deadline}
        return [field for field in self if asked.get(field.name, True)]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        deadline = data.get("deadline")
        self.past_deadline = bool(deadline and deadline < timezone.localdate())
        if deadline and self.past_deadline and not data.get("confirm_past_deadline"):
            self.add_error(
                "deadline",
                _(
                    "The deadline %(date)s is already past: nobody would have time to report. Choose a later date, "
                    "or tick the box below if the past date is intended."
                )
                % {"date": f"{deadline.day}.{deadline.month}.{deadline.year}"},
            )
        if self.plan is None or not data.get("period") or "root" not in data:
            return data
        if not reportable_node_ids(self.plan, data["root"]):
            part = data["root"].title if data["root"] else plan_name(self.plan)
            raise forms.ValidationError(
                _(
                    'Nobody would report in this round: no action in "%(part)s" has a responsible person. '
                    "Assign responsible persons to its actions first, or choose another part of the plan."
                )
                % {"part": part},
                code="nobody_reports",
            )
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


def value_field_name(indicator: Indicator, index: int | None = None) -> str:
    """The form field of an indicator's value, or of its index-th sub-series."""
    return f"value_{indicator.pk}" if index is None else f"value_{indicator.pk}_{index}"


# The report's texts written in each of the plan's languages.
ENTRY_TEXTS = ("text",)


class EntryForm(forms.Form):
    """A node's report: a field per indicator (per sub-series), its milestones, text, phase and verdict.

    Given the plan and its `languages` (`language_fields.edit_languages`), the progress text gets a
    field per other language beside it; `translations` are the text's translations saved so far, which
    the languages not in the form keep."""

    text = forms.CharField(
        label=pgettext_lazy("report form", "Progress"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done during the period, and what comes next. A few sentences are enough."),
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=PHASE_CHOICES)
    verdict = forms.ChoiceField(label=_("Assessment"), required=False, choices=VERDICT_CHOICES)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        specs: list[IndicatorSpec],
        milestones: list[Milestone],
        period: str,
        plan: Plan | None = None,
        languages: list[str] | None = None,
        translations: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.languages = languages or []
        self.saved_translations = translations
        if plan is not None:
            add_languages(self, plan, ENTRY_TEXTS, self.languages)
        self.specs = specs
        self.milestones = milestones
        self.period = period
        self.far: set[str] = set()  # value fields whose number waits for a confirmation
        for spec in specs:
            for index, label in self.series_fields(spec):
                self._add_value_field(spec, index, label)
        for milestone in milestones:
            self.fields[f"milestone_{milestone.pk}"] = forms.BooleanField(
                label=milestone.title, required=False
            )
            self.fields[f"milestone_{milestone.pk}_on"] = forms.DateField(
                label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )

    @staticmethod
    def series_fields(spec: IndicatorSpec) -> list[tuple[int | None, str | None]]:
        if not spec.labels:
            return [(None, None)]
        return list(enumerate(spec.labels))

    def _add_value_field(self, spec: IndicatorSpec, index: int | None, label: str | None) -> None:
        name = value_field_name(spec.indicator, index)
        shown = f"{spec.indicator.name}: {label}" if label else spec.indicator.name
        if spec.scale is not None:
            keep = (self.initial.get(name) or "").strip()
            choices = [("", "–")] + [(s, s) for s in spec.scale]
            if keep and keep not in spec.scale:  # a value saved before the scale was offered stays choosable
                choices.append((keep, keep))
            self.fields[name] = forms.ChoiceField(label=shown, required=False, choices=choices)
            return
        self.fields[name] = forms.CharField(
            label=shown,
            required=False,
            max_length=500,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
        self.fields[f"confirm_{name}"] = forms.BooleanField(label=_("The value is correct"), required=False)

    def text_translations(self) -> list[forms.BoundField]:
        """The progress text's fields in the plan's other languages, in the plan's order."""
        names = [name("text", lang) for lang in self.languages]
        return [self[n] for n in names if n in self.fields]

    def milestone_rows(self) -> list[dict]:
        return [
            {"milestone": m, "done": self[f"milestone_{m.pk}"], "on": self[f"milestone_{m.pk}_on"]}
            for m in self.milestones
        ]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for spec in self.specs:
            if spec.scale is not None:
                continue
            for index, label in self.series_fields(spec):
                self._check_number(cleaned, spec, value_field_name(spec.indicator, index), label)
        return cleaned

    def _check_number(self, cleaned: dict, spec: IndicatorSpec, name: str, label: str | None) -> None:
        written = " ".join((cleaned.get(name) or "").split())
        if not written:
            return
        value = parse_measure(written, period=self.period).value
        if value is None:
            self.add_error(
                name,
                _('"%(text)s" is not a number. Write for example 9 844, 3,4 or 21,2 %%.') % {"text": written},
            )
        elif spec.is_far(value, label) and not cleaned.get(f"confirm_{name}"):
            self.far.add(name)
            self.add_error(
                name,
                _(
                    "%(text)s is far from this indicator's earlier values and targets (%(low)s–%(high)s). "
                    'Check the figure; if it is right, tick "The value is correct" and save again.'
                )
                % {"text": written, **spec.known_range(label)},
            )

    def entry_values(self) -> EntryValues:
        data = EntryValues(
            text=self.cleaned_data["text"].strip(),
            phase=self.cleaned_data["phase"],
            verdict=self.cleaned_data["verdict"],
        )
        if self.plan is not None:
            data.translations = translated(
                self.cleaned_data, self.saved_translations, ENTRY_TEXTS, self.languages, primary_of(self.plan)
            )
        for spec in self.specs:
            for index, label in self.series_fields(spec):
                written = " ".join(
                    (self.cleaned_data.get(value_field_name(spec.indicator, index)) or "").split()
                )
                if not written:
                    continue
                measure = parse_measure(written, period=self.period)
                typed = (
                    (written, "value", measure.value)
                    if measure.value is not None
                    else (written, "state", None)
                )
                if label is None:
                    data.values[spec.indicator.pk] = typed
                else:
                    data.series.setdefault(spec.indicator.pk, {})[label] = typed
        for milestone in self.milestones:
            done = self.cleaned_data.get(f"milestone_{milestone.pk}")
            on = self.cleaned_data.get(f"milestone_{milestone.pk}_on")
            done_on = (on or timezone.localdate()).isoformat() if done else None
            # Only what differs from the plan: a report that leaves its milestones as they are writes none.
            if (milestone.done, milestone.extra.get("done_on")) != (bool(done_on), done_on):
                data.milestones[milestone.pk] = done_on
        return data


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should be corrected?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
