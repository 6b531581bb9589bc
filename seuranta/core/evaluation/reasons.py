"""The sentence that says why a series got its status, in the evaluation's language.

"Toteuma 3,9 (2023), tavoitetaso 4,1 2026, lähtötaso 3,5: aikataulussa (odotettu
taso 3,7)." Parts first (actual, target, baseline), then the verdict; a
sub-series is named before them. Every text goes through the core's gettext.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any

from seuranta.core.evaluation.split import measures_of
from seuranta.core.evaluation.targets import is_number, is_strict, kind_of, parse_range, season
from seuranta.core.formatting import (
    decimals,
    format_date,
    format_number,
    format_period,
    sentence,
    with_unit,
)
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Measure
from seuranta.core.periods.spans import find_periods


def written_once(evaluation: Any) -> str:
    """An evaluation's `written`: the sentence, or what it is written from (the evaluation's
    `Settings`, a `NoActual` record, or a function), written when first asked for (a plan page
    shows few of its reasons) and kept."""
    written = evaluation.written
    if type(written) is str:
        return written
    pending = type(written) is NoActual or not callable(written)  # not yet written, or how to write it
    written = write(evaluation, written) if pending else written()
    object.__setattr__(evaluation, "written", written)
    return str(written)


def pickled(evaluation: Any) -> list[object]:
    """`__getstate__` of an evaluation with a `reason`: the sentence is written first (what writes
    it is not picklable), and what it was written from (`source`) is left out."""
    evaluation.reason  # noqa: B018
    return [None if f.name == "source" else getattr(evaluation, f.name) for f in fields(evaluation)]


def unpickled(evaluation: Any, state: list[object]) -> None:
    """`__setstate__` of what `pickled` gave."""
    for f, value in zip(fields(evaluation), state, strict=True):
        object.__setattr__(evaluation, f.name, value)


def state_text(measure: Measure) -> str:
    """A state as written without the period the reason names after it ("Kyllä 2026" for 2026 is
    "Kyllä"): the period written in it, where it is the measure's own, is left out."""
    text = measure.text or ""
    if not measure.period:
        return text
    for span in reversed(find_periods(text)):
        if span.period == measure.period:
            text = text[: span.start] + text[span.end :]
    text = " ".join(text.split()).strip(" ,;:–-")
    return text or (measure.text or "")


if TYPE_CHECKING:
    from seuranta.core.evaluation.results import SeriesEvaluation, Settings


def places_of(measures: Iterable[Measure | None]) -> int:
    """The most decimals the measures' numbers are written with (computed values get one more)."""
    most = 0
    for measure in measures:
        if measure is not None and measure.value is not None and is_number(measure.value):
            most = max(most, decimals(measure.value))
    return most


def quote(written: str | None, lang: str) -> str:
    return _("“{text}”", lang).format(text=(written or "").strip().rstrip("."))


class Reasons:
    """Formats the parts of one series' reason in the evaluation language."""

    __slots__ = ("label", "lang", "mode", "places", "scale", "unit")

    def __init__(
        self, lang: str, unit: str | None, label: str | None, mode: str, scale: Sequence[str], places: int
    ):
        self.lang = lang_of(lang)
        self.unit = unit
        self.label = label
        self.mode = mode
        self.scale = scale
        self.places = places  # see places_of

    def number(self, value: float, extra: int = 0) -> str:
        """A given value as written; a computed one (extra > 0) with one more decimal than the inputs."""
        if extra:
            value = round(value, min(3, self.places + extra))
        return with_unit(format_number(value, self.lang), self.unit, self.lang)

    def actual(self, measure: Measure, value: float) -> str:
        shown = quote(state_text(measure), self.lang) if self.mode == "state" else self.number(value)
        period = format_period(measure.period, self.lang)
        return _("actual {value}", self.lang).format(value=f"{shown} ({period})" if period else shown)

    def target(self, measure: Measure, level: float | None, baseline: float | None) -> str:
        """The target as written; `level` is where it was placed (a relative target's level shows)."""
        shown = self._target_level(measure, level, baseline)
        period = format_period(measure.period, self.lang)
        if period and season(measure.label):
            period = f"{measure.label} {period}"
        return _("target {value}", self.lang).format(value=f"{shown} {period}" if period else shown)

    def _target_level(self, measure: Measure, level: float | None, baseline: float | None) -> str:
        lang, kind = self.lang, kind_of(measure)
        value = measure.value if is_number(measure.value) else None
        if self.mode == "state" or kind == "state":
            return quote(state_text(measure), lang)
        if kind in ("min", "max"):
            return self._bound(kind, value, is_strict(measure.text))
        if kind == "change_percent" and value is not None:
            percent = with_unit(("+" if value > 0 else "") + format_number(value, lang), "%", lang)
            if level is None and baseline is not None:
                level = baseline * (1 + value / 100)
            if level is None:
                return percent
            return _("{percent} from the baseline ({value})", lang).format(
                percent=percent, value=self.number(level)
            )
        if value is not None:
            return self.number(value)
        bounds = parse_range(measure.text)
        if not bounds:
            return quote(measure.text, lang)
        return with_unit(
            f"{format_number(bounds[0], lang)}–{format_number(bounds[1], lang)}", self.unit, lang
        )

    def _bound(self, kind: str, value: float | None, strict: bool) -> str:
        lang = self.lang
        if value is None:
            return _("at least the baseline", lang) if kind == "min" else _("at most the baseline", lang)
        if kind == "min":
            template = _("over {value}", lang) if strict else _("at least {value}", lang)
        else:
            template = _("under {value}", lang) if strict else _("at most {value}", lang)
        return template.format(value=self.number(value))

    def baseline(self, measure: Measure | None, value: float, from_actual: bool) -> str:
        if self.mode == "state":
            shown = quote(measure.text if measure else self.scale[0] if self.scale else "", self.lang)
        else:
            shown = self.number(value)
        if from_actual and measure is not None:
            period = format_period(measure.period, self.lang)
            return _("first actual {value} as the baseline", self.lang).format(
                value=f"{shown} ({period})" if period else shown
            )
        return _("baseline {value}", self.lang).format(value=shown)

    def verdict(self, status: str, expected: float) -> str:
        lang = self.lang
        if self.mode == "state":  # a position between two states is no level to show
            return _("on track", lang) if status == "on_track" else _("behind schedule", lang)
        if status == "on_track":
            template = _("on track (expected level {expected})", lang)
        else:
            template = _("behind the expected level {expected}", lang)
        return template.format(expected=self.number(expected, 1))

    def reason(self, parts: list[str], verdict: str) -> str:
        label = self.label
        prefix = f"{label}: " if label and not season(label) else ""
        return sentence(prefix + ", ".join(p for p in parts if p) + ": " + verdict)


class NoActual:
    """What the sentence of a series without an actual value needs beyond its findings."""

    __slots__ = ("dated", "parts", "settings", "unplaced")

    def __init__(self, settings: Settings, unplaced: Measure | None, parts: tuple[str, ...], dated: bool):
        self.settings = settings
        self.unplaced = unplaced  # the latest state actual that is not on the scale
        self.parts = parts  # labels of actuals without a target of their own
        self.dated = dated  # whether any actual is dated up to the evaluation date


def write(found: SeriesEvaluation, pending: Settings | NoActual) -> str:
    """The sentence of a series, from its findings and its measures (split again from `found.source`)."""
    indicator = found.source
    assert indicator is not None
    no_actual = pending if isinstance(pending, NoActual) else None
    settings = no_actual.settings if no_actual else pending
    assert not isinstance(settings, NoActual)
    measures = measures_of(indicator, found.label)
    places = places_of([measures.baseline, *measures.targets, *measures.actuals])
    show = Reasons(settings.lang, indicator.unit, found.label, found.mode, found.scale, places)
    if no_actual:
        return _without_actuals(show, found, no_actual.unplaced, no_actual.parts, no_actual.dated)
    if found.judged:
        return _judged(show, found, settings.on)
    # A relative target without a baseline.
    assert found.actual is not None and found.actual_value is not None and found.target is not None
    parts = [show.actual(found.actual, found.actual_value), show.target(found.target, None, None)]
    verdict = _("the baseline is missing, so the relative target cannot be judged yet", show.lang)
    return show.reason(parts, verdict)


def _judged(show: Reasons, found: SeriesEvaluation, on: date) -> str:
    """The sentence of a judged series."""
    lang, status = show.lang, found.status
    baseline_value, final_day = found.baseline_value, found.final_target_date
    assert baseline_value is not None and final_day is not None
    assert found.actual is not None and found.actual_value is not None and found.target is not None
    if status == "achieved":
        verdict = _("target met", lang)
    elif status == "off_track" and on > final_day:
        verdict = _("the target period ended on {date} without the target being met", lang).format(
            date=format_date(final_day, lang)
        )
    elif status == "off_track":
        verdict = _("moving the wrong way", lang)
    else:
        verdict = show.verdict(status, found.expected if found.expected is not None else baseline_value)
    parts = [
        show.actual(found.actual, found.actual_value),
        show.target(found.target, found.target_value, baseline_value),
        show.baseline(found.baseline, baseline_value, found.baseline_from_actual),
    ]
    return show.reason(parts, verdict)


def _without_actuals(
    show: Reasons, found: SeriesEvaluation, unplaced: Measure | None, labels: tuple[str, ...], dated: bool
) -> str:
    lang = show.lang
    if unplaced is not None:
        verdict = _("the state {state} cannot be placed on the scale", lang).format(
            state=quote(unplaced.text, lang)
        )
    elif labels and not dated:
        verdict = _(
            "actual values exist only for parts without a target of their own ({labels})", lang
        ).format(labels=", ".join(labels))
    else:
        verdict = _("no actual value yet", lang)
    assert found.target is not None
    parts = [show.target(found.target, None, found.baseline_value)]
    if found.baseline_value is not None:
        parts.append(show.baseline(found.baseline, found.baseline_value, found.baseline_from_actual))
    return show.reason(parts, verdict)
