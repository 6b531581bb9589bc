"""Headings that only name a level: "Mål" or "Strategiset tavoitteet" over the headings of its
kind (they are nodes of that level, it is none itself), and "Tavoitteet ja toimenpiteet" over a
list of goals with their actions (a chapter of the plan, not a node of it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seuranta.core.parsing import lexicon

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Section

MAX_LEVEL_HEADING_WORDS = 2


def _level_heading(section: Section) -> lexicon.Entry | None:
    """A heading that is only a level's name ("Mål", "Strategiset tavoitteet") with nothing below it."""
    found = lexicon.words(section.title)
    if section.children or not found or len(found) > MAX_LEVEL_HEADING_WORDS:
        return None
    entry = lexicon.lookup(found[-1])
    return entry if entry is not None and entry.role == "level" else None


_CONJUNCTIONS = ("ja", "sekä", "och", "samt")


def _levels_heading(section: Section) -> list[lexicon.Entry]:
    """The levels a chapter heading made only of level names joined by "ja" names
    ("Tavoitteet ja toimenpiteet"), when it holds a list; empty for other headings."""
    found = lexicon.words(section.title)
    if not section.children or len(found) != 3 or found[1].lower() not in _CONJUNCTIONS:
        return []
    entries = [lexicon.lookup(word) for word in (found[0], found[2])]
    levels = [entry for entry in entries if entry is not None and entry.role == "level"]
    return levels if len(levels) == 2 else []


def name_by_level_headings(parent: Section) -> None:
    """A heading that only names a level ("Mål") introduces the headings of its kind after it:
    they are nodes of that level, and it is none itself."""
    for child in parent.children:
        name_by_level_headings(child)
    out: list[Section] = []
    naming: tuple[lexicon.Entry, str] | None = None
    for child in parent.children:
        entry = (
            _level_heading(child)
            if child.style in ("short", "caps") or child.style.startswith(("h", "type"))
            else None
        )
        if entry is not None:
            naming = (entry, child.style)
            parent.body.extend(child.body)
            continue
        named = _levels_heading(child)
        if named:  # "Tavoitteet ja toimenpiteet" over the goals and their actions: a chapter
            parent.body.extend(child.body)
            for item in child.children:
                item.level = item.level or named[0]
            out.extend(child.children)
            naming = None
            continue
        if naming is not None and child.style == naming[1]:
            child.level = child.level or naming[0]
        else:
            naming = None
        out.append(child)
    parent.children = out
