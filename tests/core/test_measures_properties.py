"""Properties of the measure language, checked with Hypothesis."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta.core.measures import (
    parse_levels,
    parse_measure,
    parse_number,
    parse_unit,
)
from seuranta.core.model import MEASURE_KINDS, Measure
from seuranta.core.periods import parse_period, text_bounds

pytestmark = pytest.mark.slow  # property-based, minutes under load; left out by --fast

SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f"])
MINUS = st.sampled_from(["-", "−"])
FUZZ = settings(max_examples=2000, deadline=None)


def finnish(number: float | int, separator: str, minus: str) -> str:
    """A number written the Finnish way: "−1 234 567,891"."""
    digits = format(Decimal(repr(number)) if isinstance(number, float) else Decimal(number), "f")
    negative = digits.startswith("-")
    integer, _, fraction = digits.lstrip("-").partition(".")
    groups = []
    while len(integer) > 3:
        integer, groups = integer[:-3], [integer[-3:], *groups]
    written = separator.join([integer, *groups]) + ("," + fraction if fraction else "")
    return (minus if negative else "") + written


@given(st.floats(allow_nan=False, allow_infinity=False), SEPARATORS, MINUS)
def test_finnish_float_parses_back(number, separator, minus):
    assert parse_number(finnish(number, separator, minus)) == number


@given(st.integers(min_value=-(10**30), max_value=10**30), SEPARATORS, MINUS)
def test_finnish_integer_parses_back(number, separator, minus):
    assert parse_number(finnish(number, separator, minus)) == float(number)


@given(
    st.floats(min_value=0, max_value=1e12, allow_nan=False),
    SEPARATORS,
    st.sampled_from(["pv", "%", "kpl", "€"]),
)
def test_finnish_number_with_unit_parses_back(number, separator, unit):
    text = f"{finnish(number, separator, '-')} {unit}"
    assert parse_number(text) == number
    assert parse_unit(text) == unit


@given(st.dates(min_value=date(1000, 1, 1)))
def test_date_written_day_month_year_gives_iso(day):
    assert parse_period(f"{day.day}.{day.month}.{day.year}") == day.isoformat()


@given(st.dates(min_value=date(1000, 1, 1)))
def test_zero_padded_date_gives_iso(day):
    assert parse_period(f"{day.day:02d}.{day.month:02d}.{day.year}") == day.isoformat()


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_date_with_two_digit_year_in_parentheses_gives_iso(day):
    assert parse_period(f"({day.day}.{day.month}.{day.year % 100:02d})") == day.isoformat()


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 99999))
def test_level_with_date_keeps_number_and_date(day, count):
    m = parse_measure(f"{count} ({day.day}.{day.month}.{day.year % 100:02d})")
    assert (m.kind, m.value, m.period) == ("value", count, day.isoformat())


YEARS = st.integers(min_value=1000, max_value=9998)


@given(YEARS)
def test_v_year_gives_year(year):
    assert parse_period(f"v. {year}") == str(year)


@given(YEARS)
def test_by_year_gives_year(year):
    assert parse_period(f"vuoteen {year} mennessä") == str(year)


@given(YEARS)
def test_school_year_gives_school_year(year):
    assert parse_period(f"lv {year}-{year + 1}") == f"{year}/{year + 1}"


@given(YEARS)
def test_short_school_year_gives_school_year(year):
    assert parse_period(f"lv. {year}-{(year + 1) % 100:02d}") == f"{year}/{year + 1}"


@given(YEARS)
def test_target_for_year_gives_year_and_value(year):
    m = parse_measure(f"Tavoitetaso v. {year} 3,9")
    assert (m.value, m.period) == (3.9, str(year))


@given(YEARS)
def test_year_gives_its_bounds(year):
    assert text_bounds(f"v. {year}") == (date(year, 1, 1), date(year, 12, 31))


@FUZZ
@given(st.text())
def test_parse_number_never_raises(text):
    result = parse_number(text)
    assert result is None or isinstance(result, float)


@FUZZ
@given(st.text())
def test_parse_unit_never_raises(text):
    result = parse_unit(text)
    assert result is None or isinstance(result, str)


@FUZZ
@given(st.text(), st.one_of(st.none(), st.integers()))
def test_parse_period_never_raises(text, year):
    result = parse_period(text, year=year)
    assert result is None or isinstance(result, str)


@FUZZ
@given(st.text())
def test_text_bounds_never_raises(text):
    first, last = text_bounds(text)
    assert first is None or last is None or first <= last


@FUZZ
@given(st.text())
def test_parse_measure_never_raises(text):
    m = parse_measure(text)
    assert isinstance(m, Measure)
    assert m.kind is None or m.kind in MEASURE_KINDS
    assert m.text == " ".join(text.split())


@FUZZ
@given(st.text())
def test_parse_levels_never_raises(text):
    levels = parse_levels(text)
    assert all(isinstance(m, Measure) and (m.kind is None or m.kind in MEASURE_KINDS) for m in levels)


# Text built from the pieces levels are made of reaches the deeper paths that random text misses.
PIECES = st.sampled_from(
    [
        "v.",
        "lv",
        "lv.",
        "vrt.",
        "kevät",
        "syksy",
        "Q1",
        "T2",
        "tertiaali",
        "vuoteen",
        "mennessä",
        "yli",
        "alle",
        "vähintään",
        "enintään",
        "maks.",
        "min.",
        "taso",
        "ja",
        ":",
        "(",
        ")",
        "-",
        "–",
        "−",
        "+",
        "%",
        "pv",
        "opp.",
        "t/opp.",
        "/",
        ".",
        ",",
        " ",
        "\u00a0",
        "2022",
        "23",
        "20.9.22",
        "1.1.",
        "31.3.2023",
        "8/2022",
        "1–6/2026",
        "9 844",
        "3,4",
        "0",
        "12",
        "Ei",
        "Kyllä",
        "ala-aste",
        "sama tai suurempi kuin lähtötaso",
    ]
)


@FUZZ
@given(st.lists(PIECES, max_size=25).map(" ".join))
def test_level_like_text_never_raises(text):
    m = parse_measure(text)
    assert m.kind is None or m.kind in MEASURE_KINDS
    assert all(isinstance(x, Measure) for x in parse_levels(text))
    parse_number(text)
    parse_unit(text)
    parse_period(text, year=2023)
    first, last = text_bounds(text)
    assert first is None or last is None or first <= last
