"""What an evaluation finds: the settings it judges with, and the judgement of a series and of an indicator.

An indicator's judgement is that of its decisive series (the indicator itself, or its worst
labelled sub-series) with the indicator's unit and, when it is split, every series: most
indicators are one series, and a large plan builds one judgement per indicator, not two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter

from seuranta.core.evaluation.reasons import NoActual, pickled, unpickled, written_once
from seuranta.core.model import Indicator, Measure
from seuranta.core.vocabulary import worst


@dataclass(frozen=True, slots=True)
class Settings:
    """What every series of one evaluation is judged with (built once for a whole plan)."""

    on: date
    plan_start: date | None = None
    plan_end: date | None = None
    tolerance: float = 0.10
    scale: tuple[str, ...] | None = None
    lang: str = "fi"


@dataclass(slots=True, unsafe_hash=True)
class SeriesEvaluation:
    """The judgement of one series: the whole indicator, or one labelled sub-series.

    `reason` is the sentence that says why; it is built when first asked for (a
    page shows few of a plan's reasons), from `written`: the text, or what it is
    written from (the evaluation's `Settings`, or a `NoActual` record) with the
    findings and the indicator's measures (`source`). Equality compares the findings,
    not the sentence. Read-only by convention: not frozen, since a frozen dataclass
    of this size costs several times more to build, and a large plan builds one per
    indicator.
    """

    label: str | None
    status: str
    written: str | Callable[[], str] | Settings | NoActual = field(default="", compare=False, repr=False)
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
    # What the sentence is written from until it is (not kept in a pickle: the sentence is).
    source: Indicator | None = field(default=None, compare=False, repr=False)

    @property
    def reason(self) -> str:
        return written_once(self)

    __getstate__ = pickled
    __setstate__ = unpickled


@dataclass(slots=True, unsafe_hash=True)
class IndicatorEvaluation(SeriesEvaluation):
    """One status and one sentence for an indicator: the findings of its decisive series.

    An indicator judged as one series is that series' judgement (`decisive` is itself);
    one split into labelled sub-series holds every series' judgement in `several` and a
    copy of the decisive one's findings. Equality compares the findings, not the sentence.
    """

    unit: str | None = None
    several: tuple[SeriesEvaluation, ...] | None = field(default=None, repr=False)

    @property
    def decisive(self) -> SeriesEvaluation:
        """The series whose judgement is the indicator's."""
        return self if self.several is None else decisive_of(self.several)

    @property
    def series(self) -> tuple[SeriesEvaluation, ...]:
        """The judged series (the whole indicator, or its labelled sub-series), in order."""
        return (self,) if self.several is None else self.several

    @property
    def reason(self) -> str:
        return written_once(self) if self.several is None else decisive_of(self.several).reason

    @classmethod
    def of_series(
        cls, found: SeriesEvaluation, unit: str | None, several: tuple[SeriesEvaluation, ...] | None = None
    ) -> IndicatorEvaluation:
        """The indicator's judgement from its decisive series' (with every series, when it is split)."""
        evaluation = cls(*_series_fields(found))
        evaluation.unit, evaluation.several = unit, several
        if several is not None:  # the sentence is the decisive series' own
            evaluation.written, evaluation.source = "", None
        return evaluation


_series_fields = attrgetter(*(f.name for f in fields(SeriesEvaluation)))


def decisive_of(series: Sequence[SeriesEvaluation]) -> SeriesEvaluation:
    """The series that decides an indicator's status: the first of the worst judged ones, else the
    first waiting for data, else the first."""
    status = worst([s.status for s in series])
    if status is None:
        return next((s for s in series if s.status == "no_data"), series[0])
    return next(s for s in series if s.status == status)
