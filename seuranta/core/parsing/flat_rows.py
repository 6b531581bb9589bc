"""A goal table whose cells were flattened into running text, as a follow-up report converted
page by page prints it:

    NÄKÖ- KULMA STRATEGINEN TAVOITE TOIMENPITEET (keinot ...) 2017 2019 MITTARI TOTEUMA 31.12.2018
    Asukkaat ja hyvinvointi 1. Väestön määrä kasvaa ... kyliin Kaavoituskatsaus Kuntamarkkinointi ...
    2. Vahvistetaan kuntalaisten hyvinvoinnin edellytyksiä ... kunnassa Kunnan hyvinvointijohtaminen ...

The header is a run of column names the lexicon knows (a level first, then fields such as the
indicator and the actual), with at most one other word before each (its modifier), and years,
dates and remarks in brackets between them. After it, the rows are numbered; the text before a
row's number is the first column's group ("Asukkaat ja hyvinvointi"); a row's first cell ends
where a capitalised word follows a lower-case one with no punctuation between (where the next
cell begins: cells are separate, sentences of one cell are not run together so); the other
cells cannot be told apart and are kept as the row's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seuranta.core.parsing import lexicon

_SKIPPED_RE = re.compile(r"^(?:\(.*|.*\)|[\d.\-–/]+)$")  # years, dates, "(keinot ja ...)"
_ROW_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=[A-ZÅÄÖ])")
MIN_COLUMNS = 3
MAX_COLUMN_WORDS = 3
MAX_GROUP_WORDS = 6
MAX_CELL_WORDS = 30


@dataclass(frozen=True)
class Header:
    start: int  # where the header starts in the text
    end: int  # and where it ends
    group: lexicon.Entry  # the first column's level
    row: lexicon.Entry | None  # the level of the rows' first cell (the second column), if a level


def column_header(text: str) -> Header | None:
    """The run of column names in `text` that heads a flattened goal table, or None. A column
    name starts with a capital and goes on in lower case ("Strateginen tavoite"), one of its
    words a column word of the lexicon; no punctuation comes between the names."""
    tokens = _join_hyphenated([(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)])
    columns: list[tuple[int, int, lexicon.Entry | None]] = []  # start, end, what it names
    best: list[tuple[int, int, lexicon.Entry | None]] = []
    bracket = False
    for start, end, word in tokens:
        if bracket or word.startswith("(") or _SKIPPED_RE.match(word):
            bracket = (bracket or word.startswith("(")) and not word.endswith(")")
            continue  # "(keinot ja kärkihankkeet)", "2017-2019": remarks and years between names
        entry = lexicon.lookup(word.strip("()"))
        named = entry if entry is not None and entry.role in (*lexicon.ROLES, "level") else None
        if word[:1].isupper() and not word.rstrip(".,:;").endswith(tuple(".,:;")) and word[-1:] not in ".,:;":
            columns.append((start, end, named))
        elif (
            word[:1].islower()
            and columns
            and word[-1:] not in ".,:;"
            and len(text[columns[-1][0] : end].split()) <= MAX_COLUMN_WORDS
        ):
            last = columns[-1]
            columns[-1] = (last[0], end, last[2] or named)  # "Strateginen tavoite"
        else:
            columns = []
            continue
        names = _name_run(columns)
        if len(names) > len(best):
            best = names
    found = [entry for _, _, entry in best if entry is not None]
    while found and any(entry.term == found[0].term for entry in found[1:]):
        found, best = found[1:], best[1:]  # a heading naming a level ran into the header
    if not _is_header(found):
        return None
    levels = [entry for entry in found if entry.role == "level"]
    second = levels[1] if len(levels) > 1 else None
    return Header(best[0][0], best[-1][1], levels[0], second)


def _name_run(
    columns: list[tuple[int, int, lexicon.Entry | None]],
) -> list[tuple[int, int, lexicon.Entry | None]]:
    """The column names at the end of `columns`: the longest run of columns that name a role."""
    run: list[tuple[int, int, lexicon.Entry | None]] = []
    for column in reversed(columns):
        if column[2] is None and not (run and run[0][2] is not None):
            break  # one word in capitals may qualify the name after it ("STRATEGINEN TAVOITE")
        run.insert(0, column)
    while run and run[0][2] is None:
        run = run[1:]
    return run


def _is_header(found: list[lexicon.Entry]) -> bool:
    return (
        len(found) >= MIN_COLUMNS
        and found[0].role == "level"
        and any(entry.role != "level" for entry in found)
    )


def _join_hyphenated(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "NÄKÖ- KULMA": a column name hyphenated in a narrow cell is one word."""
    out: list[tuple[int, int, str]] = []
    for token in tokens:
        if out and out[-1][2].endswith("-") and out[-1][2][:-1].isalpha() and token[2].isalpha():
            first = out.pop()
            out.append((first[0], token[1], first[2][:-1] + token[2].lower()))
        else:
            out.append(token)
    return out


def starts_row(text: str) -> bool:
    return _ROW_RE.match(text.strip()) is not None


def split_rows(text: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The group before the first numbered row (or None) and each row as (first cell, rest)."""
    markers = list(_ROW_RE.finditer(text))
    if not markers:
        return None, []
    group_words = text[: markers[0].start()].split()
    while group_words and _SKIPPED_RE.match(group_words[0]):
        group_words = group_words[1:]  # the header's last date ("TOTEUMA 31.12.2018")
    group = " ".join(group_words) if 0 < len(group_words) <= MAX_GROUP_WORDS else None
    rows = []
    for i, marker in enumerate(markers):
        row = text[marker.end() : markers[i + 1].start() if i + 1 < len(markers) else len(text)].strip()
        rows.append(first_cell(row))
    return group, rows


def first_cell(row: str) -> tuple[str, str]:
    """A flattened row's first cell and the rest: the cell ends before a capitalised word that
    follows a lower-case word with no punctuation between them."""
    words = row.split()
    for i in range(1, min(len(words), MAX_CELL_WORDS)):
        previous, word = words[i - 1], words[i]
        if word[:1].isupper() and previous[-1:].islower() and not previous.endswith("-"):
            return " ".join(words[:i]), " ".join(words[i:])
    return row, ""
