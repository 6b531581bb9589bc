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
import unicodedata
from dataclasses import dataclass, field

from seuranta.core.measures import parse_levels, parse_measure, parse_unit
from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan, Progress
from seuranta.core.parsing.document import Document, ImportWarning, Paragraph, ParseResult, Table

NAME = "spreadsheet"

# field -> (the template's Finnish header, other accepted headers: Finnish variants, Swedish, English)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unit": (
        "Yksikkö",
        ("toimiala", "tulosyksikkö", "palveluyksikkö", "organisaatioyksikkö", "enhet", "unit", "department"),
    ),
    "description": ("Kuvaus", ("selite", "selitys", "beskrivning", "description")),
    "responsible": (
        "Vastuutaho",
        (
            "vastuutahot",
            "vastuuhenkilö",
            "vastuuhenkilöt",
            "vastuu",
            "vastaa",
            "ansvarig",
            "ansvariga",
            "ansvar",
            "responsible",
            "owner",
        ),
    ),
    "schedule": ("Aikataulu", ("ajoitus", "toteutusaika", "tidtabell", "tidplan", "schedule", "timeline")),
    "milestones": (
        "Osatavoitteet",
        ("osatavoite", "välitavoite", "välitavoitteet", "delmål", "milestone", "milestones"),
    ),
    "progress": (
        "Edistyminen",
        (
            "tilannekatsaus",
            "selvitys edistymisestä",
            "edistymisen kuvaus",
            "lägesrapport",
            "progress",
            "status",
        ),
    ),
    "progress_period": (
        "Edistymisen ajankohta",
        ("raportointikausi", "tilannekatsauksen ajankohta", "rapporteringsperiod", "reporting period"),
    ),
    "notes": (
        "Huomiot",
        ("huomio", "lisätiedot", "huomautukset", "kommentit", "anmärkningar", "notes", "comments", "remarks"),
    ),
    "indicator": ("Mittari", ("mittarit", "indikaattori", "mätare", "indikator", "indicator", "kpi")),
    "indicator_unit": (
        "Mittarin yksikkö",
        (
            "mittariyksikkö",
            "mittarin mittayksikkö",
            "mittayksikkö",
            "mätarens enhet",
            "indicator unit",
            "unit of measure",
        ),
    ),
    "source": ("Lähde", ("tietolähde", "mittarin lähde", "källa", "datakälla", "source", "data source")),
    "baseline": ("Lähtötaso", ("lähtöarvo", "nykytaso", "utgångsnivå", "utgångsläge", "baseline")),
    "baseline_period": (
        "Lähtötason ajankohta",
        (
            "lähtötason vuosi",
            "lähtötason aika",
            "utgångsnivåns tidpunkt",
            "baseline period",
            "baseline year",
            "baseline date",
        ),
    ),
    "target": ("Tavoitetaso", ("tavoitearvo", "målnivå", "målvärde", "target", "target value")),
    "target_period": (
        "Tavoitteen ajankohta",
        (
            "tavoitetason ajankohta",
            "tavoitevuosi",
            "tavoitteen vuosi",
            "målets tidpunkt",
            "målår",
            "target period",
            "target year",
            "target date",
        ),
    ),
    "target_kind": (
        "Tavoitteen tyyppi",
        ("tavoitteen laji", "tavoitetyyppi", "måltyp", "target type", "target kind"),
    ),
    "actual": ("Toteuma", ("toteutuma", "toteutunut", "toteutunut arvo", "utfall", "actual", "actual value")),
    "actual_period": (
        "Toteuman ajankohta",
        (
            "toteuman vuosi",
            "toteutuman ajankohta",
            "utfallets tidpunkt",
            "actual period",
            "actual year",
            "actual date",
        ),
    ),
}
INDICATOR_FIELDS = ("indicator", "indicator_unit", "source", "baseline", "target", "actual")

# Target kinds offered in the template's drop-down list (Finnish first), and accepted synonyms.
TARGET_KINDS = {
    "Arvo": "value",
    "Vähintään": "min",
    "Enintään": "max",
    "Muutos %": "change_percent",
    "Tila": "state",
}
KIND_SYNONYMS = {
    "arvo": "value",
    "vähintään": "min",
    "enintään": "max",
    "muutos %": "change_percent",
    "muutos": "change_percent",
    "muutosprosentti": "change_percent",
    "tila": "state",
    "värde": "value",
    "minst": "min",
    "högst": "max",
    "förändring %": "change_percent",
    "läge": "state",
    "value": "value",
    "min": "min",
    "max": "max",
    "at least": "min",
    "at most": "max",
    "change %": "change_percent",
    "change_percent": "change_percent",
    "state": "state",
}

# Level names accepted as level column headers, mapped to their singular form.
LEVEL_NAMES = {
    "painopiste": "Painopiste",
    "painopisteet": "Painopiste",
    "painopistealue": "Painopistealue",
    "teema": "Teema",
    "teemat": "Teema",
    "päämäärä": "Päämäärä",
    "tavoite": "Tavoite",
    "tavoitteet": "Tavoite",
    "strateginen tavoite": "Strateginen tavoite",
    "kärkitavoite": "Kärkitavoite",
    "tavoitealue": "Tavoitealue",
    "näkökulma": "Näkökulma",
    "teko": "Teko",
    "teot": "Teko",
    "toimenpide": "Toimenpide",
    "toimenpiteet": "Toimenpide",
    "tehtävä": "Tehtävä",
    "hanke": "Hanke",
    "ohjelma": "Ohjelma",
    "tavoitekokonaisuus": "Tavoitekokonaisuus",
    "fokusområde": "Fokusområde",
    "tema": "Tema",
    "mål": "Mål",
    "åtgärd": "Åtgärd",
    "åtgärder": "Åtgärd",
    "theme": "Theme",
    "focus area": "Focus area",
    "goal": "Goal",
    "objective": "Objective",
    "action": "Action",
}
NUMBERED_LEVEL = re.compile(r"^(?:taso|nivå|level)\s*(\d{1,2})(?:\s*[:(\-–]\s*([^)]*)\)?)?$", re.I)
YEAR_COLUMN = re.compile(
    r"^(lähtötaso|tavoitetaso|tavoite|toteuma|utgångsnivå|målnivå|mål|utfall|"
    r"baseline|target|actual)\s*(\d{4}(?:[-/]\d{2,4})?)$",
    re.I,
)
YEAR_FIELDS = {
    "lähtötaso": "baseline",
    "utgångsnivå": "baseline",
    "baseline": "baseline",
    "tavoitetaso": "target",
    "tavoite": "target",
    "målnivå": "target",
    "mål": "target",
    "target": "target",
    "toteuma": "actual",
    "utfall": "actual",
    "actual": "actual",
}

INFO_SHEETS = {"tiedot", "suunnitelman tiedot", "uppgifter", "details", "plan details"}
GUIDE_SHEETS = {"ohjeet", "ohje", "anvisningar", "instructions", "luettelot", "listor", "lists"}
EXAMPLE_SHEETS = {"esimerkki", "exempel", "example"}
INFO_KEYS = {
    "title": {"otsikko", "nimi", "suunnitelman nimi", "suunnitelma", "titel", "namn", "title", "name"},
    "organization": {
        "organisaatio",
        "kunta",
        "kaupunki",
        "hyvinvointialue",
        "organisation",
        "kommun",
        "stad",
        "organization",
        "municipality",
    },
    "period": {"kausi", "suunnittelukausi", "voimassa", "vuodet", "vuosi", "period", "planperiod", "years"},
    "levels": {"tasot", "tasojen nimet", "nivåer", "levels", "level names"},
}


def _key(text: str) -> str:
    """A header or label compared loosely: case, spacing, punctuation and a trailing asterisk ignored."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u00a0", " ")
    text = re.sub(r"[^\w%]+", " ", text)
    return " ".join(text.split())


FIELD_BY_HEADER = {_key(header): name for name, (header, _) in COLUMNS.items()}
FIELD_BY_HEADER.update({_key(alias): name for name, (_, aliases) in COLUMNS.items() for alias in aliases})


@dataclass
class Column:
    index: int
    header: str
    field: str  # a COLUMNS key, "level", or "baseline"/"target"/"actual" with a fixed period
    level_name: str | None = None
    period: str | None = None


@dataclass
class Layout:
    header_row: int
    levels: list[Column] = field(default_factory=list)
    fields: dict[str, Column] = field(default_factory=dict)
    year_columns: list[Column] = field(default_factory=list)
    unknown: list[Column] = field(default_factory=list)
    duplicates: list[Column] = field(default_factory=list)


def classify_header(header: str) -> tuple[str, str | None, str | None] | None:
    """What a header names: ("level", level name or None, number), (field, None, None),
    ("baseline"/"target"/"actual", None, period) for a year column, or None when unknown."""
    raw = " ".join(header.replace("\u00a0", " ").split()).rstrip(" *:")
    numbered = NUMBERED_LEVEL.match(raw)
    if numbered:
        name = numbered.group(2).strip() if numbered.group(2) else None
        return (
            "level",
            LEVEL_NAMES.get(_key(name), name[:1].upper() + name[1:]) if name else None,
            numbered.group(1),
        )
    year = YEAR_COLUMN.match(raw)
    if year:
        return YEAR_FIELDS[year.group(1).casefold()], None, year.group(2)
    key = _key(raw)
    if key in FIELD_BY_HEADER:
        return FIELD_BY_HEADER[key], None, None
    without_hint = _key(re.sub(r"\([^)]*\)", " ", raw))
    if without_hint in FIELD_BY_HEADER:
        return FIELD_BY_HEADER[without_hint], None, None
    if key in LEVEL_NAMES or without_hint in LEVEL_NAMES:
        return "level", LEVEL_NAMES.get(key) or LEVEL_NAMES[without_hint], None
    return None


def find_layout(rows: list[list[str]]) -> Layout | None:
    """The header row (among the first ten) and what each column holds, or None."""
    for index, row in enumerate(rows[:10]):
        kinds = [classify_header(cell) if cell.strip() else None for cell in row]
        known = [k for k in kinds if k is not None]
        fields = {k[0] for k in known if k[0] != "level"}
        levels = [k for k in known if k[0] == "level"]
        if len(fields) + min(len(levels), 1) >= 2 or (len(levels) >= 2 and len(known) == len(levels)):
            return _layout(index, row, kinds)
    return None


def _layout(index: int, row: list[str], kinds: list[tuple[str, str | None, str | None] | None]) -> Layout:
    layout = Layout(header_row=index)
    first_field = next((i for i, k in enumerate(kinds) if k is not None and k[0] != "level"), len(row))
    for i, (header, kind) in enumerate(zip(row, kinds, strict=True)):
        header = " ".join(header.split())
        if not header:
            continue
        if kind is None:
            if i < first_field:  # an unknown header left of the fields: a level named as the document does
                layout.levels.append(Column(i, header, "level", header[:1].upper() + header[1:]))
            else:
                layout.unknown.append(Column(i, header, "unknown"))
        elif kind[0] == "level":
            layout.levels.append(Column(i, header, "level", kind[1]))
        elif kind[2] is not None:
            layout.year_columns.append(Column(i, header, kind[0], period=kind[2]))
        elif kind[0] in layout.fields:
            layout.duplicates.append(Column(i, header, kind[0]))
        else:
            layout.fields[kind[0]] = Column(i, header, kind[0])
    return layout


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
        if _key(name) in INFO_SHEETS | GUIDE_SHEETS:
            continue
        layout = find_layout(table.rows)
        if layout is not None:
            has_rows = any(any(cell.strip() for cell in row) for row in table.rows[layout.header_row + 1 :])
            found.append((_key(name) in EXAMPLE_SHEETS, has_rows, table, layout))
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
        if _key(name) not in INFO_SHEETS:
            continue
        for row in table.rows:
            filled = [i for i, cell in enumerate(row) if cell.strip()]
            if not filled or filled[0] + 1 >= len(row):
                continue
            label, value = _key(row[filled[0]]), " ".join(row[filled[0] + 1].split())
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
                same_branch = same_branch and previous is not None and _key(title) == _key(previous)
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
            key = key + ((level, _key(title)),)
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
        indicator = next((i for i in node.indicators if _key(i.name) == _key(name)), None)
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
        indicator.targets.extend(targets)
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
