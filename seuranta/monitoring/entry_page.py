"""The data behind a node's report page: its form, last period's values and text, the targets.

The form shows the entry's unsubmitted draft when there is one (while the
round is open), else what was submitted into the plan for the round's period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import QueryDict

from seuranta.monitoring.entry_fields import IndicatorSpec, spec_for
from seuranta.monitoring.forms import EntryForm, ReturnForm, value_field_name
from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.node_rows import NodeRows, read_node
from seuranta.monitoring.reporting import EntryValues
from seuranta.monitoring.submission import series_key
from seuranta.plans.language_fields import edit_languages
from seuranta.plans.language_fields import initial as translated_initial
from seuranta.plans.models import Indicator, Measure, Milestone, Node, ProgressEntry
from seuranta.plans.translations import primary_of, translation


@dataclass
class EntryExtra:
    indicators: list[Indicator]
    measures: dict[int, list[Measure]]
    specs: list[IndicatorSpec]
    milestones: list[Milestone]
    current: dict[int, dict[str, Measure]]  # this round's submitted actuals in the plan, by sub-series key
    progress: ProgressEntry | None  # this round's submitted progress entry in the plan
    previous_progress: ProgressEntry | None
    draft: EntryValues | None  # the unsubmitted draft, while the round is open
    rows: list[dict] = field(default_factory=list)


def _load(entry: RoundEntry, rows: NodeRows | None) -> EntryExtra:
    """The page's data from the node's rows (`node_rows.read_node`), read here when the caller has not."""
    if rows is None:
        rows = read_node(entry.node, lock=False, milestones=getattr(entry, "node_has_milestones", True))
    period = entry.round.period
    current: dict[int, dict[str, Measure]] = {}
    for indicator_id, measures in rows.measures.items():
        for m in measures:
            if m.role == Measure.Role.ACTUAL and m.period == period:
                current.setdefault(indicator_id, {}).setdefault(series_key(m.label), m)
    progress = next((p for p in rows.progress if p.period == period), None)
    previous = [p for p in rows.progress if p.period != period]
    return EntryExtra(
        indicators=rows.indicators,
        measures=rows.measures,
        specs=[spec_for(i, rows.measures[i.pk]) for i in rows.indicators],
        milestones=rows.milestones,
        current=current,
        progress=progress,
        previous_progress=previous[-1] if previous else None,
        draft=EntryValues.from_draft(entry.draft) if entry.draft and entry.round.is_open else None,
    )


def _saved(extra: EntryExtra) -> tuple[dict[str, str], str]:
    """The values (by form field) and text now saved: the draft if there is one, else what was submitted."""
    values: dict[str, str] = {}
    for spec in extra.specs:
        pk = spec.indicator.pk
        for index, label in EntryForm.series_fields(spec):
            name = value_field_name(spec.indicator, index)
            if extra.draft is not None:
                typed = extra.draft.series.get(pk, {}).get(label) if label else extra.draft.values.get(pk)
                if typed:
                    values[name] = typed[0]
            elif (stored := extra.current.get(pk, {}).get(series_key(label))) is not None:
                values[name] = _without_label(stored.text, label)
    if extra.draft is not None:
        return values, extra.draft.text
    return values, extra.progress.text if extra.progress else ""


def _without_label(text: str, label: str | None) -> str:
    """ "ala-aste: 17,0" as the field of the sub-series ala-aste shows it: "17,0"."""
    if label and text.casefold().startswith(label.casefold()):
        return text[len(label) :].lstrip(" :–-")
    return text


def _milestone_initial(extra: EntryExtra) -> dict:
    initial: dict = {}
    drafted = extra.draft.milestones if extra.draft is not None else {}
    for m in extra.milestones:
        done_on = drafted[m.pk] if m.pk in drafted else (m.extra.get("done_on") if m.done else None)
        initial[f"milestone_{m.pk}"] = bool(done_on) or (m.pk not in drafted and m.done)
        initial[f"milestone_{m.pk}_on"] = done_on or ""
    return initial


def _previous_actual(rows: list[Measure], entry: RoundEntry) -> Measure | None:
    """The latest actual from before this round's period (or undated), for reference."""
    earlier = [
        m
        for m in rows
        if m.role == Measure.Role.ACTUAL
        and m.period != entry.round.period
        and (m.period_end is None or m.period_end < entry.round.period_end)
    ]
    dated = [m for m in earlier if m.period_end is not None]
    if dated:
        return max(dated, key=lambda m: (m.period_end, m.order, m.pk))
    return earlier[-1] if earlier else None


def _target_for(rows: list[Measure], entry: RoundEntry) -> Measure | None:
    """The first target due at or after this round's period, else the last one."""
    targets = [m for m in rows if m.role == Measure.Role.TARGET]
    upcoming = [m for m in targets if m.period_end and m.period_end >= entry.round.period_end]
    if upcoming:
        return min(upcoming, key=lambda m: m.period_end or date.max)  # all have one
    return targets[-1] if targets else None


@dataclass
class _Texts:
    """A progress text's translations, as `language_fields` reads a row's."""

    translations: dict | None


def _text_translations(extra: EntryExtra) -> _Texts:
    """The progress text's translations now saved: the draft's (when it has them), else the submitted
    entry's; with neither, last period's, as a starting point like its text."""
    if extra.draft is not None and extra.draft.translations is not None:
        return _Texts(extra.draft.translations)
    if extra.progress is not None or extra.draft is not None:
        return _Texts(extra.progress.translations if extra.progress else None)
    return _Texts(extra.previous_progress.translations if extra.previous_progress else None)


def entry_form(entry: RoundEntry, data=None, rows: NodeRows | None = None) -> tuple[EntryForm, EntryExtra]:
    """The report form (bound to `data` when given) and the page's data, from the node's `rows` when the
    caller has read them (a POST reads them once, under the submission's locks)."""
    extra = _load(entry, rows)
    plan = entry.round.plan
    texts = _text_translations(extra)
    languages = edit_languages(plan, texts)
    initial: dict[str, Any] = {"version": entry.version}
    initial.update(translated_initial(texts, ["text"], languages, primary_of(plan)))
    values, _text = _saved(extra)
    initial.update(values)
    initial.update(_milestone_initial(extra))
    if extra.draft is not None:
        initial.update(text=extra.draft.text, phase=extra.draft.phase, verdict=extra.draft.verdict)
    elif extra.progress is not None:
        initial.update(text=extra.progress.text, phase=extra.progress.phase, verdict=extra.progress.verdict)
    else:
        # Last period's text as a starting point: updating is easier than writing from scratch.
        previous = extra.previous_progress
        initial.update(text=previous.text if previous else "", phase=entry.node.phase or "")
    form = EntryForm(
        data,
        initial=initial,
        specs=extra.specs,
        milestones=extra.milestones,
        period=entry.round.period,
        plan=plan,
        languages=languages,
        # Last period's translations are a starting point, not saved ones a missing field would keep.
        translations=texts.translations if extra.progress is not None or extra.draft is not None else None,
    )
    return form, extra


def _row(form, entry, spec, measures, index, label, saved_values) -> dict:
    """One value field of the page, with its reference values (of its own sub-series when it has one)."""
    key = series_key(label)
    mine = [m for m in measures if series_key(m.label) == key] if label else measures
    baseline = next(
        (m for m in mine if m.role in (Measure.Role.BASELINE, Measure.Role.BASELINE_SERIES)), None
    )
    name = value_field_name(spec.indicator, index)
    confirm = form[f"confirm_{name}"] if f"confirm_{name}" in form.fields else None
    return {
        "indicator": spec.indicator,
        "label": label,
        "first": index in (None, 0),
        "field": form[name],
        "baseline": baseline,
        "target": _target_for(mine, entry),
        "previous": _previous_actual(mine, entry),
        "saved": saved_values.get(name, ""),
        "qualitative": spec.qualitative,
        "confirm": confirm if confirm is not None and (name in form.far or confirm.value()) else None,
    }


def _ancestors(node: Node) -> list[Node]:
    chain = []
    parent_id = node.parent_id
    while parent_id is not None:  # as many queries as the node is deep, whatever the plan's size
        parent = Node.objects.only("id", "parent_id", "title", "level").get(pk=parent_id)
        chain.append(parent)
        parent_id = parent.parent_id
    return list(reversed(chain))


def _text_fields(form: EntryForm, extra: EntryExtra, saved_text: str) -> list[tuple[Any, str]]:
    """The progress text's fields, one per language, each with the text now saved in that language
    (shown beside it after a conflict)."""
    saved = _text_translations(extra) if extra.draft is not None or extra.progress is not None else None
    fields: list[tuple[Any, str]] = [(form["text"], saved_text)]
    for bound in form.text_translations():
        lang = bound.field.widget.attrs.get("lang", "")
        fields.append((bound, (translation(saved, "text", lang) or "") if saved else ""))
    return fields


def entry_context(
    entry: RoundEntry,
    access,
    *,
    user,
    form: EntryForm | None = None,
    extra: EntryExtra | None = None,
    conflict: bool = False,
) -> dict:
    if form is None or extra is None:
        form, extra = entry_form(entry)
    if conflict:
        # Keep everything the user typed, but let a second save knowingly replace the newer version.
        _fresh, extra = entry_form(entry)
        data = QueryDict(mutable=True)
        data.update(form.data)
        data["version"] = str(entry.version)
        form.data = data
    saved_values, saved_text = _saved(extra)
    rows = []
    for spec in extra.specs:
        measures = extra.measures[spec.indicator.pk]
        for index, label in EntryForm.series_fields(spec):
            rows.append(_row(form, entry, spec, measures, index, label, saved_values))
    return {
        "entry": entry,
        "round": entry.round,
        "plan": entry.round.plan,
        "node": entry.node,
        "access": access,
        "form": form,
        "rows": rows,
        "ancestors": _ancestors(entry.node),
        "previous_progress": extra.previous_progress,
        "saved_text": saved_text,
        "text_fields": _text_fields(form, extra, saved_text),
        "has_draft": extra.draft is not None,
        "draft_left_out": bool(entry.draft) and not entry.round.is_open,
        "prefilled_from_previous": extra.draft is None
        and extra.progress is None
        and extra.previous_progress is not None,
        "conflict": conflict,
        "return_form": ReturnForm() if access.can_return else None,
        "read_only": not access.can_edit,
        "has_numeric": any(not row["qualitative"] for row in rows),
        "milestone_rows": form.milestone_rows(),
    }
