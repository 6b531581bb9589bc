"""The spreadsheet family: plans kept in the Seuranta column template.

One row per indicator, or per node when a node has none. The leftmost columns
are the levels of the goal tree (`Taso 1`, `Taso 2`... or named levels such as
`Painopiste | Tavoite | Toimenpide`); the other columns are recognised by their
header (docs/xlsx-template.md), tolerant of case, spacing and punctuation and of
Swedish and English synonyms. The same level text on many rows is one node; an
empty level cell continues the node of the row above. A row without any level
text adds its indicator (or milestone, progress...) to the previous row's node,
and a row that repeats an indicator's name adds its targets and actuals to it.

A sheet named Tiedot (Uppgifter, Details) holds the plan's title, organization,
period and level names as label/value rows; sheets named Ohjeet (Anvisningar,
Instructions) are skipped, and the sheet named Esimerkki (Exempel, Example) is
read only when no other sheet has data.
"""

from __future__ import annotations

import re

from seuranta.core.measures import parse_levels, parse_measure, parse_unit
from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan, Progress
from seuranta.core.parsing.document import Document, ImportWarning, Paragraph, ParseResult, Table
from seuranta.core.parsing.families.spreadsheet_columns import (
    EXAMPLE_SHEETS,
    GUIDE_SHEETS,
    INDICATOR_FIELDS,
    INFO_KEYS,
    INFO_SHEETS,
    KIND_SYNONYMS,
    TARGET_KINDS,
    Layout,
    find_layout,
    header_key,
)

NAME = "spreadsheet"


def _sheets(doc: Document) -> list[tuple[str, Table]]:
    """(sheet name, table) pairs; a table without a heading before it gets an empty name."""
    out: list[tuple[str, Table]] = []
    name = ""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            name = block.text.strip()
        else:
            out.append((name, block))
            name = ""
    return out


def _plan_tables(doc: Document) -> list[tuple[Table, Layout]]:
    found = []
    for name, table in _sheets(doc):
        if header_key(name) in INFO_SHEETS | GUIDE_SHEETS:
            continue
        layout = find_layout(table.rows)
        if layout is not None:
            has_rows = any(any(cell.strip() for cell in row) for row in table.rows[layout.header_row + 1 :])
            found.append((header_key(name) in EXAMPLE_SHEETS, has_rows, table, layout))
    real = [f for f in found if not f[0] and f[1]]
    chosen = real or [f for f in found if f[1]] or found[:1]
    return [(table, layout) for _, _, table, layout in chosen]


def detect(doc: Document) -> float:
    if doc.source_format != "xlsx":  # tables in DOCX and PDF are the goal table family's
        return 0.0
    tables = _plan_tables(doc)
    if not tables:
        return 0.0
    _, layout = tables[0]
    if layout.levels and (layout.fields or layout.year_columns):
        return 0.95
    return 0.9 if layout.levels or len(layout.fields) >= 2 else 0.0


# -- parsing ---------------------------------------------------------------------------


def parse(doc: Document) -> ParseResult:
    info = _info(doc)
    plan = Plan(title=info.get("title"), organization=info.get("organization"), period=info.get("period"))
    warnings: list[ImportWarning] = []
    tables = _plan_tables(doc)
    if not tables:
        warnings.append(
            ImportWarning(
                "no_plan",
                "Taulukosta ei löytynyt otsikkoriviä, jossa olisi "
                "tasosarake ja esimerkiksi sarake ”Mittari”.",
            )
        )
        return ParseResult(plan=None, warnings=warnings)
    level_names = [n.strip() for n in re.split(r"[,;\n]", info.get("levels") or "") if n.strip()]
    for table, layout in tables:
        if not layout.levels:
            warnings.append(
                ImportWarning(
                    "missing_column",
                    "Taulukosta puuttuu tasosarake (esimerkiksi ”Taso 1” tai ”Painopiste”), "
                    "joten sen rivejä ei voitu lukea.",
                    field="level",
                )
            )
            continue
        for column in layout.unknown:
            warnings.append(
                ImportWarning(
                    "unknown_column",
                    f"Saraketta ”{column.header}” ei tunnistettu, joten sen tiedot ohitettiin.",
                    field=column.header,
                )
            )
        for column in layout.duplicates:
            warnings.append(
                ImportWarning(
                    "duplicate_column",
                    f"Sarake ”{column.header}” on taulukossa kahdesti; vain ensimmäinen luettiin.",
                    field=column.header,
                )
            )
        names = [
            column.level_name or (level_names[i] if i < len(level_names) else f"Taso {i + 1}")
            for i, column in enumerate(layout.levels)
        ]
        for name in names:
            if name not in plan.levels:
                plan.levels.append(name)
        _Rows(plan, layout, names, warnings).read(table.rows[layout.header_row + 1 :], layout.header_row + 2)
    if not plan.nodes:
        warnings.append(
            ImportWarning("no_plan", "Taulukon riveiltä ei löytynyt tavoitteita eikä toimenpiteitä.")
        )
        return ParseResult(plan=None, warnings=warnings)
    for node in plan.nodes:
        _common_unit(node)
    return ParseResult(plan=plan, warnings=warnings)


def _info(doc: Document) -> dict[str, str]:
    """Label/value rows of the Tiedot sheet: the value is the cell right after the label."""
    info: dict[str, str] = {}
    for name, table in _sheets(doc):
        if header_key(name) not in INFO_SHEETS:
            continue
        for row in table.rows:
            filled = [i for i, cell in enumerate(row) if cell.strip()]
            if not filled or filled[0] + 1 >= len(row):
                continue
            label, value = header_key(row[filled[0]]), " ".join(row[filled[0] + 1].split())
            for key, labels in INFO_KEYS.items():
                if value and label in labels and key not in info:
                    info[key] = value
    return info


def _fold(text: str) -> str:
    return " ".join(text.split())


class _Rows:
    """Reads data rows into the plan's tree; remembers the previous row's path."""

    def __init__(self, plan: Plan, layout: Layout, level_names: list[str], warnings: list[ImportWarning]):
        self.plan = plan
        self.layout = layout
        self.names = level_names
        self.warnings = warnings
        self.nodes: dict[tuple[tuple[int, str], ...], Node] = {}
        self.path: list[str | None] = []  # the previous row's title at each level
        self.current: Node | None = None

    def read(self, rows: list[list[str]], first_number: int) -> None:
        for number, row in enumerate(rows, start=first_number):
            if any(cell.strip() for cell in row):
                self._row(row, number)

    def cell(self, row: list[str], name: str) -> str:
        column = self.layout.fields.get(name)
        if column is None or column.index >= len(row):
            return ""
        return row[column.index].strip()

    def _row(self, row: list[str], number: int) -> None:
        cells = [_fold(row[c.index]) if c.index < len(row) else "" for c in self.layout.levels]
        deepest = max((i for i, text in enumerate(cells) if text), default=-1)
        if deepest >= 0:
            self.current = self._node(self._path(cells, deepest))
        if self.current is None:
            self.warnings.append(
                ImportWarning(
                    "missing_level",
                    f"Rivillä {number} ei ole tasoa, eikä sitä voitu liittää mihinkään; rivi ohitettiin.",
                )
            )
            return
        self._attributes(self.current, row, number)

    def _path(self, cells: list[str], deepest: int) -> list[tuple[str, int]]:
        """(title, level index) from the top down.

        An empty cell continues the previous row's branch at that level; where the
        row starts a branch of its own, an empty level is one the branch does not have.
        """
        path: list[tuple[str, int]] = []
        titles: list[str | None] = []
        same_branch = True
        for i in range(deepest + 1):
            title: str | None = cells[i]
            previous = self.path[i] if i < len(self.path) else None
            if title:
                same_branch = (
                    same_branch and previous is not None and header_key(title) == header_key(previous)
                )
            elif same_branch and i < len(self.path):
                title = previous
            else:
                title, same_branch = None, False
            titles.append(title)
            if title:
                path.append((title, i))
        self.path = titles
        return path

    def _node(self, path: list[tuple[str, int]]) -> Node:
        key: tuple[tuple[int, str], ...] = ()
        parent: Node | None = None
        node: Node | None = None
        for title, level in path:
            key = key + ((level, header_key(title)),)
            node = self.nodes.get(key)
            if node is None:
                node = Node(level=self.names[level], title=title)
                self.nodes[key] = node
                (parent.children if parent else self.plan.nodes).append(node)
            parent = node
        assert node is not None
        return node

    def _attributes(self, node: Node, row: list[str], number: int) -> None:
        unit = _fold(self.cell(row, "unit"))
        if unit and not node.unit:
            node.unit = unit
        description = self.cell(row, "description")
        if description and description != node.description:
            node.description = f"{node.description}\n{description}" if node.description else description
        for person in _split_people(self.cell(row, "responsible")):
            if person not in node.responsible:
                node.responsible.append(person)
        schedule = _fold(self.cell(row, "schedule"))
        if schedule and not node.schedule:
            node.schedule = schedule
        for line in self.cell(row, "milestones").split("\n"):
            milestone = _milestone(line)
            if milestone and all(m.title != milestone.title for m in node.milestones):
                node.milestones.append(milestone)
        progress = self.cell(row, "progress")
        if progress:
            period = _fold(self.cell(row, "progress_period") or self.cell(row, "actual_period")) or None
            if all(p.text != progress or p.period != period for p in node.progress):
                node.progress.append(Progress(text=progress, period=period))
        note = self.cell(row, "notes")
        if note:
            node.notes = node.notes or []
            if note not in node.notes:
                node.notes.append(note)
        self._indicator(node, row, number)

    def _indicator(self, node: Node, row: list[str], number: int) -> None:
        year_values = [(c, row[c.index].strip()) for c in self.layout.year_columns if c.index < len(row)]
        year_values = [(c, value) for c, value in year_values if value]
        if not any(self.cell(row, name) for name in INDICATOR_FIELDS) and not year_values:
            return
        name = _fold(self.cell(row, "indicator"))
        if not name:
            name = node.title
            self.warnings.append(
                ImportWarning(
                    "missing_indicator_name",
                    f"Rivillä {number} on mittarin tietoja mutta ei mittarin nimeä; "
                    "mittari nimettiin toimenpiteen mukaan.",
                    path=self._titles(node),
                    field="name",
                )
            )
        indicator = next((i for i in node.indicators if header_key(i.name) == header_key(name)), None)
        if indicator is None:
            indicator = Indicator(name=name)
            node.indicators.append(indicator)
        indicator.unit = indicator.unit or _fold(self.cell(row, "indicator_unit")) or None
        indicator.source = indicator.source or _fold(self.cell(row, "source")) or None
        baseline_text = self.cell(row, "baseline")
        if baseline_text and indicator.baseline is None:
            period = _fold(self.cell(row, "baseline_period")) or None
            series = _measures(baseline_text, period)
            indicator.baseline = series[0] if len(series) == 1 else _measure(baseline_text, period)
            if len(series) > 1:
                indicator.baseline_series = series
        indicator.targets.extend(self._targets(node, row, number, name))
        indicator.actuals.extend(self._measures(row, "actual", "actual_period"))
        for column, value in year_values:
            measures = _measures(value, column.period)
            if column.field == "baseline" and indicator.baseline is None and measures:
                indicator.baseline = measures[0]
            elif column.field == "target":
                indicator.targets.extend(measures)
            elif column.field == "actual":
                indicator.actuals.extend(measures)
        if indicator.unit is None:
            written = [m.text for m in [indicator.baseline, *indicator.targets, *indicator.actuals] if m]
            indicator.unit = next((u for u in map(_unit, written) if u), None)

    def _targets(self, node: Node, row: list[str], number: int, name: str) -> list[Measure]:
        """The row's targets, of the kind its target kind column names (a warning when unknown)."""
        targets = self._measures(row, "target", "target_period")
        kind = _fold(self.cell(row, "target_kind"))
        if kind:
            chosen = KIND_SYNONYMS.get(kind.casefold())
            if chosen is None:
                self.warnings.append(
                    ImportWarning(
                        "unknown_target_kind",
                        f"Rivin {number} tavoitteen tyyppiä ”{kind}” ei tunnistettu; "
                        f"sallitut ovat {', '.join(TARGET_KINDS)}.",
                        path=self._titles(node),
                        indicator=name,
                        field="targets",
                    )
                )
            for measure in targets:
                if chosen:
                    measure.kind = chosen
        return targets

    def _measures(self, row: list[str], name: str, period_name: str) -> list[Measure]:
        text = self.cell(row, name)
        if not text:
            return []
        return _measures(text, _fold(self.cell(row, period_name)) or None)

    def _titles(self, node: Node) -> tuple[str, ...]:
        for _node, ancestors in self.plan.walk():
            if _node is node:
                return tuple(a.title for a in ancestors) + (node.title,)
        return (node.title,)


def _measures(text: str, period: str | None) -> list[Measure]:
    """A level cell in the measure language; "2025: 5 %, 2026: 10 %" gives several measures."""
    text = _fold(text)
    try:
        return parse_levels(text, period=period) or [Measure(text=text, period=period)]
    except Exception:  # a cell the measure language cannot read is kept as written
        return [Measure(text=text, period=period)]


def _measure(text: str, period: str | None) -> Measure:
    try:
        return parse_measure(_fold(text), period=period)
    except Exception:  # kept as written
        return Measure(text=_fold(text), period=period)


def _unit(text: str) -> str | None:
    try:
        return parse_unit(text)
    except Exception:  # no unit then
        return None


def _split_people(text: str) -> list[str]:
    """Responsible parties, separated by semicolons, line breaks or commas (not "talous-, ...")."""
    parts = re.split(r"[;\n]|(?<!-),\s+", text)
    return [_fold(part) for part in parts if _fold(part)]


def _milestone(line: str) -> Milestone | None:
    """ "Osatavoite (kevät 2026)": the text in trailing parentheses is the due time."""
    title = _fold(line).lstrip("•-–* ").strip()
    if not title:
        return None
    due = re.search(
        r"\(([^()]*\d[^()]*|[^()]*(?:kevä|syks|kesä|talv|vuosi|jatkuva)[^()]*)\)\s*\.?$", title, re.I
    )
    return Milestone(title=title, due=due.group(1).strip() if due else None)


def _common_unit(node: Node) -> str | None:
    """A node without a unit of its own gets its descendants' unit when they all share one."""
    units = {_common_unit(child) for child in node.children}
    if node.unit is None and len(units) == 1:
        node.unit = units.pop()
    return node.unit
