"""Periods as Finnish plan documents write them: the time half of the measure language.

`seuranta.core.periods.written` is the public face of this module (`parse_period`,
`text_bounds`); this file holds the recogniser both share with the number and
level parsers of `seuranta.core.measures`. `find_periods` scans a text once and returns every
time expression it recognises, with its span in the text, its normalised
period string (the interchange format's forms, see `periods.normalised`)
and its first and last day.

Written forms recognised (case-insensitive):

=============================================  ===============  ==========================
written                                        period           first .. last day
=============================================  ===============  ==========================
"20.9.2022", "(20.9.22)", "2022-09-20"         "2022-09-20"     that day
"1.1.2023-31.3.2023", "1.1.–31.3.2023"         "2023-Q1"        the range; a range that is
                                                                exactly a month, quarter,
                                                                tertial, half, year or school
                                                                year gets that form, any
                                                                other range its last day
"lv 21-22", "lv. 2022-23", "lukuvuosi          "2021/2022"      1 Aug .. 31 Jul
2021-2022", "2021/2022", "2021/22", "2021-22"
"Q1/2026", "Q1 2026", "2026-Q1", "1.            "2026-Q1"        the quarter
neljännes 2026"
"T2/2026", "tertiaali 2/2026", "2. tertiaali   "2026-T2"        May .. Aug (T1 Jan-Apr,
2026", "2026-T2"                                                T3 Sep-Dec)
"H1/2026", "1. vuosipuolisko 2026"             "2026-H1"        the half year
"1–6/2026"                                     "2026-H1"        a month range, as above
"8/2022", "2022-08", "syyskuu 2023",           "2022-08"        the month
"syyskuussa 2023"
"kevät 2023", "keväällä 2023", "syksy 22"      "2023"           the season (see below)
"2022–2023", "vuosien 2024-2025"               "2023"           1 Jan .. 31 Dec of the
                                                                span; the period is the
                                                                last year, the day a span
                                                                stands for
"2022–", "2022– jatkuva"                       "2022"           1 Jan 2022 .. open
"v. 2026", "vuonna 2026", "vuoteen 2028        "2026"           the year
mennessä", "vuodelle 2026", "(2021)",
"2026 mennessä", "TA 2026"
"vrt. 2024"                                    "2024"           a reference year: used only
                                                                when nothing else is found
bare "2026" (1900-2099, not a quantity such    "2026"           the year
as "2000 €" or "yli 2000")
bare "Q1", "T2", "H1", "30.11." (only with     "2026-Q1" ...    needs the year argument
the `year` argument)
=============================================  ===============  ==========================

"2022 taso" ("the 2022 level") names the reference of a relative change, not the
period of a level; it is masked (not a number, not a period).

Season conventions, following the school terms municipal plans are built on:
kevät (spring) = 1 Jan .. 31 May (kevätlukukausi), kesä (summer) = 1 Jun ..
31 Jul, syksy (autumn) = 1 Aug .. 31 Dec (syyslukukausi), talvi (winter) =
1 Jan .. end of Feb (the part of the winter that falls in that year). As a
period a season is its year ("kevät 2023" -> "2023"), as the gold files have
it; the season itself is kept as the measure's label.

Two-digit years are 2000 + yy. Nothing here raises: an invalid date
("31.2.2023") is simply not a period.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

__all__ = ["MONTH_STEMS", "PeriodSpan", "find_periods", "first_period", "fold"]

_I = re.IGNORECASE

SEASON_MONTHS = {"kevät": (1, 5), "kesä": (6, 7), "syksy": (8, 12), "talvi": (1, 2)}

MONTH_STEMS = (  # Finnish month names without their -kuu ending
    "tammi",
    "helmi",
    "maalis",
    "huhti",
    "touko",
    "kesä",
    "heinä",
    "elo",
    "syys",
    "loka",
    "marras",
    "joulu",
)

# Words after a number that make it a quantity, not a year ("2000 €", "2000 kpl").
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|€|e\b|euro|kpl|pv|htv|htp|hlö|henkil|opp|oppila|ryhm|kertaa|tuntia|h\b|t\b|km|kg|"
    r"asiakas|asukas|käyn|kävij|lasta|nuorta|osallistu|työntekij|päivää|viikkoa|tuntia|vvt)",
    _I,
)
# Words before a number that make it a quantity ("yli 2000", "noin 2000").
_QUANTITY_BEFORE = re.compile(
    r"(?:yli|alle|vähintään|enintään|korkeintaan|noin|n\.|min\.?|maks\.?|max\.?|[<>≤≥=+−-])\s*$", _I
)


def fold(text: object) -> str:
    """Whitespace (spaces, no-break spaces, line breaks) folded to single spaces."""
    return " ".join(text.split()) if isinstance(text, str) else ""


@dataclass(frozen=True)
class PeriodSpan:
    """One time expression found in a text."""

    start: int
    end: int
    period: str | None  # None: masked reference ("2022 taso"), not a period
    first: date | None = None
    last: date | None = None
    label: str | None = None  # a season's nominative ("kevät") for sub-series labels
    reference: bool = False  # "vrt. 2024": the comparison year, used only as a last resort
    bare: bool = False  # a bare year with no marker ("2026")
    open_end: bool = False  # "2022–": continues


def _year2(text: str) -> int:
    value = int(text)
    return 2000 + value if len(text) <= 2 else value


def _month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_period(year: int, first: int, last: int) -> str:
    """The normalised form of the whole months first..last of one year."""
    if first == last:
        return f"{year:04d}-{first:02d}"
    if (first, last) == (1, 12):
        return f"{year:04d}"
    if last - first == 2 and first % 3 == 1:
        return f"{year:04d}-Q{(first + 2) // 3}"
    if last - first == 3 and first % 4 == 1:
        return f"{year:04d}-T{(first + 3) // 4}"
    if last - first == 5 and first % 6 == 1:
        return f"{year:04d}-H{(first + 5) // 6}"
    return f"{year:04d}-{last:02d}"  # any other run of months stands for its last month


def _range_period(first: date, last: date) -> str | None:
    if last < first:
        return None
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (8, 1, 7, 31) and last.year == first.year + 1:
        return f"{first.year:04d}/{last.year:04d}"
    if first.year == last.year and first.day == 1 and last == _month_last(last.year, last.month):
        return _months_period(first.year, first.month, last.month)
    return last.isoformat()


def _plausible_bare_year(text: str, m: re.Match[str], year: int) -> bool:
    if not 1900 <= year <= 2099:
        return False
    if _QUANTITY_AFTER.match(text, m.end()):
        return False
    return not _QUANTITY_BEFORE.search(text[max(0, m.start() - 14) : m.start()])


# --- converters: (text, match, year argument) -> PeriodSpan fields or None -----------------

Fields = dict[str, object]


def _c_date_range(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    last = date(_year2(m[6]), int(m[5]), int(m[4]))
    first = date(_year2(m[3]) if m[3] else last.year, int(m[2]), int(m[1]))
    period = _range_period(first, last)
    return {"period": period, "first": first, "last": last} if period else None


def _c_date(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    day = date(_year2(m[3]), int(m[2]), int(m[1]))
    return {"period": day.isoformat(), "first": day, "last": day}


def _c_iso_date(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    day = date(int(m[1]), int(m[2]), int(m[3]))
    return {"period": day.isoformat(), "first": day, "last": day}


def _c_day_month(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    if year is None:
        return None
    day = date(year, int(m[2]), int(m[1]))
    return {"period": day.isoformat(), "first": day, "last": day}


def _school(first_text: str, second_text: str) -> Fields | None:
    first, second = _year2(first_text), int(second_text)
    if len(second_text) == 4:
        ok = second == first + 1
    else:
        ok = second == (first + 1) % 100
        second = first + 1
    if not ok or first < 1:
        return None
    return {"period": f"{first:04d}/{second:04d}", "first": date(first, 8, 1), "last": date(second, 7, 31)}


def _c_school(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    return _school(m[1], m[2])


def _c_school_unmarked(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    if not 1900 <= int(m[1]) <= 2099:
        return None
    return _school(m[1], m[2])


def _months(year: int, first: int, last: int) -> Fields:
    return {
        "period": _months_period(year, first, last),
        "first": date(year, first, 1),
        "last": _month_last(year, last),
    }


def _c_quarter(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    q = int(m["n"])
    y = m["y"] or m["y4"]
    return _months(_year2(y), 3 * q - 2, 3 * q)


def _c_tertial(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    t = int(m["n"])
    y = m["y"] or m["y4"]
    return _months(_year2(y), 4 * t - 3, 4 * t)


def _c_half(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    h = int(m["n"])
    y = m["y"] or m["y4"]
    return _months(_year2(y), 6 * h - 5, 6 * h)


def _c_bare_part(size: int) -> Callable[[str, re.Match[str], int | None], Fields | None]:
    def convert(text: str, m: re.Match[str], year: int | None) -> Fields | None:
        if year is None:
            return None
        n = int(m["n"])
        return _months(year, size * n - size + 1, size * n)

    return convert


def _c_month_range(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    first, last = int(m[1]), int(m[2])
    if not 1 <= first <= last <= 12:
        return None
    return _months(int(m[3]), first, last)


def _c_month_year(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    month = int(m[1])
    return _months(int(m[2]), month, month) if 1 <= month <= 12 else None


def _c_iso_month(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    month = int(m[2])
    return _months(int(m[1]), month, month) if 1 <= month <= 12 else None


def _c_month_name(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    month = MONTH_STEMS.index(m[1].lower()) + 1
    return _months(int(m[2]), month, month)


def _season_name(word: str) -> str:
    w = word.lower()
    if w.startswith(("kevä", "kevät")):
        return "kevät"
    if w.startswith(("syks", "syys")):
        return "syksy"
    if w.startswith("kesä"):
        return "kesä"
    return "talvi"


def _c_season(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    name = _season_name(m[1])
    y = _year2(m[2])
    first, last = SEASON_MONTHS[name]
    return {"period": f"{y:04d}", "first": date(y, first, 1), "last": _month_last(y, last), "label": name}


def _c_year_span(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    first, last = int(m[1]), int(m[2])
    if not (1900 <= first < last <= 2099) or _QUANTITY_AFTER.match(text, m.end()):
        return None
    if _QUANTITY_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
        return None
    return {"period": f"{last:04d}", "first": date(first, 1, 1), "last": date(last, 12, 31)}


def _c_open(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    y = int(m[1])
    if not _plausible_bare_year(text, m, y):
        return None
    return {"period": f"{y:04d}", "first": date(y, 1, 1), "last": None, "open_end": True}


def _c_marked_year(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    y = int(m["y"])
    if y < 1:
        return None
    return {"period": f"{y:04d}", "first": date(y, 1, 1), "last": date(y, 12, 31)}


def _c_reference_year(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    fields = _c_marked_year(text, m, year)
    if fields:
        fields["reference"] = True
    return fields


def _c_paren_year(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    y = int(m["y"])
    return _c_marked_year(text, m, year) if 1900 <= y <= 2099 else None


def _c_level_reference(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    return {"period": None}


def _c_bare_year(text: str, m: re.Match[str], year: int | None) -> Fields | None:
    y = int(m[1])
    if not _plausible_bare_year(text, m, y):
        return None
    return {"period": f"{y:04d}", "first": date(y, 1, 1), "last": date(y, 12, 31), "bare": True}


_NB = r"(?<![\w.,/+−-])"  # not glued to a word, number, date or sign on the left
_Y24 = r"([0-9]{4}|[0-9]{2})"
_DASH = r"\s*[-–—]\s*"
_SEASON_WORD = (
    r"(kevät(?:lukukau\w*|kau\w*)?|kevää(?:n|llä|stä|seen)|syksy(?:n|llä|stä|yn)?|"
    r"syyslukukau\w*|kesä(?:n|llä|stä)?|talvi|talve(?:n|lla|sta))"
)

_PATTERNS: list[tuple[re.Pattern[str], Callable[[str, re.Match[str], int | None], Fields | None]]] = [
    (
        re.compile(
            r"(?<![\w.,])([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})?"
            + _DASH
            + r"([0-9]{1,2})\.([0-9]{1,2})\."
            + _Y24
            + r"(?![0-9]|[.,][0-9])"
        ),
        _c_date_range,
    ),
    (re.compile(r"(?<![\w.,])([0-9]{1,2})\.([0-9]{1,2})\." + _Y24 + r"(?![0-9]|[.,][0-9])"), _c_date),
    (re.compile(_NB + r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])"), _c_iso_date),
    (
        re.compile(
            r"(?<!\w)(?:lv\.?|lukuvuo\w*)\s*" + _Y24 + r"\s*[-–—/]\s*" + r"([0-9]{4}|[0-9]{2})(?![0-9])", _I
        ),
        _c_school,
    ),
    (re.compile(_NB + r"([0-9]{4})\s*/\s*([0-9]{4}|[0-9]{2})(?![0-9/]|[.,][0-9])"), _c_school_unmarked),
    (
        re.compile(
            r"(?<!\w)Q(?P<n>[1-4])(?:\s*[/\-–]\s*(?P<y>[0-9]{4}|[0-9]{2})|\s+(?P<y4>[0-9]{4}))(?![0-9])", _I
        ),
        _c_quarter,
    ),
    (re.compile(r"(?<![\w.,])(?P<y4>[0-9]{4})\s*[-/]?\s*Q(?P<n>[1-4])(?!\w)(?P<y>)", _I), _c_quarter),
    (
        re.compile(
            r"(?<![\w.,])(?P<n>[1-4])\.\s*(?:vuosi)?neljännes\w*\s+(?P<y4>[0-9]{4})(?![0-9])(?P<y>)", _I
        ),
        _c_quarter,
    ),
    (
        re.compile(
            r"(?<!\w)(?:T|tertiaali\w*\s*)(?P<n>[1-3])(?:\s*[/\-–]\s*(?P<y>[0-9]{4}|[0-9]{2})"
            r"|\s+(?P<y4>[0-9]{4}))(?![0-9])",
            _I,
        ),
        _c_tertial,
    ),
    (re.compile(r"(?<![\w.,])(?P<y4>[0-9]{4})\s*-?\s*T(?P<n>[1-3])(?!\w)(?P<y>)", _I), _c_tertial),
    (
        re.compile(r"(?<![\w.,])(?P<n>[1-3])\.\s*tertiaali\w*\s+(?P<y4>[0-9]{4})(?![0-9])(?P<y>)", _I),
        _c_tertial,
    ),
    (
        re.compile(
            r"(?<!\w)H(?P<n>[12])(?:\s*[/\-–]\s*(?P<y>[0-9]{4}|[0-9]{2})|\s+(?P<y4>[0-9]{4}))(?![0-9])", _I
        ),
        _c_half,
    ),
    (re.compile(r"(?<![\w.,])(?P<y4>[0-9]{4})\s*-?\s*H(?P<n>[12])(?!\w)(?P<y>)", _I), _c_half),
    (
        re.compile(r"(?<![\w.,])(?P<n>[12])\.\s*vuosipuolisko\w*\s+(?P<y4>[0-9]{4})(?![0-9])(?P<y>)", _I),
        _c_half,
    ),
    (re.compile(_NB + r"([0-9]{1,2})\s*[-–]\s*([0-9]{1,2})\s*/\s*([0-9]{4})(?![0-9])"), _c_month_range),
    (re.compile(_NB + r"([0-9]{1,2})\s*/\s*([0-9]{4})(?![0-9]|[.,][0-9])"), _c_month_year),
    (re.compile(_NB + r"([0-9]{4})-([0-9]{2})(?![0-9]|-[0-9]|[.,][0-9])"), _c_iso_month),
    (re.compile(_NB + r"([0-9]{4})\s*[-–]\s*([0-9]{2})(?![0-9]|[.,][0-9])"), _c_school_unmarked),
    (re.compile(r"(?<!\w)(" + "|".join(MONTH_STEMS) + r")ku\w*\s+([0-9]{4})(?![0-9])", _I), _c_month_name),
    (
        re.compile(r"(?<!\w)" + _SEASON_WORD + r"(?!\w)\s*,?\s*" + _Y24 + r"(?![0-9]|[.,][0-9])", _I),
        _c_season,
    ),
    (re.compile(_NB + r"([0-9]{4})" + _DASH + r"([0-9]{4})(?![0-9]|[.,][0-9])"), _c_year_span),
    (
        re.compile(r"(?<!\w)vrt\.?\s*(?:v\.?\s*|vuo\w*\s+)?(?P<y>[0-9]{4})(?![0-9]|[.,][0-9])", _I),
        _c_reference_year,
    ),
    (
        re.compile(
            r"(?<!\w)(?:v\.|v(?=\s)|vuonna|vuode(?:n|lle|ksi|sta)|vuoteen|vuosi|vuosille|vuosina|"
            r"tilastovuosi|(?-i:TA|TP))\s*(?P<y>[0-9]{4})(?![0-9]|[.,][0-9])",
            _I,
        ),
        _c_marked_year,
    ),
    (re.compile(_NB + r"(?P<y>[0-9]{4})\s+mennessä", _I), _c_marked_year),
    (re.compile(r"\(\s*(?P<y>[0-9]{4})\s*\)"), _c_paren_year),
    (re.compile(_NB + r"([0-9]{4})\s*[-–—](?!\s*[0-9])(?!luvu)", _I), _c_open),
    (re.compile(_NB + r"[0-9]{4}\s+taso\w*", _I), _c_level_reference),
    (re.compile(_NB + r"([0-9]{4})(?![0-9]|[.,][0-9]|[-–]luvu)", _I), _c_bare_year),
    (re.compile(r"(?<!\w)Q(?P<n>[1-4])(?!\w)", _I), _c_bare_part(3)),
    (re.compile(r"(?<!\w)(?:T|tertiaali\w*\s*)(?P<n>[1-3])(?!\w)", _I), _c_bare_part(4)),
    (re.compile(r"(?<![\w.,])(?P<n>[1-3])\.\s*tertiaali\w*(?!\s*[0-9])", _I), _c_bare_part(4)),
    (re.compile(r"(?<!\w)H(?P<n>[12])(?!\w)", _I), _c_bare_part(6)),
    (re.compile(r"(?<![\w.,])([0-9]{1,2})\.([0-9]{1,2})\.(?![0-9])"), _c_day_month),
]


def find_periods(text: str, *, year: int | None = None) -> list[PeriodSpan]:
    """Every time expression in `text`, left to right, non-overlapping.

    Patterns are tried most specific first; a later pattern never claims text an
    earlier one has claimed. Spans with `period` None are masked references
    ("2022 taso"). Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    if year is not None and not (isinstance(year, int) and 1 <= year <= 9999):
        year = None
    claimed: list[PeriodSpan] = []
    taken = bytearray(len(text))
    for pattern, convert in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(taken[start:end]):
                continue
            try:
                fields = convert(text, m, year)
            except (ValueError, OverflowError, IndexError):
                fields = None
            if fields is not None:
                claimed.append(PeriodSpan(start=start, end=end, **fields))  # type: ignore[arg-type]
                taken[start:end] = b"\x01" * (end - start)
    claimed.sort(key=lambda s: s.start)
    return claimed


def first_period(spans: list[PeriodSpan]) -> str | None:
    """The period a text refers to: the first one stated, a reference year only as a last resort."""
    for want_reference in (False, True):
        for span in spans:
            if span.period is not None and span.reference == want_reference:
                return span.period
    return None
