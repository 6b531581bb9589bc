"""The status of one indicator from its baseline, targets and actual values.

The rules are those of docs/statuses.md; this module applies them. It is
pure: an `Indicator` and a date in, a frozen `IndicatorEvaluation` out, and it
never raises on odd input (anything it cannot judge gets `no_target` or
`no_data` with a reason saying why).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from seuranta.core import evaluation_states as states
from seuranta.core.evaluation_texts import (
    decimals_of,
    format_date,
    format_number,
    format_period,
    lang_of,
    sentence,
    text,
    with_unit,
)
from seuranta.core.measures import period_text_bounds
from seuranta.core.model import Indicator, Measure
from seuranta.core.periods import period_end, period_start

# insufficient_data is given only to goals by the roll-up (evaluation.roll_up), never to an indicator.
STATUSES = ("achieved", "on_track", "behind", "off_track", "insufficient_data", "no_data", "no_target")
JUDGED = ("achieved", "on_track", "behind", "off_track")
_RANK = {status: rank for rank, status in enumerate(JUDGED)}
_EPSILON = 1e-9

SEASONS = {
    "spring": frozenset({"kevät", "kevätlukukausi", "kevätkausi", "vår", "våren", "vårterminen", "spring"}),
    "autumn": frozenset(
        {"syksy", "syyslukukausi", "syyskausi", "höst", "hösten", "höstterminen", "autumn", "fall"}
    ),
}


def worst(statuses: Iterable[str]) -> str | None:
    """The worst judged status (achieved > on_track > behind > off_track); None if none is judged."""
    judged = [s for s in statuses if s in _RANK]
    return max(judged, key=_RANK.__getitem__) if judged else None


def rank(status: str) -> int:
    """0 for achieved ... 3 for off_track; 4 for statuses that are not judged."""
    return _RANK.get(status, len(_RANK))


# --- dates -----------------------------------------------------------------


def text_bounds(written: str | None) -> tuple[date | None, date | None]:
    """The first and last day of a period as written ("kevät 2026", "1–6/2026"); None where unknown."""
    if not written:
        return None, None
    try:
        return period_text_bounds(written)
    except Exception:  # a bug in the measure language must not break evaluation
        return None, None


def period_has_begun(period: str | None, on: date) -> bool:
    """Whether a period's first day is on or before `on`."""
    if not period:
        return False
    first = period_start(period) or text_bounds(period)[0]
    return first is not None and first <= on


def measure_date(period: str | None) -> date | None:
    """The day a measure's period stands for (its last day), or None."""
    if not period:
        return None
    return period_end(period) or text_bounds(period)[1]


# --- results ---------------------------------------------------------------


@dataclass(frozen=True)
class SeriesEvaluation:
    """The judgement of one series: the whole indicator, or one labelled sub-series."""

    label: str | None
    status: str
    reason: str
    judged: bool = False
    mode: str = "number"  # "number" or "state"
    direction: str | None = None  # "up", "down" or "hold"
    baseline: Measure | None = None
    baseline_value: float | None = None  # the number, or the position on the state scale
    baseline_date: date | None = None
    baseline_from_actual: bool = False
    target: Measure | None = None  # the target used: the next one ahead, or the final one
    target_value: float | None = None
    target_date: date | None = None
    final_target: Measure | None = None
    final_target_date: date | None = None
    actual: Measure | None = None  # the latest actual up to the evaluation date
    actual_value: float | None = None
    actual_date: date | None = None
    expected: float | None = None  # the expected level at the actual's date
    scale: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorEvaluation:
    """One status and one sentence for an indicator, with the detail behind them."""

    status: str
    reason: str
    series: tuple[SeriesEvaluation, ...] = ()
    decisive: SeriesEvaluation | None = None
    unit: str | None = None

    @property
    def label(self) -> str | None:
        return self.decisive.label if self.decisive else None

    @property
    def direction(self) -> str | None:
        return self.decisive.direction if self.decisive else None

    @property
    def actual(self) -> Measure | None:
        return self.decisive.actual if self.decisive else None

    @property
    def actual_value(self) -> float | None:
        return self.decisive.actual_value if self.decisive else None

    @property
    def actual_date(self) -> date | None:
        return self.decisive.actual_date if self.decisive else None

    @property
    def target(self) -> Measure | None:
        return self.decisive.target if self.decisive else None

    @property
    def target_value(self) -> float | None:
        return self.decisive.target_value if self.decisive else None

    @property
    def expected(self) -> float | None:
        return self.decisive.expected if self.decisive else None

    @property
    def baseline_value(self) -> float | None:
        return self.decisive.baseline_value if self.decisive else None


@dataclass(frozen=True)
class Settings:
    on: date
    plan_start: date | None = None
    plan_end: date | None = None
    tolerance: float = 0.10
    scale: tuple[str, ...] | None = None
    lang: str = "fi"
    unit: str | None = None


@dataclass(frozen=True)
class _Point:
    value: float
    day: date
    measure: Measure


@dataclass(frozen=True)
class _Target:
    measure: Measure
    day: date
    level: float
    kind: str  # value, min, max, change_percent, state, range
    strict: bool = False
    low: float | None = None
    high: float | None = None
    relative: bool = False


_STRICT = re.compile(
    r"^\s*(yli|alle|enemmän kuin|vähemmän kuin|över|under|fler än|färre än|mer än|"
    r"mindre än|over|more than|less than|fewer than|above|below|>(?!=)|<(?!=))",
    re.IGNORECASE,
)
_NUMBER = r"\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?"
_RANGE = re.compile(rf"({_NUMBER})\s*(?:-|–|—|\.\.\.?|…)\s*({_NUMBER})")


def _to_float(written: str) -> float:
    return float(written.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def parse_range(written: str | None) -> tuple[float, float] | None:
    """ "2-3", "2–3 palvelua", "1,5…2" as (low, high); None when the text has no range."""
    if not written:
        return None
    m = _RANGE.search(written)
    if not m:
        return None
    low, high = sorted((_to_float(m[1]), _to_float(m[2])))
    return low, high


def _season(label: str | None) -> str | None:
    if not label:
        return None
    word = states.normalise(label)
    for season, words in SEASONS.items():
        if word in words:
            return season
    return None


def _in_season(day: date, season: str) -> bool:
    return day.month <= 6 if season == "spring" else day.month >= 7


# --- one series ------------------------------------------------------------


def _kind(measure: Measure) -> str:
    kind = measure.kind or "value"
    return kind if kind in ("value", "min", "max", "change_percent", "state") else "value"


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == value
        and abs(value) != float("inf")
    )


def _judgeable(measure: Measure, mode: str) -> bool:
    kind = _kind(measure)
    if mode == "state":
        return kind == "state"
    if kind == "state":
        return False
    if kind in ("min", "max"):
        return True
    if kind == "change_percent":
        return _is_number(measure.value)
    return _is_number(measure.value) or parse_range(measure.text) is not None


def _resolve(measure: Measure, day: date, baseline: float | None, scale: list[str]) -> _Target | None:
    kind = _kind(measure)
    value = measure.value if _is_number(measure.value) else None
    if kind == "state":
        position = states.place(measure.text, scale)
        return _Target(measure, day, float(len(scale) - 1) if position is None else position, "state")
    if kind in ("min", "max"):
        if value is None:
            if baseline is None:
                return None
            return _Target(measure, day, baseline, kind, relative=True)
        return _Target(measure, day, float(value), kind, strict=bool(_STRICT.match(measure.text or "")))
    if kind == "change_percent":
        if value is None or baseline is None:
            return None
        return _Target(measure, day, baseline * (1 + value / 100), kind, relative=True)
    if value is not None:
        return _Target(measure, day, float(value), "value")
    bounds = parse_range(measure.text)
    if bounds is None:
        return None
    low, high = bounds
    near = low if baseline is None or baseline <= low else high if baseline >= high else low
    return _Target(measure, day, near, "range", low=low, high=high)


def _direction(final: _Target, targets: list[_Target], baseline: float) -> str:
    if final.kind == "min":
        return "up"
    if final.kind == "max":
        return "down"
    if final.kind == "range" and final.low is not None and final.high is not None:
        if baseline < final.low:
            return "up"
        if baseline > final.high:
            return "down"
        return "hold"
    for target in [final, *reversed(targets)]:
        if target.level > baseline + _EPSILON:
            return "up"
        if target.level < baseline - _EPSILON:
            return "down"
    return "hold"


def _meets(target: _Target, value: float, direction: str) -> bool:
    if target.kind == "min":
        return value > target.level + _EPSILON if target.strict else value >= target.level - _EPSILON
    if target.kind == "max":
        return value < target.level - _EPSILON if target.strict else value <= target.level + _EPSILON
    if direction == "hold":
        low = target.low if target.low is not None else target.level
        high = target.high if target.high is not None else target.level
        return low - _EPSILON <= value <= high + _EPSILON
    if direction == "up":
        return value >= target.level - _EPSILON
    return value <= target.level + _EPSILON


@dataclass
class _Series:
    label: str | None
    baseline: Measure | None
    targets: list[Measure]
    actuals: list[Measure]
    parts: list[str] = field(default_factory=list)  # labels of actuals without a target of their own


def evaluate_series(series: _Series, settings: Settings) -> SeriesEvaluation:
    lang = lang_of(settings.lang)
    label = series.label
    if not series.targets:
        return SeriesEvaluation(label, "no_target", text(lang, "no_target"))

    def target_sort_key(item: tuple[int, Measure]) -> tuple[date, int]:
        return measure_date(item[1].period) or date.max, item[0]

    ordered = [m for _, m in sorted(enumerate(series.targets), key=target_sort_key)]
    mode = "state" if _kind(ordered[-1]) == "state" else "number"
    usable = [m for m in ordered if _judgeable(m, mode)]
    if not usable:
        shown = _quote(ordered[-1].text, lang)
        return SeriesEvaluation(label, "no_target", text(lang, "unjudgeable_target", target=shown), mode=mode)

    # Actuals up to the evaluation date; an undated actual counts as measured on it, and so does one
    # recorded for a period that has begun by then (a 2026 value counts in June 2026).
    dated: list[tuple[date, int, Measure]] = []
    for index, measure in enumerate(series.actuals):
        day = measure_date(measure.period) if measure.period else settings.on
        day = day or settings.on
        if day > settings.on and period_has_begun(measure.period, settings.on):
            day = settings.on
        if day <= settings.on and (mode == "state" or _is_number(measure.value)):
            dated.append((day, index, measure))
    dated.sort(key=lambda item: (item[0], item[1]))

    # Scale for states: configured, or inferred from baseline (or first actual) and targets.
    baseline_measure = series.baseline
    scale: list[str] = []
    if mode == "state":
        base_text = baseline_measure.text if baseline_measure and _kind(baseline_measure) == "state" else None
        if (
            base_text is None
            and baseline_measure
            and baseline_measure.value is None
            and baseline_measure.text
        ):
            base_text = baseline_measure.text
        first_text = dated[0][2].text if dated else None
        scale = (
            list(settings.scale)
            if settings.scale
            else states.infer_scale(base_text or first_text, [m.text for m in usable])
        )

    points: list[_Point] = []
    unplaced: Measure | None = None
    for day, _, measure in dated:
        if mode == "state":
            position = states.place(measure.text, scale)
            if position is None:
                unplaced = measure
                continue
            unplaced = None
            points.append(_Point(position, day, measure))
        else:
            points.append(_Point(float(measure.value or 0), day, measure))

    latest_day = points[-1].day if points else (dated[-1][0] if dated else None)
    undated_target_day = settings.plan_end or (date(latest_day.year, 12, 31) if latest_day else None)

    def day_of(measure: Measure) -> date | None:
        return measure_date(measure.period) or undated_target_day

    # Baseline: the given one, or the earliest actual.
    baseline_value: float | None = None
    baseline_day: date | None = None
    from_actual = False
    if baseline_measure is not None:
        if mode == "state":
            position = states.place(baseline_measure.text, scale) if baseline_measure.text else None
            if position is None and _kind(baseline_measure) == "state":
                position = 0.0
            baseline_value = position
        elif _kind(baseline_measure) != "state" and _is_number(baseline_measure.value):
            baseline_value = float(baseline_measure.value or 0)
    if baseline_value is not None and baseline_measure is not None:
        first_target_day = min((d for d in (day_of(m) for m in usable) if d), default=None)
        baseline_day = (
            measure_date(baseline_measure.period)
            or settings.plan_start
            or (_year_before(first_target_day) if first_target_day else None)
        )
    elif points:
        baseline_value, baseline_day, from_actual = points[0].value, points[0].day, True
        baseline_measure = points[0].measure

    base = SeriesEvaluation(
        label,
        "no_data",
        "",
        mode=mode,
        baseline=baseline_measure,
        baseline_value=baseline_value,
        baseline_date=baseline_day,
        baseline_from_actual=from_actual,
        scale=tuple(scale),
    )
    show = _Show(settings, series, mode, scale)

    if not points:
        last = usable[-1]
        if unplaced is not None:
            verdict = text(lang, "verdict.unplaced_state", state=_quote(unplaced.text, lang))
        elif series.parts and not dated:
            verdict = text(lang, "verdict.parts_only", labels=", ".join(series.parts))
        else:
            verdict = text(lang, "verdict.no_data")
        parts = [show.target(last, None, baseline_value)]
        if baseline_value is not None:
            parts.append(show.baseline(baseline_measure, baseline_value, from_actual))
        return replace(
            base,
            reason=show.reason(parts, verdict),
            final_target=last,
            target=last,
            final_target_date=day_of(last),
        )

    latest = points[-1]
    targets: list[_Target] = []
    for measure in usable:
        day = day_of(measure)
        if day is None:
            continue
        relative_base = None if (from_actual and len(points) < 2) else baseline_value
        resolved = _resolve(measure, day, relative_base, scale)
        if resolved is not None:
            targets.append(resolved)
    targets.sort(key=lambda t: t.day)
    if not targets or baseline_value is None or baseline_day is None:
        final_measure = usable[-1]
        parts = [show.actual(latest), show.target(final_measure, None, None)]
        return replace(
            base,
            reason=show.reason(parts, text(lang, "verdict.no_baseline")),
            actual=latest.measure,
            actual_value=latest.value,
            actual_date=latest.day,
            final_target=final_measure,
            target=final_measure,
        )

    final = targets[-1]
    direction = _direction(final, targets, baseline_value)
    sign = -1.0 if direction == "down" else 1.0
    ahead = next((t for t in targets if t.day >= latest.day), final)
    expected: float | None = None
    used = final
    if _meets(final, latest.value, direction):
        status, verdict = "achieved", text(lang, "verdict.achieved")
    elif settings.on > final.day:
        status = "off_track"
        verdict = text(lang, "verdict.expired", date=format_date(final.day, lang))
    elif direction == "hold" or sign * latest.value < sign * baseline_value - _EPSILON:
        status, verdict = "off_track", text(lang, "verdict.wrong_way")
    else:
        used = ahead
        span = (ahead.day - baseline_day).days
        share = 1.0 if span <= 0 else min(1.0, max(0.0, (latest.day - baseline_day).days / span))
        expected = baseline_value + (ahead.level - baseline_value) * share
        slack = settings.tolerance * abs(ahead.level - baseline_value)
        status = "on_track" if sign * latest.value >= sign * expected - slack - _EPSILON else "behind"
        verdict = show.verdict(status, expected)
    parts = [
        show.actual(latest),
        show.target(used.measure, used, baseline_value),
        show.baseline(baseline_measure, baseline_value, from_actual),
    ]
    return replace(
        base,
        status=status,
        reason=show.reason(parts, verdict),
        judged=True,
        direction=direction,
        target=used.measure,
        target_value=used.level,
        target_date=used.day,
        final_target=final.measure,
        final_target_date=final.day,
        actual=latest.measure,
        actual_value=latest.value,
        actual_date=latest.day,
        expected=expected,
    )


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February, or year 1
        return day - timedelta(days=365) if day.year > 1 else day


def _quote(written: str | None, lang: str) -> str:
    return text(lang, "quote", text=(written or "").strip().rstrip("."))


class _Show:
    """Formats the parts of one series' reason in the evaluation language."""

    def __init__(self, settings: Settings, series: _Series, mode: str, scale: list[str]):
        self.lang = lang_of(settings.lang)
        self.unit = settings.unit
        self.series = series
        self.mode = mode
        self.scale = scale
        numbers = [
            m.value
            for m in [series.baseline, *series.targets, *series.actuals]
            if m is not None and _is_number(m.value)
        ]
        self.places = decimals_of(*numbers)

    def number(self, value: float, extra: int = 0) -> str:
        """A given value as written; a computed one (extra > 0) with one more decimal than the inputs."""
        if extra:
            value = round(value, min(3, self.places + extra))
        return with_unit(format_number(value, self.lang), self.unit, self.lang)

    def actual(self, point: _Point) -> str:
        shown = _quote(point.measure.text, self.lang) if self.mode == "state" else self.number(point.value)
        period = format_period(point.measure.period, self.lang)
        return text(self.lang, "actual", value=f"{shown} ({period})" if period else shown)

    def target(self, measure: Measure, resolved: _Target | None, baseline: float | None) -> str:
        lang, kind = self.lang, _kind(measure)
        value = measure.value if _is_number(measure.value) else None
        if self.mode == "state" or kind == "state":
            shown = _quote(measure.text, lang)
        elif kind in ("min", "max"):
            if value is None:
                shown = text(lang, "at_least_baseline" if kind == "min" else "at_most_baseline")
            else:
                strict = bool(_STRICT.match(measure.text or ""))
                key = {
                    ("min", False): "at_least",
                    ("min", True): "over",
                    ("max", False): "at_most",
                    ("max", True): "under",
                }[(kind, strict)]
                shown = text(lang, key, value=self.number(value))
        elif kind == "change_percent" and value is not None:
            percent = with_unit(("+" if value > 0 else "") + format_number(value, lang), "%", lang)
            level = (
                resolved.level
                if resolved
                else (baseline * (1 + value / 100) if baseline is not None else None)
            )
            shown = (
                text(lang, "change", percent=percent, value=self.number(level))
                if level is not None
                else percent
            )
        elif value is not None:
            shown = self.number(value)
        else:
            bounds = parse_range(measure.text)
            shown = (
                with_unit(
                    f"{format_number(bounds[0], lang)}–{format_number(bounds[1], lang)}", self.unit, lang
                )
                if bounds
                else _quote(measure.text, lang)
            )
        period = format_period(measure.period, lang)
        if period and _season(measure.label):
            period = f"{measure.label} {period}"
        return text(lang, "target", value=f"{shown} {period}" if period else shown)

    def baseline(self, measure: Measure | None, value: float, from_actual: bool) -> str:
        if self.mode == "state":
            shown = _quote(measure.text if measure else self.scale[0] if self.scale else "", self.lang)
        else:
            shown = self.number(value)
        if from_actual and measure is not None:
            period = format_period(measure.period, self.lang)
            return text(self.lang, "baseline_from_actual", value=f"{shown} ({period})" if period else shown)
        return text(self.lang, "baseline", value=shown)

    def verdict(self, status: str, expected: float) -> str:
        if self.mode == "state":  # a position between two states is no level to show
            return text(self.lang, f"verdict.{status}_state")
        return text(self.lang, f"verdict.{status}", expected=self.number(expected, 1))

    def reason(self, parts: list[str], verdict: str) -> str:
        label = self.series.label
        prefix = text(self.lang, "series_prefix", label=label) if label and not _season(label) else ""
        return sentence(prefix + ", ".join(p for p in parts if p) + ": " + verdict)


# --- the whole indicator ---------------------------------------------------


def _key(label: str | None) -> str:
    return states.normalise(label or "")


def split_series(indicator: Indicator) -> tuple[list[_Series], list[tuple[str, Measure]]]:
    """The series to judge, and the actuals of parts that have no target of their own."""
    baseline = indicator.baseline
    unlabelled_targets = [m for m in indicator.targets if not _key(m.label)]
    unlabelled_actuals = [m for m in indicator.actuals if not _key(m.label)]
    labels: dict[str, str] = {}
    for m in [*indicator.baseline_series, *indicator.targets]:
        if _key(m.label):
            labels.setdefault(_key(m.label), (m.label or "").strip())
    parts = [
        (m.label.strip(), m)
        for m in indicator.actuals
        if m.label and _key(m.label) and _key(m.label) not in labels
    ]
    part_labels = list(dict.fromkeys(label for label, _ in parts))
    if not labels:
        return [_Series(None, baseline, unlabelled_targets, unlabelled_actuals, part_labels)], parts

    series: list[_Series] = []
    assigned: set[int] = set()
    for key, label in labels.items():
        own_targets = [m for m in indicator.targets if _key(m.label) == key]
        own_baseline = next((m for m in indicator.baseline_series if _key(m.label) == key), None)
        if own_baseline is None and baseline is not None and not _key(baseline.label):
            own_baseline = baseline
        actuals = [m for m in indicator.actuals if _key(m.label) == key]
        season = _season(label)
        if season:
            for i, m in enumerate(unlabelled_actuals):
                day = measure_date(m.period)
                if day is not None and _in_season(day, season):
                    actuals.append(m)
                    assigned.add(i)
        series.append(_Series(label, own_baseline, own_targets or unlabelled_targets, actuals))
    rest = [m for i, m in enumerate(unlabelled_actuals) if i not in assigned]
    if rest:
        series.append(_Series(None, baseline, unlabelled_targets, rest))
    return series, parts


def evaluate_indicator(
    indicator: Indicator,
    on: date,
    *,
    plan_start: date | None = None,
    plan_end: date | None = None,
    tolerance: float = 0.10,
    scale: list[str] | tuple[str, ...] | None = None,
    lang: str = "fi",
) -> IndicatorEvaluation:
    """Judge an indicator as of `on` (see docs/statuses.md for the rules)."""
    lang = lang_of(lang)
    tol = tolerance if _is_number(tolerance) and tolerance >= 0 else 0.10
    settings = Settings(on, plan_start, plan_end, tol, tuple(scale) if scale else None, lang, indicator.unit)
    series, parts = split_series(indicator)
    results = [evaluate_series(s, settings) for s in series]
    show = _Show(settings, _Series(None, None, [], []), "number", [])
    for label, measure in parts:
        value = (
            show.number(measure.value)
            if measure.value is not None and _is_number(measure.value)
            else _quote(measure.text, lang)
        )
        results.append(
            SeriesEvaluation(
                label, "no_target", text(lang, "part_without_target", label=_quote(label, lang), value=value)
            )
        )
    decisive_status = worst(r.status for r in results)
    if decisive_status is not None:
        decisive = next(r for r in results if r.status == decisive_status)
    else:
        decisive = next((r for r in results if r.status == "no_data"), results[0])
    return IndicatorEvaluation(decisive.status, decisive.reason, tuple(results), decisive, indicator.unit)
