"""Normalised period strings of the interchange format as date ranges.

The format writes periods as close to ISO as the source text allows:

    "2026"        a year            2026-01-01 .. 2026-12-31
    "2023-Q1"     a quarter         2023-01-01 .. 2023-03-31
    "2026-T1"     a tertial         2026-01-01 .. 2026-04-30 (T2 May-Aug, T3 Sep-Dec)
    "2023-H1"     a half year       2023-01-01 .. 2023-06-30
    "2023-09"     a month           2023-09-01 .. 2023-09-30
    "2021/2022"   a school year     2021-08-01 .. 2022-07-31
    "2022-09-20"  a day

A period stands for its last day (`period_end`). Anything else gives None;
these functions never raise.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

__all__ = ["period_bounds", "period_end", "period_start", "plan_period_bounds"]

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-?Q([1-4])", re.IGNORECASE)
_TERTIAL = re.compile(r"(\d{4})-?T([1-3])", re.IGNORECASE)
_HALF = re.compile(r"(\d{4})-?H([12])", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SCHOOL_YEAR = re.compile(r"(\d{4})\s*/\s*(\d{4}|\d{2})")

_MIN_YEAR, _MAX_YEAR = 1, 9999


def _month_range(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def period_bounds(period: str | None) -> tuple[date, date] | None:
    """The first and last day of a normalised period string, or None."""
    if not isinstance(period, str):
        return None
    return _bounds_of(period.strip())


@lru_cache(maxsize=8192)
def _bounds_of(text: str) -> tuple[date, date] | None:
    """`period_bounds` of a stripped string, memoised: plans repeat the same few periods."""
    try:
        if m := _YEAR.fullmatch(text):
            year = int(m[1])
            return date(year, 1, 1), date(year, 12, 31)
        if m := _QUARTER.fullmatch(text):
            q = int(m[2])
            return _month_range(int(m[1]), 3 * q - 2, 3 * q)
        if m := _TERTIAL.fullmatch(text):
            t = int(m[2])
            return _month_range(int(m[1]), 4 * t - 3, 4 * t)
        if m := _HALF.fullmatch(text):
            h = int(m[2])
            return _month_range(int(m[1]), 6 * h - 5, 6 * h)
        if m := _MONTH.fullmatch(text):
            month = int(m[2])
            if not 1 <= month <= 12:
                return None
            return _month_range(int(m[1]), month, month)
        if m := _DAY.fullmatch(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _SCHOOL_YEAR.fullmatch(text):
            first = int(m[1])
            second = int(m[2]) if len(m[2]) == 4 else (first // 100) * 100 + int(m[2])
            if second != first + 1:
                return None
            return date(first, 8, 1), date(second, 7, 31)
    except ValueError:  # day 31 in a 30-day month, year 0...
        return None
    return None


def period_end(period: str | None) -> date | None:
    """The day a period stands for: its last day, or None."""
    bounds = period_bounds(period)
    return bounds[1] if bounds else None


def period_start(period: str | None) -> date | None:
    """The first day of a period, or None."""
    bounds = period_bounds(period)
    return bounds[0] if bounds else None


_PLAN_RANGE = re.compile(r"(\d{4})\s*[-\u2013\u2014]\s*(\d{4})")


def plan_period_bounds(period: str | None) -> tuple[date, date] | None:
    """The span of a plan's period: "2026–2029", "2022-2025", "2023", or None.

    A range of years runs from 1 January of the first to 31 December of the
    last; any single normalised period gives its own bounds. Reversed ranges
    are read in order ("2029-2026" is 2026..2029).
    """
    if not isinstance(period, str):
        return None
    text = period.strip()
    if m := _PLAN_RANGE.fullmatch(text):
        first, last = sorted((int(m[1]), int(m[2])))
        if first < _MIN_YEAR or last > _MAX_YEAR:
            return None
        return date(first, 1, 1), date(last, 12, 31)
    return period_bounds(text)
