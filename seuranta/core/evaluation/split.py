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
    for m in (*indicator.targets, *indicator.actuals, *indicator.baseline_series):
        if m.label and normalise(m.label):
            return True
    return False


Keyed = dict[str, list[Measure]]  # measures by the normalised key of their label


def split_series(indicator: Indicator) -> tuple[list[Series], list[tuple[str, Measure]]]:
    """The series to judge, and the actuals of parts that have no target of their own."""
    if not labelled(indicator):  # the common case: one series, the indicator's own lists
        return [Series(None, indicator.baseline, indicator.targets, indicator.actuals)], []
    return split_labelled(indicator)


def split_labelled(indicator: Indicator) -> tuple[list[Series], list[tuple[str, Measure]]]:
    """`split_series` of an indicator known to be `labelled`."""
    baseline = indicator.baseline
    labels, baselines, targets, unlabelled_targets = _labels(indicator)
    actuals: Keyed = {}
    parts: list[tuple[str, Measure]] = []
    unlabelled_actuals: list[Measure] = []
    for m in indicator.actuals:
        key = _key(m.label)
        if not key:
            unlabelled_actuals.append(m)
        elif key in labels:
            actuals.setdefault(key, []).append(m)
        else:
            parts.append((str(m.label).strip(), m))
    if not labels:
        part_labels = tuple(dict.fromkeys(label for label, _m in parts))
        return [Series(None, baseline, unlabelled_targets, unlabelled_actuals, part_labels)], parts
    unlabelled_baseline = baseline if baseline is not None and not _key(baseline.label) else None
    series = [
        Series(
            label,
            baselines.get(key, unlabelled_baseline),
            targets.get(key) or unlabelled_targets,
            actuals.get(key) or [],
        )
        for key, label in labels.items()
    ]
    rest = _by_season(series, unlabelled_actuals)
    if rest:
        series.append(Series(None, baseline, unlabelled_targets, rest))
    return series, parts


def _labels(indicator: Indicator) -> tuple[dict[str, str], dict[str, Measure], Keyed, list[Measure]]:
    """The sub-series' labels by key (in the order the baselines, then the targets name them), the
    first baseline and the targets of each, and the targets without a label."""
    labels: dict[str, str] = {}
    baselines: dict[str, Measure] = {}
    for m in indicator.baseline_series:
        key = _key(m.label)
        if key:
            labels.setdefault(key, str(m.label).strip())
            baselines.setdefault(key, m)
    targets: Keyed = {}
    unlabelled: list[Measure] = []
    for m in indicator.targets:
        key = _key(m.label)
        if key:
            labels.setdefault(key, str(m.label).strip())
            targets.setdefault(key, []).append(m)
        else:
            unlabelled.append(m)
    return labels, baselines, targets, unlabelled


def _by_season(series: list[Series], unlabelled: list[Measure]) -> list[Measure]:
    """Actuals without a label go to the sub-series of their school term ("kevät", "syksy"), if any;
    what none of them takes is left."""
    terms = [(one.actuals, term) for one in series if (term := season(one.label))]
    if not terms or not unlabelled:
        return unlabelled
    rest: list[Measure] = []
    for m in unlabelled:
        day = measure_date(m.period)
        taken = False
        if day is not None:
            for actuals, term in terms:
                if in_season(day, term):
                    actuals.append(m)
                    taken = True
        if not taken:
            rest.append(m)
    return rest


def measures_of(indicator: Indicator, label: str | None) -> Series | Indicator:
    """The measures of the indicator's series named `label` (None: the unlabelled one), as judged."""
    if not labelled(indicator):
        return indicator
    return next(s for s in split_series(indicator)[0] if s.label == label)
