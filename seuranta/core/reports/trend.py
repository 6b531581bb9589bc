"""An indicator's baseline, targets and actuals as chart data: the one source of every trend chart.

    trend_data(indicator, lang, plan_start=..., scale=...) -> TrendData | None

Each point stands at its own date: the middle of its period (a 2026 target over
the year 2026, a baseline over its year, a quarter over its quarter); a baseline
with no period at the plan's start, with a note saying so. Sub-series ("ala-aste",
"yläaste") keep their labels. A qualitative indicator ("Ei", "Valmistelussa",
"Kyllä") is placed on its scale of states, never on numbers. The time axis has a
tick per year, labelled in the middle of the year. Pure: the web page, the
printable report and the DOCX pictures all draw from this (`trend_svg.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from seuranta.core.evaluation import states
from seuranta.core.formatting import format_number
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.measures import is_state_text
from seuranta.core.model import Indicator, Measure
from seuranta.core.periods import period_bounds, text_bounds

NUMERIC_KINDS = (None, "value", "min", "max")
ROLES = ("baseline", "target", "actual")


@dataclass(frozen=True)
class TrendPoint:
    role: str  # "baseline", "target", "actual"
    label: str | None  # the sub-series, or None
    day: date
    value: float  # the number, or the position on the scale of states
    text: str  # the measure as written
    period: str | None
    note: str | None = None  # why the point stands where it does, when it is not its own period


@dataclass(frozen=True)
class TrendData:
    points: tuple[TrendPoint, ...]
    qualitative: bool
    levels: tuple[str, ...]  # the scale of states, bottom first (qualitative only)
    first: date
    last: date
    x_ticks: tuple[tuple[date, str], ...]  # a day and the label centred on it
    x_lines: tuple[date, ...]  # the year boundaries
    y_ticks: tuple[tuple[float, str], ...]
    series: tuple[tuple[str, str | None], ...]  # (role, sub-series) in legend order
    notes: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The sub-series labels, in order of appearance."""
        return tuple(dict.fromkeys(label for _role, label in self.series if label))


def role_label(role: str, lang: str) -> str:
    if role == "baseline":
        return _("Baseline", lang)
    if role == "target":
        return _("Target", lang)
    return _("Actual", lang)


def series_name(role: str, label: str | None, lang: str) -> str:
    """ "Target – ala-aste", or just "Target"."""
    name = role_label(role, lang)
    return f"{name} – {label}" if label else name


def _measures(indicator: Indicator) -> list[tuple[str, Measure]]:
    found = [("baseline", indicator.baseline)] if indicator.baseline else []
    found += [("baseline", m) for m in indicator.baseline_series]
    found += [("target", m) for m in indicator.targets]
    found += [("actual", m) for m in indicator.actuals]
    return found


def _is_number(m: Measure) -> bool:
    return isinstance(m.value, int | float) and not isinstance(m.value, bool) and m.kind in NUMERIC_KINDS


def is_qualitative(indicator: Indicator) -> bool:
    """No numeric measure, and at least one state ("Ei", "Kyllä", "Valmistelussa")."""
    measures = [m for _role, m in _measures(indicator)]
    if any(_is_number(m) for m in measures):
        return False
    return any(m.kind == "state" or (m.value is None and is_state_text(m.text)) for m in measures if m.text)


def own_day(period: str | None) -> date | None:
    """The middle of a period: a year's point over its year, a quarter's over its quarter."""
    if not period:
        return None
    bounds = period_bounds(period)
    start, end = bounds if bounds else text_bounds(period)
    if start is None or end is None:
        return end or start
    return start + timedelta(days=(end - start).days // 2)


def state_levels(indicator: Indicator, scale: list[str] | tuple[str, ...] | None) -> list[str]:
    """The plan's scale, or the baseline and targets in order with the in-between actuals put in place."""
    if scale:
        return list(scale)
    baseline = indicator.baseline.text if indicator.baseline else None
    levels = states.infer_scale(baseline, [m.text for m in indicator.targets])
    for actual in indicator.actuals:
        position = states.place(actual.text, levels)
        if position is None and not levels:
            levels.append(actual.text)
        elif position is not None and position != int(position):
            levels.insert(math.ceil(position), actual.text)
    return levels


def _points(
    indicator: Indicator, lang: str, plan_start: date | None, levels: list[str] | None
) -> list[TrendPoint]:
    points: list[TrendPoint] = []
    for role, m in _measures(indicator):
        if levels is not None:
            position = states.place(m.text, levels) if m.text else None
            value = None if position is None else float(position)
        else:
            value = float(m.value) if _is_number(m) and m.value is not None else None
        if value is None:
            continue
        day, note = own_day(m.period), None
        if day is None and role == "baseline" and plan_start is not None:
            day = plan_start
            note = _("The baseline has no year; it is drawn at the start of the plan.", lang)
        if day is not None:
            points.append(TrendPoint(role, m.label, day, value, m.text, m.period, note))
    return points


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks, value = [], math.floor(lo / step) * step
    while value <= hi + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi:
        ticks.append(round(value, 10))
    return ticks


def _time_axis(points: list[TrendPoint]) -> tuple[date, date, list[tuple[date, str]], list[date]]:
    """Whole years around the points; a label per year (at most eight) in the middle of its year."""
    first_year = min(p.day.year for p in points)
    last_year = max(p.day.year for p in points)
    years = list(range(first_year, last_year + 1))
    step = max(1, math.ceil(len(years) / 8))
    ticks = [(date(y, 7, 1), str(y)) for y in years[::step]]
    lines = [date(y, 1, 1) for y in years[1:]]
    return date(first_year, 1, 1), date(last_year, 12, 31), ticks, lines


def _series(points: list[TrendPoint]) -> list[tuple[str, str | None]]:
    found = dict.fromkeys((p.role, p.label) for p in points)
    return sorted(found, key=lambda s: (ROLES.index(s[0]), list(found).index(s)))


def trend_data(
    indicator: Indicator,
    lang: str = "fi",
    *,
    plan_start: date | None = None,
    scale: list[str] | tuple[str, ...] | None = None,
) -> TrendData | None:
    """The chart of an indicator, or None when nothing can be placed on a date."""
    lang = lang_of(lang)
    qualitative = is_qualitative(indicator)
    levels = state_levels(indicator, scale) if qualitative else None
    points = _points(indicator, lang, plan_start, levels)
    if not points:
        return None
    first, last, x_ticks, x_lines = _time_axis(points)
    if levels is not None:
        y_ticks = [(float(i), level) for i, level in enumerate(levels)]
    else:
        values = [p.value for p in points]
        y_ticks = [(t, format_number(t, lang)) for t in nice_ticks(min(0.0, min(values)), max(values))]
    notes = tuple(dict.fromkeys(p.note for p in points if p.note))
    return TrendData(
        points=tuple(points),
        qualitative=qualitative,
        levels=tuple(levels or ()),
        first=first,
        last=last,
        x_ticks=tuple(x_ticks),
        x_lines=tuple(x_lines),
        y_ticks=tuple(y_ticks),
        series=tuple(_series(points)),
        notes=notes,
    )


def describe(indicator: Indicator, data: TrendData | None, lang: str) -> str:
    """One sentence per role that says what the chart shows, for its <desc> and alternative text."""
    lang = lang_of(lang)
    if data is None:
        return _("No baseline, targets or actuals.", lang)
    parts = []
    for role, label in data.series:
        items = [
            f"{p.text} ({p.period})" if p.period else p.text
            for p in sorted(data.points, key=lambda p: p.day)
            if (p.role, p.label) == (role, label)
        ]
        parts.append(f"{series_name(role, label, lang)}: {'; '.join(items)}")
    kind = (
        _("Step chart of the indicator {name} on its scale ({levels})", lang).format(
            name=indicator.name, levels=" / ".join(data.levels)
        )
        if data.qualitative
        else _("Line chart of the indicator {name}", lang).format(name=indicator.name)
    )
    return f"{kind}. {'. '.join(parts)}." + "".join(f" {note}" for note in data.notes)
