"""Numbers and units in the measure language: "9 844 pv", "21,2 %", "−5", "2-3".

The half of `seuranta.core.measures` that finds the numbers of a level as written,
each with its unit, after masking the periods (`seuranta.core.periods.spans`):
`analyse(text)` is shared with the level parser (`measures.levels`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from seuranta.core.periods.spans import PeriodSpan, find_periods, fold

__all__ = ["Analysis", "Number", "analyse", "parse_number", "parse_unit"]

_I = re.IGNORECASE

_NUMBER = re.compile(
    r"(?<!\w)(?<![0-9][.,])"
    r"(?P<int>[0-9]{1,3}(?: [0-9]{3})+(?![0-9])|[0-9]+)(?P<frac>[.,][0-9]+)?(?![0-9])"
)
_SIGNS = "-−+–"
# Folded text has single spaces; a longer run is a masked period, never part of a range.
_RANGE_DASH = re.compile(r" ?(?:[-–—]|\.\.\.?) ?")

_UNIT_SYMBOL = re.compile(r" ?((?:milj\.\s*|mrd\.\s*|M|k|t)?€|%)(?:(\s*/\s*)([^\W\d_]+\.?))?")
_UNIT_WORD = re.compile(r" ?([^\W\d_]+(?![0-9])\.?)(?:(\s*/\s*)([^\W\d_]+(?![0-9])\.?))?")
_UNIT_BEFORE = re.compile(r"\(\s*([^\W\d_]{1,4}\.?)\s*\)\s*$")
_KNOWN_UNITS = frozenset(
    {
        "pv",
        "kpl",
        "ka",
        "htv",
        "htp",
        "opp",
        "hlö",
        "hlöä",
        "h",
        "t",
        "min",
        "vvt",
        "vkt",
        "krt",
        "km",
        "m",
        "kg",
        "e",
        "eur",
        "euroa",
        "vrk",
        "kk",
        "vko",
        "as",
        "milj",
        "mrd",
        "pist",
        "p",
        "kwh",
        "mwh",
        "gwh",
        "ha",
        "m²",
        "m2",
        "m³",
        "m3",
        "km²",
    }
)
# Abbreviations whose final dot is part of the unit as written ("opp.", "t/opp.").
DOTTED = frozenset({"opp", "hlö", "krt", "as", "vrk", "milj", "mrd", "pist", "yks", "vko"})
_NOT_UNITS = frozenset(
    {
        "mennessä",
        "aikana",
        "kanssa",
        "noin",
        "vuodessa",
        "vuosittain",
        "tasolla",
        "osalta",
        "lisäksi",
        "eli",
        "sekä",
        "tai",
        "ja",
        "kuin",
        "vähintään",
        "enintään",
        "yli",
        "alle",
        "maks",
        "min",
    }
)
_NON_PARTITIVE_END = ("ssa", "ssä", "lla", "llä", "na", "nä", "ksi", "lta", "ltä", "tta", "ttä")


def _mask(text: str, spans: list[PeriodSpan]) -> str:
    """The text with the given spans blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


@dataclass(frozen=True)
class Number:
    start: int  # the sign's position when signed
    end: int  # after the number (or after the range's second number)
    value: float | None  # None for a range ("2-3")
    first: float  # the number itself, or a range's first number
    signed: bool
    unit: str | None
    unit_end: int


def _is_sign(text: str, pos: int) -> bool:
    """Whether the character at pos is a sign of the number right after it."""
    if pos < 0 or text[pos] not in _SIGNS:
        return False
    before = text[pos - 1] if pos > 0 else ""
    if before and (before.isalnum() or before == "_" or before in ".,"):
        return False
    if text[pos] == "–":  # an en dash: a minus only when no number comes right before it
        previous = text[:pos].rstrip()
        return not previous or not previous[-1].isdigit()
    return True


def _to_float(int_part: str, frac: str | None) -> float | None:
    try:
        value = float(int_part.replace(" ", "") + ("." + frac[1:] if frac else ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The unit written at pos (after a number) and where it ends."""
    m = _UNIT_SYMBOL.match(text, pos)
    if m:
        unit = m[1] + (m[2] + _keep_dot(m[3]) if m[3] else "")
        return unit, m.end()
    m = _UNIT_WORD.match(text, pos)
    if not m:
        return None, pos
    word = m[1]
    base = word.rstrip(".").lower()
    if m[3]:  # a rate: "kertaa / vuosi", "t/opp."
        if base in _NOT_UNITS:
            return None, pos
        return _keep_dot(word) + m[2] + _keep_dot(m[3]), m.end()
    if base in _KNOWN_UNITS:
        return _keep_dot(word), m.end()
    rest = text[m.end() :].lstrip()
    looks_partitive = len(base) >= 4 and base.endswith(("a", "ä")) and not base.endswith(_NON_PARTITIVE_END)
    if looks_partitive and base not in _NOT_UNITS and (not rest or rest[0] in "([,.;:!?)]"):
        return _keep_dot(word), m.end()
    return None, pos


def _keep_dot(word: str) -> str:
    base = word.rstrip(".")
    return word if word.endswith(".") and base.lower() in DOTTED else base


def _numbers(text: str) -> list[Number]:
    """The numbers of a (period-masked) text, ranges ("2-3") as one, each with its unit."""
    found: list[Number] = []
    matches = list(_NUMBER.finditer(text))
    i = 0
    while i < len(matches):
        m = matches[i]
        start = m.start()
        signed = _is_sign(text, start - 1)
        value = _to_float(m["int"], m["frac"])
        if value is None:
            i += 1
            continue
        if signed:
            start -= 1
            if text[start] in "-−–":
                value = -value
        found_first = value
        end = m.end()
        dash = _RANGE_DASH.match(text, end)
        if dash and i + 1 < len(matches) and matches[i + 1].start() == dash.end() and dash.group().strip():
            end = matches[i + 1].end()
            value = None
            i += 1
        unit, unit_end = _unit_after(text, end)
        first = value if value is not None else found_first
        found.append(Number(start, end, value, first, signed, unit, unit_end))
        i += 1
    return found


@dataclass
class Analysis:
    text: str  # folded
    spans: list[PeriodSpan]  # the periods that are periods here (a lone bare year is a number)
    numbers: list[Number]
    masked: str
    bare_years: tuple[PeriodSpan, ...] = ()  # lone bare years read as numbers ("Kyllä 2026")


def analyse(folded: str, year: int | None = None) -> Analysis:
    spans = find_periods(folded, year=year)
    masked = _mask(folded, spans)
    numbers = _numbers(masked)
    if not numbers and any(s.bare for s in spans):
        bare = tuple(s for s in spans if s.bare)
        spans = [s for s in spans if not s.bare]
        masked = _mask(folded, spans)
        return Analysis(folded, spans, _numbers(masked), masked, bare)
    return Analysis(folded, spans, numbers, masked)


# --- public -----------------------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """The level's number: the first number that is not part of a date or period, or None.

    "9 844" -> 9844.0, "3,4" -> 3.4, "−5" -> -5.0, "0,03 t/opp. (20.9.22)" -> 0.03,
    "v. 2026 3,9" -> 3.9, "lv. 2022-23" -> None, "2-3" -> 2.0 (the range's first number;
    `parse_measure` gives a range the value None).
    """
    try:
        analysis = analyse(fold(text))
    except RecursionError:  # pragma: no cover - defensive
        return None
    return analysis.numbers[0].first if analysis.numbers else None


def parse_unit(text: str) -> str | None:
    """The unit written after the level's number, as written: "8 860 pv" -> "pv".

    "21,2 %" -> "%", "0,03 t/opp." -> "t/opp.", "255 oppilasta" -> "oppilasta",
    "Enintään 670 opp." -> "opp.", "2 kertaa / vuosi" -> "kertaa / vuosi",
    "Lähtötaso (ka) 3,8" -> "ka". Known abbreviations (pv, kpl, ka, htv, htp, opp.,
    vvt, €, % ...) and single partitive words that end the level ("ryhmää",
    "viikkotuntia") count; a word that goes on into a phrase ("55 erillistä
    harrasteryhmää") or a rate word ("1 vuodessa") does not. None when there is no
    number or no unit.
    """
    folded = fold(text)
    analysis = analyse(folded)
    if not analysis.numbers:
        return None
    number = analysis.numbers[0]
    if number.unit:
        return number.unit
    before = _UNIT_BEFORE.search(analysis.masked[: number.start])
    if before and before[1].rstrip(".").lower() in _KNOWN_UNITS:
        return _keep_dot(before[1])
    return None
