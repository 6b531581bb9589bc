"""Periods as written in a plan: what a text refers to, and the days a schedule or due time spans.

    parse_period("v. 2026")              -> "2026"   (the interchange format's form)
    parse_whole_period("Q1/2026")        -> "2026-Q1" (only when the text is nothing else)
    text_bounds("2022– jatkuva")         -> (2022-01-01, None)
    measure_date("2023-Q1")              -> 2023-03-31 (the day a period stands for)
    schedule_bounds("2022– jatkuva")     -> (2022-01-01, None)  (an action's schedule)
    due_day("syksy 2026")                -> 2026-12-31 (a milestone's due time)

The written forms recognised are listed in `periods.spans`. None of these raise.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from seuranta.core.periods.normalised import period_bounds, period_end, plan_period_bounds
from seuranta.core.periods.spans import find_periods, first_period, fold

__all__ = ["due_day", "measure_date", "parse_period", "parse_whole_period", "schedule_bounds", "text_bounds"]

_I = re.IGNORECASE


def parse_period(text: str, *, year: int | None = None) -> str | None:
    """The period the text refers to, normalised as the interchange format wants, or None.

    "v. 2026" -> "2026", "(20.9.22)" -> "2022-09-20", "8/2022" -> "2022-08",
    "lv 21-22" -> "2021/2022", "Q1/2026" -> "2026-Q1", "T2/2026" and "tertiaali 2/2026"
    -> "2026-T2", "syyskuu 2023" -> "2023-09", "kevät 2023" and "syksy 22" -> the year
    ("2023", "2022"), "1–6/2026" -> "2026-H1", "1.1.2023-31.3.2023" -> "2023-Q1",
    "vrt. 2024" -> "2024", "68 %(2021)" -> "2021". `year` completes a bare "Q1", "T2",
    "H1" or "30.11.". The first period stated wins; a "vrt." reference year only when
    nothing else is stated. All forms: `seuranta.core.periods.spans`.
    """
    try:
        return first_period(find_periods(fold(text), year=year))
    except RecursionError:  # pragma: no cover - defensive
        return None


def parse_whole_period(text: str) -> str | None:
    """The normalised period when the whole text is one period that means just that, else None.

    For fields that ask for a period, such as a reporting round's: "Q1/2026" -> "2026-Q1",
    "tertiaali 2/2026" -> "2026-T2", "9/2026" -> "2026-09", "2026" -> "2026". Refused: text
    around the period ("raportti 2026"), no year ("syksy"), no such period ("13/2026"), and
    spans no period string states exactly ("kevät 2026", "2026-2027").
    """
    folded = fold(text)
    spans = find_periods(folded)
    if len(spans) != 1:
        return None
    span = spans[0]
    if (span.start, span.end) != (0, len(folded)) or span.period is None or span.reference:
        return None
    return span.period if period_bounds(span.period) == (span.first, span.last) else None


_OPEN_WORDS = re.compile(r"(?<!\w)(?:jatku\w*|toistaiseksi|alkaen|lähtien|eteenpäin|pysyvä\w*)(?!\w)", _I)
_DEADLINE_WORDS = re.compile(r"(?<!\w)(?:mennessä|asti|saakka|viimeistään|loppuun)(?!\w)", _I)


def text_bounds(written: str | None) -> tuple[date | None, date | None]:
    """First and last day of a schedule or due time as written; None where open or unknown.

    "2022– jatkuva" -> (2022-01-01, None); "2022– 2023" -> (2022-01-01, 2023-12-31);
    "vuosien 2024-2025 aikana" -> (2024-01-01, 2025-12-31); "1–6/2026" ->
    (2026-01-01, 2026-06-30); "v. 2026" -> the whole year; "lv. 2022-23" ->
    (2022-08-01, 2023-07-31); "vuoteen 2028 mennessä" -> (None, 2028-12-31) (a
    deadline: "mennessä", "asti", "saakka", "viimeistään"); "2024 alkaen" ->
    (2024-01-01, None) (open: "jatkuva", "alkaen", "lähtien", "toistaiseksi");
    "kolmannesvuosittain" -> (None, None). Several periods give the first start and
    the last end ("syksy 2022 – kevät 2023" -> (2022-08-01, 2023-05-31)).

    Seasons follow the school terms: kevät (spring) = 1 Jan .. 31 May, kesä (summer)
    = 1 Jun .. 31 Jul, syksy (autumn) = 1 Aug .. 31 Dec, talvi (winter) = 1 Jan ..
    end of February. A school year runs 1 Aug .. 31 Jul; tertials are Jan-Apr, May-Aug,
    Sep-Dec.
    """
    if not written or not isinstance(written, str):
        return None, None
    return _text_bounds(written)


@lru_cache(maxsize=8192)
def _text_bounds(written: str) -> tuple[date | None, date | None]:
    """`text_bounds` memoised: the recogniser is costly and plans repeat the same few periods."""
    try:
        return _bounds(fold(written))
    except Exception:  # a bug in the measure language must not break an evaluation or a save
        return None, None


def _bounds(text: str) -> tuple[date | None, date | None]:
    spans = [s for s in find_periods(text) if s.period is not None]
    main = [s for s in spans if not s.reference] or spans
    if not main:
        return None, None
    firsts = [s.first for s in main if s.first is not None]
    lasts = [s.last for s in main if s.last is not None]
    first = min(firsts) if firsts else None
    last = max(lasts) if lasts else None
    if main[-1].open_end or (len(main) == 1 and _OPEN_WORDS.search(text)):
        last = None
    elif len(main) == 1 and _DEADLINE_WORDS.search(text):
        first = None
    if first is not None and last is not None and first > last:
        return None, None  # "2025– v. 2020": contradictory
    return first, last


def measure_date(period: str | None) -> date | None:
    """The day a measure's period stands for (its last day), or None."""
    if not period or not isinstance(period, str):
        return None
    return _measure_date(period)


@lru_cache(maxsize=8192)
def _measure_date(period: str) -> date | None:
    return period_end(period) or text_bounds(period)[1]


def due_day(due: str | None) -> date | None:
    """The day a milestone is due: the last day of its due time as written, or None."""
    if not due:
        return None
    bounds = period_bounds(due)
    return bounds[1] if bounds else text_bounds(due)[1]


_OPEN_ENDED = re.compile(
    r"jatku|pysyv|toistaiseksi|alkaen|lähtien|vuosittain|fortlöp|tills vidare|"
    r"årlig|ongoing|continu|annual|[-–—]\s*$|[-–—]\s*[^\d\s]",
    re.IGNORECASE,
)


def schedule_bounds(schedule: str | None) -> tuple[date | None, date | None]:
    """The start and end of a schedule as written; an open-ended one ("2022– jatkuva") has no end."""
    if not schedule:
        return None, None
    bounds = plan_period_bounds(schedule)
    if bounds:
        return bounds
    start, end = text_bounds(schedule)
    return (start, None) if _OPEN_ENDED.search(schedule) else (start, end)
