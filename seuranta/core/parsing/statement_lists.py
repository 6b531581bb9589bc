"""Lists of goal statements under a measure label: "Tavoitetilat:" over bulleted sentences.

A label such as "Mittarit:" opens a list of values (each item an indicator). A label whose
role is a measure (a target, baseline or actual state) needs an indicator to belong to; when
the items under it are whole sentences rather than values ("Liikkuminen on vähäpäästöistä.")
and no indicator is at hand, the list states the goals themselves: each item is a node, its
level named by the label ("Tavoitetila").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from seuranta.core.parsing import lexicon

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Line

MEASURE_ROLES = ("target", "baseline", "actual")
MIN_SENTENCE_WORDS = 5


def _is_statement(text: str) -> bool:
    """A whole sentence: capitalised, several words, ending in a full stop, mostly not numbers."""
    words = text.split()
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    return (
        len(words) >= MIN_SENTENCE_WORDS
        and text[:1].isupper()
        and text.rstrip().endswith(".")
        and digits * 4 < letters
    )


def statement_label(line: Line) -> lexicon.Entry | None:
    """The measure entry of a label without a value, or None."""
    if line.kind != "label" or line.value:
        return None
    entry = lexicon.label_role(line.label or "")
    return entry if entry is not None and entry.role in MEASURE_ROLES else None


def statement_lists(lines: list[Line]) -> dict[int, str]:
    """For each measure label (by position in `lines`) whose bulleted list holds only sentences,
    the level name its items take: the label's term, capitalised."""
    out: dict[int, str] = {}
    for at, line in enumerate(lines):
        entry = statement_label(line)
        if entry is None:
            continue
        items: list[str] = []
        for after in lines[at + 1 :]:
            if after.kind == "blank" and not items:
                continue
            if after.kind != "item" or not after.bullet:
                break
            items.append(after.text)
        if items and all(_is_statement(text) for text in items):
            out[at] = entry.term[:1].upper() + entry.term[1:]
    return out


def statement_level(name: str, line: Line) -> lexicon.Entry:
    """The level entry a statement list's label gives its items."""
    entry = lexicon.label_role(line.label or "")
    language = entry.language if entry is not None else "fi"
    return lexicon.Entry(term=name.lower(), role="level", language=language, forms=(), level=name)


def mark_statement_labels(lines: list[Line]) -> list[Line]:
    """`lines` with each statement list's label carrying the level its items take."""
    statements = statement_lists(lines)
    return [
        replace(line, level=statement_level(statements[at], line)) if at in statements else line
        for at, line in enumerate(lines)
    ]


def names_its_list(body: list[Line]) -> bool:
    """Whether a statement list's label in `body` names the list: the heading over it is no caption."""
    return any(line.kind == "label" and line.level is not None for line in body)
