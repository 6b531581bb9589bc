"""Targets on a scale: what a target asks for, which way it points, and whether a value meets it.

A target measure becomes a `Target`: a level on the indicator's scale (a number,
or a position on the scale of qualitative states), with its kind ("value",
"min", "max", "change_percent", "state" or "range"), the day it is due and,
for a range, its bounds. A relative target ("vähintään lähtötaso", "+5 %")
needs the baseline to be placed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from seuranta.core.evaluation import states
from seuranta.core.model import Measure
from seuranta.core.vocabulary import MeasureKind

EPSILON = 1e-9
KINDS = frozenset(MeasureKind.values())

SEASONS = {
    "spring": frozenset({"kevät", "kevätlukukausi", "kevätkausi", "vår", "våren", "vårterminen", "spring"}),
    "autumn": frozenset(
        {"syksy", "syyslukukausi", "syyskausi", "höst", "hösten", "höstterminen", "autumn", "fall"}
    ),
}

# A bound that excludes its level: "yli 20" is min 20, strictly.
STRICT = re.compile(
    r"^\s*(yli|alle|enemmän kuin|vähemmän kuin|över|under|fler än|färre än|mer än|"
    r"mindre än|over|more than|less than|fewer than|above|below|>(?!=)|<(?!=))",
    re.IGNORECASE,
)
_NUMBER = r"\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?"
_RANGE = re.compile(rf"({_NUMBER})\s*(?:-|–|—|\.\.\.?|…)\s*({_NUMBER})")


@dataclass(slots=True)
class Target:
    measure: Measure
    day: date
    level: float
    kind: str  # value, min, max, change_percent, state, range
    strict: bool = False
    low: float | None = None
    high: float | None = None


def _to_float(written: str) -> float:
    return float(written.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def parse_range(written: str | None) -> tuple[float, float] | None:
    """ "2-3", "2–3 palvelua", "1,5…2" as (low, high); None when the text has no range."""
    if not written:
        return None
    return _range_of(written) if type(written) is str else _range_in(written)


@lru_cache(maxsize=8192)
def _range_of(written: str) -> tuple[float, float] | None:
    """`parse_range` memoised: plans repeat their target texts, and every evaluation reads them."""
    return _range_in(written)


def _range_in(written: str) -> tuple[float, float] | None:
    m = _RANGE.search(written)
    if not m:
        return None
    low, high = sorted((_to_float(m[1]), _to_float(m[2])))
    return low, high


def season(label: str | None) -> str | None:
    """ "spring" or "autumn" for a sub-series named after a school term ("kevät", "höst")."""
    if not label:
        return None
    word = states.normalise(label)
    for name, words in SEASONS.items():
        if word in words:
            return name
    return None


def in_season(day: date, name: str) -> bool:
    return day.month <= 6 if name == "spring" else day.month >= 7


_VALUE = MeasureKind.VALUE.value


def kind_of(measure: Measure) -> str:
    kind = measure.kind or _VALUE
    return kind if kind in KINDS else _VALUE


_INFINITY = float("inf")


def is_number(value: object) -> bool:
    """A real, finite number (not a bool, not NaN)."""
    kind = type(value)
    if kind is float:  # the common cases first: this runs for every measure of every evaluation
        return value == value and value != _INFINITY and value != -_INFINITY
    if kind is int:
        return True
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == value
        and abs(value) != float("inf")
    )


def judgeable(measure: Measure, mode: str, kind: str | None = None) -> bool:
    """Whether a target can be judged in this mode ("number" or "state"); `kind` is its kind_of."""
    kind = kind or kind_of(measure)
    if mode == "state":
        return kind == "state"
    if kind == "state":
        return False
    if kind in ("min", "max"):
        return True
    if kind == "change_percent":
        return is_number(measure.value)
    return is_number(measure.value) or parse_range(measure.text) is not None


def resolve(
    measure: Measure, day: date, baseline: float | None, scale: Sequence[str], kind: str | None = None
) -> Target | None:
    """The target as a level on the scale; None when it cannot be placed (a relative one without a baseline).

    `kind` is the measure's kind_of, when known."""
    kind = kind or kind_of(measure)
    value = measure.value if is_number(measure.value) else None
    if kind == "state":
        position = states.place(measure.text, scale)
        return Target(measure, day, float(len(scale) - 1) if position is None else position, "state")
    if kind in ("min", "max"):
        if value is None:
            if baseline is None:
                return None
            return Target(measure, day, baseline, kind)
        return Target(measure, day, float(value), kind, strict=bool(STRICT.match(measure.text or "")))
    if kind == "change_percent":
        if value is None or baseline is None:
            return None
        return Target(measure, day, baseline * (1 + value / 100), kind)
    if value is not None:
        return Target(measure, day, float(value), "value")
    bounds = parse_range(measure.text)
    if bounds is None:
        return None
    low, high = bounds
    near = low if baseline is None or baseline <= low else high if baseline >= high else low
    return Target(measure, day, near, "range", low=low, high=high)


def direction_of(final: Target, targets: list[Target], baseline: float) -> str:
    """ "up", "down" or "hold": the way from the baseline to the final target."""
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
    if final.level > baseline + EPSILON:
        return "up"
    if final.level < baseline - EPSILON:
        return "down"
    for target in reversed(targets):
        if target.level > baseline + EPSILON:
            return "up"
        if target.level < baseline - EPSILON:
            return "down"
    return "hold"


def meets(target: Target, value: float, direction: str) -> bool:
    if target.kind == "min":
        return value > target.level + EPSILON if target.strict else value >= target.level - EPSILON
    if target.kind == "max":
        return value < target.level - EPSILON if target.strict else value <= target.level + EPSILON
    if direction == "hold":
        low = target.low if target.low is not None else target.level
        high = target.high if target.high is not None else target.level
        return low - EPSILON <= value <= high + EPSILON
    if direction == "up":
        return value >= target.level - EPSILON
    return value <= target.level + EPSILON
