"""Tables whose header cells were flattened one to a line, as web pages print them:

    Tuotos
    Aikataulu
    Tila
    Keskustaliikenteen yleissuunnitelma 2021 käynnissä
    Pysäköinnin periaatteet
    2021 käynnissä, käyttöönotto 2022

Two or more short header lines, one of them naming a schedule, then rows: each row runs until
its year (the schedule cell starts with one); text before it (on the same line or the lines
above) is the row's first cell, text after it its last.
"""

from __future__ import annotations

import re

from seuranta.core.parsing import lexicon

_YEAR_CELL_RE = re.compile(r"^(?P<name>.*?)\s*\b(?P<year>(?:19|20)\d\d)\b(?P<rest>.*)$")
MAX_HEADER_CELL_WORDS = 3
MIN_HEADER_CELLS = 2
MAX_ROW_CELLS = 3


def _header_cell(text: str | None) -> bool:
    return (
        text is not None
        and 0 < len(text.split()) <= MAX_HEADER_CELL_WORDS
        and not any(ch.isdigit() for ch in text)
        and not text.rstrip().endswith((".", ":", ",", ";"))
    )


def header_table_at(texts: list[str | None], start: int) -> tuple[list[list[str]], int] | None:
    """The table whose header starts at `texts[start]` and the index after its last row; None
    when no such table starts there. `texts` holds each line's raw text ("" for a blank line,
    None for what is not a plain line)."""
    header: list[str] = []
    at = start
    while at < len(texts) and (_header_cell(texts[at]) or (texts[at] == "" and header)):
        if texts[at]:
            header.append((texts[at] or "").strip())
        at += 1
    roles = [entry.role if (entry := lexicon.label_role(cell)) else None for cell in header]
    if len(header) < MIN_HEADER_CELLS or roles[1] != "schedule" or roles[0] is not None:
        return None  # the first cell names the rows, the second their schedule
    # A row is its name, its year and what follows; lines after those cells open the first row.
    width = min(len(header), MAX_ROW_CELLS)
    header, pending = header[:width], header[width:]
    rows: list[list[str]] = []
    end = at
    while at < len(texts) and texts[at] is not None:
        text = (texts[at] or "").strip()
        at += 1
        if not text:
            continue
        match = _YEAR_CELL_RE.match(text)
        if match is None:
            pending.append(text)
            continue
        name = " ".join([*pending, match["name"]]).strip()
        pending = []
        if not name:
            break
        cells = [name, match["year"], match["rest"].strip(" ,")]
        rows.append(
            (cells + [""] * width)[:width] if width > 2 else [name, f"{match['year']}{match['rest']}"]
        )
        end = at
    if len(rows) < MIN_HEADER_CELLS:
        return None
    return [header, *rows], end
