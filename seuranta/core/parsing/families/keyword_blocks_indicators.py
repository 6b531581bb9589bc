"""MITTARI regions of keyword-block documents: indicator names, baselines and targets.

A MITTARI region is the label line ("MITTARI", "MITTARI 2 Oppilasmäärä / kuraattori*")
and the lines after it up to the next labelled line. It holds indicator names, a
"Lähtötaso Tavoitetaso" column header (once per action, sometimes on the name
line) and the levels. PDF extraction prints the two level columns either row by
row ("0,03 t/opp. (20.9.22) sama tai suurempi" / "kuin lähtötaso") or column by
column (all baselines, then all targets); the levels are paired in order and the
pairing is reported as a warning when the region holds more than one indicator.

`parse_region(label_rest, body, numbered)` returns the indicators as
(name, source, baseline text, target text) plus doubts; turning level texts into
Measures is `build_indicator`, which uses the measure language module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from seuranta.core.measures import parse_levels, parse_measure, parse_unit
from seuranta.core.model import Indicator, Measure
from seuranta.core.parsing.text import fold_whitespace, join_lines, strip_bullet

HEADER_RE = re.compile(
    r"(?:Lähtötaso|Lähtötilanne|Lähtöarvo)(?:\s*\(?(?:v\.\s*)?(\d{4})\)?)?[\s|;]+"
    r"(?:Tavoitetaso|Tavoitearvo|Tavoite)(?:\s*\(?(?:v\.\s*)?(\d{4})\)?)?(?![\wäöå])",
    re.IGNORECASE,
)
_HEADER_FIRST_RE = re.compile(r"^\s*(?:Lähtötaso|Lähtötilanne|Lähtöarvo)\s*$", re.IGNORECASE)
_HEADER_SECOND_RE = re.compile(r"^\s*(?:Tavoitetaso|Tavoitearvo)(?:\s+(\d{4}))?\s*$", re.IGNORECASE)

# Words that begin a level even in lower case: "ei kyllä", "sama tai suurempi kuin lähtötaso".
_LEVEL_WORDS = frozenset(
    {
        "ei",
        "kyllä",
        "on",
        "valmis",
        "sama",
        "vähintään",
        "enintään",
        "alle",
        "yli",
        "maks.",
        "min.",
        "noin",
        "n.",
        "osittain",
        "käynnissä",
    }
)
_STATE_WORDS = frozenset({"ei", "kyllä", "on", "valmis", "ok", "osittain"})
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


def _clean(line: str) -> str:
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


def _single_pair(lines: list[str], prefixes: frozenset[str]) -> tuple[str, str, bool] | None:
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


def _pair_levels(levels: list[str], count: int) -> tuple[list[tuple[str, str]], str]:
    """2N level texts as N (baseline, target) pairs: column by column or row by row."""
    columns = [(levels[i], levels[count + i]) for i in range(count)]
    rows = [(levels[2 * i], levels[2 * i + 1]) for i in range(count)]
    if sum(_compatible(*p) for p in rows) > sum(_compatible(*p) for p in columns):
        return rows, "row"
    return columns, "column"


def _split_names(lines: list[str], prefixes: frozenset[str]) -> list[RawIndicator]:
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


def _inline_levels(indicator: RawIndicator) -> bool:
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


def parse_region(
    label_rest: str, body: list[str], *, numbered: bool, prefixes: frozenset[str] = frozenset()
) -> RegionResult:
    """The indicators of one MITTARI region; `body` lines are raw, blank lines ''."""
    result = RegionResult()
    lines = [_clean(label_rest)] + [_clean(line) for line in body]
    names_part: list[str] | None = None
    levels_part: list[str] = []
    for i, line in enumerate(lines):
        m = HEADER_RE.search(line)
        if m:
            names_part = lines[:i] + [line[: m.start()].strip()]
            levels_part = [line[m.end() :].strip()] + lines[i + 1 :]
            result.baseline_year, result.target_year = m.group(1), m.group(2)
            break
        if _HEADER_FIRST_RE.match(line):
            # the next non-blank line only: a list of all of them per line made long regions quadratic
            after = next((j for j in range(i + 1, len(lines)) if lines[j]), None)
            if after is not None and (second := _HEADER_SECOND_RE.match(lines[after])):
                names_part = lines[:i]
                levels_part = lines[after + 1 :]
                result.target_year = second.group(1)
                break
    if names_part is None:
        # No header: the names are the first paragraph, the levels the rest.
        start = 0 if lines[0] else next((j for j, line in enumerate(lines) if line), len(lines))
        end = next((j for j in range(start, len(lines)) if not lines[j]), len(lines))
        names_part, levels_part = lines[:end], lines[end:]

    names = _split_names(names_part, prefixes)
    if numbered and len(names) > 1:
        first = names[0]
        first.name = join_lines([n.name for n in names], prefixes)
        names = [first]

    level_items = _items(levels_part, names=False)
    if not names:
        rows = [RawIndicator(join_lines(item, prefixes)) for item in level_items]
        if rows and all(_inline_levels(row) for row in rows):
            # A table printed row by row: "Asiakastyytyväisyys 4,3 4,5".
            result.indicators = rows
            for row in rows:
                result.doubts.append(
                    (
                        "split_levels",
                        "Mittarin nimi ja tasot on erotettu samalta riviltä; tarkista rajat.",
                        row.name,
                        "name",
                    )
                )
            return result
        # Names printed in the level columns' place: names, then baselines, then targets.
        if level_items and len(level_items) % 3 == 0:
            count = len(level_items) // 3
            names = [RawIndicator(join_lines(item, prefixes)) for item in level_items[:count]]
            level_items = level_items[count:]
        else:
            result.doubts.append(
                (
                    "unpaired_levels",
                    "Mittarin nimiä ei voitu erottaa lähtö- ja tavoitetasoista.",
                    None,
                    "name",
                )
            )
            return result

    count = len(names)
    result.indicators = names
    for raw in names:
        raw.baseline_year, raw.target_year = result.baseline_year, result.target_year
    texts = [join_lines(item, prefixes) for item in level_items]
    if count == 1:
        if not texts:
            if not _inline_levels(names[0]):
                result.doubts.append(
                    (
                        "missing_levels",
                        "Mittarille ei löytynyt lähtö- eikä tavoitetasoa.",
                        names[0].name,
                        "baseline",
                    )
                )
            return result
        pair = _single_pair(levels_part, prefixes)
        if pair:
            names[0].baseline, names[0].target, guessed = pair
            if guessed:
                result.doubts.append(
                    (
                        "split_levels",
                        "Lähtö- ja tavoitetaso on erotettu toisistaan tekstin perusteella; tarkista raja.",
                        names[0].name,
                        "baseline",
                    )
                )
        else:
            names[0].baseline = join_lines(levels_part, prefixes) or None
            result.doubts.append(
                (
                    "unpaired_levels",
                    "Lähtö- ja tavoitetasoa ei voitu erottaa toisistaan.",
                    names[0].name,
                    "targets",
                )
            )
        return result

    if len(texts) > 2 * count:
        extra = level_items[2 * count :]
        result.leftover = [line for item in extra for line in item]
        texts = texts[: 2 * count]
    if len(texts) == 2 * count:
        pairs, order = _pair_levels(texts, count)
        how = "sarakkeittain" if order == "column" else "riveittäin"
        for raw, (baseline, target) in zip(names, pairs, strict=True):
            raw.baseline, raw.target = baseline, target
            result.doubts.append(
                (
                    "paired_by_position",
                    f"Lähtö- ja tavoitetaso on yhdistetty mittariin järjestyksen perusteella ({how}).",
                    raw.name,
                    "baseline",
                )
            )
        return result
    if len(texts) == count:
        for raw, text in zip(names, texts, strict=True):
            both = split_pair(text)
            if both:
                raw.baseline, raw.target = both
            else:
                raw.baseline = text
            result.doubts.append(
                (
                    "paired_by_position",
                    "Lähtö- ja tavoitetaso on yhdistetty mittariin järjestyksen perusteella (riveittäin).",
                    raw.name,
                    "baseline",
                )
            )
        return result
    for i, raw in enumerate(names):
        raw.baseline = texts[i] if i < len(texts) else None
        raw.target = texts[count + i] if count + i < len(texts) else None
        result.doubts.append(
            (
                "unpaired_levels",
                "Mittareita ja tasoja on eri määrä; tasot on yhdistetty arvaamalla.",
                raw.name,
                "targets",
            )
        )
    return result


@lru_cache(maxsize=4096)
def _unit(text: str) -> str | None:
    return parse_unit(text)


def _unit_of(measures: list[Measure]) -> str | None:
    for measure in measures:
        if measure.kind in ("change_percent", "state", None):
            continue
        unit = _unit(measure.text)
        if unit:
            return unit
    return None


def build_indicator(
    raw: RawIndicator, *, target_period: str | None, baseline_period: str | None = None
) -> tuple[Indicator, list[str]]:
    """An Indicator from raw level texts; also the fields whose levels the measure language did not classify."""
    doubtful: list[str] = []
    indicator = Indicator(name=raw.name, source=raw.source)
    if raw.baseline:
        levels = parse_levels(raw.baseline, period=baseline_period)
        if len(levels) > 1:
            whole = parse_measure(raw.baseline, period=baseline_period)
            indicator.baseline_series = levels
            whole.kind = whole.kind or "value"
        else:
            whole = levels[0] if levels else parse_measure(raw.baseline, period=baseline_period)
        indicator.baseline = whole
        if whole.kind is None:
            doubtful.append("baseline")
    if raw.target:
        levels = parse_levels(raw.target, period=target_period)
        indicator.targets = levels
        if any(m.kind is None for m in levels):
            doubtful.append("targets")
    measures = (
        ([indicator.baseline] if indicator.baseline else []) + indicator.baseline_series + indicator.targets
    )
    indicator.unit = _unit_of(
        [m for m in measures if not (m is indicator.baseline and indicator.baseline_series)]
    )
    return indicator, doubtful
