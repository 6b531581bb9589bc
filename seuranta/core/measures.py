"""The measure language: levels as Finnish plan documents write them.

Baselines, targets and actuals arrive as text: "9 844 pv", "21,2 %", "yli 20",
"Enintään 670 opp.", "79 (lv 21-22)", "-5 % vuoteen 2028 mennessä",
"Tavoitetaso v. 2026 3,9 ja v. 2028 4,1", "ala-aste: 17,4 yläaste: 20
yhtenäiskoulu: 17,8 (20.9.2022)", "Ei ole laadittu". This module turns them
into `seuranta.core.model.Measure` values (docs/plan-format.md, "Measure").

Public API (pure, typed, never raises; odd input gives None or a Measure with
kind None):

- `parse_number(text)`   the level's number: "9 844" -> 9844.0, "3,4" -> 3.4
- `parse_unit(text)`     the unit written after it: "8 860 pv" -> "pv"
- `parse_period(text)`   the period the text refers to: "(20.9.22)" -> "2022-09-20"
- `period_text_bounds(text)`  first and last day of a schedule: "2022– jatkuva"
- `parse_measure(text)`  one level as a Measure
- `parse_levels(text)`   a sentence with several levels as a list of Measures
- `is_state_text(text)`, `state_is_done(text)`  qualitative levels

Numbers follow Finnish conventions: decimal comma (a decimal point is also
read), thousands separated by a space or no-break space only when every group
after the first has exactly three digits ("9 844", not "2 kertaa"), minus as
"-" or "−" (U+2212) written right before the digits ("−5", "-10 %"); an en
dash is a minus only when no number comes right before it ("kevät 2023 – 70"
is 70). Dates and other period expressions are not numbers: "lv. 2022-23" has
no number, "v. 2026 3,9" has 3.9. A bare year is a number only when it is the
only one ("2026" -> 2026, "2026: 3,9" -> 3.9). The recognised period forms and
the season conventions are documented in `seuranta.core.measures_periods`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from seuranta.core.measures_periods import PeriodSpan, find_periods, first_period, text_bounds
from seuranta.core.model import Measure
from seuranta.core.periods import period_bounds

__all__ = [
    "is_state_text",
    "parse_levels",
    "parse_measure",
    "parse_number",
    "parse_period",
    "parse_unit",
    "parse_whole_period",
    "period_text_bounds",
    "state_is_done",
]

_I = re.IGNORECASE

_NUMBER = re.compile(
    r"(?<!\w)(?<![0-9][.,])"
    r"(?P<int>[0-9]{1,3}(?: [0-9]{3})+(?![0-9])|[0-9]+)(?P<frac>[.,][0-9]+)?(?![0-9])"
)
_SIGNS = "-−+–"
_MAX_SERIES = 60  # more levels than this in one text is prose, not a series
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
_DOTTED = frozenset({"opp", "hlö", "krt", "as", "vrk", "milj", "mrd", "pist", "yks", "vko"})
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

_MIN = re.compile(
    r"(?<!\w)(?:vähintään|vähintäänkin|yli|min\.|min(?=\s*[-+−]?[0-9])|minimi\w*|ainakin|"
    r"suurempi kuin|korkeampi kuin|enemmän kuin|parempi kuin)(?!\w)|[≥>]",
    _I,
)
_MAX = re.compile(
    r"(?<!\w)(?:enintään|alle|maks\.?|max\.?|maksimi\w*|korkeintaan|pienempi kuin|"
    r"vähemmän kuin|alhaisempi kuin|matalampi kuin)(?!\w)|[≤<]",
    _I,
)
_UP = re.compile(r"(?<!\w)(?:kasv\w*|lisää\w*|lisäys\w*|lisäänty\w*|nous\w*|paran\w*|parannus\w*)(?!\w)", _I)
_DOWN = re.compile(
    r"(?<!\w)(?:vähene\w*|vähenty\w*|vähennys\w*|vähennet\w*|vähentä\w*|laskee|laskevat|laskeva|"
    r"lasku\w*|pienene\w*|pienenty\w*|alene\w*|alenty\w*|supistu\w*|heikken\w*)(?!\w)",
    _I,
)
_PERCENT_WORD = re.compile(r"prosent\w*", _I)
_QUANTITY_NOUN = re.compile(r"(?:määrä|osuus|osuu|prosentti|keskiarvo|summa|lukumäärä)\w*(?!\w)", _I)
_LETTER = re.compile(r"[^\W\d_]")
_JOINER_END = re.compile(r"(?:\s+(?:ja|sekä)|\s*[,;])+$", _I)
_JOINER_START = re.compile(r"^(?:(?:ja|sekä)\s+)+", _I)

_STATE_NO = re.compile(
    r"^(?:ei|eikä)(?!\w)|(?<!\w)(?:ei ole|ei ol|puuttuu|ei käytössä|ei toteutunut)(?!\w)", _I
)
_STATE_PARTLY = re.compile(
    r"(?<!\w)(?:osittain|valmistel\w*|valmisteilla|käynnissä|kesken\w*|työn alla|suunnitteilla|"
    r"aloitettu|aloitetaan|pilot\w*|jalkautus|jalkautetaan)(?!\w)",
    _I,
)
_STATE_YES = re.compile(
    r"(?<!\w)(?:kyllä|on|valmis|valmiina|valmistunut|laadittu|toteutunut|toteutettu|käytössä|olemassa|"
    r"tehty|päivitetty|luotu|hyväksytty|varmistettu|selvitetty|otettu käyttöön|saavutettu)(?!\w)",
    _I,
)


def _fold(text: object) -> str:
    """Whitespace (spaces, no-break spaces, line breaks) folded to single spaces."""
    return " ".join(text.split()) if isinstance(text, str) else ""


def _mask(text: str, spans: list[PeriodSpan]) -> str:
    """The text with the given spans blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


@dataclass(frozen=True)
class _Number:
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
    return word if word.endswith(".") and base.lower() in _DOTTED else base


def _numbers(text: str) -> list[_Number]:
    """The numbers of a (period-masked) text, ranges ("2-3") as one, each with its unit."""
    found: list[_Number] = []
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
        found.append(_Number(start, end, value, first, signed, unit, unit_end))
        i += 1
    return found


@dataclass
class _Analysis:
    text: str  # folded
    spans: list[PeriodSpan]  # the periods that are periods here (a lone bare year is a number)
    numbers: list[_Number]
    masked: str
    bare_years: tuple[PeriodSpan, ...] = ()  # lone bare years read as numbers ("Kyllä 2026")


def _analyse(folded: str, year: int | None = None) -> _Analysis:
    spans = find_periods(folded, year=year)
    masked = _mask(folded, spans)
    numbers = _numbers(masked)
    if not numbers and any(s.bare for s in spans):
        bare = tuple(s for s in spans if s.bare)
        spans = [s for s in spans if not s.bare]
        masked = _mask(folded, spans)
        return _Analysis(folded, spans, _numbers(masked), masked, bare)
    return _Analysis(folded, spans, numbers, masked)


def _state_of_year(analysis: _Analysis) -> PeriodSpan | None:
    """The year of a state written with a bare year ("Kyllä 2026", "Valmis 2027"): every word is a word
    of a state scale (yes, no, under way, done), the one number is that year."""
    from seuranta.core.evaluation_states import COMPLETE, NEGATIONS, UNDER_WAY

    if len(analysis.bare_years) != 1 or len(analysis.numbers) != 1:
        return None
    year = analysis.bare_years[0]
    words = re.findall(r"[^\W\d_]+", analysis.text[: year.start] + " " + analysis.text[year.end :])
    states = COMPLETE | UNDER_WAY | NEGATIONS
    if words and all(w.casefold() in states for w in words):
        return year
    return None


# --- public: numbers, units, periods ----------------------------------------------------------


def parse_number(text: str) -> float | None:
    """The level's number: the first number that is not part of a date or period, or None.

    "9 844" -> 9844.0, "3,4" -> 3.4, "−5" -> -5.0, "0,03 t/opp. (20.9.22)" -> 0.03,
    "v. 2026 3,9" -> 3.9, "lv. 2022-23" -> None, "2-3" -> 2.0 (the range's first number;
    `parse_measure` gives a range the value None).
    """
    try:
        analysis = _analyse(_fold(text))
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
    folded = _fold(text)
    analysis = _analyse(folded)
    if not analysis.numbers:
        return None
    number = analysis.numbers[0]
    if number.unit:
        return number.unit
    before = _UNIT_BEFORE.search(analysis.masked[: number.start])
    if before and before[1].rstrip(".").lower() in _KNOWN_UNITS:
        return _keep_dot(before[1])
    return None


def parse_period(text: str, *, year: int | None = None) -> str | None:
    """The period the text refers to, normalised as the interchange format wants, or None.

    "v. 2026" -> "2026", "(20.9.22)" -> "2022-09-20", "8/2022" -> "2022-08",
    "lv 21-22" -> "2021/2022", "Q1/2026" -> "2026-Q1", "T2/2026" and "tertiaali 2/2026"
    -> "2026-T2", "syyskuu 2023" -> "2023-09", "kevät 2023" and "syksy 22" -> the year
    ("2023", "2022"), "1–6/2026" -> "2026-H1", "1.1.2023-31.3.2023" -> "2023-Q1",
    "vrt. 2024" -> "2024", "68 %(2021)" -> "2021". `year` completes a bare "Q1", "T2",
    "H1" or "30.11.". The first period stated wins; a "vrt." reference year only when
    nothing else is stated. All forms: `seuranta.core.measures_periods`.
    """
    try:
        return first_period(find_periods(_fold(text), year=year))
    except RecursionError:  # pragma: no cover - defensive
        return None


def parse_whole_period(text: str) -> str | None:
    """The normalised period when the whole text is one period that means just that, else None.

    For fields that ask for a period, such as a reporting round's: "Q1/2026" -> "2026-Q1",
    "tertiaali 2/2026" -> "2026-T2", "9/2026" -> "2026-09", "2026" -> "2026". Refused: text
    around the period ("raportti 2026"), no year ("syksy"), no such period ("13/2026"), and
    spans no period string states exactly ("kevät 2026", "2026-2027").
    """
    folded = _fold(text)
    spans = find_periods(folded)
    if len(spans) != 1:
        return None
    span = spans[0]
    if (span.start, span.end) != (0, len(folded)) or span.period is None or span.reference:
        return None
    return span.period if period_bounds(span.period) == (span.first, span.last) else None


def period_text_bounds(text: str) -> tuple[date | None, date | None]:
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
    try:
        return text_bounds(_fold(text))
    except RecursionError:  # pragma: no cover - defensive
        return None, None


# --- public: measures -------------------------------------------------------------------------


def _comparison(text: str) -> str | None:
    has_min, has_max = _MIN.search(text), _MAX.search(text)
    if has_min and has_max:
        return None  # "vähintään 2, enintään 5": a range
    return "min" if has_min else "max" if has_max else None


def _parse_single(folded: str, period: str | None, label: str | None) -> Measure:
    analysis = _analyse(folded)
    text_period = first_period(analysis.spans)
    found = text_period or period
    words = analysis.masked  # the text without its periods
    if not _LETTER.search(folded) and not analysis.numbers:
        return Measure(text=folded, kind=None, period=found, label=label)
    if not analysis.numbers:
        comparison = _comparison(words)
        if comparison:
            return Measure(text=folded, kind=comparison, period=found, label=label)
        if not _LETTER.search(words):  # "vrt. 2024", "v. 2026": a period and no level
            return Measure(text=folded, kind=None, period=found, label=label)
        if text_period and _QUANTITY_NOUN.search(words):  # "Kurssien määrä 8/2022"
            return Measure(text=folded, kind="value", period=found, label=label)
        return Measure(text=folded, kind="state", period=found, label=label)

    year = _state_of_year(analysis)
    if year is not None:  # "Kyllä 2026": the state "Kyllä" for 2026, not the number 2026
        return Measure(text=folded, kind="state", period=text_period or year.period, label=label)
    number = analysis.numbers[0]
    value = number.value
    percent = number.unit == "%" or bool(_PERCENT_WORD.match(words[number.end :].lstrip()))
    if percent and value is not None:
        if number.signed:
            return Measure(text=folded, kind="change_percent", value=value, period=found, label=label)
        if _DOWN.search(words):
            return Measure(text=folded, kind="change_percent", value=-abs(value), period=found, label=label)
        if _UP.search(words):
            return Measure(text=folded, kind="change_percent", value=value, period=found, label=label)
    if _MIN.search(words) and _MAX.search(words):
        return Measure(text=folded, kind="value", value=None, period=found, label=label)
    kind = _comparison(words) or "value"
    return Measure(text=folded, kind=kind, value=value, period=found, label=label)


@dataclass(frozen=True)
class _Segment:
    text: str
    period: str | None
    label: str | None


def _colons(a: _Analysis) -> list[int]:
    """Colons outside periods and times of day ("12:00")."""
    text, out = a.masked, []
    for i, ch in enumerate(text):
        if ch == ":" and not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()):
            out.append(i)
    return out


def _split_labelled(a: _Analysis) -> list[_Segment] | None:
    """ "ala-aste: 17,4 yläaste: 20 yhtenäiskoulu: 17,8 (20.9.2022)" -> three labelled levels."""
    colons = _colons(a)
    if not 2 <= len(colons) <= _MAX_SERIES:
        return None
    bounds = []
    for k, colon in enumerate(colons):
        low = colons[k - 1] + 1 if k else 0
        before = [n for n in a.numbers if low <= n.start and n.unit_end <= colon]
        bounds.append(before[-1].unit_end if before else low)
    parts = []  # (label start, colon, end)
    for k, colon in enumerate(colons):
        end = bounds[k + 1] if k + 1 < len(colons) else len(a.text)
        parts.append((bounds[k], colon, end))
    while parts and not [n for n in a.numbers if parts[0][1] < n.start < parts[0][2]]:
        parts.pop(0)  # a heading such as "Oppilasmäärä:"
    if len(parts) < 2:
        return None
    segments: list[tuple[int, int, str | None]] = []
    for start, colon, end in parts:
        label = a.text[start:colon].strip(" ,;.-–")
        inside = [n for n in a.numbers if colon < n.start < end]
        # A label is words: "v. 2026: 3,9; v. 2028: 4,1" is a series by period, not by label.
        if len(inside) != 1 or not _LETTER.search(a.masked[start:colon]) or len(label.split()) > 5:
            return None
        segments.append((start, end, label))
    return _with_shared_period(a, segments, [n for n in a.numbers if parts[-1][1] < n.start][0].unit_end)


def _with_shared_period(
    a: _Analysis, segments: list[tuple[int, int, str | None]], last_number_end: int
) -> list[_Segment]:
    """Segments with a period written once after the last level applied to all of them."""
    periods = [s for s in a.spans if s.period and not s.reference]
    trailing = [s for s in periods if s.start >= last_number_end]
    own = [s for s in periods if s.start < last_number_end]
    shared = trailing[0].period if trailing and not own else None
    out = []
    for i, (start, end, label) in enumerate(segments):
        if shared and i == len(segments) - 1:
            end = trailing[0].start
        text = a.text[start:end].strip(" ,;")
        if shared and i == len(segments) - 1:
            text = text.rstrip(" ([,;-–")
        out.append(_Segment(text, shared, label))
    return out


def _trim_joiner(text: str) -> str:
    """A segment without the separators around it: " 3,9 ja " -> "3,9", "4,1." -> "4,1"."""
    text = _JOINER_START.sub("", _JOINER_END.sub("", text.strip(" ,;:=-–")))
    if text.endswith(".") and not text.endswith("..") and text[:-1].split()[-1:] != []:
        word = re.split(r"[\s/]", text[:-1])[-1].lower()
        if word not in _DOTTED:
            text = text[:-1]
    return text.rstrip(" ,;")


def _split_by_period(a: _Analysis) -> list[_Segment] | None:
    """ "v. 2026 3,9 ja v. 2028 4,1", "kevät 2022 - 56 syksy 2022 - 49" -> one level per period."""
    periods = [s for s in a.spans if s.period and not s.reference]
    if len(periods) < 2 or len(a.numbers) != len(periods):
        return None
    tokens: list[tuple[int, str, PeriodSpan | _Number]] = sorted(
        [(s.start, "P", s) for s in periods] + [(n.start, "N", n) for n in a.numbers],
        key=lambda t: t[0],
    )
    kinds = "".join(t[1] for t in tokens)
    segments = []
    if kinds == "PN" * len(periods):
        for k in range(len(periods)):
            span = periods[k]
            end = tokens[2 * k + 2][0] if 2 * k + 2 < len(tokens) else len(a.text)
            start = span.start if span.label else span.end
            text = _trim_joiner(a.text[start:end])
            segments.append(_Segment(text, span.period, span.label))
        return segments
    if kinds == "NP" * len(periods):
        start = 0
        for k in range(len(periods)):
            span = periods[k]
            end = span.end
            if end < len(a.text) and a.text[end] == ")":
                end += 1
            text = _trim_joiner(a.text[start:end])
            if text.count("(") > text.count(")"):
                text += ")"
            segments.append(_Segment(text, span.period, None))
            start = end
        return segments
    return None


def _segments(folded: str) -> list[_Segment] | None:
    a = _analyse(folded)
    if not 2 <= len(a.numbers) <= _MAX_SERIES:
        return None
    return _split_labelled(a) or _split_by_period(a)


def parse_measure(text: str, *, period: str | None = None, label: str | None = None) -> Measure:
    """One level as written, as a Measure.

    kind: "value" (a number or range to reach: "8 860 pv", "2-3"), "min" ("vähintään",
    "yli", "min.", "sama tai suurempi kuin lähtötaso", "Vähintään ennallaan"), "max"
    ("enintään", "alle", "maks.", "sama tai pienempi kuin lähtötaso"), "change_percent"
    (a signed percentage or one with a word of growth or decline: "-10 %", "= 2022 taso
    +10 %", "5 % kasvu" -> 5, "vähenevät 10 %" -> -10), "state" (text with no number:
    "Ei", "Kyllä", "On laadittu"), or None (blank, or only a period: "vrt. 2024").
    value: the number; None for states, ranges and comparisons with the baseline.
    "Kurssien määrä 8/2022" names a quantity but not its number: kind "value", value None.
    A text holding several levels ("kevät 2022 - 56 syksy 2022 - 49") is one Measure
    with value None and the levels' common kind and period; `parse_levels` splits it.
    text: the level as written, whitespace folded. period: the period stated in the
    text, else the `period` argument (a default from context). label: the argument.
    """
    folded = _fold(text)
    label = label if isinstance(label, str) else None
    period = period if isinstance(period, str) else None
    try:
        segments = _segments(folded)
        if segments:
            parts = [_parse_single(s.text, s.period or period, s.label) for s in segments]
            kinds = {p.kind for p in parts}
            periods = {p.period for p in parts}
            return Measure(
                text=folded,
                kind=kinds.pop() if len(kinds) == 1 else None,
                value=None,
                period=periods.pop() if len(periods) == 1 else period,
                label=label,
            )
        return _parse_single(folded, period, label)
    except RecursionError:  # pragma: no cover - defensive
        return Measure(text=folded, kind=None, period=period, label=label)


def parse_levels(text: str, *, period: str | None = None) -> list[Measure]:
    """Every level a sentence holds, in order; a blank text gives [].

    Per-period targets: "Tavoitetaso v. 2026 3,9 ja v. 2028 4,1" -> "3,9" @ 2026 and
    "4,1" @ 2028 (text: the level without its period). Seasons label their level:
    "kevät 2023 – 70 syksy 2023 – 60" -> "kevät 2023 – 70" (label "kevät", period
    "2023") and "syksy 2023 – 60" (label "syksy"); a heading such as "Harrasteryhmien
    määrä:" is dropped. Labelled sub-series: "ala-aste: 17,4 yläaste: 20 yhtenäiskoulu:
    17,8 (20.9.2022)" -> "ala-aste: 17,4" (label "ala-aste") ... each with the period
    written once at the end ("2022-09-20"). Anything else is one level:
    [parse_measure(text, period=period)].
    """
    folded = _fold(text)
    if not folded:
        return []
    period = period if isinstance(period, str) else None
    try:
        segments = _segments(folded)
        if segments:
            return [_parse_single(s.text, s.period or period, s.label) for s in segments]
        return [_parse_single(folded, period, None)]
    except RecursionError:  # pragma: no cover - defensive
        return [Measure(text=folded, kind=None, period=period)]


def is_state_text(text: str) -> bool:
    """Whether the text is a qualitative level ("Ei", "Kyllä", "Valmistelussa"), not a number."""
    return parse_measure(text).kind == "state"


def state_is_done(text: str) -> bool | None:
    """Whether a qualitative level says the thing is done.

    True for "Kyllä", "On laadittu", "Valmis", "Sähköistettävät palvelut selvitetty";
    False for "Ei", "Ei ole laadittu"; None for partial or ongoing states ("Osittain
    selvitetty", "Valmistelussa", "Valmistelu käynnissä") and for anything that is not a
    state. Lets an evaluator compare a state actual with a state target.
    """
    folded = _fold(text)
    if not folded or not is_state_text(folded):
        return None
    if _STATE_NO.search(folded):
        return False
    if _STATE_PARTLY.search(folded):
        return None
    if _STATE_YES.search(folded):
        return True
    return None
