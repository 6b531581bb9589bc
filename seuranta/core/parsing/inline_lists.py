"""Numbered lists run together on one line: "ovat 1) asukkaat, 2) elinvoima ja 3) talous."

Text taken from PDFs and web pages often loses its line breaks: a table of contents
("1. Johdanto 3 2. Tavoitteet 5 2.1 Liikunta 6"), an enumeration inside a sentence, a
numbered list pasted as one paragraph. A line is split where a run of at least three
numbers follows the numbering's own order (1, 2, 3; 1.1, 1.2, 2, 2.1; I, II, III), so a lone
number ("3 kpl", "vuonna 2024") never splits anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\))?\s+(?=[^\W\d_])")
_ROMAN_RE = re.compile(r"(?:(?<=\s)|^)(X{0,3}(?:IX|IV|V?I{0,3}))([.)])\s+(?=[A-ZÅÄÖ])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_PAGE_RE = re.compile(r"(?:\s*(?:\.{2,}|\u2026))?\s+\d{1,3}$")  # "Henkilöstö... 17": leader and page
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_JOINER_RE = re.compile(r"(?:\s*[,;]|\s+(?:ja|sekä|tai|och|eller|samt)|\s+\d{1,2}[.)])\s*$")
MIN_RUN = 3


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    number: tuple[int, ...]
    mark: str
    roman: bool = False


def _follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether numbering b can come right after a: 1.2 -> 1.3, 1.2 -> 1.2.1, 1.2 -> 2 or 2.1."""
    if b == a[:-1] + (a[-1] + 1,) or b == a + (1,):
        return True
    for depth in range(1, len(a)):
        parent = a[: depth - 1] + (a[depth - 1] + 1,)
        if b == parent or b == parent + (1,):
            return True
    return False


def _roman(numeral: str) -> int:
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _markers(text: str) -> list[_Marker]:
    found = [
        _Marker(m.start(), m.end(), (_roman(m.group(1)),), m.group(2), roman=True)
        for m in _ROMAN_RE.finditer(text)
        if m.group(1)
    ]
    for match in _MARKER_RE.finditer(text):
        number = tuple(int(part) for part in match.group(1).split("."))
        mark = match.group(2) or ""
        # "1." and "1)" lists name a capitalised or lower-case item; a bare "1" needs a capital.
        if not mark and "." not in match.group(1) and not text[match.end() : match.end() + 1].isupper():
            continue
        found.append(_Marker(match.start(), match.end(), number, mark))
    return sorted(found, key=lambda marker: marker.start)


def _longest_run(markers: list[_Marker]) -> list[_Marker]:
    best: list[_Marker] = []
    for i, first in enumerate(markers):
        if first.number[-1] != 1:
            continue
        run = [first]
        for marker in markers[i + 1 :]:
            same_kind = (marker.mark == ")") == (run[-1].mark == ")") and marker.roman == run[-1].roman
            if same_kind and _follows(run[-1].number, marker.number):
                run.append(marker)
        if len(run) > len(best):
            best = run
    return best


def split_inline_list(text: str) -> list[tuple[str, str | None]] | None:
    """The line as (text, style) parts: the text before the list (style None), then one part
    per item with its numbering style ("dec1)", "dec2"...); None when the line holds no list."""
    found = split_inline_contents(text)
    return found[0] if found is not None else None


def split_inline_contents(text: str) -> tuple[list[tuple[str, str | None]], bool] | None:
    """`split_inline_list`, and whether the list is a table of contents (its items end in page
    numbers)."""
    run = _longest_run(_markers(text))
    if len(run) < MIN_RUN:
        return None
    parts: list[tuple[str, str | None]] = []
    head = text[: run[0].start].strip()
    if head:
        parts.append((head, None))
    items = [
        text[m.end : (run[i + 1].start if i + 1 < len(run) else len(text))].strip() for i, m in enumerate(run)
    ]
    tail = ""
    last_sentences = _SENTENCE_END_RE.split(items[-1], maxsplit=1)
    if len(last_sentences) == 2:
        items[-1], tail = last_sentences
    swallowed = _swallowed_text([item for m, item in zip(run, items, strict=True) if _siblings(m, run[-1])])
    if swallowed is not None:
        items[-1], text = swallowed
        tail = f"{text} {tail}".strip()
    paged = sum(bool(_PAGE_RE.search(item)) for item in items) > len(items) / 2
    for marker, item in zip(run, items, strict=True):
        if paged:
            item = _strip_pages(item)  # a table of contents: the page numbers go
        item = _JOINER_RE.sub("", item).strip()
        if marker is run[-1] and not any(i.rstrip().endswith(".") for i in items[:-1]):
            item = item.rstrip(".")  # the sentence's full stop, not the item's
        if _parent_missing(marker, run) and parts and parts[-1][1] != "dec1":  # not lifted yet
            _lift_trailing_heading(parts)
        chapter = ""
        if paged and (leader := _INNER_LEADER_RE.search(item)) is not None:
            item, chapter = item[: leader.start()].strip(), item[leader.end() :]  # an unnumbered chapter next
        if item:
            style = "roman" if marker.roman else f"dec{len(marker.number)}"
            parts.append((item, style + (")" if marker.mark == ")" else "")))
        if chapter and len(chapter.split()) <= MAX_LIFTED_WORDS:
            parts.append((chapter, "dec1"))
    if tail.strip():
        parts.append((tail.strip(), None))
    return parts, paged


MAX_TITLE_WORDS = 6


def _strip_pages(item: str) -> str:
    """ "Henkilöstö... 17", "Matris... 13 2" (the converted page's own number after it): the
    leaders and page numbers at the end of a contents entry go."""
    while (stripped := _PAGE_RE.sub("", item)) != item:
        item = stripped
    return item


def _siblings(a: _Marker, b: _Marker) -> bool:
    return a.roman == b.roman and len(a.number) == len(b.number) and a.number[:-1] == b.number[:-1]


def _swallowed_text(items: list[str]) -> tuple[str, str] | None:
    """The last item of a list of short titles ("2.1 Johtajuus 2.2 Osaaminen 2.3 Rekrytointi
    Henkilöstöstrategiaa jatkettiin ...") ran into the paragraph after the list when the line
    breaks were lost: its title ends before the first capitalised word within its siblings'
    length, and the rest is text."""
    lengths = [len(item.split()) for item in items[:-1]]
    if not lengths or max(lengths) > MAX_TITLE_WORDS or any(item.endswith(".") for item in items[:-1]):
        return None
    words = items[-1].split()
    if len(words) <= 2 * max(lengths) + MAX_TITLE_WORDS // 2:
        return None
    cut = next(
        (
            i
            for i in range(1, max(lengths) + 2)
            if words[i][:1].isupper() and not words[i - 1].endswith(("-", ":"))
        ),
        None,
    )
    if cut is None:
        return None
    return " ".join(words[:cut]), " ".join(words[cut:])


MAX_LIFTED_WORDS = 8


def _parent_missing(marker: _Marker, run: list[_Marker]) -> bool:
    """A "2.1" whose "2" is not in the list: the chapter was printed without its number."""
    if marker.roman or len(marker.number) != 2 or marker.number[1] != 1:
        return False
    return all(other.number != marker.number[:1] for other in run)


_INNER_LEADER_RE = re.compile(r"(?:\.{2,}|\u2026)\s*\d{1,3}\s+(?=\S)")


def _lift_trailing_heading(parts: list[tuple[str, str | None]]) -> None:
    """The unnumbered chapter heading ends the text before its first sub-item ("... kehittäminen
    Elinkeinot, yrittäjyys ja työllisyys 2.1 ..."): its capitalised last phrase is lifted out as
    an item of the chapter's depth. In a contents with dot leaders ("UPPFÖLJNING... 6 INRIKTNING
    ... 2017-2019... 7 5.1 ..."), the heading is all that follows the last leader."""
    text, style = parts[-1]
    leaders = list(_INNER_LEADER_RE.finditer(text))
    if leaders and len(text[leaders[-1].end() :].split()) <= MAX_LIFTED_WORDS:
        rest, heading = text[: leaders[-1].start()].strip(), _strip_pages(text[leaders[-1].end() :])
        parts[-1:] = [(rest, style)] if rest else []
        parts.append((heading, "dec1"))
        return
    words = text.split()
    start = next(
        (
            i
            for i in range(len(words) - 1, 0, -1)
            if words[i][:1].isupper() and all(not w[:1].isupper() for w in words[i + 1 :])
        ),
        None,
    )
    if start is None or len(words) - start > MAX_LIFTED_WORDS:
        return
    rest = " ".join(words[:start])
    parts[-1:] = [(rest, style)] if rest else []
    parts.append((" ".join(words[start:]), "dec1"))
