"""Text helpers shared by every document family.

PDF text extraction gives lines: soft wraps, words hyphenated across line
breaks, bullet glyphs, repeated headings printed with small differences. These
functions turn such lines into the text the interchange format wants:

    fold_whitespace(text)          runs of whitespace to one space, stripped
    strip_bullet(line)             drop a leading bullet glyph (, •, →, "o ", "- ")
    hyphen_prefixes(text)          word parts written with an in-line hyphen ("nonstop-")
    join_lines(lines, prefixes)    lines to one string, hyphenation across breaks undone
    unwrap(text, prefixes)         the same for a multi-line string
    title_key(text)                a comparison key: case, dashes, quotes and final stops folded
    title_similarity(a, b)         0..1 likeness of two titles
    same_title(a, b)               whether two spellings are the same heading
    representative(spellings)      the spelling to keep: most common, ties to the first
    group_titles(titles)           spellings grouped into headings (same_title), in order
    ends_sentence(text)            whether a full stop (not after an abbreviation), ! or ? ends it
    split_sentences(text)          sentences, on ". " before a capital letter or a digit, not after "esim."
    guess_organization(text)       "Porin kaupunki" from "Porin kaupungin ..." or "Porilaisten ... Pori"

Function names are stable: other families call them. Add, don't change.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from os.path import commonprefix

__all__ = [
    "BULLETS",
    "ends_sentence",
    "fold_whitespace",
    "group_titles",
    "hyphen_prefixes",
    "is_bullet",
    "join_lines",
    "representative",
    "same_title",
    "split_glued_heading",
    "split_sentences",
    "strip_bullet",
    "title_key",
    "title_similarity",
    "unwrap",
    "guess_organization",
]

# Glyphs that start a list item. U+F0B7 is the Symbol-font bullet PDF extraction keeps.
BULLETS = (
    "\uf0b7\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\u27a2\u2192\u25ba\u25b8\u2713\u2714\uf0a7\uf076\uf0d8"
)
_BULLET_RE = re.compile(rf"^\s*(?:[{BULLETS}]+\s*|o\s+(?=\S)|[-\u2013\u2014*]\s+(?=\S))")
_WS_RE = re.compile(r"\s+")
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES_RE = re.compile(r"[\"'\u201c\u201d\u2018\u2019\u00bb\u00ab]")
_IN_LINE_HYPHEN_RE = re.compile(r"(?<![\w-])(\w+)-(?=\w)")
_VOWELS = set("aeiouyäöå")
# After "word-" at a line break these start a coordinated phrase: "yhdenvertaisuus- ja tasa-arvo".
_CONJUNCTIONS = frozenset({"ja", "tai", "sekä", "eli", "tahi", "että", "kuin", "and", "or", "och", "eller"})


def fold_whitespace(text: str) -> str:
    """Runs of whitespace (newlines, tabs, no-break spaces) to one space, stripped."""
    return _WS_RE.sub(" ", text.replace("\u00ad", "")).strip()


def is_bullet(line: str) -> bool:
    """Whether a line starts with a bullet glyph (, •, →...), an "o " or a "- " list marker."""
    return bool(_BULLET_RE.match(line))


def strip_bullet(line: str) -> str:
    """The line without its leading bullet glyph or list marker; other lines unchanged."""
    match = _BULLET_RE.match(line)
    return line[match.end() :] if match else line


def hyphen_prefixes(text: str) -> frozenset[str]:
    """Lower-cased word parts that the text writes with a hyphen inside a line.

    "sisäisiä nonstop-koulutukset" gives "nonstop", so that "nonstop-\\nkoulutuksia"
    at a line break keeps its hyphen while "Henkilöstö-\\npalvelut" loses it.
    """
    return frozenset(m.group(1).lower() for m in _IN_LINE_HYPHEN_RE.finditer(text))


def _keeps_hyphen(before: str, after: str, prefixes: Collection[str]) -> bool:
    """Whether "before-" + "after" across a line break is a real hyphen, not a soft one."""
    word = re.search(r"(\S*)-$", before)
    stem = word.group(1) if word else ""
    if not stem or not stem[-1].isalpha():
        return True  # "työhyvinvointiin/-", "ensin -", "2021-"
    first = after[:1]
    if not first.isalpha() or first.isupper():
        return True  # "Länsi-Porin", "2021-2025"
    if stem.isupper() or any(c.isupper() for c in stem[1:]) or any(c.isdigit() for c in stem):
        return True  # "EU-hanke", "TargetorPro-sovellukseen", "3-vuotiaiden"
    core = re.sub(r"^\W+", "", stem).lower()
    if core in prefixes or stem.lower() in prefixes:
        return True  # written with a hyphen elsewhere in the document
    last = stem[-1].lower()
    # Finnish writes a hyphen where a compound's parts meet with the same vowel: "tasa-arvo".
    return last in _VOWELS and last == first.lower()


def join_lines(lines: Iterable[str], prefixes: Collection[str] = ()) -> str:
    """Join text lines into one string with whitespace folded.

    A word hyphenated at a line break is joined ("kehittämis-" + "suunnitelma"),
    a real hyphen stays ("työhyvinvointiin/-" + "kykyyn" -> "työhyvinvointiin/-kykyyn",
    "Digi ensin -" + "hankkeen", "tasa-" + "arvosuunnitelmat" -> "tasa-arvosuunnitelmat",
    and any part listed in `prefixes`, see hyphen_prefixes), and an elided compound
    before a conjunction keeps its space ("yhdenvertaisuus-" + "ja tasa-arvo").
    """
    out = ""
    for raw in lines:
        line = fold_whitespace(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("-"):
            first_word = line.split(" ", 1)[0]
            if first_word.lower().strip(",.;:") in _CONJUNCTIONS:
                out = f"{out} {line}"
            elif _keeps_hyphen(out, line, prefixes):
                out = out + line
            else:
                out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out


def unwrap(text: str, prefixes: Collection[str] = ()) -> str:
    """A multi-line string as one line: join_lines over its lines."""
    return join_lines(text.splitlines(), prefixes)


@lru_cache(maxsize=8192)
def title_key(text: str) -> str:
    """A comparison key for headings: case, dashes, quotes, whitespace and final stops folded."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = _DASHES_RE.sub("-", text)
    text = _QUOTES_RE.sub("", text)
    text = strip_bullet(text)
    text = _WS_RE.sub(" ", text).strip().casefold()
    return text.strip(" .,;:!?")


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 when it exceeds limit (only a band of width limit is computed)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # Strip the common prefix and suffix: repeated headings differ in a few places.
    start = len(commonprefix((a, b)))
    end = len(commonprefix((a[start:][::-1], b[start:][::-1])))
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if not a or not b:
        return max(len(a), len(b)) if max(len(a), len(b)) <= limit else limit + 1
    if max(_unmatched(a, b), _unmatched(b, a)) > limit:
        return limit + 1  # most unlike pairs end here, before the table is filled
    big = limit + 1
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        ca = a[i - 1]
        for j in range(low, high + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]), big)
        if min(current[max(0, low - 1) : high + 1]) > limit:
            return big
        previous = current
    return previous[-1]


def _unmatched(a: str, b: str) -> int:
    """Characters of `a` that `b` has nowhere: each needs an edit of its own, so this many edits at least."""
    present = set(b)
    return sum(1 for char in a if char not in present)


def title_similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How alike two titles are, 0..1, after title_key (difflib's ratio).

    With `floor`, a pair that cannot reach it is answered with its quick upper
    bound instead of the exact ratio (which is the slow part).
    """
    ka, kb = title_key(a), title_key(b)
    if ka == kb:
        return 1.0
    if not ka or not kb:
        return 0.0
    if floor:  # difflib's real_quick_ratio and quick_ratio, without building its matcher
        length = len(ka) + len(kb)
        bound = 2.0 * min(len(ka), len(kb)) / length
        if bound < floor:
            return bound
        bound = 2.0 * sum((Counter(ka) & Counter(kb)).values()) / length
        if bound < floor:
            return bound
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio()


def same_title(a: str, b: str) -> bool:
    """Whether two spellings name the same heading.

    Case, dashes, quotes, whitespace and a final stop never matter; a few typing
    errors do not either ("Osaava Porit" = "Osaava Pori", "Porin on ..." = "Pori on ...",
    "tarkoituksen mukaiset" = "tarkoituksenmukaiset"): one edit per 15 characters, at
    least one. Different numbers always keep headings apart ("Tavoite 1" / "Tavoite 2").
    """
    ka, kb = title_key(a), title_key(b)
    if ka == kb:
        return True
    if not ka or not kb or re.findall(r"\d+", ka) != re.findall(r"\d+", kb):
        return False
    shorter = min(len(ka), len(kb))
    if shorter < 6:
        return False
    limit = max(1, shorter // 15)
    return _edit_distance(ka, kb, limit) <= limit


def representative(spellings: Sequence[str]) -> str:
    """The spelling to keep for a heading printed several ways.

    The most common spelling (whitespace folded) wins; a tie goes to the one
    printed first. An empty sequence gives "".
    """
    folded = [fold_whitespace(s) for s in spellings]
    if not folded:
        return ""
    counts = Counter(folded)
    best = max(counts.values())
    return next(s for s in folded if counts[s] == best)


def group_titles(titles: Sequence[str]) -> list[list[int]]:
    """Indexes of `titles` grouped by same_title, groups in order of first appearance."""
    groups: list[list[int]] = []
    for index, title in enumerate(titles):
        for group in groups:
            if same_title(titles[group[0]], title):
                group.append(index)
                break
        else:
            groups.append([index])
    return groups


_SENTENCE_END_RE = re.compile(r"[.!?][\"”)]*$")
# A stop (and any closing quote or bracket), white space, then what may start a sentence.
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”)]*\s+(?=[A-ZÅÄÖ0-9\"\u201d(])")
_SENTENCE_BREAK_CAPITAL_RE = re.compile(r"[.!?][\"”)]*\s+(?=[A-ZÅÄÖ])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"v", "mm", "esim", "ns", "n", "ks", "vrt", "ml", "maks", "min", "yms", "jne", "tms", "klo", "s"}
)


def _fold_nfc(text: str) -> str:
    return fold_whitespace(unicodedata.normalize("NFC", text))


def ends_sentence(text: str) -> bool:
    """The text ends a sentence (a full stop not after an abbreviation, ! or ?)."""
    text = _fold_nfc(text)
    if not _SENTENCE_END_RE.search(text):
        return False
    stripped = text.rstrip('"”)')
    if stripped.endswith("."):
        words = stripped[:-1].split(" ")
        last = words[-1].lower() if words else ""
        if last in _ABBREVIATIONS:
            return False
    return True


def split_sentences(text: str, *, capital_only: bool = False) -> list[str]:
    """Sentences of a folded text, split after . ! ? (and a closing quote) where the next
    sentence starts: a capital letter, a digit, a quote or a bracket, or with `capital_only`
    (the goal-table and brochure families' cells, where a number after a stop is a level
    printed on) a capital letter only. A full stop after an abbreviation ("esim.") ends nothing."""
    text = _fold_nfc(text)
    out: list[str] = []
    start = 0
    for m in (_SENTENCE_BREAK_CAPITAL_RE if capital_only else _SENTENCE_BREAK_RE).finditer(text):
        candidate = text[start : m.start() + 1]
        if ends_sentence(candidate.rstrip()):
            out.append(fold_whitespace(text[start : m.end()]))
            start = m.end()
    tail = fold_whitespace(text[start:])
    if tail:
        out.append(tail)
    return out


_GENITIVE_BODY_RE = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?n) (kaupun\w*|kunna\w*|kunta)\b")
_DEMONYM_RE = re.compile(
    r"\b([A-Za-zÅÄÖåäö]{2,}?)(?:lai|läi)(?:sten|set|nen|sen|sella|selle|selta|sia|siin|silla|sille|sina)\b",
    re.IGNORECASE,
)
# Demonym stems that are common nouns, not places: "kuntalaisten", "koululaiset".
_NOT_PLACES = frozenset(
    {
        "kunta",
        "kaupunki",
        "koulu",
        "maa",
        "seutu",
        "kylä",
        "ulko",
        "suoma",
        "kyl",
        "tava",
        "eri",
        "sel",
        "vastaava",
        "kaikenlai",
        "monenlai",
        "erilai",
        "samanlai",
        "minkä",
        "jonkin",
        "kaiken",
        "kuka",
        "mikä",
        "ammatti",
        "opiskeli",
        "lapsi",
        "nuori",
        "perhe",
        "asukas",
        "tuki",
    }
)


def guess_organization(text: str) -> str | None:
    """The municipality a document belongs to, from how its text names the place.

    "Porin kaupungin henkilöstöstrategia" gives "Porin kaupunki". Without that, a
    demonym ("Porilaisten hyvinvointi", "jokaisella porilaisella") whose place the
    text also names ("Hyvinvoiva Pori") gives the place's genitive with "kaupunki",
    or "kunta" when the text never says kaupunki. None when the text names no place.
    """
    counts: Counter[str] = Counter()
    for m in _GENITIVE_BODY_RE.finditer(text):
        kind = "kaupunki" if m.group(2).lower().startswith("kaupun") else "kunta"
        if m.start() > 0 and not text[m.start() - 1].isspace():
            continue
        counts[f"{m.group(1)} {kind}"] += 1
    for name, count in counts.most_common():
        genitive = name.split(" ")[0]
        # A proper noun, not a sentence's first word: printed mid-sentence, or more than once.
        if count >= 2 or re.search(rf"(?<=[a-zåäö0-9,] ){re.escape(genitive)}\b", text):
            return name
    kind = "kaupunki" if re.search(r"kaupun", text, re.IGNORECASE) else "kunta"
    stems: Counter[str] = Counter()
    for m in _DEMONYM_RE.finditer(text):
        stem = m.group(1)
        if stem.lower() in _NOT_PLACES or len(stem) < 3:
            continue
        place = stem[:1].upper() + stem[1:].lower()
        if re.search(rf"(?<=[a-zåäö0-9,] ){re.escape(place)}n?\b", text):
            stems[place] += 1
    if not stems:
        return None
    place = stems.most_common(1)[0][0]
    genitive = (
        place + "n" if re.search(rf"\b{re.escape(place)}n\b", text) or place[-1].lower() in _VOWELS else place
    )
    return f"{genitive} {kind}"


# A heading glued to the sentence after it ("Kaupunkirakenne ja liikkuminenTavoitteena on ..."):
# a lower-case letter followed at once by a capitalised word, after two words at least.
_GLUED_RE = re.compile(r"^(\S+(?:\s+\S+)+?[a-zåäö])(?=[A-ZÅÄÖ][a-zåäö]+\s)")
MIN_GLUED_SENTENCE_WORDS = 8


def split_glued_heading(text: str, max_words: int) -> tuple[str, str] | None:
    """A short heading and the sentence it was run into when a web page lost the break between
    them, or None. The heading has 2 to `max_words` words and no sentence punctuation; the
    rest is a sentence of several words."""
    match = _GLUED_RE.match(text)
    if match is None:
        return None
    head, rest = match.group(1), text[match.end() :]
    if len(head.split()) > max_words or any(mark in head for mark in ".,;:!?"):
        return None
    if len(rest.split()) < MIN_GLUED_SENTENCE_WORDS or not rest.rstrip().endswith((".", "!", "?")):
        return None
    return head, rest
