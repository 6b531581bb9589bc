"""The status of one series: the whole indicator, or one labelled sub-series.

`evaluate_whole` (an indicator as one series) and `evaluate_series` (a labelled
sub-series) follow docs/statuses.md step by step: order the targets,
choose the mode (numbers or qualitative states), take the actuals up to the
evaluation date, place them on the scale, find the baseline (the given one or
the earliest actual), then judge the latest actual against the final target and
the level expected by now on the way to the next target.
"""

from __future__ import annotations

from datetime import date, timedelta
from operator import itemgetter

from seuranta.core.evaluation import states
from seuranta.core.evaluation.reasons import NoActual, quote
from seuranta.core.evaluation.results import IndicatorEvaluation, SeriesEvaluation, Settings
from seuranta.core.evaluation.split import Series
from seuranta.core.evaluation.targets import (
    EPSILON,
    KINDS,
    TARGET_DAY,
    Target,
    direction_of,
    is_number,
    judgeable,
    kind_of,
    meets,
    resolve,
)
from seuranta.core.i18n import gettext as _
from seuranta.core.model import Indicator, Measure
from seuranta.core.periods import measure_date, period_start, text_bounds

# An actual value placed on the series' scale: (value, the day it stands for, the measure).
Point = tuple[float, date, Measure]
_DAY = itemgetter(0)


class _Work:
    """What one evaluation of a series has found so far."""

    __slots__ = (
        "dated",
        "mode",
        "points",
        "scale",
        "settings",
        "source",
        "undated_target_day",
        "unplaced",
        "usable",
    )

    def __init__(self, source: Series | Indicator, settings: Settings, mode: str, usable: list[_Read]):
        self.source = source  # the series' measures
        self.settings = settings
        self.mode = mode
        self.usable = usable  # the judgeable targets in date order, each with its day and kind
        self.dated: list[tuple[date, Measure]] = []  # actuals up to the date
        self.scale: tuple[str, ...] = ()
        self.points: list[Point] = []
        self.unplaced: Measure | None = None  # the latest state actual that is not on the scale
        self.undated_target_day: date | None = None


# A target as read: the day it is due (None when its period is not known), its kind, its number
# (None when it has none) and the measure.
_Read = tuple[date | None, str, float | None, Measure]


def _target_order(item: _Read) -> date:
    return item[0] or date.max


def _usable_targets(targets: list[Measure]) -> tuple[str, list[_Read], Measure]:
    """The mode, the targets it can judge in date order (as read), and the last target."""
    ordered: list[_Read] = []
    for m in targets:
        value = m.value
        kind = m.kind if m.kind in KINDS else "value"  # kind_of
        ordered.append((measure_date(m.period), kind, value if is_number(value) else None, m))
    if len(ordered) > 1:
        ordered.sort(key=_target_order)  # stable: targets of the same day stay in the order written
    _day, last_kind, _value, last = ordered[-1]
    if last_kind == "state":
        return "state", [t for t in ordered if t[1] == "state"], last
    return "number", [t for t in ordered if judgeable(t[1], t[2], t[3])], last


def evaluate_series(indicator: Indicator, settings: Settings, series: Series) -> SeriesEvaluation:
    """Judge one labelled sub-series of the indicator (see `evaluation.split`)."""
    return _evaluate(indicator, settings, series, SeriesEvaluation)


def evaluate_whole(indicator: Indicator, settings: Settings) -> IndicatorEvaluation:
    """Judge the indicator as one series, from its own measures."""
    found = _evaluate(indicator, settings, indicator, IndicatorEvaluation)
    found.unit = indicator.unit
    return found


def _evaluate[R: SeriesEvaluation](
    indicator: Indicator, settings: Settings, source: Series | Indicator, result: type[R]
) -> R:
    """The judgement of a series (`source`: a sub-series, or the indicator itself) as a `result`."""
    label, parts = (source.label, source.parts) if type(source) is Series else (None, ())
    lang = settings.lang
    if not source.targets:
        return result(label, "no_target", _("The indicator has no target.", lang))
    mode, usable, last = _usable_targets(source.targets)
    if not usable:
        shown = quote(last.text, lang)
        reason = _("The target {target} cannot be compared with figures.", lang).format(target=shown)
        return result(label, "no_target", reason, mode=mode)
    work = _Work(source, settings, mode, usable)
    _collect_actuals(work)
    baseline = _baseline(work)
    if not work.points:
        return _without_actuals(work, baseline, indicator, label, parts, result)
    from_actual, baseline_value, baseline_day = baseline[3], baseline[1], baseline[2]
    targets = _targets(work, None if (from_actual and len(work.points) < 2) else baseline_value)
    if not targets or baseline_value is None or baseline_day is None:
        latest, final_measure = work.points[-1], usable[-1][3]
        return result(  # a relative target without a baseline: not judged yet
            label,
            "no_data",
            settings,
            mode=mode,
            baseline=baseline[0],
            baseline_value=baseline_value,
            baseline_date=baseline_day,
            baseline_from_actual=from_actual,
            target=final_measure,
            final_target=final_measure,
            actual=latest[2],
            actual_value=latest[0],
            actual_date=latest[1],
            scale=work.scale,
            source=indicator,
        )
    return _judge(work, baseline, label, targets, indicator, result)


def period_has_begun(period: str | None, on: date) -> bool:
    """Whether a period's first day is on or before `on`."""
    if not period:
        return False
    first = period_start(period) or text_bounds(period)[0]
    return first is not None and first <= on


def _collect_actuals(work: _Work) -> None:
    """The actuals up to the evaluation date, the scale of states and the actuals placed on it."""
    on, state, dated = work.settings.on, work.mode == "state", work.dated
    # An undated actual counts as measured on the evaluation date, and so does one recorded for a
    # period that has begun by then (a 2026 value counts in June 2026).
    for measure in work.source.actuals:
        period = measure.period
        day = (measure_date(period) or on) if period else on
        if day > on and period_has_begun(period, on):
            day = on
        if day <= on and (state or is_number(measure.value)):
            dated.append((day, measure))
    if len(dated) > 1:
        dated.sort(key=_DAY)  # stable: actuals of the same day stay in the order written
    points = work.points
    if state:
        work.scale = scale = _state_scale(work)
        for day, measure in dated:
            position = states.place(measure.text, scale)
            if position is None:
                work.unplaced = measure
                continue
            work.unplaced = None
            points.append((position, day, measure))
    else:
        work.points = points = [(float(measure.value or 0), day, measure) for day, measure in dated]
    latest_day = points[-1][1] if points else (dated[-1][0] if dated else None)
    work.undated_target_day = work.settings.plan_end or (
        date(latest_day.year, 12, 31) if latest_day else None
    )


def _state_scale(work: _Work) -> tuple[str, ...]:
    """The configured scale of states, or one inferred from the baseline (or first actual) and targets."""
    if work.settings.scale:
        return work.settings.scale
    baseline = work.source.baseline
    base_text = baseline.text if baseline and kind_of(baseline) == "state" else None
    if base_text is None and baseline and baseline.value is None and baseline.text:
        base_text = baseline.text
    first_text = work.dated[0][1].text if work.dated else None
    return states.inferred_scale(base_text or first_text, tuple([t[3].text for t in work.usable]))


_Baseline = tuple[Measure | None, float | None, date | None, bool]


def _baseline(work: _Work) -> _Baseline:
    """The baseline measure, its value and day, and whether it is the earliest actual."""
    measure = work.source.baseline
    value: float | None = None
    if measure is not None:
        if work.mode == "state":
            position = states.place(measure.text, work.scale) if measure.text else None
            if position is None and kind_of(measure) == "state":
                position = 0.0
            value = position
        elif kind_of(measure) != "state" and is_number(measure.value):
            value = float(measure.value or 0)
    if value is not None and measure is not None:
        day = measure_date(measure.period) or work.settings.plan_start
        if day is None:
            undated = work.undated_target_day
            first_target_day = min((d for d in (t[0] or undated for t in work.usable) if d), default=None)
            day = _year_before(first_target_day) if first_target_day else None
        return measure, value, day, False
    if work.points:
        first = work.points[0]
        return first[2], first[0], first[1], True
    return measure, None, None, False


def _without_actuals[R: SeriesEvaluation](
    work: _Work,
    baseline: _Baseline,
    indicator: Indicator,
    label: str | None,
    parts: tuple[str, ...],
    result: type[R],
) -> R:
    day, _kind, _value, last = work.usable[-1]
    return result(
        label,
        "no_data",
        NoActual(work.settings, work.unplaced, parts, bool(work.dated)),
        mode=work.mode,
        baseline=baseline[0],
        baseline_value=baseline[1],
        baseline_date=baseline[2],
        baseline_from_actual=baseline[3],
        target=last,
        final_target=last,
        final_target_date=day or work.undated_target_day,
        scale=work.scale,
        source=indicator,
    )


def _targets(work: _Work, relative_base: float | None) -> list[Target]:
    """The targets placed on the scale, in date order (a relative one needs the baseline)."""
    targets: list[Target] = []
    undated = work.undated_target_day
    moved = False  # an undated target placed on the undated day: the order may change
    for day, kind, value, measure in work.usable:
        if day is None:
            if undated is None:
                continue
            day, moved = undated, True
        resolved = resolve(measure, day, relative_base, work.scale, kind, value)
        if resolved is not None:
            targets.append(resolved)
    if moved and len(targets) > 1:
        targets.sort(key=TARGET_DAY)
    return targets


def _judge[R: SeriesEvaluation](
    work: _Work,
    baseline: _Baseline,
    label: str | None,
    targets: list[Target],
    indicator: Indicator,
    result: type[R],
) -> R:
    """Achieved, off track (expired or the wrong way), or on track / behind the expected level."""
    settings = work.settings
    baseline_value, baseline_day = baseline[1], baseline[2]
    assert baseline_value is not None and baseline_day is not None
    latest, final = work.points[-1], targets[-1]
    latest_value, latest_day = latest[0], latest[1]
    direction = direction_of(final, targets, baseline_value)
    sign = -1.0 if direction == "down" else 1.0
    expected: float | None = None
    used = final
    final_day = final[1]
    if meets(final, latest_value, direction):
        status = "achieved"
    elif (
        settings.on > final_day
        or direction == "hold"
        or sign * latest_value < sign * baseline_value - EPSILON
    ):
        status = "off_track"
    else:
        for used in targets:  # the next target ahead of the latest actual (the final one at the latest)
            if used[1] >= latest_day:
                break
        level, day = used[0], used[1]
        span = (day - baseline_day).days
        share = 1.0 if span <= 0 else min(1.0, max(0.0, (latest_day - baseline_day).days / span))
        expected = baseline_value + (level - baseline_value) * share
        slack = settings.tolerance * abs(level - baseline_value)
        status = "on_track" if sign * latest_value >= sign * expected - slack - EPSILON else "behind"
    return result(
        label,
        status,
        settings,
        True,
        work.mode,
        direction,
        baseline[0],
        baseline_value,
        baseline_day,
        baseline[3],
        used[3],
        used[0],
        used[1],
        final[3],
        final_day,
        latest[2],
        latest_value,
        latest_day,
        expected,
        work.scale,
        indicator,
    )


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February, or year 1
        return day - timedelta(days=365) if day.year > 1 else day
