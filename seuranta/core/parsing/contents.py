"""Tables of contents flattened into one line: "Sisällys 1. Johdanto Strategiaprosessi Visio ja
arvot Strategiset tavoitteet Koti yhä useammalle Oikea palvelu ...".

Text taken from a PDF page by page loses the line breaks of its table of contents. After a word
that names one ("Sisällys", "SISÄLTÖ:"), each capitalised word that follows a lower-case one
starts a new entry (Finnish and Swedish titles capitalise only their first word). Numbered
entries (1., 1.1, I, II) keep their numbering's style; the entries run together inside one of
them are one step deeper, and those after an entry naming a level of the plan ("Strategiset
tavoitteet", "Tavoitteiden kuvaus") one step deeper still: they are that chapter's items.
`outline` then keeps only those (`read_contents`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from seuranta.core.parsing import lexicon
from seuranta.core.parsing.inline_lists import split_inline_contents

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Section

_HEAD_RE = re.compile(r"^\W*\w+\W*")
_NUMBER_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.?)$")
_LEADER_RE = re.compile(r"(?:\.{2,}|\u2026)\s*\d{0,3}$|\s\d{1,3}$")
MAX_ENTRY_WORDS = 12
CHAPTER_STYLE = "toc:chapter"
ENTRY_STYLE = "toc:entry"
ITEM_STYLE = "toc:item"


def split_contents(text: str) -> list[tuple[str, str]] | None:
    """(entry, style) for a line that is a table of contents; None for other lines."""
    if not lexicon.names_contents(text):
        return None
    rest = _HEAD_RE.sub("", text, count=1).strip()
    letters = [ch for ch in rest if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) * 2 > len(letters):
        return None  # in capitals every word looks like the start of an entry
    found = split_inline_contents(rest)
    parts = found[0] if found is not None else [(rest, None)]
    out: list[tuple[str, str]] = []
    chapters = False  # entries before the first chapter are chapters of their own
    for part, style in parts:
        in_chapter = False
        for n, (entry, numbered) in enumerate(_entries(part)):
            if (n == 0 and style) or numbered or not chapters:
                in_chapter, chapters = False, chapters or bool(style) or numbered
                out.append((entry, style or CHAPTER_STYLE))
            else:
                out.append((entry, ITEM_STYLE if in_chapter else ENTRY_STYLE))
            in_chapter = in_chapter or lexicon.last_level_word(entry) is not None
    return out if len(out) >= 2 else None


def _entries(text: str, proper_names: bool = False) -> list[tuple[str, bool]]:
    """The entries run together in `text`, each with whether a number (1., II) led it: a new
    one at each number and at each capitalised word that does not continue a hyphenated one
    (with `proper_names`, nor follows another capitalised word: "Rauman Tarinan tavoitteet")."""
    entries: list[tuple[list[str], bool]] = []
    numbered = False
    for token in text.split():
        if _NUMBER_RE.match(token):
            numbered = True
            continue
        previous = entries[-1][0][-1] if entries else ""
        starts = token[:1].isupper() and (
            not entries or not (previous.endswith(("-", "–")) or (proper_names and previous[:1].isupper()))
        )
        if not entries or starts or numbered or len(entries[-1][0]) >= MAX_ENTRY_WORDS:
            entries.append(([token], numbered))
        else:
            entries[-1][0].append(token)
        numbered = False
    cleaned = [(_LEADER_RE.sub("", " ".join(words)).strip(" ."), led) for words, led in entries]
    return [(entry, led) for entry, led in cleaned if any(ch.isalpha() for ch in entry)]


def contents_entries(sections: list[Section]) -> list[Section]:
    found = []
    for section in sections:
        if section.contents:
            found.append(section)
        found.extend(contents_entries(section.children))
    return found


def names_level(section: Section) -> lexicon.Entry | None:
    for word in lexicon.words(section.title):
        entry = lexicon.lookup(word)
        if entry is not None and entry.role == "level":
            return entry
    return None


def read_contents(sections: list[Section]) -> list[Section]:
    """A table of contents maps the whole document; its chapters are not the plan. The entries
    under a chapter that names plan content by a level word ("Tehtäväalueille asetettujen
    tavoitteiden toteutuminen") are the plan's nodes, of that level; other entries go."""
    out: list[Section] = []
    for section in sections:
        if not section.contents:
            section.children = read_contents(section.children)
            out.append(section)
            continue
        named = names_level(section)
        if named is not None and section.children:
            for child in section.children:
                child.level = child.level or named
            out.extend(section.children)
        else:
            out.extend(read_contents(section.children))
    return out


MIN_CAPS_CHAPTER_WORDS = 2


def split_caps_chapter(entry: str) -> tuple[str, list[str]] | None:
    """A numbered contents entry whose chapter is printed in capitals and its sections in mixed
    case, run together ("TOIMINNALLISTEN ... TOTEUTUMINEN Yleistä taloudesta Rauman ... Tekninen
    lautakunta"): the chapter and its sections, split at capitals as `_entries` does but keeping
    capitalised words in a row together (proper names: "Rauman Tarinan tavoitteet"; so a section
    of one capitalised word before a proper name is not split off); None when the entry is not
    of that shape."""
    words = entry.split()
    caps = 0
    while caps < len(words) and _is_caps_word(words[caps]):
        caps += 1
    if caps < MIN_CAPS_CHAPTER_WORDS or caps == len(words) or not words[caps][:1].isupper():
        return None
    sections = [text for text, _ in _entries(" ".join(words[caps:]), proper_names=True)]
    return (" ".join(words[:caps]), sections) if sections else None


def _is_caps_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) or (not letters and bool(word))


def expand_contents(
    parts: list[tuple[str, str | None]], contents: bool
) -> list[tuple[str, str | None, bool]]:
    """A paragraph's inline list as (text, style, flag): in a table of contents a chapter in
    capitals brings its run-together sections one step below it ("4 TAVOITTEIDEN TOTEUTUMINEN
    Yleistä taloudesta ..."), and the head naming the contents ("... SISÄLLYSLUETTELO Sivu") is
    plain text (no style, flag set); other parts without a style are classified as usual."""
    out: list[tuple[str, str | None, bool]] = []
    for part, style in parts:
        chapter = split_caps_chapter(part) if contents and style else None
        if chapter is not None:
            out.append((chapter[0], style, True))
            out.extend((entry, ENTRY_STYLE, True) for entry in chapter[1])
        elif style:
            out.append((part, style, contents))
        else:
            names = contents and any(lexicon.names_contents(word) for word in lexicon.words(part))
            out.append((part, None, names))
    return out
