"""Coordinators' work on a round beyond opening and closing: deleting an unused round, correcting
a reported value after the round has closed.

A closed round's entries and snapshot never change (see docs/architecture.md); a correction goes
into the plan's own actual, through `plans.saving.save_with_version`, so the history records it and
the round keeps what was reported.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seuranta.core.measures import parse_measure
from seuranta.monitoring.access import get_round_for
from seuranta.monitoring.entry_fields import spec_for
from seuranta.monitoring.models import ClosedRoundError, ReportingRound, RoundEntry
from seuranta.monitoring.tasks import people_without_email, reminder_times
from seuranta.plans.models import Indicator, Measure, Node
from seuranta.plans.saving import Conflict, delete_recorded, save_with_version
from seuranta.plans.translations import language_name, languages_of, missing, primary_of


def round_extras(reporting_round: ReportingRound) -> dict:
    """What the round page shows beside completion: reminders to come, who gets none, whether it can go."""
    if not reporting_round.is_open:
        return {"can_correct": True}
    return {
        "reminder_times": [when for _day, when in reminder_times(reporting_round)],
        "without_email": people_without_email(reporting_round),
        "deletable": not _submitted_any(reporting_round),
        **untranslated_progress(reporting_round),
    }


def untranslated_progress(reporting_round: ReportingRound) -> dict:
    """How many submitted progress texts lack a text in a language the plan requires, and those
    languages' names. Shown, not asked for: publishing the plan does not wait for a round's texts.
    One query, none when the plan requires no other language."""
    plan = reporting_round.plan
    primary = primary_of(plan)
    required = [lang for lang in languages_of(plan) if lang != primary]
    if not required:
        return {}
    texts = RoundEntry.objects.filter(
        round=reporting_round, state=RoundEntry.State.SUBMITTED, progress__isnull=False
    ).values_list("progress__text", "progress__translations")
    count = sum(
        1
        for text, translations in texts
        if missing({"text": text, "translations": translations}, ["text"], required, primary)
    )
    return {
        "untranslated_progress": count,
        "required_language_names": [language_name(lang) for lang in required],
    }


def _submitted_any(reporting_round: ReportingRound) -> bool:
    return RoundEntry.objects.filter(round=reporting_round, submitted_at__isnull=False).exists()


@login_required
def delete_round(request, round_id: int):
    """Ask, then delete an open round in which nothing has been submitted (drafts go with it)."""
    reporting_round, access = get_round_for(request.user, round_id)
    refusal = None
    if not reporting_round.is_open:
        refusal = _("A closed round is kept as it was closed and cannot be deleted.")
    elif _submitted_any(reporting_round):
        refusal = _("Reports have been submitted in this round, so it cannot be deleted. Close it instead.")
    if refusal:
        messages.error(request, refusal)
        return redirect("monitoring:round", round_id=round_id)
    if request.method == "POST":
        title = reporting_round.title
        try:
            with transaction.atomic():
                if _submitted_any(reporting_round):  # submitted meanwhile
                    raise ClosedRoundError
                delete_recorded(reporting_round, request.user, described={"title": [title, None]})
        except ClosedRoundError:
            messages.error(request, _("The round changed meanwhile and was not deleted."))
            return redirect("monitoring:round", round_id=round_id)
        messages.success(request, _("The round %(title)s was deleted.") % {"title": title})
        return redirect("monitoring:rounds")
    drafts = RoundEntry.objects.filter(round=reporting_round, draft__isnull=False).count()
    context = {"round": reporting_round, "plan": reporting_round.plan, "access": access, "drafts": drafts}
    return render(request, "monitoring/delete_round.html", context)


class CorrectionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Corrected value"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, measure: Measure, qualitative: bool, **kwargs):
        kwargs["prefix"] = f"m{measure.pk}"
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.qualitative = qualitative

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        parsed = parse_measure(text, period=self.measure.period)
        if self.qualitative and parsed.kind != "state":
            raise forms.ValidationError(_('"%(text)s" is not a state such as Kyllä or Ei.') % {"text": text})
        if not self.qualitative and parsed.value is None:
            raise forms.ValidationError(
                _('"%(text)s" is not a number. Write for example 9 844, 3,4 or 21,2 %%.') % {"text": text}
            )
        return text

    def changes(self) -> dict:
        parsed = parse_measure(self.cleaned_data["text"], period=self.measure.period)
        kind = "state" if parsed.value is None else "value"
        return {"text": self.cleaned_data["text"], "kind": kind, "value": parsed.value}


def _correction_forms(reporting_round: ReportingRound, node: Node, data=None) -> list[CorrectionForm]:
    indicators = {i.pk: i for i in Indicator.objects.filter(node=node)}
    rows = list(
        Measure.objects.filter(indicator__node=node).order_by("indicator__order", "indicator_id", "order")
    )
    result = []
    for m in rows:
        if m.role == Measure.Role.ACTUAL and m.period == reporting_round.period:
            m.indicator = indicators[m.indicator_id]
            spec = spec_for(m.indicator, [r for r in rows if r.indicator_id == m.indicator_id])
            initial = {"text": m.text, "version": m.version}
            result.append(CorrectionForm(data, initial=initial, measure=m, qualitative=spec.qualitative))
    return result


@login_required
def correct_actuals(request, round_id: int, node_id: int):
    """A coordinator corrects the values reported for a node in a closed round, in the plan."""
    reporting_round, access = get_round_for(request.user, round_id)
    if reporting_round.is_open:
        messages.info(request, _("While the round is open, values are corrected in the report itself."))
        return redirect("monitoring:round", round_id=round_id)
    entry = RoundEntry.objects.filter(round=reporting_round, node_id=node_id).select_related("node").first()
    if entry is None or entry.node is None:
        raise Http404
    forms_ = _correction_forms(
        reporting_round, entry.node, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        try:
            with transaction.atomic():
                for form in forms_:
                    if form.changes()["text"] != form.measure.text:
                        extra = {**form.measure.extra, "corrected_after_round": reporting_round.pk}
                        changes = {**form.changes(), "extra": extra}
                        save_with_version(form.measure, form.cleaned_data["version"], changes, request.user)
        except Conflict:
            messages.error(
                request, _("Someone else changed these values meanwhile. Check them and save again.")
            )
            return redirect("monitoring:correct_actuals", round_id=round_id, node_id=node_id)
        messages.success(
            request,
            _("The values were corrected. The change is in the history; the round keeps what was reported."),
        )
        return redirect("monitoring:round", round_id=round_id)
    context = {
        "round": reporting_round,
        "plan": reporting_round.plan,
        "node": entry.node,
        "access": access,
        "forms": forms_,
    }
    return render(
        request, "monitoring/correct_actuals.html", context, status=400 if request.method == "POST" else 200
    )
