"""Levels in the measure language: one Measure per level a text states.

"yli 20" (min), "Enintään 670 opp." (max), "-5 % vuoteen 2028 mennessä" (change_percent),
"Ei ole laadittu" (state); "Tavoitetaso v. 2026 3,9 ja v. 2028 4,1" and
"ala-aste: 17,4 yläaste: 20" are several levels (`parse_levels`). Numbers and units
come from `measures.numbers`, periods from `seuranta.core.periods`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seuranta.core.measures.numbers import DOTTED, Analysis, Number, analyse
from seuranta.core.model import Measure
from seuranta.core.periods.spans import PeriodSpan, first_period, fold

__all__ = ["is_state_text", "parse_levels", "parse_measure", "state_is_done"]

_I = re.IGNORECASE
_MAX_SERIES = 60  # more levels than this in one text is prose, not a series

_MIN = re.compile(
    r"(?<!\w)(?:vähintään|vähintäänkin|yli|min\.|min(?=\s*[-+−]?[0-9])|minimi\w*|ainakin|"
    r"suurempi kuin|korkeampi kuin|enemmän kuin|parempi kuin|minst|åtminstone)(?!\w)|[≥>]",
    _I,
)
_MAX = re.compile(
    r"(?<!\w)(?:enintään|alle|maks\.?|max\.?|maksimi\w*|korkeintaan|pienempi kuin|"
    r"vähemmän kuin|alhaisempi kuin|matalampi kuin|högst|som mest)(?!\w)|[≤<]",
    _I,
)
_UP = re.compile(
    r"(?<!\w)(?:kasv\w*|lisää\w*|lisäys\w*|lisäänty\w*|nous\w*|paran\w*|parannus\w*|"
    r"öka|ökar|ökat|ökning\w*|höja|höjs|förbättr\w*)(?!\w)",
    _I,
)
_DOWN = re.compile(
    r"(?<!\w)(?:vähene\w*|vähenty\w*|vähennys\w*|vähennet\w*|vähentä\w*|laskee|laskevat|laskeva|"
    r"lasku\w*|pienene\w*|pienenty\w*|alene\w*|alenty\w*|supistu\w*|heikken\w*|"
    r"minska|minskar|minskat|minskning\w*|sänka|sänks|halvera\w*)(?!\w)",
    _I,
)
_PERCENT_WORD = re.compile(r"prosent\w*|procent\w*", _I)
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


# --- public: measures -------------------------------------------------------------------------


def _comparison(text: str) -> str | None:
    has_min, has_max = _MIN.search(text), _MAX.search(text)
    if has_min and has_max:
        return None  # "vähintään 2, enintään 5": a range
    return "min" if has_min else "max" if has_max else None


def _state_of_year(analysis: Analysis) -> PeriodSpan | None:
    """The year of a state written with a bare year ("Kyllä 2026", "Valmis 2027"): every word is a word
    of a state scale (yes, no, under way, done), the one number is that year."""
    from seuranta.core.evaluation.states import COMPLETE, NEGATIONS, UNDER_WAY

    if len(analysis.bare_years) != 1 or len(analysis.numbers) != 1:
        return None
    year = analysis.bare_years[0]
    words = re.findall(r"[^\W\d_]+", analysis.text[: year.start] + " " + analysis.text[year.end :])
    states = COMPLETE | UNDER_WAY | NEGATIONS
    if words and all(w.casefold() in states for w in words):
        return year
    return None


def _parse_single(folded: str, period: str | None, label: str | None) -> Measure:
    analysis = analyse(folded)
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


def _colons(a: Analysis) -> list[int]:
    """Colons outside periods and times of day ("12:00")."""
    text, out = a.masked, []
    for i, ch in enumerate(text):
        if ch == ":" and not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()):
            out.append(i)
    return out


def _split_labelled(a: Analysis) -> list[_Segment] | None:
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
    a: Analysis, segments: list[tuple[int, int, str | None]], last_number_end: int
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
        if word not in DOTTED:
            text = text[:-1]
    return text.rstrip(" ,;")


def _split_by_period(a: Analysis) -> list[_Segment] | None:
    """ "v. 2026 3,9 ja v. 2028 4,1", "kevät 2022 - 56 syksy 2022 - 49" -> one level per period."""
    periods = [s for s in a.spans if s.period and not s.reference]
    if len(periods) < 2 or len(a.numbers) != len(periods):
        return None
    tokens: list[tuple[int, str, PeriodSpan | Number]] = sorted(
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
    a = analyse(folded)
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
    folded = fold(text)
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
    folded = fold(text)
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
    folded = fold(text)
    if not folded or not is_state_text(folded):
        return None
    if _STATE_NO.search(folded):
        return False
    if _STATE_PARTLY.search(folded):
        return None
    if _STATE_YES.search(folded):
        return True
    return None
