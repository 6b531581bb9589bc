"""Periods: the interchange format's period strings and the periods plans write in words.

    normalised.py  "2026", "2023-Q1", "2026-T1", "2023-09", "2021/2022", "2022-09-20" as
                   date ranges (`period_bounds`, `period_end`, `plan_period_bounds`)
    spans.py       the recogniser of periods as written ("lv. 2022-23", "kevät 2023",
                   "vuoteen 2028 mennessä"): `find_periods` with each span's days
    written.py     what a text refers to (`parse_period`), the days a schedule or due
                   time spans (`text_bounds`, `schedule_bounds`, `due_day`), the day a
                   measure stands for (`measure_date`)

This module is the package's public face; import from it.
"""

from __future__ import annotations

from seuranta.core.periods.normalised import period_bounds, period_end, period_start, plan_period_bounds
from seuranta.core.periods.spans import MONTH_STEMS, PeriodSpan, find_periods, first_period
from seuranta.core.periods.written import (
    due_day,
    measure_date,
    parse_period,
    parse_whole_period,
    schedule_bounds,
    text_bounds,
)

__all__ = [
    "MONTH_STEMS",
    "PeriodSpan",
    "due_day",
    "find_periods",
    "first_period",
    "measure_date",
    "parse_period",
    "parse_whole_period",
    "period_bounds",
    "period_end",
    "period_start",
    "plan_period_bounds",
    "schedule_bounds",
    "text_bounds",
]
