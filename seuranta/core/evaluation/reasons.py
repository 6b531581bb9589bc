"""The sentence that says why a series got its status, in the evaluation's language.

"Toteuma 3,9 (2023), tavoitetaso 4,1 2026, lähtötaso 3,5: aikataulussa (odotettu
taso 3,7)." Parts first (actual, target, baseline), then the verdict; a
sub-series is named before them. Every text goes through the core's gettext.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from seuranta.core.evaluation.targets import STRICT, Target, is_number, kind_of, parse_range, season
from seuranta.core.formatting import decimals_of, format_number, format_period, sentence, with_unit
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Measure
from seuranta.core.periods.spans import find_periods


def written_once(evaluation: Any) -> str:
    """A frozen evaluation's `written`: the sentence, or the function that writes it, called when first
    asked for (a plan page shows few of its reasons) and kept."""
    written = evaluation.written
    if callable(written):
        written = written()
        object.__setattr__(evaluation, "written", written)
    return str(written)


def pickled(evaluation: Any) -> list[object]:
    """`__getstate__` of an evaluation with a `reason`: the sentence is written first (a function is not
    picklable)."""
    evaluation.reason  # noqa: B018
    return [getattr(evaluation, f.name) for f in fields(evaluation)]


def unpickled(evaluation: Any, state: list[object]) -> None:
    """`__setstate__` of what `pickled` gave."""
    for f, value in zip(fields(evaluation), state, strict=True):
        object.__setattr__(evaluation, f.name, value)


@dataclass(frozen=True)
class Point:
    """An actual value placed on the series' scale, on the day it stands for."""

    value: float
    day: date
    measure: Measure


def quote(written: str | None, lang: str) -> str:
    return _("“{text}”", lang).format(text=(written or "").strip().rstrip("."))


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


class Reasons:
    """Formats the parts of one series' reason in the evaluation language."""

    __slots__ = ("label", "lang", "mode", "places", "scale", "unit")

    def __init__(
        self,
        lang: str,
        unit: str | None,
        label: str | None,
        mode: str,
        scale: Sequence[str],
        measures: Sequence[Measure | None],
    ):
        self.lang = lang_of(lang)
        self.unit = unit
        self.label = label
        self.mode = mode
        self.scale = scale
        numbers = [m.value for m in measures if m is not None and is_number(m.value)]
        self.places = decimals_of(*numbers)

    def number(self, value: float, extra: int = 0) -> str:
        """A given value as written; a computed one (extra > 0) with one more decimal than the inputs."""
        if extra:
            value = round(value, min(3, self.places + extra))
        return with_unit(format_number(value, self.lang), self.unit, self.lang)

    def actual(self, point: Point) -> str:
        shown = (
            quote(state_text(point.measure), self.lang) if self.mode == "state" else self.number(point.value)
        )
        period = format_period(point.measure.period, self.lang)
        return _("actual {value}", self.lang).format(value=f"{shown} ({period})" if period else shown)

    def target(self, measure: Measure, resolved: Target | None, baseline: float | None) -> str:
        shown = self._target_level(measure, resolved, baseline)
        period = format_period(measure.period, self.lang)
        if period and season(measure.label):
            period = f"{measure.label} {period}"
        return _("target {value}", self.lang).format(value=f"{shown} {period}" if period else shown)

    def _target_level(self, measure: Measure, resolved: Target | None, baseline: float | None) -> str:
        lang, kind = self.lang, kind_of(measure)
        value = measure.value if is_number(measure.value) else None
        if self.mode == "state" or kind == "state":
            return quote(state_text(measure), lang)
        if kind in ("min", "max"):
            return self._bound(kind, value, bool(STRICT.match(measure.text or "")))
        if kind == "change_percent" and value is not None:
            percent = with_unit(("+" if value > 0 else "") + format_number(value, lang), "%", lang)
            level = (
                resolved.level
                if resolved
                else (baseline * (1 + value / 100) if baseline is not None else None)
            )
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
