"""Tables whose header names roles: one row per indicator or per node.

A header cell's role comes from the lexicon ("Mittari", "Lähtötaso 2023",
"Tavoite 2026", "Vastuutaho"); a cell that is only a year ("2024") is a column of
values for that year. A level word names a column of node titles ("Toimenpide");
rows repeating a title (merged cells spread by the reader) belong to one node.
A table whose header names no role is kept as text in the node's description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seuranta.core.measures import parse_unit
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
    if header_at is None:
        text = " ".join(" | ".join(cell for cell in row if cell) for row in rows)
        node.description = f"{node.description} {text}" if node.description else text
        return
    cols = columns(rows[header_at], profile)
    level_col = next((c for c in cols if c.role == "level"), None)
    for row in rows[header_at + 1 :]:
        owner = node
        if level_col is not None and level_col.index < len(row) and row[level_col.index]:
            owner = _child(node, row[level_col.index], level_col.level or "")
        _read_row(owner, cols, row)


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
