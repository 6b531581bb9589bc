"""Node fields of keyword-block documents besides the tree and the indicators.

Milestones with their due time ("Osatavoite 1: ... kevään 2026 aikana" -> "kevät 2026"),
progress statement periods ("Selvitys ... (Q1):" -> "2023-Q1"), the year a report
or plan is about, responsible units named in an action's text ("liikuntayksikön
johdolla" -> "liikuntayksikkö"), footnotes, and actual levels a progress
statement reports for an indicator.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable

from seuranta.core.measures import parse_number, parse_unit
from seuranta.core.model import Indicator, Measure
from seuranta.core.parsing.text import fold_whitespace, split_sentences, title_similarity
from seuranta.core.periods import MONTH_STEMS, parse_period

_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_SEASONS = {"kevä": "kevät", "kesä": "kesä", "syks": "syksy", "talve": "talvi", "talv": "talvi"}
_SEASON_RE = re.compile(r"\b(kevä\w*|kesä\w*|syks\w*|talv\w*)\s+(\d{4})\b", re.IGNORECASE)
_TRAILING_PAREN_RE = re.compile(r"\(([^()]*)\)\.?\s*$")
_TIME_WORDS_RE = re.compile(
    r"\d|vuosittain|kuukausittain|kolmannes|neljännes|viikoittain|jatkuva|kevä|syks|kesä|talv|"
    r"tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu|mennessä|aikana",
    re.IGNORECASE,
)
_DATE_DUE_RE = re.compile(
    r"(?:\b(?:viimeistään|mennessä)\s+)?(\d{1,2}\.\d{1,2}\.\d{2,4})(?:\s+mennessä)?|"
    r"\b(?:vuoden|vuoteen)\s+(\d{4})\s+(?:loppuun\s+)?mennessä|\b(\d{1,2}[–-]\d{1,2}/\d{4})\b|"
    r"\b(\d{1,2}/\d{4})\b|"
    r"\b((?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuun\s+\d{4}\s+"
    r"(?:loppuun\s+)?mennessä)"
)
_ORDINALS = {"ensimmäi": 1, "toise": 2, "toinen": 2, "kolmanne": 3, "kolmas": 3, "neljänne": 4, "neljäs": 4}
_PART_RE = re.compile(r"\b([QT])\s?([1-4])\b|\b([1-4])\.\s*(neljännes|kolmannes|tertiaali)", re.IGNORECASE)
_MONTH_RE = re.compile(r"\b(" + "|".join(MONTH_STEMS) + r")ku(?:u|un|ussa|ulta|ulle|uun)\b", re.IGNORECASE)
_LEADER_RE = re.compile(r"\b(\w+)\s+(?:johdolla|vastuulla|koordinoimana|koordinoimalla)\b")
# Genitive endings back to the nominative, longest first ("liikuntayksikön" -> "liikuntayksikkö").
_GENITIVE = (
    ("yksikön", "yksikkö"),
    ("ikön", "ikkö"),
    ("kön", "kkö"),
    ("kunnan", "kunta"),
    ("nnan", "nta"),
    ("ksen", "s"),
    ("jen", "t"),
    ("tien", "tiet"),
    ("iden", "it"),
    ("in", "i"),
    ("än", "ä"),
    ("an", "a"),
    ("en", "e"),
    ("on", "o"),
    ("un", "u"),
    ("yn", "y"),
    ("ön", "ö"),
)
_STEM_MIN = 7


def years_in(texts: Iterable[str]) -> list[int]:
    return [int(y) for text in texts for y in _YEAR_RE.findall(text)]


def common_year(texts: Iterable[str]) -> int | None:
    """The year the texts name most often; ties go to the earliest."""
    counts = Counter(years_in(texts))
    if not counts:
        return None
    best = max(counts.values())
    return min(y for y, c in counts.items() if c == best)


def single_year(texts: Iterable[str]) -> str | None:
    """The one year the texts name, or None when they name none or several."""
    found = set(years_in(texts))
    return str(found.pop()) if len(found) == 1 else None


def milestone_due(text: str) -> str | None:
    """The due time of a milestone as written: "(1–6/2026)", "kevään 2026 aikana" -> "kevät 2026"."""
    paren = _TRAILING_PAREN_RE.search(text)
    if paren and _TIME_WORDS_RE.search(paren.group(1)):
        return fold_whitespace(paren.group(1))
    season = _SEASON_RE.search(text)
    if season:
        word = season.group(1).lower()
        for prefix, nominative in _SEASONS.items():
            if word.startswith(prefix):
                return f"{nominative} {season.group(2)}"
    date = _DATE_DUE_RE.search(text)
    if date:
        return next(g for g in date.groups() if g)
    return None


def progress_period(header: str, year: int | None) -> str | None:
    """The period of a progress statement from its heading ("... neljänneksellä (Q1):")."""
    own_year = _YEAR_RE.search(header)
    use_year = int(own_year.group(1)) if own_year else year
    part = _PART_RE.search(header)
    if part and use_year:
        if part.group(1):
            return f"{use_year}-{part.group(1).upper()}{part.group(2)}"
        letter = "Q" if part.group(4).lower().startswith("neljän") else "T"
        return f"{use_year}-{letter}{part.group(3)}"
    low = header.lower()
    for stem, number in _ORDINALS.items():
        if re.search(rf"\b{stem}\w*\s+(neljännek|kolmannek|tertiaal)", low) and use_year:
            letter = "Q" if "neljännek" in low else "T"
            return f"{use_year}-{letter}{number}"
    month = _MONTH_RE.search(header)
    if month and use_year and not parse_period(header):
        return f"{use_year}-{MONTH_STEMS.index(month.group(1).lower()) + 1:02d}"  # "Syyskuun tilannekatsaus"
    return parse_period(header, year=use_year) or (str(use_year) if use_year else None)


def _nominative(word: str) -> str:
    for ending, replacement in _GENITIVE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + replacement
    return word


def leaders(title: str) -> list[str]:
    """Units an action's own text names as leading it: "... liikuntayksikön johdolla"."""
    return [_nominative(m.group(1).lower()) for m in _LEADER_RE.finditer(title) if m.group(1).endswith("n")]


def split_footnotes(line: str) -> list[str]:
    """ "*Hyvinvointialueen työntekijöitä **Liikunta- ..." -> one note per marker."""
    parts = re.split(r"\s+(?=\*+[^\s*])", fold_whitespace(line))
    return [p for p in parts if p]


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)]


def _shared_start(a: str, b: str, least: int) -> bool:
    """The words begin alike: at least `least` letters and 70 % of the shorter one."""
    n = len(os.path.commonprefix([a, b]))
    return n >= least and n >= 0.7 * min(len(a), len(b))


def _stem_match(a: str, b: str) -> bool:
    return _shared_start(a, b, _STEM_MIN)


def _shared_stems(a: Iterable[str], b: Iterable[str]) -> int:
    bs = list(b)
    return sum(1 for x in set(a) if any(_stem_match(x, y) for y in bs))


def _counted_nouns(indicator: Indicator) -> list[str]:
    texts = [indicator.baseline.text] if indicator.baseline else []
    texts += [m.text for m in indicator.targets]
    words = [w for t in texts for w in _words(t) if len(w) >= _STEM_MIN]
    if indicator.unit and len(indicator.unit) >= _STEM_MIN:
        words.append(indicator.unit.lower())
    return words


def _enumerated(sentence: str, period: str | None) -> list[Measure]:
    """ "alakoulun konsultoiva erityisopettaja (20 vvt), yläkoulun ... (10 vvt) ja ..." as labelled levels."""
    items = [s.strip() for s in re.split(r"(?<=\)),\s+|(?<=\))\s+ja\s+", sentence.rstrip(". ")) if s.strip()]
    found: list[tuple[list[str], str, float]] = []
    for item in items:
        m = re.search(r"^(.*?)\s*\(([^()]*)\)$", item)
        if not m:
            return []
        value = parse_number(m.group(2))
        if value is None or not parse_unit(m.group(2)):
            return []
        found.append((m.group(1).split(), m.group(2), value))
    if len(found) < 2:
        return []
    sizes = Counter(len(words) for words, _, _ in found[1:])
    size = sizes.most_common(1)[0][0]
    out = []
    for position, (words, paren, value) in enumerate(found):
        # Only the first item carries the sentence's opening words ("Kevätlukukaudella 2023 työskentelee").
        label = " ".join(words[-size:] if position == 0 else words)
        out.append(Measure(text=f"{label} ({paren})", kind="value", value=value, period=period, label=label))
    return out


# Unit abbreviations and the words a progress text writes them with ("1 870 henkilöä" for "hlöä").
_UNIT_WORDS = {
    "hlö": ("henkilö",),
    "h": ("tunti", "tuntia"),
    "pv": ("päivä",),
    "kpl": ("kappale",),
    "€": ("euro",),
    "e": ("euro",),
    "t": ("tonni",),
    "kk": ("kuukau",),
    "vrk": ("vuorokau",),
}
_COUNT_RE = re.compile(
    r"(?<![\d.,/\-–])(\d{1,3}(?: \d{3})+|\d+)(,\d+)?(?![\d.,]\d)\s*"
    r"(%|€|(?:[^\W\d_]+\.?\s+){0,1}[^\W\d_]+\.?)"
)


def _unit_key(unit: str) -> str:
    key = unit.lower().rstrip(".")
    return key[:-1] if len(key) > 2 and key.endswith(("ä", "a")) and key[:-1] in _UNIT_WORDS else key


def _word_match(word: str, noun: str) -> bool:
    """ "koulussa" / "koulua", "ryhmää" / "ryhmää": the same noun in another case."""
    return _shared_start(word, noun, 5)


def _names_noun(word: str, name_word: str) -> bool:
    """A word of the name, or the last part of a compound of the name, in another case."""
    if len(word) < 5:
        return False
    if _word_match(word, name_word):
        return True
    at = name_word.find(word[:5], 3)
    return at > 0 and _word_match(word, name_word[at:])


def _counts_match(indicator: Indicator, after: str) -> int:
    """How the words after a number fit what the indicator counts: 2 its noun, 1 its unit, 0 not."""
    words = [w.lower() for w in after.split()]
    last = words[-1].rstrip(".") if words else ""
    nouns = _counted_nouns(indicator)
    if last and any(_stem_match(last, n) for n in nouns):
        return 2
    if last and any(_names_noun(last, n) for n in _words(indicator.name)):
        return 2  # "57 kohteessa" for "Vieraslajikohteet, joilla ..."
    unit = (indicator.unit or "").lower()
    if not unit or not words:
        return 0
    if len(unit.rstrip(".")) >= 5 and any(_word_match(w.rstrip("."), unit.rstrip(".")) for w in words[-1:]):
        return 2  # a counted noun as the unit: "ryhmää", "koulua", "kävijää"
    first = words[0]
    if first == unit or first.rstrip(".") == unit.rstrip("."):
        return 1
    return int(any(first.startswith(w) for w in _UNIT_WORDS.get(_unit_key(unit), ())))


def _counted_actuals(
    indicators: list[Indicator], sentence: str, period: str | None
) -> list[tuple[int, Measure]]:
    """Numbers followed by what an indicator counts: its noun ("55 erillistä harrasteryhmää"),
    or its unit ("466 h viikossa", "41 %") in a sentence that shares a word with its name."""
    words = _words(sentence)
    out: list[tuple[int, Measure]] = []
    used: set[int] = set()
    for m in _COUNT_RE.finditer(sentence):
        if not m.group(2) and re.fullmatch(r"(?:19|20)\d\d", m.group(1)):
            continue  # a year
        best: tuple[int, int, int] | None = None  # (fit, shared words, -index)
        for index, indicator in enumerate(indicators):
            if index in used:
                continue
            fit = _counts_match(indicator, m.group(3))
            if not fit:
                continue
            shared = _shared_stems(_words(indicator.name), words)
            if fit == 1 and not shared:
                continue  # a bare unit says little without the indicator's own words
            key = (fit, shared, -index)
            if best is None or key > best:
                best = key
        if best is None:
            continue
        index = -best[2]
        used.add(index)
        value = parse_number(m.group(1) + (m.group(2) or ""))
        out.append((index, Measure(text=sentence, kind="value", value=value, period=period)))
    return out


def actuals_from_progress(
    indicators: list[Indicator], text: str, period: str | None
) -> list[tuple[int, Measure]]:
    """Actual levels a progress statement reports, as (indicator index, Measure).

    Three forms, each tied to one indicator of the same action:
    a sentence repeating a state indicator's own wording ("... suunnitelma on valmis."),
    an enumeration of labelled numbers in a sentence about the indicator
    ("alakoulun konsultoiva erityisopettaja (20 vvt), ..."), and numbers followed by
    what an indicator counts (see _counted_actuals; one number per indicator and sentence).
    """
    out: list[tuple[int, Measure]] = []
    for sentence in split_sentences(text):
        words = _words(sentence)
        best: tuple[float, int, list[Measure]] | None = None
        enumerated: list[Measure] | None = None  # the sentence's, read once for all its indicators
        for index, indicator in enumerate(indicators):
            kinds = {m.kind for m in ([indicator.baseline] if indicator.baseline else []) + indicator.targets}
            candidates: list[Measure] = []
            score = 0.0
            if "state" in kinds and title_similarity(sentence, indicator.name, 0.9) >= 0.9:
                candidates = [Measure(text=sentence, kind="state", period=period)]
                score = 3.0
            else:
                if enumerated is None:
                    enumerated = _enumerated(sentence, period)
                if enumerated and _shared_stems(_words(indicator.name), words) >= 2:
                    candidates, score = enumerated, 2.0
            if candidates and (best is None or score > best[0]):
                best = (score, index, candidates)
        if best:
            out.extend((best[1], m) for m in best[2])
        else:
            out.extend(_counted_actuals(indicators, sentence, period))
    return out
