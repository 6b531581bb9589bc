"""The status of one indicator from its baseline, targets and actual values.

The rules are those of docs/statuses.md. It is pure: an `Indicator` and a date
in, an `IndicatorEvaluation` out (`evaluation.results`), and it never raises on
odd input (anything it cannot judge gets `no_target` or `no_data` with a reason
saying why). An indicator is split into series (`evaluation.split`: labelled
sub-series such as "kevät"/"syksy" or "ala-aste"/"yläaste"), each judged by
`evaluation.series`; the worst judged series decides.
"""

from __future__ import annotations

from datetime import date

from seuranta.core.evaluation.reasons import Reasons, quote
from seuranta.core.evaluation.results import IndicatorEvaluation, SeriesEvaluation, Settings, decisive_of
from seuranta.core.evaluation.series import evaluate_series, evaluate_whole
from seuranta.core.evaluation.split import labelled, split_labelled, split_series
from seuranta.core.evaluation.targets import is_number
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Indicator

__all__ = ["IndicatorEvaluation", "evaluate_indicator", "judge_indicator", "settings_of", "split_series"]


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
    return judge_indicator(indicator, settings_of(on, plan_start, plan_end, tolerance, scale, lang))


def settings_of(
    on: date,
    plan_start: date | None = None,
    plan_end: date | None = None,
    tolerance: float = 0.10,
    scale: list[str] | tuple[str, ...] | None = None,
    lang: str = "fi",
) -> Settings:
    """The settings every indicator of one evaluation is judged with."""
    tol = tolerance if is_number(tolerance) and tolerance >= 0 else 0.10
    return Settings(on, plan_start, plan_end, tol, tuple(scale) if scale else None, lang_of(lang))


def judge_indicator(indicator: Indicator, settings: Settings) -> IndicatorEvaluation:
    """`evaluate_indicator` with the settings made once (for a whole plan)."""
    if not labelled(indicator):  # the common case: one series, judged from the indicator itself
        return evaluate_whole(indicator, settings)
    unit = indicator.unit
    series, parts = split_labelled(indicator)
    results = [evaluate_series(indicator, settings, s) for s in series]
    if len(results) == 1 and not parts:
        return IndicatorEvaluation.of_series(results[0], unit)
    lang = settings.lang
    show = Reasons(lang, unit, None, "number", [], 0)
    for label, measure in parts:
        value = (
            show.number(measure.value)
            if measure.value is not None and is_number(measure.value)
            else quote(measure.text, lang)
        )
        reason = _("The part {label} has no target of its own (actual {value}).", lang)
        results.append(
            SeriesEvaluation(label, "no_target", reason.format(label=quote(label, lang), value=value))
        )
    return IndicatorEvaluation.of_series(decisive_of(results), unit, tuple(results))
