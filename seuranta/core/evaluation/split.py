"""An indicator split into the series judged one by one: labelled sub-series such as
"kevät"/"syksy" or "ala-aste"/"yläaste", and what is left without a label.

Most indicators name no sub-series and are judged as one series straight from their
own measures; `measures_of` gives a judged series' measures again when its sentence
is written (a plan page shows few of its reasons, so they are not kept until then).
"""

from __future__ import annotations

from dataclasses import dataclass

from seuranta.core.evaluation import states
from seuranta.core.evaluation.targets import in_season, season
from seuranta.core.model import Indicator, Measure
from seuranta.core.periods import measure_date


@dataclass(slots=True)
class Series:
    """The measures of one labelled sub-series (read, never changed: they may be the indicator's own lists)."""

    label: str | None
    baseline: Measure | None
    targets: list[Measure]
    actuals: list[Measure]
    parts: tuple[str, ...] = ()  # labels of actuals without a target of their own


def _key(label: str | None) -> str:
    return states.normalise(label or "")


def labelled(indicator: Indicator) -> bool:
    """Whether any of the indicator's measures names a sub-series."""
    for measures in (indicator.targets, indicator.actuals, indicator.baseline_series):
        for m in measures:
            if m.label and _key(m.label):
                return True
    return False


def split_series(indicator: Indicator) -> tuple[list[Series], list[tuple[str, Measure]]]:
    """The series to judge, and the actuals of parts that have no target of their own."""
    baseline = indicator.baseline
    if not labelled(indicator):  # the common case: one series, the indicator's own lists
        return [Series(None, baseline, indicator.targets, indicator.actuals)], []
    targets = [(_key(m.label), m) for m in indicator.targets]
    actuals = [(_key(m.label), m) for m in indicator.actuals]
    baselines = [(_key(m.label), m) for m in indicator.baseline_series]
    unlabelled_targets = [m for key, m in targets if not key]
    unlabelled_actuals = [m for key, m in actuals if not key]
    labels: dict[str, str] = {}
    for key, m in [*baselines, *targets]:
        if key:
            labels.setdefault(key, (m.label or "").strip())
    parts = [(m.label.strip(), m) for key, m in actuals if m.label and key and key not in labels]
    part_labels = tuple(dict.fromkeys(label for label, _m in parts))
    if not labels:
        return [Series(None, baseline, unlabelled_targets, unlabelled_actuals, part_labels)], parts

    series: list[Series] = []
    assigned: set[int] = set()
    for key, label in labels.items():
        own_targets = [m for k, m in targets if k == key]
        own_baseline = next((m for k, m in baselines if k == key), None)
        if own_baseline is None and baseline is not None and not _key(baseline.label):
            own_baseline = baseline
        own_actuals = [m for k, m in actuals if k == key]
        term = season(label)
        if term:
            for i, m in enumerate(unlabelled_actuals):
                day = measure_date(m.period)
                if day is not None and in_season(day, term):
                    own_actuals.append(m)
                    assigned.add(i)
        series.append(Series(label, own_baseline, own_targets or unlabelled_targets, own_actuals))
    rest = [m for i, m in enumerate(unlabelled_actuals) if i not in assigned]
    if rest:
        series.append(Series(None, baseline, unlabelled_targets, rest))
    return series, parts


def measures_of(indicator: Indicator, label: str | None) -> Series | Indicator:
    """The measures of the indicator's series named `label` (None: the unlabelled one), as judged."""
    if not labelled(indicator):
        return indicator
    return next(s for s in split_series(indicator)[0] if s.label == label)
