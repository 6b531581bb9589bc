"""An indicator split into the series judged one by one: labelled sub-series such as
"kevät"/"syksy" or "ala-aste"/"yläaste", and what is left without a label.

Most indicators name no sub-series and are judged as one series straight from their
own measures; `measures_of` gives a judged series' measures again when its sentence
is written (a plan page shows few of its reasons, so they are not kept until then).
"""

from __future__ import annotations

from dataclasses import dataclass

from seuranta.core.evaluation.states import normalise
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
    return normalise(label) if label else ""


def labelled(indicator: Indicator) -> bool:
    """Whether any of the indicator's measures names a sub-series."""
    for measures in (indicator.targets, indicator.actuals, indicator.baseline_series):
        for m in measures:
            if m.label and normalise(m.label):
                return True
    return False


Keyed = list[tuple[str, Measure]]  # measures with the normalised key of their label ("" for none)


def split_series(indicator: Indicator) -> tuple[list[Series], list[tuple[str, Measure]]]:
    """The series to judge, and the actuals of parts that have no target of their own."""
    baseline = indicator.baseline
    if not labelled(indicator):  # the common case: one series, the indicator's own lists
        return [Series(None, baseline, indicator.targets, indicator.actuals)], []
    targets = [(_key(m.label), m) for m in indicator.targets]
    actuals = [(_key(m.label), m) for m in indicator.actuals]
    baselines = [(_key(m.label), m) for m in indicator.baseline_series]
    unlabelled_targets = [m for key, m in targets if not key]
    labels: dict[str, str] = {}
    for key, m in [*baselines, *targets]:
        if key:
            labels.setdefault(key, (m.label or "").strip())
    parts = [(m.label.strip(), m) for key, m in actuals if m.label and key and key not in labels]
    unlabelled_actuals = [m for key, m in actuals if not key]
    if not labels:
        part_labels = tuple(dict.fromkeys(label for label, _m in parts))
        return [Series(None, baseline, unlabelled_targets, unlabelled_actuals, part_labels)], parts
    series = [
        _labelled_series(key, label, targets, actuals, baselines, baseline, unlabelled_targets)
        for key, label in labels.items()
    ]
    # Actuals without a label go to the sub-series of their school term ("kevät", "syksy"), if any.
    days = [measure_date(m.period) for m in unlabelled_actuals]
    assigned: set[int] = set()
    for one in series:
        term = season(one.label)
        if term:
            for i, (m, day) in enumerate(zip(unlabelled_actuals, days, strict=True)):
                if day is not None and in_season(day, term):
                    one.actuals.append(m)
                    assigned.add(i)
    rest = [m for i, m in enumerate(unlabelled_actuals) if i not in assigned]
    if rest:
        series.append(Series(None, baseline, unlabelled_targets, rest))
    return series, parts


def _labelled_series(
    key: str,
    label: str,
    targets: Keyed,
    actuals: Keyed,
    baselines: Keyed,
    baseline: Measure | None,
    unlabelled_targets: list[Measure],
) -> Series:
    """The sub-series of one label: its own targets (else the unlabelled ones), baseline and actuals."""
    own_targets = [m for k, m in targets if k == key]
    own_baseline = next((m for k, m in baselines if k == key), None)
    if own_baseline is None and baseline is not None and not _key(baseline.label):
        own_baseline = baseline
    own_actuals = [m for k, m in actuals if k == key]
    return Series(label, own_baseline, own_targets or unlabelled_targets, own_actuals)


def measures_of(indicator: Indicator, label: str | None) -> Series | Indicator:
    """The measures of the indicator's series named `label` (None: the unlabelled one), as judged."""
    if not labelled(indicator):
        return indicator
    return next(s for s in split_series(indicator)[0] if s.label == label)
