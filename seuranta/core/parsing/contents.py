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
DASH_STYLE = "toc:dash"


def split_contents(text: str) -> list[tuple[str, str]] | None:
    """(entry, style) for a line that is a table of contents; None for other lines."""
    if lexicon.names_contents(text):
        rest = _HEAD_RE.sub("", text, count=1).strip()
    elif _unnamed_contents(_PAGE_RE.sub("", text, count=1)):
        rest = _PAGE_RE.sub("", text, count=1)
    else:
        return None
    found = split_inline_contents(rest)
    parts: list[tuple[str, str | None]] = found[0] if found is not None else [(rest, None)]
    caps_chapters = _mixes_caps_chapters(parts)
    letters = [ch for ch in rest if ch.isalpha()]
    if not letters or (sum(ch.isupper() for ch in letters) * 2 > len(letters) and not caps_chapters):
        return None  # in capitals every word looks like the start of an entry
    out: list[tuple[str, str]] = []
    chapters = False  # entries before the first chapter are chapters of their own
    for part, style in parts:
        in_chapter = False
        for n, (entry, numbered, dashed) in enumerate(_dashed_entries(part)):
            if dashed:  # "- perusturvan vastuualue": a sub-entry of the entry before it
                out.append((entry, DASH_STYLE))
                continue
            caps = caps_chapters and _is_caps(entry)
            if (n == 0 and style) or numbered or not chapters or caps:
                in_chapter, chapters = False, chapters or bool(style) or numbered or caps
                out.append((entry, style or CHAPTER_STYLE))
            else:
                out.append((entry, ITEM_STYLE if in_chapter else ENTRY_STYLE))
            in_chapter = in_chapter or lexicon.last_level_word(entry) is not None
    return out if len(out) >= 2 else None


_DASH_RE = re.compile(r"\s[-\u2013\u2022]\s+(?=\w)")


def _dashed_entries(text: str) -> list[tuple[str, bool, bool]]:
    """`_entries`, with the sub-entries a contents line marks by dashes ("Taloudelliset
    tavoitteet, - hallinnon vastuualue 10 - perusturvan vastuualue 13 Investoinnit"): each dashed
    run's first entry is flagged, the capitalised entries after it are ordinary ones again."""
    segments = _DASH_RE.split(text)
    out = [(entry.rstrip(","), numbered, False) for entry, numbered in _entries(segments[0])]
    for segment in segments[1:]:
        words = segment.split()
        cut = next((i for i in range(1, len(words)) if _starts_entry(words[i - 1], words[i])), len(words))
        head = _LEADER_RE.sub("", " ".join(words[:cut])).strip(" .,")
        if head:
            out.append((head, False, True))
        out.extend((entry, numbered, False) for entry, numbered in _entries(" ".join(words[cut:])))
    return out


def _starts_entry(previous: str, token: str) -> bool:
    return token[:1].isupper() and not previous.endswith(("-", "\u2013")) and not _is_caps(previous)


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


MIN_CAPS_CHAPTERS = 2
MIN_UNNAMED_CHAPTERS = 3
_PAGE_RE = re.compile(r"^\d{1,3}\s+")  # the number of the converted page in front
_PUNCTUATION_RE = re.compile(r"[.,;:!?]\s")


def _unnamed_contents(text: str) -> bool:
    """A table of contents flattened without its heading word: no sentence punctuation, only
    entries, and at least three runs of capitals (chapters) each followed by mixed-case entries
    (its sections): "PAIMION ... HENKILÖSTÖN MÄÄRÄ JA RAKENNE Henkilökunta toimielimittäin ...
    HENKILÖSTÖN VAIHTUVUUS POISSAOLOT Sairaspoissaolot ..."."""
    if _PUNCTUATION_RE.search(text + " ") or not text[:1].isupper():
        return False
    entries = [entry for entry, _ in _entries(text)]
    if any(len(entry.split()) >= MAX_ENTRY_WORDS for entry in entries):
        return False
    chapters = sum(
        1 for i, entry in enumerate(entries[:-1]) if _is_caps(entry) and not _is_caps(entries[i + 1])
    )
    return chapters >= MIN_UNNAMED_CHAPTERS


def _mixes_caps_chapters(parts: list[tuple[str, str | None]]) -> bool:
    """Whether the contents print chapters in capitals and their sections in mixed case, so
    each run of capitals starts a chapter even where its number was lost."""
    found = [entry for part, _ in parts for entry, _, _ in _dashed_entries(part)]
    caps = sum(_is_caps(entry) for entry in found)
    return caps >= MIN_CAPS_CHAPTERS and len(found) - caps >= MIN_CAPS_CHAPTERS


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
            not entries
            or not (
                previous.endswith(("-", "–"))
                or (proper_names and previous[:1].isupper())
                or (_is_caps(previous) and _is_caps(token))  # a heading in capitals is one entry
            )
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
            out.extend(_chapter_items(section, named))
        else:
            out.extend(read_contents(section.children))
    return out


def _chapter_items(chapter: Section, named: lexicon.Entry) -> list[Section]:
    """The items of a chapter naming a level; an item that names a level itself and holds
    sub-entries ("Strategiset tavoitteet" > "Toiminnalliset tavoitteet" > its areas) is such a
    chapter too, and its sub-entries are the items."""
    items: list[Section] = []
    for child in chapter.children:
        inner = names_level(child)
        if inner is not None and child.children:
            items.extend(_chapter_items(child, inner))
            continue
        child.level = child.level or named
        items.append(child)
    return items


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


MIN_RUN_ON_WORDS = 5


MIN_ONE_WORD_HEADING_LETTERS = 5


def split_caps_head(text: str, numbered: bool = False) -> tuple[str, str] | None:
    """A heading in capitals run together with the paragraph under it, as text converted page by
    page prints them ("HENKILÖSTÖN MÄÄRÄ JA RAKENNE Henkilökunnan määrä oli ..."): the heading
    and the text; None when the line does not start so. After a number one word will do
    ("2. JOHDANTO Tämä ohjelma ..."), not an abbreviation."""
    words = text.split()
    caps = 0
    while caps < len(words) and _is_caps_word(words[caps]):
        caps += 1
    rest = words[caps:]
    one_word = numbered and caps == 1 and sum(ch.isalpha() for ch in words[0]) >= MIN_ONE_WORD_HEADING_LETTERS
    if (caps < MIN_CAPS_CHAPTER_WORDS and not one_word) or len(rest) < MIN_RUN_ON_WORDS:
        return None
    if not _is_mixed_word(rest[0]):
        return None
    if sum(_is_mixed_word(word) or word.islower() for word in rest) * 2 < len(rest):
        return None  # more capitals: a heading over several lines, not a paragraph
    return " ".join(words[:caps]), " ".join(rest)


def _is_mixed_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and letters[0].isupper() and any(ch.islower() for ch in letters[1:])


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
        elif style and not contents and (run_on := split_caps_head(part, numbered=True)) is not None:
            out.append((run_on[0], style, False))
            out.append((run_on[1], None, True))
        elif style:
            out.append((part, style, contents))
        else:
            names = contents and any(lexicon.names_contents(word) for word in lexicon.words(part))
            out.append((part, None, names))
    return out
