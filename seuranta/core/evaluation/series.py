"""The status of one series: the whole indicator, or one labelled sub-series.

`evaluate_series` follows docs/statuses.md step by step: order the targets,
choose the mode (numbers or qualitative states), take the actuals up to the
evaluation date, place them on the scale, find the baseline (the given one or
the earliest actual), then judge the latest actual against the final target and
the level expected by now on the way to the next target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import partial

from seuranta.core.evaluation import states
from seuranta.core.evaluation.reasons import Point, Reasons, pickled, quote, unpickled, written_once
from seuranta.core.evaluation.targets import (
    EPSILON,
    Target,
    direction_of,
    is_number,
    judgeable,
    kind_of,
    meets,
    resolve,
)
from seuranta.core.formatting import format_date
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Measure
from seuranta.core.periods import measure_date, period_start, text_bounds


@dataclass(frozen=True)
class Settings:
    on: date
    plan_start: date | None = None
    plan_end: date | None = None
    tolerance: float = 0.10
    scale: tuple[str, ...] | None = None
    lang: str = "fi"
    unit: str | None = None


@dataclass
class Series:
    label: str | None
    baseline: Measure | None
    targets: list[Measure]
    actuals: list[Measure]
    parts: list[str] = field(default_factory=list)  # labels of actuals without a target of their own


@dataclass(frozen=True, slots=True)
class SeriesEvaluation:
    """The judgement of one series: the whole indicator, or one labelled sub-series.

    `reason` is the sentence that says why; it is built when first asked for (a
    page shows few of a plan's reasons), from `written`: the text, or a function
    that writes it. Equality compares the findings, not the sentence.
    """

    label: str | None
    status: str
    written: str | Callable[[], str] = field(default="", compare=False, repr=False)
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

    @property
    def reason(self) -> str:
        return written_once(self)

    __getstate__ = pickled
    __setstate__ = unpickled


@dataclass
class _Work:
    """What one evaluation of a series has found so far."""

    series: Series
    settings: Settings
    lang: str
    mode: str
    usable: list[Measure]  # the judgeable targets, in date order
    dated: list[tuple[date, int, Measure]] = field(default_factory=list)  # actuals up to the date
    scale: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    unplaced: Measure | None = None  # the latest state actual that is not on the scale
    undated_target_day: date | None = None

    def day_of(self, measure: Measure) -> date | None:
        return measure_date(measure.period) or self.undated_target_day


def evaluate_series(series: Series, settings: Settings) -> SeriesEvaluation:
    lang = lang_of(settings.lang)
    label = series.label
    if not series.targets:
        return SeriesEvaluation(label, "no_target", _("The indicator has no target.", lang))

    def target_sort_key(item: tuple[int, Measure]) -> tuple[date, int]:
        return measure_date(item[1].period) or date.max, item[0]

    ordered = [m for _i, m in sorted(enumerate(series.targets), key=target_sort_key)]
    mode = "state" if kind_of(ordered[-1]) == "state" else "number"
    usable = [m for m in ordered if judgeable(m, mode)]
    if not usable:
        shown = quote(ordered[-1].text, lang)
        reason = _("The target {target} cannot be compared with figures.", lang).format(target=shown)
        return SeriesEvaluation(label, "no_target", reason, mode=mode)
    work = _Work(series, settings, lang, mode, usable)
    _collect_actuals(work)
    baseline_measure, baseline_value, baseline_day, from_actual = _baseline(work)
    base = SeriesEvaluation(
        label,
        "no_data",
        "",
        mode=mode,
        baseline=baseline_measure,
        baseline_value=baseline_value,
        baseline_date=baseline_day,
        baseline_from_actual=from_actual,
        scale=tuple(work.scale),
    )
    show = Reasons(
        lang,
        settings.unit,
        label,
        mode,
        work.scale,
        [series.baseline, *series.targets, *series.actuals],
    )
    if not work.points:
        return _without_actuals(work, base, show)
    targets = _targets(work, None if (from_actual and len(work.points) < 2) else baseline_value)
    if not targets or baseline_value is None or baseline_day is None:
        latest, final_measure = work.points[-1], usable[-1]

        def written() -> str:
            parts = [show.actual(latest), show.target(final_measure, None, None)]
            verdict = _("the baseline is missing, so the relative target cannot be judged yet", lang)
            return show.reason(parts, verdict)

        return replace(
            base,
            written=written,
            actual=latest.measure,
            actual_value=latest.value,
            actual_date=latest.day,
            final_target=final_measure,
            target=final_measure,
        )
    return _judge(work, base, show, targets)


def period_has_begun(period: str | None, on: date) -> bool:
    """Whether a period's first day is on or before `on`."""
    if not period:
        return False
    first = period_start(period) or text_bounds(period)[0]
    return first is not None and first <= on


def _collect_actuals(work: _Work) -> None:
    """The actuals up to the evaluation date, the scale of states and the actuals placed on it."""
    settings, mode, series = work.settings, work.mode, work.series
    # An undated actual counts as measured on the evaluation date, and so does one recorded for a
    # period that has begun by then (a 2026 value counts in June 2026).
    for index, measure in enumerate(series.actuals):
        day = measure_date(measure.period) if measure.period else settings.on
        day = day or settings.on
        if day > settings.on and period_has_begun(measure.period, settings.on):
            day = settings.on
        if day <= settings.on and (mode == "state" or is_number(measure.value)):
            work.dated.append((day, index, measure))
    work.dated.sort(key=lambda item: (item[0], item[1]))
    if mode == "state":
        work.scale = _state_scale(work)
    for day, _index, measure in work.dated:
        if mode == "state":
            position = states.place(measure.text, work.scale)
            if position is None:
                work.unplaced = measure
                continue
            work.unplaced = None
            work.points.append(Point(position, day, measure))
        else:
            work.points.append(Point(float(measure.value or 0), day, measure))
    latest_day = work.points[-1].day if work.points else (work.dated[-1][0] if work.dated else None)
    work.undated_target_day = settings.plan_end or (date(latest_day.year, 12, 31) if latest_day else None)


def _state_scale(work: _Work) -> list[str]:
    """The configured scale of states, or one inferred from the baseline (or first actual) and targets."""
    if work.settings.scale:
        return list(work.settings.scale)
    baseline = work.series.baseline
    base_text = baseline.text if baseline and kind_of(baseline) == "state" else None
    if base_text is None and baseline and baseline.value is None and baseline.text:
        base_text = baseline.text
    first_text = work.dated[0][2].text if work.dated else None
    return states.infer_scale(base_text or first_text, [m.text for m in work.usable])


def _baseline(work: _Work) -> tuple[Measure | None, float | None, date | None, bool]:
    """The baseline measure, its value and day, and whether it is the earliest actual."""
    measure = work.series.baseline
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
        first_target_day = min((d for d in (work.day_of(m) for m in work.usable) if d), default=None)
        day = (
            measure_date(measure.period)
            or work.settings.plan_start
            or (_year_before(first_target_day) if first_target_day else None)
        )
        return measure, value, day, False
    if work.points:
        first = work.points[0]
        return first.measure, first.value, first.day, True
    return measure, None, None, False


def _without_actuals(work: _Work, base: SeriesEvaluation, show: Reasons) -> SeriesEvaluation:
    lang, last = work.lang, work.usable[-1]
    unplaced, labels, dated = work.unplaced, work.series.parts, bool(work.dated)
    baseline, baseline_value, from_actual = base.baseline, base.baseline_value, base.baseline_from_actual

    def written() -> str:
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
        parts = [show.target(last, None, baseline_value)]
        if baseline_value is not None:
            parts.append(show.baseline(baseline, baseline_value, from_actual))
        return show.reason(parts, verdict)

    return replace(
        base,
        written=written,
        final_target=last,
        target=last,
        final_target_date=work.day_of(last),
    )


def _targets(work: _Work, relative_base: float | None) -> list[Target]:
    """The targets placed on the scale, in date order (a relative one needs the baseline)."""
    targets: list[Target] = []
    for measure in work.usable:
        day = work.day_of(measure)
        if day is None:
            continue
        resolved = resolve(measure, day, relative_base, work.scale)
        if resolved is not None:
            targets.append(resolved)
    targets.sort(key=lambda t: t.day)
    return targets


def _judge(work: _Work, base: SeriesEvaluation, show: Reasons, targets: list[Target]) -> SeriesEvaluation:
    """Achieved, off track (expired or the wrong way), or on track / behind the expected level."""
    settings = work.settings
    baseline_value, baseline_day = base.baseline_value, base.baseline_date
    assert baseline_value is not None and baseline_day is not None
    latest, final = work.points[-1], targets[-1]
    direction = direction_of(final, targets, baseline_value)
    sign = -1.0 if direction == "down" else 1.0
    ahead = next((t for t in targets if t.day >= latest.day), final)
    expected: float | None = None
    used = final
    if meets(final, latest.value, direction):
        status = "achieved"
    elif (
        settings.on > final.day
        or direction == "hold"
        or sign * latest.value < sign * baseline_value - EPSILON
    ):
        status = "off_track"
    else:
        used = ahead
        span = (ahead.day - baseline_day).days
        share = 1.0 if span <= 0 else min(1.0, max(0.0, (latest.day - baseline_day).days / span))
        expected = baseline_value + (ahead.level - baseline_value) * share
        slack = settings.tolerance * abs(ahead.level - baseline_value)
        status = "on_track" if sign * latest.value >= sign * expected - slack - EPSILON else "behind"

    found = (base.baseline, baseline_value, base.baseline_from_actual)
    written = partial(_judged_reason, show, status, settings.on, final, used, latest, found, expected)
    return replace(
        base,
        status=status,
        written=written,
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


def _judged_reason(
    show: Reasons,
    status: str,
    on: date,
    final: Target,
    used: Target,
    latest: Point,
    found: tuple[Measure | None, float, bool],
    expected: float | None,
) -> str:
    """The sentence of a judged series (built only when the reason is shown)."""
    lang = show.lang
    baseline, baseline_value, from_actual = found
    if status == "achieved":
        verdict = _("target met", lang)
    elif status == "off_track" and on > final.day:
        verdict = _("the target period ended on {date} without the target being met", lang).format(
            date=format_date(final.day, lang)
        )
    elif status == "off_track":
        verdict = _("moving the wrong way", lang)
    else:
        verdict = show.verdict(status, expected if expected is not None else baseline_value)
    parts = [
        show.actual(latest),
        show.target(used.measure, used, baseline_value),
        show.baseline(baseline, baseline_value, from_actual),
    ]
    return show.reason(parts, verdict)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February, or year 1
        return day - timedelta(days=365) if day.year > 1 else day
