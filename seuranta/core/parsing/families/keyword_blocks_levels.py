"""Keyword-block MITTARI regions' pieces: names, level items, and baseline/target pairs split from text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from seuranta.core.measures import parse_unit
from seuranta.core.parsing import layouts
from seuranta.core.parsing.text import fold_whitespace, join_lines, strip_bullet

# The layout's words are data: layouts/keyword_blocks.json.
_LAYOUT = layouts.load("keyword_blocks")
_BASELINE = _LAYOUT.pattern("baseline")
_TARGET = _LAYOUT.pattern("target")
HEADER_RE = re.compile(
    rf"(?:{_BASELINE})(?:\s*\(?(?:v\.\s*)?(\d{{4}})\)?)?[\s|;]+"
    rf"(?:{layouts.alternatives((*_LAYOUT.columns['target'].words, *_LAYOUT.lists['target_in_header_row']))})"
    r"(?:\s*\(?(?:v\.\s*)?(\d{4})\)?)?(?![\wäöå])",
    re.IGNORECASE,
)
HEADER_FIRST_RE = re.compile(rf"^\s*(?:{_BASELINE})\s*$", re.IGNORECASE)
HEADER_SECOND_RE = re.compile(rf"^\s*(?:{_TARGET})(?:\s+(\d{{4}}))?\s*$", re.IGNORECASE)

# Words that begin a level even in lower case: "ei kyllä", "sama tai suurempi kuin lähtötaso".
_LEVEL_WORDS = _LAYOUT.words("level_value_starts")
_STATE_WORDS = _LAYOUT.words("state_words")
_NO_END_WORDS = frozenset(
    {
        "alle",
        "yli",
        "enintään",
        "vähintään",
        "sama",
        "tai",
        "ja",
        "kuin",
        "noin",
        "n.",
        "-",
        "–",
        "—",
        "=",
        "/",
        "+",
        "sekä",
    }
)
# A full stop after these does not end a level: "vrt. 2024", "n. 50", "670 opp.".
_ABBREVIATIONS = frozenset(
    {
        "vrt",
        "esim",
        "n",
        "v",
        "ns",
        "mm",
        "yms",
        "jne",
        "tms",
        "ym",
        "opp",
        "lv",
        "klo",
        "ka",
        "krt",
        "kpl",
        "t",
        "noin",
        "max",
        "min",
        "maks",
        "milj",
        "mrd",
        "hlö",
        "as",
        "vrk",
        "vko",
    }
)
_NUMBER_RE = re.compile(r"(?<![\w,.])\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d])|(?<![\w,.])\d+(?:[,.]\d+)?")
_PAREN_LINE_RE = re.compile(r"^\(.*\)\.?$")


@dataclass
class RawIndicator:
    name: str
    source: str | None = None
    baseline: str | None = None
    target: str | None = None
    baseline_year: str | None = None  # printed in the column header: "Lähtötaso 2024"
    target_year: str | None = None  # "Tavoitetaso 2026"


@dataclass
class RegionResult:
    indicators: list[RawIndicator] = field(default_factory=list)
    target_year: str | None = None
    baseline_year: str | None = None
    doubts: list[tuple[str, str, str | None, str | None]] = field(
        default_factory=list
    )  # code, message, indicator, field
    leftover: list[str] = field(default_factory=list)  # trailing lines not used as levels


def clean(line: str) -> str:
    return strip_bullet(line.rstrip()).strip()


def _open_paren(text: str) -> bool:
    return text.count("(") > text.count(")")


_COMPARISON_START_RE = re.compile(
    r"^(?:alle|yli|vähintään|enintään|korkeintaan|maks\.?|max\.?|min\.?)\s+[-+−]?\d", re.IGNORECASE
)


def _continues(previous: str, line: str, *, after_blank: bool, names: bool) -> bool:
    """Whether `line` continues the item that ends with `previous`."""
    first = line[:1]
    if _open_paren(previous) or previous.endswith(("-", ",", "/", "–", "+", "=")):
        return True
    if not names and previous.split() and previous.split()[-1].lower() in _NO_END_WORDS:
        return True  # "vähintään" / "450 000 kävijää"
    if not names and _COMPARISON_START_RE.match(line) and re.search(r"\d", previous):
        return False  # a level of its own: "9 pv" / "alle 5 pv"
    if first.islower() or first in ")=":
        return True
    if names:
        return False
    return first == "(" and not after_blank  # "(20.9.22)" under "5 ryhmää"


def _items(lines: list[str], *, names: bool) -> list[list[str]]:
    """Lines grouped into items (names or levels); blank lines are ''."""
    items: list[list[str]] = []
    after_blank = True
    for line in lines:
        if not line:
            after_blank = True
            continue
        if items and _continues(items[-1][-1], line, after_blank=after_blank, names=names):
            items[-1].append(line)
        else:
            items.append([line])
        after_blank = False
    return items


def _paragraphs(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


_PERIODISH_RE = re.compile(
    r"\([^)]*\)|\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\b\d{1,2}/\d{2,4}\b|\b(?:19|20)\d\d\b"
)


def _numbers(text: str) -> int:
    """How many numbers a level text holds, dates and years left out."""
    return len(_NUMBER_RE.findall(_PERIODISH_RE.sub(" ", text)))


def split_pair(text: str) -> tuple[str, str] | None:
    """One line holding a baseline and a target ("Ei Kyllä", "687 (20.9.22) Enintään 670 opp.").

    Of the places where the line could split, the one leaving a number on each side
    wins ("1 200 MWh 1 000 MWh"), then the one whose right part starts with a number
    or a level word, then the first.
    """
    best: tuple[tuple[int, int, int], tuple[str, str]] | None = None
    for position, (left, right) in enumerate(_pair_candidates(text)):
        n_left, n_right = _numbers(left), _numbers(right)
        balanced = int(n_left == n_right and n_left <= 1)
        first = right.split()[0]
        numeric_start = int(first[:1].isdigit() or first[:1] in "+-−" or first.lower() in _LEVEL_WORDS)
        key = (balanced, numeric_start, -position)
        if best is None or key > best[0]:
            best = (key, (left, right))
    return best[1] if best else None


def _pair_candidates(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    words = text.split()
    depth = 0
    for i, word in enumerate(words[:-1]):
        depth += word.count("(") - word.count(")")
        if depth > 0:
            continue
        left = " ".join(words[: i + 1])
        right_first = words[i + 1]
        low = right_first.lower()
        if word.lower() in _NO_END_WORDS or word.endswith((":", "-", "–", "/")):
            continue
        if re.fullmatch(r"\d{1,3}", word) and re.match(r"\d{3}(?:[,.]\d+)?$", right_first):
            continue  # "9 844": a thousands group, not two numbers
        starts_level = (
            right_first[:1].isupper()
            or right_first[:1].isdigit()
            or low in _LEVEL_WORDS
            or (right_first[:1] in "+-−" and right_first[1:2].isdigit())
        )
        if not starts_level:
            continue
        left_done = (
            bool(re.search(r"\d", left))
            and (
                right_first[:1].isdigit()
                or right_first[:1] in "+-−"
                or low in _LEVEL_WORDS
                or right_first[:1].isupper()
            )
            or left.endswith((")", "%"))
            or left.endswith(".")
            and word[:-1].lower().split("/")[-1] not in _ABBREVIATIONS
            or left.lower() in _STATE_WORDS
            or (left[:1].isupper() and right_first[:1].isupper())
        )
        if left_done:
            out.append((left, " ".join(words[i + 1 :])))
    return out


def _split_repeated(text: str) -> tuple[str, str] | None:
    """ "Kurssien määrä 8/2022 Kurssien määrä 8/2023 ..." splits where the first word comes again."""
    words = text.split()
    if len(words) < 3 or not words[0].isalpha() or len(words[0]) < 4 or words[0].lower() in _LEVEL_WORDS:
        return None
    key = words[0].lower()
    for i in range(1, len(words)):
        if words[i].lower() == key:
            return " ".join(words[:i]), " ".join(words[i:])
    return None


def _split_sentence_pair(text: str) -> tuple[str, str] | None:
    """ "Ei ole. Valmistelu käynnissä": the first sentence is the baseline."""
    m = re.search(r"[.!?]\s+(?=[A-ZÅÄÖ])", text)
    if not m:
        return None
    return text[: m.start() + 1], text[m.end() :]


def single_pair(lines: list[str], prefixes: frozenset[str]) -> tuple[str, str, bool] | None:
    """The baseline and target of the one indicator a region holds, and whether that was a guess.

    Sure: a first line holding both levels (row by row) or two paragraphs (column by
    column). Guesses: the first word repeated ("Kurssien määrä 8/2022 Kurssien määrä
    8/2023"), two items, a split of the joined text, or its first sentence.
    """
    content = [line for line in lines if line]
    if not content:
        return None
    first = split_pair(fold_whitespace(content[0]))
    if first and first[1]:
        return first[0], join_lines([first[1], *content[1:]], prefixes), False
    paragraphs = _paragraphs(lines)
    if len(paragraphs) == 2:
        return join_lines(paragraphs[0], prefixes), join_lines(paragraphs[1], prefixes), False
    joined = join_lines(content, prefixes)
    items = _items(lines, names=False)
    guess = (
        _split_repeated(joined)
        or (len(items) == 2 and (join_lines(items[0], prefixes), join_lines(items[1], prefixes)))
        or split_pair(joined)
        or _split_sentence_pair(joined)
    )
    return (guess[0], guess[1], True) if guess else None


def _compatible(a: str, b: str) -> int:
    numeric_a, numeric_b = bool(re.search(r"\d", a)), bool(re.search(r"\d", b))
    if numeric_a != numeric_b:
        return 0
    if numeric_a and _unit(a) != _unit(b):
        return 0
    return 1


def pair_levels(levels: list[str], count: int) -> tuple[list[tuple[str, str]], str]:
    """2N level texts as N (baseline, target) pairs: column by column or row by row."""
    columns = [(levels[i], levels[count + i]) for i in range(count)]
    rows = [(levels[2 * i], levels[2 * i + 1]) for i in range(count)]
    if sum(_compatible(*p) for p in rows) > sum(_compatible(*p) for p in columns):
        return rows, "row"
    return columns, "column"


def split_names(lines: list[str], prefixes: frozenset[str]) -> list[RawIndicator]:
    names: list[RawIndicator] = []
    for item in _items(lines, names=True):
        text = join_lines(item, prefixes)
        if _PAREN_LINE_RE.match(text) and names and names[-1].source is None:
            names[-1].source = text.strip().rstrip(".")[1:-1].strip()
            continue
        source = re.match(r"(?i)^lähde\s*:\s*(.+)$", text)
        if source and names:
            names[-1].source = source.group(1).strip()
            continue
        names.append(RawIndicator(text))
    return names


def inline_levels(indicator: RawIndicator) -> bool:
    """ "Oppilasmäärä / koulupsykologi* 1586 (20.9.22) Enintään 780 opp." on one line."""
    words = indicator.name.split()
    depth = 0
    for i, word in enumerate(words):
        if i == 0:
            depth += word.count("(") - word.count(")")
            continue
        if depth == 0 and (word[:1].isdigit() or word.lower() in _LEVEL_WORDS and word[:1].isupper()):
            pair = split_pair(" ".join(words[i:]))
            if pair and _numbers(pair[0]) <= 1 and _numbers(pair[1]) <= 1:
                indicator.name = " ".join(words[:i])
                indicator.baseline, indicator.target = pair
                return True
        depth += word.count("(") - word.count(")")
    return False


@lru_cache(maxsize=4096)
def _unit(text: str) -> str | None:
    return parse_unit(text)
