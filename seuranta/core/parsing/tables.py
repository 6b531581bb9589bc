"""Tables whose header names roles: one row per indicator or per node.

A header cell's role comes from the lexicon ("Mittari", "Lähtötaso 2023",
"Tavoite 2026", "Vastuutaho"); a cell that is only a year ("2024") is a column of
values for that year. A level word names a column of node titles ("Toimenpide");
rows repeating a title (merged cells spread by the reader) belong to one node.
A table whose header names no role but whose rows are a name followed by numbers (a key-figure
table) gives one indicator per row, its values labelled by their column's header; other tables
are kept as text in the node's description.

Tables flattened to text lines ("Toimintakate   -20 475 652 52,7   3,6", one row a line, the
header above) are found by `text_table_at`: at least three lines in a row that are a name and
the same number of values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from seuranta.core.measures import parse_measure, parse_unit
from seuranta.core.model import Indicator, Node
from seuranta.core.parsing.fields import set_field
from seuranta.core.parsing.profile import Profile, resolve_label
from seuranta.core.parsing.text import fold_whitespace, same_title

_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
_YEAR_ONLY_RE = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
MEASURE_ROLES = ("baseline", "target", "actual", "year")


@dataclass(frozen=True)
class Column:
    index: int
    role: str  # a lexicon role, or "year" for a column of one year's values
    period: str | None = None
    level: str | None = None


def columns(header: list[str], profile: Profile | None = None) -> list[Column]:
    found = []
    for index, cell in enumerate(header):
        year = _YEAR_RE.search(cell)
        if _YEAR_ONLY_RE.match(cell):
            found.append(Column(index, "year", year.group(1) if year else None))
            continue
        decision = resolve_label(cell, profile)
        if decision is None or decision.role == "ignore":
            continue
        role = decision.role
        if role == "level" and year and not decision.rule.startswith("profile:"):
            role = "target"  # "Tavoite 2026" heads a column of targets
        found.append(Column(index, role, year.group(1) if year else None, decision.level))
    return found


def read_table(node: Node, rows: list[list[str]], profile: Profile | None = None) -> None:
    """Add the table's rows to `node`: indicators, or child nodes when a column names a level."""
    header_at = next((i for i, row in enumerate(rows[:3]) if columns(row, profile)), None)
    if header_at is not None and header_at + 1 < len(rows):
        merged = merged_header(rows[header_at], rows[header_at + 1])
        if merged is not None:  # a header over two rows ("Tavoite" spanning "2024", "2025")
            rows = [*rows[:header_at], merged, *rows[header_at + 2 :]]
    if header_at is None and _is_key_figure_table(rows):
        _read_key_figures(node, rows)
        return
    if header_at is None:
        text = " ".join(" | ".join(cell for cell in row if cell) for row in rows)
        node.description = f"{node.description} {text}" if node.description else text
        return
    cols = columns(rows[header_at], profile)
    level_col = next((c for c in cols if c.role == "level"), None)
    if level_col is None and not any(c.role in (*MEASURE_ROLES, "indicator") for c in cols) and cols[0].index:
        # Rows of items (a schedule, a state) under an unnamed first column: one node each,
        # of the level the column's header names ("Tuotos").
        head = fold_whitespace(rows[header_at][0])
        level_col = Column(0, "level", level=head[:1].upper() + head[1:])
        cols = [level_col, *cols]
    for row in rows[header_at + 1 :]:
        owner = node
        if level_col is not None and level_col.index < len(row) and row[level_col.index]:
            owner = _child(node, row[level_col.index], level_col.level or "")
        _read_row(owner, cols, row)


MAX_SUBHEADER_WORDS = 3


def merged_header(top: list[str], below: list[str]) -> list[str] | None:
    """One header from a header printed over two rows, as a cell spanning columns leaves it
    (the reader spreads the spanning cell's text over the columns it covers, a cell spanning
    rows over the rows): "Tavoite | Tavoite" over "2024 | 2025" is "Tavoite 2024 | Tavoite 2025".
    None when the row below is not such a second header row: a cell spanning columns must head
    it, and its cells are short labels or years, or copies of the cells above."""
    if len(below) != len(top) or (below[0] and below[0] != top[0]):
        return None
    spread = [
        i
        for i, cell in enumerate(below)
        if cell
        and cell != top[i]
        and ((i > 0 and top[i - 1] == top[i]) or (i + 1 < len(top) and top[i + 1] == top[i]))
    ]
    short = all(
        not cell or cell == top[i] or _YEAR_ONLY_RE.match(cell) or len(cell.split()) <= MAX_SUBHEADER_WORDS
        for i, cell in enumerate(below)
    )
    if not spread or not short:
        return None
    return [top[i] if below[i] in ("", top[i]) else f"{top[i]} {below[i]}" for i in range(len(top))]


def _child(node: Node, title: str, level: str) -> Node:
    title = fold_whitespace(title)
    for child in node.children:
        if same_title(child.title, title):
            return child
    child = Node(level=level, title=title)
    node.children.append(child)
    return child


def _read_row(owner: Node, cols: list[Column], row: list[str]) -> None:
    cells = {c.index: fold_whitespace(row[c.index]) for c in cols if c.index < len(row)}
    name_col = next((c for c in cols if c.role == "indicator"), None)
    measured = any(c.role in MEASURE_ROLES and cells.get(c.index) for c in cols)
    indicator = None
    unnamed_first = all(c.index > 0 and c.role != "level" for c in cols)
    if name_col is None and unnamed_first and any(ch.isalpha() for ch in row[0]):
        cells[0] = fold_whitespace(row[0])  # an unnamed first column names what the row measures
        name_col = Column(0, "indicator")
    if name_col is not None and cells.get(name_col.index):
        name = cells[name_col.index]
        indicator = Indicator(name=name, unit=parse_unit(name))
    elif measured:
        indicator = Indicator(name=owner.title)
    for col in cols:
        if col.role in ("indicator", "level"):
            continue
        if col.role in MEASURE_ROLES or col.role == "source":
            if indicator is not None:
                set_field(
                    owner,
                    "actual" if col.role == "year" else col.role,
                    cells.get(col.index, ""),
                    col.period,
                    indicator,
                )
        else:
            set_field(owner, col.role, cells.get(col.index, ""), col.period)
    if indicator is not None:
        owner.indicators.append(indicator)


_NUMBER_RE = re.compile(r"^[-+\u2212]?\d+(?:[,.]\d+)?%?$")
_GROUP_RE = re.compile(r"^[-+\u2212]?\d{1,3}(?: \d{3})*$")
_THOUSANDS_RE = re.compile(r"^\d{3}$")
_COLUMN_GAP_RE = re.compile(r"\s{2,}")
_YEAR_TAG_RE = re.compile(r"^\((?:19|20)\d\d\)[,;]?$")  # "67,1 (2021)": the value's year
MIN_TEXT_ROWS = 3
MAX_HEADER_WORDS = 12


def split_values(text: str) -> tuple[str, list[str]] | None:
    """A text-table row as (name, values): "Vuosikate   717 713 57,1  -17,8" -> ("Vuosikate",
    ["717 713", "57,1", "-17,8"]). Groups of three digits after a short number are its
    thousands; None when the line does not end in numbers or has no name before them."""
    tokens = text.split()
    at = len(tokens)
    while at > 0 and (_NUMBER_RE.match(tokens[at - 1]) or _is_suffix(tokens, at - 1)):
        at -= 1
    name, numbers = " ".join(tokens[:at]), tokens[at:]
    if not numbers or not any(ch.isalpha() for ch in name) or name.endswith((".", ",", ":")):
        return None
    values: list[str] = []
    for token in numbers:
        suffix = token in ("%", "€") or _YEAR_TAG_RE.match(token)
        if values and (suffix or (_THOUSANDS_RE.match(token) and _GROUP_RE.match(values[-1]))):
            values[-1] += " " + token
        else:
            values.append(token)
    return name, values


def _is_suffix(tokens: list[str], at: int) -> bool:
    """A unit or a year tag after a number: "52,7 %", "67,1 (2021)"."""
    return (
        (tokens[at] in ("%", "€") or bool(_YEAR_TAG_RE.match(tokens[at])))
        and at > 0
        and bool(_NUMBER_RE.match(tokens[at - 1]) or _YEAR_TAG_RE.match(tokens[at - 1]))
    )


def _header_cells(text: str, count: int) -> list[str]:
    """The header of `count` value columns: by wide gaps, by words, or the first words one a
    column and the rest the last column's."""
    for cells in (_COLUMN_GAP_RE.split(text.strip()), text.split()):
        if len(cells) == count:
            return cells
    words = text.split()
    if len(words) < count:
        return []
    return [*words[: count - 1], " ".join(words[count - 1 :])]


def text_table_at(texts: list[str | None], start: int) -> tuple[list[list[str]], int] | None:
    """The table flattened to text lines that starts at `texts[start]`, with its header when
    that line names the value columns, and the index after it; None when none starts there.
    `texts` holds each line's raw text (None for what is not a plain line)."""
    first = texts[start]
    if first is None:
        return None
    header_text = first if split_values(first) is None else None
    at = start + 1 if header_text is not None else start
    wanted = _year_header_count(header_text)
    rows: list[tuple[str, list[str]]] = []
    while at < len(texts) and (text := texts[at]) is not None and (row := split_values(text)) is not None:
        if wanted and len(row[1]) != wanted:
            # "332 337 338" under three years is three values, not one number in thousands
            values = _regroup(" ".join(row[1]).split(), wanted)
            if values is None:
                break
            row = (row[0], values)
        if rows and len(row[1]) != len(rows[0][1]):
            break
        rows.append(row)
        at += 1
    enough = MIN_TEXT_ROWS if not wanted else MIN_SERIES_ROWS  # a header of years is evidence too
    if len(rows) < enough and not (len(rows) == 1 and _is_year_series(rows[0][1])):
        return None
    grid = [[name, *values] for name, values in rows]
    if header_text is None:
        return grid, at
    cells = _header_cells(header_text, len(rows[0][1]))
    if not cells or len(header_text.split()) > MAX_HEADER_WORDS or header_text.rstrip().endswith((".", ":")):
        return None
    return [["", *cells], *grid], at


def _year_header_count(text: str | None) -> int:
    """How many year columns a header line of years only names ("2014 2015 2016"), or 0."""
    tokens = (text or "").split()
    years = _year_run(tokens)
    return len(tokens) if years is not None and years == (0, len(tokens)) else 0


def _is_key_figure_table(rows: list[list[str]]) -> bool:
    body = [row for row in rows if any(_is_number(cell) for cell in row[1:])]
    enough = len(body) >= 2 or (len(body) == 1 and _is_year_series([c for c in body[0][1:] if c]))
    return enough and all(any(ch.isalpha() for ch in row[0]) for row in body)


def _is_number(cell: str) -> bool:
    return bool(cell) and parse_measure(cell).value is not None and not any(ch.isalpha() for ch in cell)


def _read_key_figures(node: Node, rows: list[list[str]]) -> None:
    """One indicator per row named by its first cell; each value an actual, labelled by its
    column's header (a year in the header is its period)."""
    header = rows[0] if not any(_is_number(cell) for cell in rows[0][1:]) else []
    for row in rows[1 if header else 0 :]:
        if not any(_is_number(cell) for cell in row[1:]):
            continue
        indicator = Indicator(name=fold_whitespace(row[0]), unit=parse_unit(row[0]))
        for index, cell in enumerate(row[1:], start=1):
            if not cell:
                continue
            label = header[index] if index < len(header) else ""
            year = _YEAR_RE.search(label)
            measure = parse_measure(cell, period=year.group(1) if year else None)
            if label and not _YEAR_ONLY_RE.match(label):
                measure.label = label
            indicator.actuals.append(measure)
        node.indicators.append(indicator)


def _is_year_series(values: list[str]) -> bool:
    """ "67,1 (2021) 70,4 (2022)": values each tagged with its year, two at least."""
    return len(values) >= 2 and all(value.endswith(")") for value in values)


MIN_SERIES_YEARS = 3
MAX_REGROUP_TOKENS = 60
_FOOTNOTE_RE = re.compile(r"^(?:[a-z]|\*+)\)$")
_MONTH_YEAR_RE = re.compile(r"^\d{1,2}/(?:19|20)\d\d$")
MIN_SERIES_ROWS = 2


def year_series_table(text: str) -> tuple[str, list[list[str]]] | None:
    """A table flattened into one line under a run of years ("Indikaattori 2012 2013 2014
    Yritysten lkm 11 751 12 284 ... Uusien yritysten määrä 1 704 1 606 ..."): the text before
    the years, and the grid (a header of years, then one row per name followed by its values)."""
    tokens = text.split()
    years = _year_run(tokens)
    if years is None:
        return None
    start, count = years
    rows: list[list[str]] = []
    name: list[str] = []
    numbers: list[str] = []
    for token in [*tokens[start + count :], "."]:
        if _FOOTNOTE_RE.match(token):
            continue  # "109 065 a)": a footnote mark
        if _NUMBER_RE.match(token) or _MONTH_YEAR_RE.match(token) or (numbers and _THOUSANDS_RE.match(token)):
            numbers.append(token)
            continue
        if numbers:
            split = split_values(" ".join([*name, *numbers]))
            if split is not None and len(split[1]) >= 2 and sum(ch.isalpha() for ch in split[0]) >= 3:
                series = max(1, len(split[0].split(" - ")) - 1)
                values = _regroup(numbers, count * series) if _overjoined(split[1], count * series) else None
                rows.append(_series_row(split[0], values or split[1], count))
            name, numbers = [], []
        name.append(token)
    if len(rows) < MIN_SERIES_ROWS:
        return None
    return " ".join(tokens[:start]), [["", *tokens[start : start + count]], *rows]


def _overjoined(values: list[str], wanted: int) -> bool:
    """Fewer values than wanted, some far longer than others: thousands groups were joined to
    the wrong number ("37 247 107 587" is "37 247" and "107 587")."""
    groups = [len(value.split()) for value in values]
    return len(values) < wanted and max(groups) > min(groups) + 1


def _regroup(tokens: list[str], wanted: int) -> list[str] | None:
    """The tokens as exactly `wanted` numbers, thousands groups spread as evenly as they can be
    ("107 992 37 247 107 587" is three numbers when three are wanted), or None."""
    if len(tokens) > MAX_REGROUP_TOKENS or any(
        not (_NUMBER_RE.match(t) or _THOUSANDS_RE.match(t)) for t in tokens
    ):
        return None

    @cache
    def best(at: int, left: int) -> tuple[int, tuple[int, ...]] | None:
        if at == len(tokens):
            return (0, ()) if left == 0 else None
        if left == 0:
            return None
        found = None
        for end in range(at + 1, len(tokens) + 1):
            if end > at + 1 and not (_GROUP_RE.match(" ".join(tokens[at:end]))):
                break
            rest = best(end, left - 1)
            if rest is not None:
                candidate = (max(rest[0], end - at), (end, *rest[1]))
                found = candidate if found is None or candidate[0] < found[0] else found
        return found

    result = best(0, wanted)
    if result is None:
        return None
    ends, start, out = result[1], 0, []
    for end in ends:
        out.append(" ".join(tokens[start:end]))
        start = end
    return out


def _series_row(name: str, values: list[str], years: int) -> list[str]:
    """One row of a year table: "Työpaikat - Koko kaupunki - Keskusta 107 992 37 247 108 001 36 764"
    names sub-series after dashes, their values year by year; each year's cell keeps them all."""
    parts = [part.strip() for part in name.split(" - ")]
    series = len(parts) - 1
    if series >= 2 and len(values) % series == 0 and len(values) // series <= years:
        cells = [" / ".join(values[i : i + series]) for i in range(0, len(values), series)]
        return [parts[0], *(cells + [""] * years)[:years]]
    return [parts[0] if series >= 2 else name, *(values + [""] * years)[:years]]


def _year_run(tokens: list[str]) -> tuple[int, int] | None:
    for start, token in enumerate(tokens):
        if not _YEAR_ONLY_RE.match(token):
            continue
        count = 1
        step = 1 if start + 1 < len(tokens) and tokens[start + 1] != str(int(token) - 1) else -1
        while (
            start + count < len(tokens)
            and _YEAR_ONLY_RE.match(tokens[start + count])
            and int(tokens[start + count]) == int(token) + step * count  # newest first, too
        ):
            count += 1
        if count >= MIN_SERIES_YEARS:
            return start, count
    return None
