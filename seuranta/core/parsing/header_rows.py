"""A table's header row flattened into one line of text, and the first cell under it.

Web pages and PDF extraction print a table's header cells side by side on one line:
"Tavoitteet Toimenpiteet: ... Aktiivinen vastuutaho Arviointimittarit". Read as text, the
header's first word looks like a level heading and the rest like its title. Read as what it
is, it is a header row: capitalised vocabulary words in a row, a level first and a field among
them, with no sentence end. The row becomes a one-row table (its cells split where a capitalised
word starts a column), and the paragraph right under it is the first column's first cell: a
node of the level the first header names.

    mark_header_rows(lines)   the lines with each flattened header row read as such
"""

from __future__ import annotations

import re
from dataclasses import replace

from seuranta.core.parsing import lexicon
from seuranta.core.parsing.outline import Line

MIN_HEADER_WORDS = 3  # capitalised vocabulary words that make a row of column headers
_GLUED_RE = re.compile(r"[A-ZÅÄÖ][a-zåäö]+")
_GLUED_CODE_RE = re.compile(r"^\d{1,4}(?=[A-ZÅÄÖ])")  # "147Toimenpideohjelman arviointi": its number
_CELL_START_RE = re.compile(r"(?<=[^\s:])\s+(?=[A-ZÅÄÖ])")


def _group_text(group: list[Line]) -> str:
    """The paragraph the lines of one source were split from, a level word put back in front
    of the part it named."""
    parts = []
    for line in group:
        named = line.level is not None and (line.style or "").startswith("lex:")
        parts.append(
            f"{line.level.level}: {line.text}" if named and line.level else line.text or line.label or ""
        )
    return " ".join(part for part in parts if part)


def _unglued(text: str) -> str | None:
    """A header whose cells lost even their spaces ("ToimenpideEteneminenVaikutus"): its words."""
    parts = _GLUED_RE.findall(text)
    return " ".join(parts) if " " not in text and len(parts) > 1 and "".join(parts) == text else None


def _header_levels(text: str, glued: bool = False) -> list[lexicon.Entry] | None:
    """The levels a flattened header row names, in order; None when the text is no such row.
    Glued cells are evidence of a row themselves: two vocabulary words suffice then."""
    if text.rstrip().endswith((".", "!", "?")):
        return None
    found = [
        entry
        for word in lexicon.words(text)
        if word[:1].isupper() and (entry := lexicon.lookup(word)) is not None and entry.role in lexicon.ROLES
    ]
    first = lexicon.words(text)[:1]
    if len(found) < MIN_HEADER_WORDS - glued or not first or lexicon.level_entry(first[0]) is None:
        return None
    if all(entry.role == "level" for entry in found):
        return None  # a run of level names is a heading ("Tavoitteet Toimenpiteet"), not a table
    return [entry for entry in found if entry.role == "level"]


def mark_header_rows(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and lines[j].kind != "blank" and lines[j].source == lines[i].source:
            j += 1
        group = lines[i:j]
        text = _group_text(group) if group[0].kind in ("text", "item", "label") else ""
        glued = _unglued(text)
        levels = _header_levels(glued or text, glued is not None) if text else None
        if not levels:
            out.extend(group)
            i = j
            continue
        cells = [cell.strip(" :") for cell in _CELL_START_RE.split(glued or text) if cell.strip(" :")]
        out.append(Line("table", text, group[0].source, rows=[cells]))
        k = next((n for n in range(j, len(lines)) if lines[n].kind != "blank"), None)
        if k is not None and lines[k].kind == "text":  # the first cell under the header
            out.extend(lines[j:k])
            title = _GLUED_CODE_RE.sub("", lines[k].text)
            out.append(replace(lines[k], kind="item", style="cell", text=title, level=levels[0]))
            row = _row_cells(lines, k + 1, cells)
            out.extend(row)
            j = k + 1 + len(row)
        i = j
    return out


def _row_cells(lines: list[Line], start: int, header: list[str]) -> list[Line]:
    """The rest of the first row, one cell a line as a page flattens it: each cell a labelled line
    under its column's header, up to the first blank line."""
    out = []
    for n, cell in zip(range(start, start + len(header) - 1), header[1:], strict=False):
        if n >= len(lines) or lines[n].kind != "text":
            break
        out.append(replace(lines[n], kind="label", label=cell, value=lines[n].text))
    return out
