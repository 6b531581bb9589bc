"""The measure language, case by case: one written form per parametrised case."""

from datetime import date

import pytest

from seuranta.core.measures import (
    is_state_text,
    parse_levels,
    parse_measure,
    parse_number,
    parse_unit,
    state_is_done,
)
from seuranta.core.periods import parse_period, parse_whole_period, text_bounds

NBSP, NNBSP = "\u00a0", "\u202f"

NUMBERS = [
    pytest.param("9 844", 9844, id="thousands-space"),
    pytest.param(f"9{NBSP}844", 9844, id="thousands-no-break-space"),
    pytest.param(f"9{NNBSP}844 pv", 9844, id="thousands-narrow-no-break-space"),
    pytest.param("12 345 678,9", 12345678.9, id="several-groups-and-decimals"),
    pytest.param("3,4", 3.4, id="decimal-comma"),
    pytest.param("3.5", 3.5, id="decimal-point"),
    pytest.param("21,2 %", 21.2, id="percent"),
    pytest.param("1586", 1586, id="four-digits-unseparated"),
    pytest.param("−5", -5, id="unicode-minus"),
    pytest.param("-10 %", -10, id="hyphen-minus"),
    pytest.param("+10 %", 10, id="plus-sign"),
    pytest.param("–5 %", -5, id="en-dash-minus-at-start"),
    pytest.param("kevät 2023 – 70", 70, id="en-dash-after-period-is-not-minus"),
    pytest.param("kevät 2022 - 56", 56, id="spaced-hyphen-after-period-is-not-minus"),
    pytest.param("1 2345", 1, id="group-of-four-is-not-thousands"),
    pytest.param("2 kertaa / vuosi", 2, id="small-number-then-word"),
    pytest.param("0,03 t/opp. (20.9.22)", 0.03, id="date-after-is-not-the-number"),
    pytest.param("687 (20.9.22)", 687, id="number-before-date"),
    pytest.param("v. 2026 3,9", 3.9, id="marked-year-skipped"),
    pytest.param("lv. 2022-23", None, id="school-year-is-no-number"),
    pytest.param("2022-23", None, id="school-year-short-not-mangled"),
    pytest.param("2-3", 2, id="range-first-number"),
    pytest.param(
        "Aikavälillä 1.1.2023-31.3.2023 on ollut käynnissä 55 erillistä harrasteryhmää.",
        55,
        id="date-range-skipped",
    ),
    pytest.param("= 2022 taso +10 %", 10, id="reference-level-year-skipped"),
    pytest.param("68 %(2021)", 68, id="year-in-parentheses-skipped"),
    pytest.param("2026", 2026, id="lone-year-is-a-number"),
    pytest.param("Ei", None, id="state-has-no-number"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


UNITS = [
    pytest.param("8 860 pv", "pv", id="pv"),
    pytest.param("21,2 %", "%", id="percent-spaced"),
    pytest.param("84%", "%", id="percent-glued"),
    pytest.param("0,03 t/opp.", "t/opp.", id="rate-abbreviation-keeps-dot"),
    pytest.param("255 oppilasta (20.9.22)", "oppilasta", id="partitive-word-before-date"),
    pytest.param("Enintään 670 opp.", "opp.", id="opp-with-dot"),
    pytest.param("2 kertaa / vuosi", "kertaa / vuosi", id="times-per-year"),
    pytest.param("yli 8 koulutusta / vuosi", "koulutusta / vuosi", id="trainings-per-year"),
    pytest.param("7 ryhmää.", "ryhmää", id="sentence-dot-dropped"),
    pytest.param("32 viikkotuntia (lv. 2022-23)", "viikkotuntia", id="weekly-hours"),
    pytest.param("48 tuntia", "tuntia", id="hours"),
    pytest.param("12 htv", "htv", id="htv"),
    pytest.param("3 htp", "htp", id="htp"),
    pytest.param("4 kpl", "kpl", id="kpl"),
    pytest.param("3,8 ka", "ka", id="ka-after"),
    pytest.param("Lähtötaso (ka) 3,8", "ka", id="ka-in-parentheses-before"),
    pytest.param("1 200 €", "€", id="euro"),
    pytest.param("alakoulun konsultoiva erityisopettaja (20 vvt)", "vvt", id="vvt"),
    pytest.param("1 vuodessa", None, id="rate-word-is-not-a-unit"),
    pytest.param("55 erillistä harrasteryhmää.", None, id="phrase-is-not-a-unit"),
    pytest.param("Kyllä", None, id="no-number-no-unit"),
]


@pytest.mark.parametrize(("text", "expected"), UNITS)
def test_parse_unit(text, expected):
    assert parse_unit(text) == expected


PERIODS = [
    pytest.param("v. 2026", "2026", id="v-year"),
    pytest.param("vuonna 2026", "2026", id="vuonna-year"),
    pytest.param("vuoteen 2028 mennessä", "2028", id="by-year"),
    pytest.param("2026 mennessä", "2026", id="year-mennessa"),
    pytest.param("(2021)", "2021", id="year-in-parentheses"),
    pytest.param("68 %(2021)", "2021", id="year-glued-to-percent"),
    pytest.param("vrt. 2024", "2024", id="comparison-year"),
    pytest.param("-5 % vuoteen 2028 mennessä (vrt. 2024)", "2028", id="reference-year-only-as-last-resort"),
    pytest.param("= 2022 taso +10 %", None, id="reference-level-is-no-period"),
    pytest.param("Kurssien määrä 8/2023 = 2022 taso +10 %", "2023-08", id="month-before-reference-level"),
    pytest.param("(20.9.22)", "2022-09-20", id="date-two-digit-year"),
    pytest.param("20.9.2022", "2022-09-20", id="date-four-digit-year"),
    pytest.param("2022-09-20", "2022-09-20", id="iso-date-kept"),
    pytest.param("31.2.2023", None, id="invalid-date"),
    pytest.param("Aikavälillä 1.1.2023-31.3.2023", "2023-Q1", id="date-range-of-a-quarter"),
    pytest.param("1.1.–31.3.2023", "2023-Q1", id="date-range-year-once"),
    pytest.param("1.1.2023-15.3.2023", "2023-03-15", id="date-range-stands-for-last-day"),
    pytest.param("lv 21-22", "2021/2022", id="school-year-lv-short"),
    pytest.param("lv. 2022-23", "2022/2023", id="school-year-lv-dot"),
    pytest.param("lukuvuosi 2022–2023", "2022/2023", id="school-year-lukuvuosi"),
    pytest.param("2021/2022", "2021/2022", id="school-year-slash"),
    pytest.param("2022/23", "2022/2023", id="school-year-slash-short"),
    pytest.param("8/2022", "2022-08", id="month-slash-year"),
    pytest.param("2023-09", "2023-09", id="iso-month-kept"),
    pytest.param("syyskuu 2023", "2023-09", id="month-name"),
    pytest.param("syyskuussa 2023", "2023-09", id="month-name-inflected"),
    pytest.param("kesäkuu 2023", "2023-06", id="june-is-not-summer"),
    pytest.param("kevät 2023", "2023", id="spring-is-its-year"),
    pytest.param("syksy 22", "2022", id="autumn-two-digit-year"),
    pytest.param("keväällä 2024", "2024", id="spring-inflected"),
    pytest.param("Q1/2026", "2026-Q1", id="quarter-slash"),
    pytest.param("Q3 2025", "2025-Q3", id="quarter-space"),
    pytest.param("2023-Q1", "2023-Q1", id="quarter-normalised-kept"),
    pytest.param("1. neljännes 2023", "2023-Q1", id="quarter-in-words"),
    pytest.param("Q1", None, id="bare-quarter-needs-a-year"),
    pytest.param("T2/2026", "2026-T2", id="tertial-t"),
    pytest.param("tertiaali 2/2026", "2026-T2", id="tertial-word"),
    pytest.param("2. tertiaali 2026", "2026-T2", id="tertial-ordinal"),
    pytest.param("1–6/2026", "2026-H1", id="month-range-half-year"),
    pytest.param("1-3/2026", "2026-Q1", id="month-range-quarter"),
    pytest.param("vuosien 2024-2025 aikana", "2025", id="year-span-stands-for-last-year"),
    pytest.param("2022– jatkuva", "2022", id="open-span"),
    pytest.param("TA 2026", "2026", id="budget-year"),
    pytest.param("9 844 pv", None, id="number-is-no-period"),
    pytest.param("1586", None, id="four-digit-number-is-no-year"),
    pytest.param("2020-luvulla", None, id="decade-is-no-year"),
    pytest.param("2000 €", None, id="year-like-amount-is-no-year"),
    pytest.param("1 vuodessa", None, id="rate-is-no-period"),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        pytest.param("Q1", 2023, "2023-Q1", id="bare-quarter"),
        pytest.param("(Q4)", 2023, "2023-Q4", id="bare-quarter-in-parentheses"),
        pytest.param("T2", 2026, "2026-T2", id="bare-tertial"),
        pytest.param("tilanne 30.11.", 2022, "2022-11-30", id="day-and-month"),
        pytest.param("Q1/2024", 2023, "2024-Q1", id="written-year-wins"),
    ],
)
def test_parse_period_with_year(text, year, expected):
    assert parse_period(text, year=year) == expected


BOUNDS = [
    pytest.param("2022– jatkuva", (date(2022, 1, 1), None), id="ongoing"),
    pytest.param("2022– 2023", (date(2022, 1, 1), date(2023, 12, 31)), id="year-span"),
    pytest.param("1–6/2026", (date(2026, 1, 1), date(2026, 6, 30)), id="month-range"),
    pytest.param("kevät 2026", (date(2026, 1, 1), date(2026, 5, 31)), id="spring"),
    pytest.param("kevään 2026 aikana", (date(2026, 1, 1), date(2026, 5, 31)), id="during-spring"),
    pytest.param("syksy 2023", (date(2023, 8, 1), date(2023, 12, 31)), id="autumn"),
    pytest.param("kesä 2023", (date(2023, 6, 1), date(2023, 7, 31)), id="summer"),
    pytest.param("vuosien 2024-2025 aikana", (date(2024, 1, 1), date(2025, 12, 31)), id="during-years"),
    pytest.param("kolmannesvuosittain", (None, None), id="frequency-has-no-bounds"),
    pytest.param("vuoteen 2028 mennessä", (None, date(2028, 12, 31)), id="deadline"),
    pytest.param("2024 alkaen", (date(2024, 1, 1), None), id="from-year-on"),
    pytest.param("v. 2026", (date(2026, 1, 1), date(2026, 12, 31)), id="year"),
    pytest.param("lv. 2022-23", (date(2022, 8, 1), date(2023, 7, 31)), id="school-year"),
    pytest.param("Q1/2026", (date(2026, 1, 1), date(2026, 3, 31)), id="quarter"),
    pytest.param("T2/2026", (date(2026, 5, 1), date(2026, 8, 31)), id="tertial"),
    pytest.param("syksy 2022 – kevät 2023", (date(2022, 8, 1), date(2023, 5, 31)), id="season-to-season"),
    pytest.param("20.9.2022", (date(2022, 9, 20), date(2022, 9, 20)), id="day"),
    pytest.param("", (None, None), id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDS)
def test_text_bounds(text, expected):
    assert text_bounds(text) == expected


MEASURES = [
    pytest.param("8 860 pv", "value", 8860, None, id="value-with-unit"),
    pytest.param("3,9", "value", 3.9, None, id="value-decimal"),
    pytest.param("0", "value", 0, None, id="value-zero"),
    pytest.param("79 (lv 21-22)", "value", 79, "2021/2022", id="value-with-school-year"),
    pytest.param("8 (syksy 22)", "value", 8, "2022", id="value-with-season"),
    pytest.param("1 vuodessa", "value", 1, None, id="value-per-year-no-period"),
    pytest.param("2-3", "value", None, None, id="range-has-no-value"),
    pytest.param("2–3 kpl", "value", None, None, id="range-en-dash"),
    pytest.param("1 000–2 000 €", "value", None, None, id="range-of-thousands"),
    pytest.param("yli 20", "min", 20, None, id="min-yli"),
    pytest.param("Vähintään 3", "min", 3, None, id="min-vahintaan"),
    pytest.param("min. 5", "min", 5, None, id="min-abbreviated"),
    pytest.param("5 min", "value", 5, None, id="minutes-are-not-min"),
    pytest.param("sama tai suurempi kuin lähtötaso", "min", None, None, id="min-relative-to-baseline"),
    pytest.param("Vähintään ennallaan", "min", None, None, id="min-unchanged"),
    pytest.param("Enintään 670 opp.", "max", 670, None, id="max-enintaan"),
    pytest.param("Alle 250 oppilasta", "max", 250, None, id="max-alle"),
    pytest.param("maks. 2 %", "max", 2, None, id="max-maks"),
    pytest.param("sama tai pienempi kuin lähtötaso", "max", None, None, id="max-relative-to-baseline"),
    pytest.param("-10 %", "change_percent", -10, None, id="change-minus"),
    pytest.param("+10 %", "change_percent", 10, None, id="change-plus"),
    pytest.param("−5 %", "change_percent", -5, None, id="change-unicode-minus"),
    pytest.param("-10 % vuoteen 2028 mennessä", "change_percent", -10, "2028", id="change-by-year"),
    pytest.param(
        "Tavoitetaso -5 % vuoteen 2028 mennessä", "change_percent", -5, "2028", id="change-after-label"
    ),
    pytest.param("= 2022 taso +10 %", "change_percent", 10, None, id="change-from-reference-level"),
    pytest.param(
        "Kurssien määrä 8/2023 = 2022 taso +10 %", "change_percent", 10, "2023-08", id="change-with-month"
    ),
    pytest.param("5 % kasvu", "change_percent", 5, None, id="change-growth-word"),
    pytest.param("vähenevät 10 %", "change_percent", -10, None, id="change-decline-word"),
    pytest.param("−5", "value", -5, None, id="negative-value-without-percent"),
    pytest.param("21,2 %", "value", 21.2, None, id="percent-level-is-a-value"),
    pytest.param("Ei", "state", None, None, id="state-no"),
    pytest.param("Kyllä", "state", None, None, id="state-yes"),
    pytest.param("Ei ole laadittu", "state", None, None, id="state-not-drawn-up"),
    pytest.param("On laadittu", "state", None, None, id="state-drawn-up"),
    pytest.param("Osittain selvitetty", "state", None, None, id="state-partly"),
    pytest.param("Valmistelussa", "state", None, None, id="state-in-preparation"),
    pytest.param("Valmis", "state", None, None, id="state-ready"),
    pytest.param("Kurssien määrä 8/2022", "value", None, "2022-08", id="quantity-without-number"),
    pytest.param("vrt. 2024", None, None, "2024", id="only-a-reference-year"),
    pytest.param("", None, None, None, id="empty"),
    pytest.param("–", None, None, None, id="dash-only"),
    pytest.param(
        "ala-aste: 17,4 yläaste: 20 yhtenäiskoulu: 17,8 (20.9.2022)",
        "value",
        None,
        "2022-09-20",
        id="several-levels-one-measure",
    ),
]


@pytest.mark.parametrize(("text", "kind", "value", "period"), MEASURES)
def test_parse_measure(text, kind, value, period):
    m = parse_measure(text)
    assert (m.kind, m.value, m.period) == (kind, value, period)


def test_parse_measure_text_is_folded():
    assert parse_measure(f"  8 860{NBSP}pv \n").text == "8 860 pv"


def test_parse_measure_period_argument_is_a_default():
    assert parse_measure("3,9", period="2026").period == "2026"


def test_parse_measure_period_in_text_wins_over_argument():
    assert parse_measure("79 (lv 21-22)", period="2023").period == "2021/2022"


def test_parse_measure_keeps_label_argument():
    assert parse_measure("56", label="kevät").label == "kevät"


LEVELS = [
    pytest.param(
        "Tavoitetaso v. 2026 3,9 ja v. 2028 4,1.",
        [("3,9", "value", 3.9, "2026", None), ("4,1", "value", 4.1, "2028", None)],
        id="targets-per-year",
    ),
    pytest.param(
        "v. 2026 yli 50 ja v. 2028 yli 60",
        [("yli 50", "min", 50, "2026", None), ("yli 60", "min", 60, "2028", None)],
        id="min-targets-per-year",
    ),
    pytest.param(
        "v. 2026: 3,9; v. 2028: 4,1",
        [("3,9", "value", 3.9, "2026", None), ("4,1", "value", 4.1, "2028", None)],
        id="targets-per-year-with-colons",
    ),
    pytest.param(
        "48 (2022), 60 (2026)",
        [("48 (2022)", "value", 48, "2022", None), ("60 (2026)", "value", 60, "2026", None)],
        id="periods-after-levels",
    ),
    pytest.param(
        "kevät 2023 – 70 syksy 2023 – 60",
        [
            ("kevät 2023 – 70", "value", 70, "2023", "kevät"),
            ("syksy 2023 – 60", "value", 60, "2023", "syksy"),
        ],
        id="seasons-label-their-levels",
    ),
    pytest.param(
        "Harrasteryhmien määrä: kevät 2022 - 56 syksy 2022 - 49",
        [
            ("kevät 2022 - 56", "value", 56, "2022", "kevät"),
            ("syksy 2022 - 49", "value", 49, "2022", "syksy"),
        ],
        id="heading-dropped",
    ),
    pytest.param(
        "ala-aste: 17,4 yläaste: 20 yhtenäiskoulu: 17,8 (20.9.2022)",
        [
            ("ala-aste: 17,4", "value", 17.4, "2022-09-20", "ala-aste"),
            ("yläaste: 20", "value", 20, "2022-09-20", "yläaste"),
            ("yhtenäiskoulu: 17,8", "value", 17.8, "2022-09-20", "yhtenäiskoulu"),
        ],
        id="labelled-sub-series-share-a-date",
    ),
    pytest.param(
        "Oppilasmäärä: ala-aste: 17,4 yläaste: 20",
        [("ala-aste: 17,4", "value", 17.4, None, "ala-aste"), ("yläaste: 20", "value", 20, None, "yläaste")],
        id="labelled-sub-series-after-heading",
    ),
    pytest.param("79 (lv 21-22)", [("79 (lv 21-22)", "value", 79, "2021/2022", None)], id="one-level"),
    pytest.param("Kyllä", [("Kyllä", "state", None, None, None)], id="one-state"),
    pytest.param(
        "Kurssien määrä 8/2023 = 2022 taso +10 %",
        [("Kurssien määrä 8/2023 = 2022 taso +10 %", "change_percent", 10, "2023-08", None)],
        id="reference-level-is-not-a-second-level",
    ),
    pytest.param("", [], id="blank"),
]


@pytest.mark.parametrize(("text", "expected"), LEVELS)
def test_parse_levels(text, expected):
    got = [(m.text, m.kind, m.value, m.period, m.label) for m in parse_levels(text)]
    assert got == expected


def test_parse_levels_period_argument_fills_levels_without_one():
    assert [m.period for m in parse_levels("3,9", period="2026")] == ["2026"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Ei", True, id="no"),
        pytest.param("Valmistelu käynnissä, pilottihaku.", True, id="sentence"),
        pytest.param("8 860 pv", False, id="number"),
        pytest.param("sama tai suurempi kuin lähtötaso", False, id="relative-comparison"),
        pytest.param("", False, id="empty"),
    ],
)
def test_is_state_text(text, expected):
    assert is_state_text(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Kyllä", True, id="yes"),
        pytest.param("On laadittu", True, id="drawn-up"),
        pytest.param("Sähköistettävät palvelut selvitetty", True, id="surveyed"),
        pytest.param("Ei", False, id="no"),
        pytest.param("Ei ole laadittu", False, id="not-drawn-up"),
        pytest.param("Osittain selvitetty", None, id="partly"),
        pytest.param("Valmistelussa", None, id="in-preparation"),
        pytest.param("12", None, id="not-a-state"),
    ],
)
def test_state_is_done(text, expected):
    assert state_is_done(text) is expected


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Q1/2026", "2026-Q1"),
        ("2026 Q1", "2026-Q1"),
        ("2026q1", "2026-Q1"),
        ("tertiaali 2/2026", "2026-T2"),
        ("9/2026", "2026-09"),
        ("2026", "2026"),
        ("2022-09-20", "2022-09-20"),
        ("raportti 2026", None),
        ("syksy", None),
        ("13/2026", None),
        ("kevät 2026", None),
        ("2026-2027", None),
    ],
)
def test_a_whole_period_is_normalised_and_anything_more_or_less_refused(text, period):
    assert parse_whole_period(text) == period


def test_swedish_changes_and_bounds_are_read_like_finnish_ones():
    assert [(m.kind, m.value) for m in parse_levels("minska med 50 procent")] == [("change_percent", -50)]
    assert [(m.kind, m.value) for m in parse_levels("öka med 5 %")] == [("change_percent", 5)]
    assert [(m.kind, m.value) for m in parse_levels("minst 20 000 invånare")] == [("min", 20000)]
    assert [(m.kind, m.value) for m in parse_levels("högst 3 %")] == [("max", 3)]
