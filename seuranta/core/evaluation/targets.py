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
from datetime import date
from functools import lru_cache
from operator import itemgetter

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


# A target placed on the scale: (level, day due, kind, measure, strict, low, high). `kind` is "value",
# "min", "max", "change_percent", "state" or "range"; `strict` for a bound that excludes its level
# ("yli 20"); `low` and `high` bound a range. A plain tuple: a large plan places hundreds of
# thousands, and a tuple is several times quicker to build than an object.
Target = tuple[float, date, str, Measure, bool, float | None, float | None]
TARGET_DAY = itemgetter(1)


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


def judgeable(kind: str, value: float | None, measure: Measure) -> bool:
    """Whether a target of this kind (its kind_of) and number (None: it has none) can be judged
    against figures."""
    if kind == "state":
        return False
    if value is not None or kind == "min" or kind == "max":
        return True
    return kind != "change_percent" and parse_range(measure.text) is not None


def resolve(
    measure: Measure,
    day: date,
    baseline: float | None,
    scale: Sequence[str],
    kind: str,
    value: float | None,
) -> Target | None:
    """The target as a level on the scale; None when it cannot be placed (a relative one without a baseline).

    `kind` is the measure's kind_of, `value` its number (None when it has none)."""
    if kind == "value" and value is not None:  # the common case first
        return (float(value), day, kind, measure, False, None, None)
    if kind == "state":
        position = states.place(measure.text, scale)
        return (
            float(len(scale) - 1) if position is None else position,
            day,
            kind,
            measure,
            False,
            None,
            None,
        )
    if kind in ("min", "max"):
        if value is None:
            if baseline is None:
                return None
            return (baseline, day, kind, measure, False, None, None)
        return (float(value), day, kind, measure, is_strict(measure.text), None, None)
    if kind == "change_percent":
        if value is None or baseline is None:
            return None
        return (baseline * (1 + value / 100), day, kind, measure, False, None, None)
    if value is not None:
        return (float(value), day, "value", measure, False, None, None)
    bounds = parse_range(measure.text)
    if bounds is None:
        return None
    low, high = bounds
    near = low if baseline is None or baseline <= low else high if baseline >= high else low
    return (near, day, "range", measure, False, low, high)


def is_strict(written: str | None) -> bool:
    """Whether a bound excludes its level ("yli 20", "alle 5")."""
    return _strict(written) if type(written) is str else bool(STRICT.match(written or ""))


@lru_cache(maxsize=8192)
def _strict(written: str) -> bool:
    """`is_strict` memoised: plans repeat their target texts."""
    return bool(STRICT.match(written))


def direction_of(final: Target, targets: list[Target], baseline: float) -> str:
    """ "up", "down" or "hold": the way from the baseline to the final target."""
    level, _day, kind, _measure, _strict, low, high = final
    if kind == "min":
        return "up"
    if kind == "max":
        return "down"
    if kind == "range" and low is not None and high is not None:
        if baseline < low:
            return "up"
        if baseline > high:
            return "down"
        return "hold"
    if level > baseline + EPSILON:
        return "up"
    if level < baseline - EPSILON:
        return "down"
    for target in reversed(targets):
        if target[0] > baseline + EPSILON:
            return "up"
        if target[0] < baseline - EPSILON:
            return "down"
    return "hold"


def meets(target: Target, value: float, direction: str) -> bool:
    level, _day, kind, _measure, strict, low, high = target
    if kind == "min":
        return value > level + EPSILON if strict else value >= level - EPSILON
    if kind == "max":
        return value < level - EPSILON if strict else value <= level + EPSILON
    if direction == "hold":
        low = low if low is not None else level
        high = high if high is not None else level
        return low - EPSILON <= value <= high + EPSILON
    if direction == "up":
        return value >= level - EPSILON
    return value <= level + EPSILON
