"""Line-level helpers shared by the goal-table and brochure families.

PDF text extraction prints a table or a multi-column page cell by cell, one
extracted line per printed line. These helpers rebuild the cells from such
lines using only what the text shows: trailing spaces left at soft wraps, a
leading space on a wrapped continuation, hyphens at line ends, and whether the
next line's first word would have fitted on the line before (if it would have,
the line did not wrap there, so a new cell or paragraph begins).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from seuranta.core.parsing.text import fold_whitespace, title_key, title_similarity
from seuranta.core.parsing.text import join_lines as _join_lines

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")


@dataclass
class Line:
    """One extracted line: its raw text and how many blank lines came before it."""

    raw: str
    index: int
    blank_before: int = 0

    @property
    def text(self) -> str:
        return fold(self.raw)

    @property
    def soft_wrap(self) -> bool:
        """The extraction left a trailing space: the printed line wrapped here."""
        return self.raw != self.raw.rstrip()

    @property
    def indented(self) -> bool:
        return self.raw[:1].isspace()


@dataclass
class Block:
    """Consecutive lines read as one cell or paragraph."""

    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines([line.raw for line in self.lines])

    @property
    def width(self) -> int:
        return max((len(line.text) for line in self.lines), default=0)

    @property
    def first(self) -> int:
        return self.lines[0].index if self.lines else -1


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Whitespace folded to single spaces, soft hyphens removed, NFC (memoised: cells are folded often)."""
    return fold_whitespace(unicodedata.normalize("NFC", text))


def join_lines(lines: Iterable[str], prefixes: Collection[str] = ()) -> str:
    """Join wrapped lines into one text, undoing hyphenation at line ends (see parsing.text)."""
    merged: list[str] = []
    for line in (fold(raw) for raw in lines):
        if merged and merged[-1].endswith("/") and line:
            merged[-1] += line  # "työntekijöiden/" + "viranhaltijoiden"
        elif line:
            merged.append(line)
    return _join_lines(merged, prefixes)


def read_lines(text: str) -> list[Line]:
    """Non-blank lines with the number of blank lines before each."""
    out: list[Line] = []
    blanks = 0
    for index, raw in enumerate(text.splitlines()):
        if not fold(raw):
            blanks += 1
            continue
        out.append(Line(raw.rstrip("\r\n"), index, blanks))
        blanks = 0
    return out


_COMPARATORS = {"yli", "alle", "vähintään", "enintään", "maks.", "maks", "min.", "noin", "n."}


def first_word(text: str) -> str:
    """The first word of a line; a number keeps its unit and a comparator its number
    ("2 kertaa", "yli 60"), since layout does not break between them."""
    words = fold(text).split(" ")
    if not words:
        return ""
    if len(words) > 1 and (words[0].lower() in _COMPARATORS or re.fullmatch(r"[-+]?\d[\d,.]*", words[0])):
        return " ".join(words[:2])
    return words[0]


def would_fit(line: str, following: str, width: int, slack: float = 1.0) -> bool:
    """True when `following`'s first word would have fitted on `line` in a column of `width`."""
    return len(fold(line)) + 1 + len(first_word(following)) <= width * slack


def starts_with_bullet(text: str, glyphs: str = "•●▪■◦‣∙→➔►▶") -> bool:
    text = fold(text)
    return bool(text) and text[0] in glyphs


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """title_similarity; a pair that cannot reach `floor` may get a quick upper bound below it."""
    return title_similarity(a, b, floor)


def normalise(text: str) -> str:
    return title_key(text)


def best_match(text: str, candidates: Sequence[str], threshold: float = 0.85) -> int | None:
    """Index of the candidate most similar to `text`, when similar enough."""
    best, best_score = None, threshold
    for i, candidate in enumerate(candidates):
        score = similarity(text, candidate, best_score)  # only a better score matters
        if score >= best_score:
            best, best_score = i, score
    return best


# Words too common to tell two cells' topics apart.
_STOPWORDS = {
    "sekä",
    "että",
    "joka",
    "jotka",
    "jossa",
    "joissa",
    "myös",
    "kaikki",
    "kaikkien",
    "kanssa",
    "avulla",
    "osalta",
    "mukaan",
    "mukaisesti",
    "vuosi",
    "vuodessa",
    "vuosittain",
    "määrä",
    "määrän",
    "lukumäärä",
    "lähtötaso",
    "tavoitetaso",
    "koko",
    "erilaisia",
    "tukea",
    "uusia",
    "jokaisen",
    "olevat",
    "olevia",
    "toiminnan",
    "kaupungin",
    "kaupunki",
}


def topic_words(text: str, size: int = 5) -> set[str]:
    """Word prefixes that stand for a text's topic (inflection-tolerant)."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if len(word) < size or word in _STOPWORDS:
            continue
        out.add(word[:size])
    return out


def overlap(a: str, b: str) -> int:
    return len(topic_words(a) & topic_words(b))


_ORGANIZATION = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+)(n)\s+(kaupungi\w*|kunna\w*)\b", re.IGNORECASE)


def organization_of(text: str) -> str | None:
    """The municipality the text names most often ("Porin kaupungin" -> "Porin kaupunki")."""
    counts: dict[str, int] = {}
    for m in _ORGANIZATION.finditer(text):
        name = m.group(1).capitalize() + "n"
        body = "kaupunki" if m.group(3).lower().startswith("kaupun") else "kunta"
        key = f"{name} {body}"
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
