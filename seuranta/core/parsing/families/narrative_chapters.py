"""Narrative documents' level names and heading patterns, their chapters and unit headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.model import Node, Section
from seuranta.core.parsing import layouts
from seuranta.core.parsing.document import ImportWarning
from seuranta.core.parsing.families.narrative_lines import (
    Item,
    Line,
    build_items,
    fold,
    is_upper_heading,
    is_url,
    numbered,
)
from seuranta.core.parsing.families.narrative_units import REVIEW, STRATEGIC_LINK, heading_kind

# The layout's level names and words are data: layouts/narrative.json.
_LAYOUT = layouts.load("narrative")
_LEVEL_NAMES = _LAYOUT.maps["level_names"]
UNIT_LEVEL = _LEVEL_NAMES["unit"]
GOAL_LEVEL = _LEVEL_NAMES["goal"]
ACTION_LEVEL = _LEVEL_NAMES["action"]
DEFAULT_STRATEGIC_LEVEL = _LEVEL_NAMES["strategic"]
DEFAULT_PROGRAMME_LEVEL = _LEVEL_NAMES["programme"]

_I = re.IGNORECASE
# "STRATEGISET PÄÄMÄÄRÄT", also in a compound: "KAUPUNKISTRATEGIAN PAINOPISTEET"
STRATEGIC_CHAPTER = re.compile(r"strategi\w*\s+(?:päämäär\w*|tavoitt\w*|painopist\w*)", _I)
# the chapter naming the service units: "PALVELUALUEET", "TEHTÄVÄALUEIDEN PALVELUT"
UNIT_CHAPTER_WORD = re.compile(r"\b([^\W\d_]+alue)(?:et|iden|itten|ittain)\b", _I)
GOALS_CHAPTER = re.compile(r"\btavoitt\w*", _I)
TABLE_HEADER = re.compile(r"^tavoit\w*\s+toimenpi\w*\s+(?:mittari\w*|arviointi\w*)$", _I)
TABLE_HEADER_WORD = re.compile(
    rf"^(?:{layouts.alternatives(w for column in _LAYOUT.columns.values() for w in column.words)})$", _I
)
NUMERAL_TRANSLATIVE = re.compile(
    r"\b(?:kahdeksi|kolmeksi|neljäksi|viideksi|kuudeksi|seitsemäksi|kahdeksaksi|yhdeksäksi|"
    r"kymmeneksi|\d+)\s+([^\W\d_]+ksi)\b",
    _I,
)
GENERIC_GENITIVES = _LAYOUT.words("generic_genitives")
ORGANIZATION = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+n)\s+(kaupungin|kunnan)\b")
PLAN_NAME = re.compile(r"\b([^\W\d_]+n)\s+(palvelu|toiminta|käyttö)suunnitelm\w*", _I)
DETECT_KINDS = {  # a short heading line, alone or ending with a colon
    "status": re.compile(r"^\W*nykytila\w*(?:\s+[^\W\d_]+){0,3}\s*[:;]?\s*$", _I),
    "challenges": re.compile(r"^\W*haasteet(?:\s+[^\W\d_]+){0,3}\s*[:;]?\s*$", _I),
    "development": re.compile(r"^\W*kehittämis(?:näkökulm|kohte|toimenpite)\w*\s*[:;]?\s*$", _I),
    "indicators": re.compile(r"^\W*mittare(?:ita|t)\s*[:;]?\s*$", _I),
}
DETECT_REVIEW = re.compile(r"\btilanne(?:katsaus|päivitys)\b", _I)


@dataclass
class Chapter:
    title: str
    number: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class State:
    text: str
    unit: str | None
    warnings: list[ImportWarning] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    strategic: list[Node] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)

    def use_level(self, level: str) -> None:
        if level not in self.levels:
            self.levels.append(level)


def chapters_of(lines: list[Line]) -> tuple[list[Line], list[Chapter]]:
    """Lines before the first chapter, and the chapters with their lines."""
    lead: list[Line] = []
    chapters: list[Chapter] = []
    for ln in lines:
        number = None if ln.is_bullet else numbered(ln.text)
        if number and len(number[0]) == 1 and is_upper_heading(number[1]):
            chapters.append(Chapter(number[1], number[0][0]))
            continue
        if (
            chapters
            and not chapters[-1].lines
            and not ln.is_bullet
            and _is_upper_fragment(ln.text)
            and not numbered(ln.text)
        ):
            chapters[-1].title = f"{chapters[-1].title} {ln.text}"  # a wrapped heading ("MM.")
            continue
        (chapters[-1].lines if chapters else lead).append(ln)
    return lead, chapters


def _is_upper_fragment(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) <= 20 and all(c.isupper() for c in letters)


def _is_link(ln: Line) -> bool:
    return bool(STRATEGIC_LINK.match(ln.text))


def unit_headings(lines: list[Line]) -> set[int]:
    """Positions of the service units' headings.

    A numbered heading whose text has narrative headings is one ("5.1.1. Tietohallintopalvelut").
    So is an unnumbered short line just before a narrative heading that starts a new unit:
    the first one in the chapter, or one whose kind (Nykytila, Haasteet ...) the current unit
    already had.
    """
    out: set[int] = set()
    heads = [i for i, ln in enumerate(lines) if not ln.is_bullet and numbered(ln.text)]
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        if any(heading_kind(ln.text) not in (None, REVIEW) or _is_link(ln) for ln in lines[i + 1 : end]):
            out.add(i)
    seen: set[str] = set()
    current = -1
    for p, ln in enumerate(lines):
        if p in out:
            seen, current = set(), p
            continue
        kind = heading_kind(ln.text)
        if kind is None or kind == REVIEW:
            continue
        if current < 0 or kind in seen:
            q = p - 1
            while q > current and _is_link(lines[q]):
                q -= 1
            candidate = lines[q] if q > current else None
            if (
                candidate is not None
                and not candidate.is_bullet
                and len(candidate.text) <= 90
                and not ends_with_stop(candidate.text)
                and heading_kind(candidate.text) is None
                and not is_url(candidate.text)
            ):
                out.add(q)
                seen, current = set(), q
        seen.add(kind)
    return out


def _singular(phrase: str) -> str:
    """ "STRATEGISET PÄÄMÄÄRÄT" -> "Strateginen päämäärä"."""
    words = []
    for word in phrase.lower().split():
        for end, rep in (("set", "nen"), ("tteet", "te"), ("eet", "e"), ("t", "")):
            if word.endswith(end) and len(word) > len(end) + 2:
                word = word[: -len(end)] + rep
                break
        words.append(word)
    return " ".join(words).capitalize()


def strategic_level(title: str, text: str) -> str:
    m = re.search(r"^\W*(strateginen\s+\w+)\s*[:;]?", text, re.IGNORECASE | re.MULTILINE)
    if m:
        return fold(m[1]).capitalize()
    bare = STRATEGIC_CHAPTER.search(title)
    if not bare:
        return DEFAULT_STRATEGIC_LEVEL
    first, _, rest = bare[0].partition(" ")
    if first.lower().endswith("n") and rest:
        return _singular(rest)  # "KAUPUNKISTRATEGIAN PAINOPISTEET" -> "Painopiste"
    return _singular(bare[0])


def unit_level_name(title: str) -> str:
    """The service units' level as the chapter names them ("PALVELUALUEET" -> "Palvelualue")."""
    m = UNIT_CHAPTER_WORD.search(title)
    return m[1].capitalize() if m else UNIT_LEVEL


def _is_fragment(item: Item) -> bool:
    """A short bullet-less line that is not a sentence: a list entry whose glyph was lost."""
    return not item.bullet and not item.children and len(item.text) <= 60 and not ends_with_stop(item.text)


def section_text(lines: list[Line]) -> str:
    """Prose as paragraphs, bullets as "- " lines; glyph-less list entries are kept as entries:
    under the bullet they follow, or as a list of their own when several stand together."""
    items = build_items(lines, wrap="line")
    out: list[str] = []

    def render(item: Item, depth: int) -> None:
        out.append("  " * depth + "- " + item.text)
        for child in item.children:
            render(child, depth + 1)

    k = 0
    while k < len(items):
        item = items[k]
        if item.bullet:
            render(item, 0)
            while k + 1 < len(items) and _is_fragment(items[k + 1]):
                k += 1
                out.append("  - " + items[k].text)
        elif _is_fragment(item) and k + 1 < len(items) and _is_fragment(items[k + 1]):
            while k < len(items) and _is_fragment(items[k]):
                out.append("- " + items[k].text)
                k += 1
            continue
        else:
            out.append(item.text)
        k += 1
    return "\n".join(out)


def ends_with_stop(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";"))
