"""What a report's value fields offer and check, read from each indicator's own baseline and targets.

- A qualitative indicator (its levels are states, "Ei" … "Kyllä") offers its own scale as a choice:
  the baseline's and targets' states in order (`core.evaluation_states.infer_scale`), with a state of
  work under way ("Valmistelussa") between the first and the last when the scale has none.
- An indicator with sub-series (targets or baselines labelled "ala-aste", "yläaste", "kevät", …)
  gets one field per sub-series; each becomes an actual with that label.
- A number far outside what the indicator has seen asks for a confirmation. "Far" is decided on the
  known numbers of the same series (baseline, targets, earlier actuals; relative changes left out):
  with lo..hi their range, a value is far when it lies more than `width` outside it, where width is
  the larger of the range itself and half of the largest known magnitude. So 17–20 accepts 7–30,
  60–80 % accepts 20–120, and a single known 100 accepts 50–150; 195 typed for 19,5 asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seuranta.core.evaluation import states
from seuranta.plans.models import Indicator, Measure

# Worded for the person reporting when the scale has no state of work under way.
UNDER_WAY = "Valmistelussa"


@dataclass
class IndicatorSpec:
    indicator: Indicator
    scale: list[str] | None = None  # the states offered, for a qualitative indicator
    labels: list[str] = field(default_factory=list)  # its sub-series, in the plan's order
    known: dict[str | None, list[float]] = field(default_factory=dict)  # numbers seen, by series label

    @property
    def qualitative(self) -> bool:
        return self.scale is not None

    def series(self) -> list[str | None]:
        """The labels of the fields: [None] for an indicator without sub-series."""
        return list(self.labels) or [None]

    def _known(self, label: str | None) -> list[float]:
        return self.known.get(_key(label)) or self.known.get(None) or []

    def known_range(self, label: str | None) -> dict[str, str]:
        known = self._known(label)
        return {"low": _number(min(known)), "high": _number(max(known))}

    def is_far(self, value: float, label: str | None) -> bool:
        known = self._known(label)
        if not known:
            return False
        lo, hi = min(known), max(known)
        width = max(hi - lo, 0.5 * max(abs(lo), abs(hi)))
        return value < lo - width or value > hi + width


def _number(value: float) -> str:
    """A number as a Finn writes it: 19,5 and 1 200."""
    return f"{value:,.10g}".replace(",", "\u00a0").replace(".", ",")


def _key(label: str | None) -> str | None:
    return states.normalise(label) if label else None


def scale_of(measures: list[Measure]) -> list[str] | None:
    """The states a qualitative indicator's levels use, in order; None for a numeric one."""
    levels = [m for m in measures if m.role != Measure.Role.ACTUAL and m.kind]
    if not levels or any(m.kind != Measure.Kind.STATE for m in levels):
        return None
    baseline = next((m.text for m in levels if m.role == Measure.Role.BASELINE), None)
    targets = [m for m in levels if m.role == Measure.Role.TARGET]
    targets.sort(key=lambda m: (m.period_end is None, m.period_end or 0, m.order))
    scale = states.infer_scale(baseline, [m.text for m in targets])
    if len(scale) >= 2 and not any(states.meaning(s) == "under_way" for s in scale):
        scale.insert(len(scale) - 1, UNDER_WAY)
    return scale


def labels_of(measures: list[Measure]) -> list[str]:
    """The sub-series named by the indicator's baselines and targets, each once, in order."""
    found: dict[str, str] = {}
    for m in measures:
        if m.role != Measure.Role.ACTUAL and m.label and m.label.strip():
            found.setdefault(_key(m.label) or "", m.label.strip())
    return list(found.values()) if len(found) > 1 else []


def spec_for(indicator: Indicator, measures: list[Measure]) -> IndicatorSpec:
    spec = IndicatorSpec(indicator, scale=scale_of(measures), labels=labels_of(measures))
    for m in measures:
        if m.value is not None and m.kind != Measure.Kind.CHANGE_PERCENT:
            spec.known.setdefault(_key(m.label), []).append(m.value)
            if m.label:
                spec.known.setdefault(None, []).append(m.value)
    return spec
