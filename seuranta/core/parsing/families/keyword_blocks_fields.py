"""Node fields of keyword-block documents besides the tree and the indicators.

Milestones with their due time ("Osatavoite 1: ... kevään 2026 aikana" -> "kevät 2026"),
progress statement periods ("Selvitys ... (Q1):" -> "2023-Q1"), the year a report
or plan is about, responsible units named in an action's text ("liikuntayksikön
johdolla" -> "liikuntayksikkö"), footnotes, and actual levels a progress
statement reports for an indicator.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from seuranta.core.measures import parse_number, parse_period, parse_unit
from seuranta.core.model import Indicator, Measure
from seuranta.core.parsing.text import fold_whitespace, split_sentences, title_similarity

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
    r"\b(\d{1,2}/\d{4})\b"
)
_ORDINALS = {"ensimmäi": 1, "toise": 2, "toinen": 2, "kolmanne": 3, "kolmas": 3, "neljänne": 4, "neljäs": 4}
_PART_RE = re.compile(r"\b([QT])\s?([1-4])\b|\b([1-4])\.\s*(neljännes|kolmannes|tertiaali)", re.IGNORECASE)
_LEADER_RE = re.compile(r"\b(\w+)\s+(?:johdolla|vastuulla|koordinoimana|koordinoimalla)\b")
# Genitive endings back to the nominative, longest first ("liikuntayksikön" -> "liikuntayksikkö").
_GENITIVE = (
    ("yksikön", "yksikkö"), ("ikön", "ikkö"), ("kön", "kkö"), ("kunnan", "kunta"), ("nnan", "nta"),
    ("ksen", "s"), ("jen", "t"), ("tien", "tiet"), ("iden", "it"), ("in", "i"), ("än", "ä"), ("an", "a"),
    ("en", "e"), ("on", "o"), ("un", "u"), ("yn", "y"), ("ön", "ö"),
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
    """"*Hyvinvointialueen työntekijöitä **Liikunta- ..." -> one note per marker."""
    parts = re.split(r"\s+(?=\*+[^\s*])", fold_whitespace(line))
    return [p for p in parts if p]


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)]


def _stem_match(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= _STEM_MIN and n >= 0.7 * min(len(a), len(b))


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
    """"alakoulun konsultoiva erityisopettaja (20 vvt), yläkoulun ... (10 vvt) ja ..." as labelled levels."""
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


def actuals_from_progress(indicators: list[Indicator], text: str, period: str | None) -> list[tuple[int, Measure]]:
    """Actual levels a progress statement reports, as (indicator index, Measure).

    Three forms, each tied to one indicator of the same action:
    a sentence repeating a state indicator's own wording ("... suunnitelma on valmis."),
    a number followed by the noun the indicator counts ("55 erillistä harrasteryhmää"),
    and an enumeration of labelled numbers in a sentence about the indicator
    ("alakoulun konsultoiva erityisopettaja (20 vvt), ...").
    """
    out: list[tuple[int, Measure]] = []
    for sentence in split_sentences(text):
        words = _words(sentence)
        best: tuple[float, int, list[Measure]] | None = None
        for index, indicator in enumerate(indicators):
            kinds = {m.kind for m in ([indicator.baseline] if indicator.baseline else []) + indicator.targets}
            candidates: list[Measure] = []
            score = 0.0
            if "state" in kinds and title_similarity(sentence, indicator.name, 0.9) >= 0.9:
                candidates = [Measure(text=sentence, kind="state", period=period)]
                score = 3.0
            else:
                enumerated = _enumerated(sentence, period)
                if enumerated and _shared_stems(_words(indicator.name), words) >= 2:
                    candidates, score = enumerated, 2.0
                else:
                    nouns = _counted_nouns(indicator)
                    for m in re.finditer(r"(?<![\d.,/-])(\d+(?:,\d+)?)\s+((?:[^\W\d_]+\s+){0,1}[^\W\d_]+)", sentence):
                        after = _words(m.group(2))
                        if after and any(_stem_match(after[-1], n) for n in nouns):
                            value = parse_number(m.group(1))
                            candidates = [Measure(text=sentence, kind="value", value=value, period=period)]
                            score = 1.0
                            break
            if candidates and (best is None or score > best[0]):
                best = (score, index, candidates)
        if best:
            out.extend((best[1], m) for m in best[2])
    return out
