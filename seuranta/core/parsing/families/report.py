"""Seuranta's own reports (seuranta/core/reports), read back into a plan.

Recognised by structure: the colophon line "Seuranta – raportti laadittu ..."
(in any of the report languages), the indicator table header
"Mittari | Lähtötaso | Tavoitetaso | Toteuma | Tila" and numbered headings
"1.2 Tavoite: ...". Without the colophon the family never claims a document.

A report is read from its blocks, DOCX and PDF alike: headings and
"Label: value" paragraphs (a PDF gives a paragraph per printed line; wrapped
headings and fields continue on the next ones), and indicator tables with one
row per indicator, Mittari | Lähtötaso | Tavoitetaso | Toteuma | Tila, whose
cells hold one measure per line (the PDF reader finds the ruled tables the
HTML layout prints). A row with nothing in its Tila cell is a full-width
reason row and is skipped. In a PDF the running header and footer
("... Sivu 3 / 11") of every page are dropped.

PDF reports of the earlier layout (no ruled tables: each indicator's name line
ends with its status, and each baseline, target and actual has a printed line
of its own that starts with its kind) are still read from the text lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.i18n import LANGS, gettext, pgettext
from seuranta.core.measures import parse_measure
from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan, Progress
from seuranta.core.parsing.document import Block, Document, ImportWarning, Paragraph, ParseResult, Table
from seuranta.core.vocabulary import STATUS_ICONS, Status, status_label

NAME = "report"


def _texts(lang: str) -> dict[str, str]:
    """The fixed texts of the reports (seuranta.core.reports) that the parser looks for, in one language."""
    return {
        "colophon": gettext("Seuranta – report produced {date}", lang),
        "col.indicator": gettext("Indicator", lang),
        "col.baseline": gettext("Baseline", lang),
        "col.target": gettext("Target", lang),
        "col.actual": gettext("Actual", lang),
        "col.status": gettext("Status", lang),
        "body": gettext("Goals and actions", lang),
        "row.baseline": gettext("Baseline", lang),
        "row.target": gettext("Target", lang),
        "row.actual": gettext("Actual", lang),
        "row.series": gettext("Sub-series", lang),
        "field.indicator_unit": gettext("unit", lang),
        "field.indicator_source": gettext("source", lang),
        "field.status": gettext("Status", lang),
        "field.unit": gettext("Unit", lang),
        "field.responsible": gettext("Responsible", lang),
        "field.schedule": gettext("Schedule", lang),
        "field.description": gettext("Description", lang),
        "field.milestones": gettext("Milestones", lang),
        "field.notes": gettext("Notes", lang),
        "field.progress": gettext("Progress", lang),
        "organization": gettext("Organisation", lang),
        "plan": gettext("Plan", lang),
        "period": gettext("Plan period", lang),
        "levels": gettext("Levels", lang),
        "milestone.done": pgettext("milestone", "done", lang),
        "xlsx.reason": gettext("Reason", lang),
    }


TEXTS = {lang: _texts(lang) for lang in LANGS}

COLOPHON = re.compile(
    r"^Seuranta – (?:"
    + "|".join(re.escape(TEXTS[lang]["colophon"].split("– ", 1)[1].split(" {", 1)[0]) for lang in TEXTS)
    + r") "
)
PAGE_FOOTER = re.compile(r"^Seuranta – .*\d+ / \d+$")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*) (.+)$")
PERIOD_SUFFIX = re.compile(r" \((\d{4}(?:-(?:[QT]\d|H\d|\d{2}(?:-\d{2})?))?(?:/\d{2,4})?)\)$")
MILESTONE_DUE = re.compile(r" \(([^()]*)\)$")
LABEL_PREFIX = re.compile(r"^([^:]{1,40}): \S")


def _header(lang: str) -> list[str]:
    return [
        TEXTS[lang][k] for k in ("col.indicator", "col.baseline", "col.target", "col.actual", "col.status")
    ]


@dataclass
class _Labels:
    """The fixed texts of one report language, as the parser looks for them."""

    lang: str

    def __post_init__(self) -> None:
        texts = TEXTS[self.lang]
        self.texts = texts
        self.header = _header(self.lang)
        self.header_line = " ".join(self.header)
        self.body = texts["body"]
        self.kinds = {
            texts["row.baseline"]: "baseline",
            texts["row.target"]: "targets",
            texts["row.actual"]: "actuals",
            texts["row.series"]: "series",
        }
        labels = [status_label(s, self.lang) for s in Status.values()]
        icons = "".join(sorted(set(STATUS_ICONS.values())))
        self.status_end = re.compile(
            r"(?:^|\s)[" + re.escape(icons) + r"]\s+(?:" + "|".join(re.escape(x) for x in labels) + r")$"
        )
        self.meta = re.compile(
            r"\s*\((?:"
            + re.escape(texts["field.indicator_unit"])
            + "|"
            + re.escape(texts["field.indicator_source"])
            + r"): (.*)\)$"
        )
        self.fields = {
            texts[f"field.{k}"]: k
            for k in ("status", "unit", "responsible", "schedule", "description", "milestones", "notes")
        }
        self.facts = {
            texts["organization"]: "organization",
            texts["plan"]: "title",
            texts["period"]: "period",
            texts["levels"]: "levels",
        }
        self.progress = re.compile(r"^" + re.escape(texts["field.progress"]) + r"(?: \(([^()]*)\))?: ?(.*)$")
        self.done = f" – {texts['milestone.done']}"


def _language(doc: Document) -> str | None:
    for line in doc.text.splitlines()[:400]:
        if COLOPHON.match(line.strip()):
            for lang, texts in TEXTS.items():
                if texts["colophon"].split(" {", 1)[0] in line:
                    return lang
    return None


def detect(doc: Document) -> float:
    lines = [line.strip() for line in doc.text.splitlines()]
    header_found = any(line in {" ".join(_header(lang)) for lang in TEXTS} for line in lines) or any(
        isinstance(b, Table)
        and b.rows
        and [c.strip() for c in b.rows[0]] in [_header(lang) for lang in TEXTS]
        for b in doc.blocks
    )
    if _language(doc) is None:
        return 0.1 if header_found else 0.0
    numbered = sum(1 for line in lines if NUMBERED.match(line) and ": " in line)
    return min(0.99, 0.6 + (0.25 if header_found else 0.0) + (0.14 if numbered else 0.0))


# -- events: what the layout says, whatever the format --------------------------------------------


@dataclass
class _IndicatorDraft:
    name_lines: list[str] = field(default_factory=list)
    measures: list[tuple[str, list[str]]] = field(default_factory=list)  # (kind, lines)


def _measure(line: str) -> Measure:
    text = re.sub(r"\((\d{4})- ", r"(\1-", line.strip())  # a period broken over two printed lines
    period = None
    match = PERIOD_SUFFIX.search(text)
    if match:
        period, text = match.group(1), text[: match.start()].strip()
    label_match = LABEL_PREFIX.match(text)
    label = label_match.group(1) if label_match else None
    parsed = parse_measure(text, period=period, label=label)
    return Measure(
        text=text, kind=parsed.kind, value=parsed.value, period=period or parsed.period, label=label
    )


def _indicator(name: str, measures: list[tuple[str, str]], labels: _Labels) -> Indicator:
    unit = source = None
    meta = labels.meta.search(name)
    if meta:
        name = name[: meta.start()].strip()
        for part in meta.group(0).strip().strip("()").split("; "):
            key, _, value = part.partition(": ")
            if key == labels.texts["field.indicator_unit"]:
                unit = value
            elif key == labels.texts["field.indicator_source"]:
                source = value
    indicator = Indicator(name=name, unit=unit, source=source)
    for kind, text in measures:
        if not text.strip():
            continue
        if kind == "series" or text.startswith("• "):
            indicator.baseline_series.append(_measure(text.removeprefix("• ")))
        elif kind == "baseline":
            if indicator.baseline is None:
                indicator.baseline = _measure(text)
            else:
                indicator.baseline_series.append(_measure(text))
        else:
            getattr(indicator, kind).append(_measure(text))
    return indicator


def _body_lines(doc: Document) -> list[str]:
    """The PDF's lines without the running header (above the first blank line of each page) and footer."""
    lines: list[str] = []
    skipping = True
    for line in doc.text.splitlines():
        stripped = line.strip()
        if PAGE_FOOTER.match(stripped):
            skipping = True
        elif skipping:
            skipping = bool(stripped)
        elif stripped:
            lines.append(stripped)
    return lines


def _pdf_events(doc: Document, labels: _Labels) -> list[object]:
    """Text lines of the body, with each indicator table turned into Indicator objects."""
    events: list[object] = []
    draft: _IndicatorDraft | None = None
    mode = "name"  # what continuation lines in a table extend: "name", "measure" or "reason"
    in_table = False
    reason = labels.texts["xlsx.reason"] + ":"

    def finish() -> None:
        nonlocal draft
        if draft is not None and draft.name_lines:
            measures = [(kind, " ".join(parts)) for kind, parts in draft.measures]
            events.append(_indicator(" ".join(draft.name_lines), measures, labels))
        draft = None

    for line in _body_lines(doc):
        if line == labels.header_line:
            in_table = True
            continue
        if not in_table:
            events.append(line)
            continue
        status = labels.status_end.search(line)
        if status:
            finish()
            draft, mode = _IndicatorDraft([line[: status.start()].strip()]), "name"
            continue
        first, _, rest = line.partition(" ")
        if draft is not None and line.startswith(reason):
            mode = "reason"
        elif draft is not None and mode != "reason" and first in labels.kinds and rest:
            draft.measures.append((labels.kinds[first], [rest]))
            mode = "measure"
        elif _is_structural(line, labels):
            finish()
            in_table = False
            events.append(line)
        elif draft is not None and mode == "name":
            draft.name_lines.append(line)
        elif draft is not None and mode == "measure":
            draft.measures[-1][1].append(line)
    finish()
    return events


def _is_structural(line: str, labels: _Labels) -> bool:
    """A line that starts something outside an indicator table: a heading or a labelled field."""
    if NUMBERED.match(line) and ": " in line:
        return True
    if labels.progress.match(line):
        return True
    head = line.split(":", 1)[0]
    return ":" in line and head in labels.fields


def _running_lines(doc: Document) -> set[str]:
    """The lines of the PDF's running headers: from the top of each page to its first blank line."""
    lines: set[str] = set()
    heading, seen = True, False  # in a page's header; a header line of this page seen
    for line in doc.text.splitlines():
        stripped = line.strip()
        if PAGE_FOOTER.match(stripped):
            heading, seen = True, False
        elif heading and stripped:
            lines.add(stripped)
            seen = True
        elif heading and seen:
            heading = False
    return lines


def _pdf_body_blocks(doc: Document) -> list[Block]:
    """The PDF's blocks without the running header at the top of each page and the footer at its foot."""
    running = _running_lines(doc)
    blocks: list[Block] = []
    top = True  # at the top of a page, where the running header is
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if PAGE_FOOTER.match(text):
                top = True
                continue
            if top and text in running:
                continue
        top = False
        blocks.append(block)
    return blocks


def _block_events(blocks: list[Block], labels: _Labels) -> list[object]:
    events: list[object] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = block.rows
            if not rows or [c.strip() for c in rows[0]] != labels.header:
                continue
            for row in rows[1:]:
                cells = [*row, "", "", "", "", ""][:5]
                if not cells[4].strip():
                    continue  # the reason row under an indicator
                measures = [
                    (kind, line)
                    for kind, cell in (("baseline", cells[1]), ("targets", cells[2]), ("actuals", cells[3]))
                    for line in cell.split("\n")
                ]
                name = " ".join(cells[0].split("\n"))
                events.append(_indicator(name, measures, labels))
        else:
            events.extend(line for line in block.text.split("\n") if line.strip())
    return events


# -- assembling the plan -----------------------------------------------------------------------


@dataclass
class _Assembler:
    labels: _Labels
    plan: Plan = field(default_factory=Plan)
    stack: list[tuple[int, Node]] = field(default_factory=list)
    field_name: str | None = None  # the field that continuation lines extend
    heading: tuple[int, str, list[str]] | None = None  # depth, level, title lines of an open heading
    in_body: bool = False
    warnings: list[ImportWarning] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # title page values by Plan attribute

    @property
    def node(self) -> Node | None:
        return self.stack[-1][1] if self.stack else None

    def feed(self, event: object) -> None:
        if isinstance(event, Indicator):
            self.close_heading()
            if self.node is not None:
                self.node.indicators.append(event)
            self.field_name = None
            return
        line = str(event).strip()
        if not self.in_body:
            self.front_matter(line)
            return
        if self.heading_line(line):
            return
        if self.heading is not None and not line.startswith(self.labels.texts["field.status"] + ":"):
            self.heading[2].append(line)
            return
        self.close_heading()
        self.body_line(line)

    def front_matter(self, line: str) -> None:
        key, sep, value = line.partition(": ")
        if line == self.labels.body:
            self.in_body = True
            self.field_name = None
        elif sep and key in self.labels.facts:
            self.field_name = self.labels.facts[key]
            self.facts.setdefault(self.field_name, value.strip())
        elif self.field_name in self.facts and line and not COLOPHON.match(line) and ": " not in line:
            self.facts[self.field_name] = f"{self.facts[self.field_name]} {line}"  # a wrapped value
        else:
            self.field_name = None
        levels = self.facts.get("levels", "")
        self.plan.levels = [part.strip() for part in levels.split(" > ") if part.strip()]
        for name in ("organization", "title", "period"):
            setattr(self.plan, name, self.facts.get(name))

    def heading_line(self, line: str) -> bool:
        match = NUMBERED.match(line)
        if not match:
            return False
        level, sep, title = match.group(2).partition(": ")
        if not sep or (self.plan.levels and level not in self.plan.levels):
            return False
        self.close_heading()
        self.heading = (match.group(1).count(".") + 1, level, [title])
        self.field_name = None
        return True

    def close_heading(self) -> None:
        if self.heading is None:
            return
        depth, level, parts = self.heading
        self.heading = None
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        parent = self.node
        node = Node(level=level, title=" ".join(parts).strip(), unit=parent.unit if parent else None)
        (parent.children if parent is not None else self.plan.nodes).append(node)
        self.stack.append((depth, node))

    def body_line(self, line: str) -> None:
        node = self.node
        if node is None:
            return
        progress = self.labels.progress.match(line)
        if progress:
            node.progress.append(Progress(text=progress.group(2).strip(), period=progress.group(1)))
            self.field_name = "progress"
            return
        key, sep, value = line.partition(":")
        if sep and key in self.labels.fields:
            self.field_name = self.labels.fields[key]
            self.set_field(node, self.field_name, value.strip(), new=True)
            return
        if self.field_name == "milestones" and line.startswith("• "):
            node.milestones.append(Milestone(title=line[2:].strip()))
            return
        if self.field_name:
            self.set_field(node, self.field_name, line, new=False)

    def set_field(self, node: Node, name: str, value: str, *, new: bool) -> None:
        def extend(old: str | None) -> str:
            return value if new or not old else f"{old} {value}"

        if name == "unit":
            node.unit = extend(node.unit if not new else None)
        elif name == "responsible":
            joined = extend("; ".join(node.responsible) if not new else None)
            node.responsible = [part.strip() for part in joined.split("; ") if part.strip()]
        elif name == "schedule":
            node.schedule = extend(node.schedule)
        elif name == "description":
            node.description = extend(node.description)
        elif name == "notes":
            notes = node.notes if node.notes is not None else []
            if new or not notes:
                notes.append(value)
            else:
                notes[-1] = f"{notes[-1]} {value}"
            node.notes = notes
        elif name == "progress" and node.progress:
            node.progress[-1].text = f"{node.progress[-1].text} {value}".strip()
        elif name == "milestones" and node.milestones and not new:
            node.milestones[-1].title = f"{node.milestones[-1].title} {value}"

    def finish(self) -> Plan:
        self.close_heading()
        for node, _ in self.plan.walk():
            for milestone in node.milestones:
                title = milestone.title
                if title.endswith(self.labels.done):
                    milestone.done, title = True, title[: -len(self.labels.done)]
                due = MILESTONE_DUE.search(title)
                if due:
                    milestone.due, title = due.group(1), title[: due.start()]
                milestone.title = title.strip()
            if node.notes == []:
                node.notes = None
        if not self.plan.levels:
            self.plan.levels = list(dict.fromkeys(n.level for n, _ in self.plan.walk()))
        return self.plan


def parse(doc: Document) -> ParseResult:
    lang = _language(doc) or "fi"
    labels = _Labels(lang)
    has_tables = any(isinstance(b, Table) for b in doc.blocks)
    if has_tables and doc.source_format == "pdf":
        events = _block_events(_pdf_body_blocks(doc), labels)
    elif has_tables or doc.source_format == "docx":
        events = _block_events(doc.blocks, labels)
    else:
        events = _pdf_events(doc, labels)
    assembler = _Assembler(labels)
    for event in events:
        assembler.feed(event)
    plan = assembler.finish()
    warnings = list(assembler.warnings)
    if not plan.nodes:
        warnings.append(
            ImportWarning("no_plan", "Seurannan raportista ei löytynyt tavoitteita eikä toimenpiteitä.")
        )
    return ParseResult(plan=plan if plan.nodes else None, warnings=warnings)
