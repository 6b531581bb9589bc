"""The status of one indicator from its baseline, targets and actual values.

The rules are those of docs/statuses.md. It is pure: an `Indicator` and a date
in, a frozen `IndicatorEvaluation` out, and it never raises on odd input
(anything it cannot judge gets `no_target` or `no_data` with a reason saying
why). An indicator is split into series (`evaluation.split`: labelled sub-series
such as "kevät"/"syksy" or "ala-aste"/"yläaste"), each judged by
`evaluation.series`; the worst judged series decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from seuranta.core.evaluation.reasons import Reasons, pickled, quote, unpickled, written_once
from seuranta.core.evaluation.series import SeriesEvaluation, Settings, evaluate_series
from seuranta.core.evaluation.split import labelled, split_labelled, split_series
from seuranta.core.evaluation.targets import is_number
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Indicator, Measure
from seuranta.core.vocabulary import worst

__all__ = ["IndicatorEvaluation", "evaluate_indicator", "judge_indicator", "settings_of", "split_series"]


@dataclass(slots=True, unsafe_hash=True)
class IndicatorEvaluation:
    """One status and one sentence for an indicator, with the detail behind them.

    `reason` is built when first asked for, from `written` (the text, or a function
    that writes it); equality compares the findings, not the sentence. Read-only by
    convention (not frozen, for the cost of building one per indicator).
    """

    status: str
    written: str | Callable[[], str] | None = field(default=None, compare=False, repr=False)
    decisive: SeriesEvaluation | None = None
    unit: str | None = None
    # Every series judged, when there are several; `series` gives them in every case (most
    # indicators are one series, and a large plan builds one evaluation per indicator).
    several: tuple[SeriesEvaluation, ...] | None = field(default=None, repr=False)

    @property
    def series(self) -> tuple[SeriesEvaluation, ...]:
        """The judged series (the whole indicator, or its labelled sub-series), in order."""
        if self.several is not None:
            return self.several
        return (self.decisive,) if self.decisive is not None else ()

    @property
    def reason(self) -> str:
        if self.written is None:  # the decisive series' sentence
            return self.decisive.reason if self.decisive else ""
        return written_once(self)

    __getstate__ = pickled
    __setstate__ = unpickled

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
    unit = indicator.unit
    if not labelled(indicator):  # the common case: one series, judged from the indicator itself
        found = evaluate_series(indicator, settings)
        return IndicatorEvaluation(found.status, None, found, unit)
    series, parts = split_labelled(indicator)
    results = [evaluate_series(indicator, settings, s) for s in series]
    if len(results) == 1 and not parts:
        return IndicatorEvaluation(results[0].status, None, results[0], unit)
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
    decisive_status = worst([r.status for r in results])
    if decisive_status is not None:
        decisive = next(r for r in results if r.status == decisive_status)
    else:
        decisive = next((r for r in results if r.status == "no_data"), results[0])
    return IndicatorEvaluation(decisive.status, None, decisive, unit, tuple(results))
