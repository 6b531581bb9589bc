"""`./dev bench`'s verdicts: a time misses by more than 50 % above its goal, a rate below half of it."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "bench_table", Path(__file__).resolve().parents[1] / "benchmarks" / "table.py"
)
assert SPEC and SPEC.loader
table = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(table)


def test_a_time_over_one_and_a_half_times_its_goal_is_missed():
    assert [table.verdict(2.0, v) for v in (1.9, 2.9, 3.1)] == ["met", "near", "MISSED"]


def test_a_rate_under_half_its_goal_is_missed():
    assert [table.verdict(200.0, v, True) for v in (210.0, 133.0, 99.0)] == ["met", "near", "MISSED"]


def test_bench_lines_say_whether_higher_is_better():
    output = "x\nBENCH page_s goal=0.1 value=0.05\nBENCH rush_per_s goal>=200 value=133.5\n"
    assert table.measurements(output) == [("page_s", False, 0.1, 0.05), ("rush_per_s", True, 200.0, 133.5)]
