from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seuranta.core.periods import period_bounds, period_end, period_start, plan_period_bounds


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        pytest.param("2026", date(2026, 1, 1), date(2026, 12, 31), id="year"),
        pytest.param("2023-Q1", date(2023, 1, 1), date(2023, 3, 31), id="quarter-1"),
        pytest.param("2023-Q2", date(2023, 4, 1), date(2023, 6, 30), id="quarter-2"),
        pytest.param("2023-Q4", date(2023, 10, 1), date(2023, 12, 31), id="quarter-4"),
        pytest.param("2026-T1", date(2026, 1, 1), date(2026, 4, 30), id="tertial-1"),
        pytest.param("2026-T2", date(2026, 5, 1), date(2026, 8, 31), id="tertial-2"),
        pytest.param("2026-T3", date(2026, 9, 1), date(2026, 12, 31), id="tertial-3"),
        pytest.param("2023-H1", date(2023, 1, 1), date(2023, 6, 30), id="half-year"),
        pytest.param("2023-09", date(2023, 9, 1), date(2023, 9, 30), id="month"),
        pytest.param("2024-02", date(2024, 2, 1), date(2024, 2, 29), id="month-leap-february"),
        pytest.param("2021/2022", date(2021, 8, 1), date(2022, 7, 31), id="school-year"),
        pytest.param("2022-09-20", date(2022, 9, 20), date(2022, 9, 20), id="day"),
        pytest.param(" 2026 ", date(2026, 1, 1), date(2026, 12, 31), id="surrounding-space"),
    ],
)
def test_period_bounds(period, first, last):
    assert period_bounds(period) == (first, last)
    assert period_start(period) == first
    assert period_end(period) == last


@pytest.mark.parametrize(
    "period",
    [
        None,
        "",
        "kevät 2026",
        "2023-13",
        "2023-02-30",
        "2023-Q5",
        "2023-T4",
        "2021/2023",
        "abc",
        "0000",
        "2026–2029",
        2026,
    ],
)
def test_period_bounds_gives_none_for_anything_else(period):
    assert period_bounds(period) is None
    assert period_end(period) is None


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026–2029", (date(2026, 1, 1), date(2029, 12, 31))),
        ("2022-2025", (date(2022, 1, 1), date(2025, 12, 31))),
        ("2022 - 2025", (date(2022, 1, 1), date(2025, 12, 31))),
        ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
        ("2021/2022", (date(2021, 8, 1), date(2022, 7, 31))),
        (None, None),
        ("jatkuva", None),
    ],
)
def test_plan_period_bounds(period, bounds):
    assert plan_period_bounds(period) == bounds


@given(st.text(max_size=30))
def test_period_functions_never_raise(text):
    bounds = period_bounds(text)
    assert bounds is None or bounds[0] <= bounds[1]
    plan = plan_period_bounds(text)
    assert plan is None or plan[0] <= plan[1]
