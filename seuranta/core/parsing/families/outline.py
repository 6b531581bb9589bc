"""The general importer: any document's outline read as a plan, with the lexicon naming roles.

Used for documents no other family recognises, so an unfamiliar layout opens in
review as a plan to correct instead of being refused. Structure comes from
`seuranta.core.parsing.outline` (numbering, bullets, headings, labels, tables);
the lexicon only says what a label or a level word means:

- an outline item is a node; a level word in front of it ("Tavoite 2: ...") or a
  label introducing a list of them ("Toimenpiteet:") names its level;
- `Label: value` lines under a node fill its fields by the label's role
  (indicator, baseline, target, actual, responsible, schedule, milestone, progress);
- a table whose header names roles gives one indicator (or node) per row;
- prose under headings that hold no plan content becomes the plan's sections.

Every node this family makes is a guess from structure, so the result carries a
warning that asks the reviewer to check the levels and the tree.
"""

from __future__ import annotations

import re

from seuranta.core.measures import parse_period
from seuranta.core.model import Node, Plan, Section
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.document import Document, ImportWarning, ParseResult
from seuranta.core.parsing.fields import set_field
from seuranta.core.parsing.outline import Line, build, classify
from seuranta.core.parsing.outline import Section as OutlineSection
from seuranta.core.parsing.tables import read_table
from seuranta.core.parsing.text import fold_whitespace, guess_organization

NAME = "outline"
# Level names by depth when the document names none: the most common shapes of Finnish plans.
DEFAULT_LEVELS = {
    1: ["Tavoite"],
    2: ["Tavoite", "Toimenpide"],
    3: ["Painopiste", "Tavoite", "Toimenpide"],
    4: ["Painopiste", "Tavoite", "Teko", "Toimenpide"],
}
_YEAR_RANGE_RE = re.compile(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b|\b(20\d\d)\b")
PROSE_SECTION_CHARS = 160


def detect(doc: Document) -> float:
    """A low constant: the general reading is the fallback when no specific family fits."""
    return 0.01


class _Builder:
    """Turns outline sections into nodes, remembering the level each section style had."""

    def __init__(self) -> None:
        self.style_levels: dict[str, str] = {}
        self.guessed_styles: set[str] = set()
        self.warnings: list[ImportWarning] = []

    def node(self, section: OutlineSection, intro: lexicon.Entry | None) -> Node:
        level = section.level or intro
        if level is not None and level.level:
            self.style_levels.setdefault(section.style, level.level)
        node = Node(level=self.style_levels.get(section.style, ""), title=section.title)
        if section.bullet:
            _split_head(node)
        _continue_title(node, section.body)
        fill_fields(node, section.body)
        child_intros = _intros(section)
        for child in section.children:
            node.children.append(self.node(child, child_intros.get(child.source)))
        if not node.level:
            self.guessed_styles.add(section.style)
            node.extra["_style"] = section.style
        if section.style == "short" and not _has_content(node):
            node.extra["_weak"] = True  # a lone short line: a heading only if nothing better is found
        return node


def _intros(section: OutlineSection) -> dict[int, lexicon.Entry]:
    """For each child, the level named by the line that introduces its list: a label
    ("Toimenpiteet:") or a sentence ending in a colon ("... sitovat tavoitteet olivat:")."""
    intros = []
    for line in section.body:
        if line.kind == "label" and not line.value:
            label = line.label or ""
            intros.append((line.source, lexicon.label_role(label) or lexicon.last_level_word(label)))
        elif line.kind in ("text", "label") and line.text.endswith(":"):
            intros.append((line.source, lexicon.last_level_word(line.text)))
    out: dict[int, lexicon.Entry] = {}
    for child in section.children:
        before = [entry for source, entry in intros if source < child.source]
        if before and before[-1] is not None and before[-1].role == "level":
            out[child.source] = before[-1]
    return out


_HEAD_RE = re.compile(r"^(?P<head>[^:–—]{3,80}?)(?::\s+|\s+[–—-]\s+)(?P<rest>\S.*)$")
MAX_HEAD_WORDS = 6


def _split_head(node: Node) -> None:
    """A list item "Vastuullinen talous: varmistaa ..." or "Elinvoimainen – houkutteleva ..." is a
    short title with its explanation."""
    match = _HEAD_RE.match(node.title)
    if match and len(match["head"].split()) <= MAX_HEAD_WORDS and len(match["rest"]) > len(match["head"]):
        node.title, node.description = match["head"].strip(), match["rest"].strip()


def _continue_title(node: Node, body: list[Line]) -> None:
    """A title wrapped over lines goes on in lower case before the first blank or label."""
    while body and body[0].kind == "text" and body[0].text[:1].islower() and not node.title.endswith("."):
        node.title = f"{node.title} {body.pop(0).text}"


def fill_fields(node: Node, body: list[Line]) -> None:
    """Fill a node's fields from the labelled lines, tables and prose under it."""
    field_role: str | None = None
    prose: list[str] = []
    for line in body:
        if line.kind == "label":
            entry = lexicon.label_role(line.label or "")
            role = entry.role if entry is not None and entry.role != "level" else None
            if role is None:
                prose.append(line.text)
                field_role = None
                continue
            field_role = None if line.value else role
            if line.value:
                set_field(node, role, line.value, parse_period(line.label or ""))
        elif line.kind == "table":
            read_table(node, line.rows)
        elif line.kind == "text" and field_role is not None:
            set_field(node, field_role, line.text)
        elif line.kind == "text":
            prose.append(line.text)
        elif line.kind == "blank" and field_role not in ("indicator", "milestone"):
            field_role = None
    if prose:
        node.description = fold_whitespace(" ".join(prose))


def _has_content(node: Node) -> bool:
    return bool(node.indicators or node.children or node.responsible or node.schedule
                or node.milestones or node.progress)


def _drop_weak(nodes: list[Node]) -> list[Node]:
    """Lone short lines are headings only in a document where nothing firmer was found."""

    def firm(items: list[Node]) -> bool:
        return any(not node.extra.get("_weak") or firm(node.children) for node in items)

    def prune(items: list[Node]) -> list[Node]:
        kept = [node for node in items if not node.extra.get("_weak")]
        for node in kept:
            node.children = prune(node.children)
        return kept

    keep_all = not firm(nodes)
    for node in _walk(nodes):
        if keep_all:
            node.extra.pop("_weak", None)
    return nodes if keep_all else prune(nodes)


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _split_sections(nodes: list[Node]) -> tuple[list[Node], list[Section]]:
    """Top-level headings holding only prose are the plan's narrative parts, when other
    headings hold plan content; a document of prose alone keeps its outline as nodes."""
    if not any(_has_content(node) for node in nodes):
        return nodes, []
    kept, sections = [], []
    for node in nodes:
        if not _has_content(node) and len(node.description or "") >= PROSE_SECTION_CHARS:
            sections.append(Section(title=node.title, text=node.description or ""))
        else:
            kept.append(node)
    return kept, sections


def _name_levels(nodes: list[Node], builder: _Builder) -> list[str]:
    """Level names by depth: those the document gives, the usual ones for the rest."""
    by_depth: dict[int, str] = {}
    depth_count = 0

    def walk(items: list[Node], depth: int) -> None:
        nonlocal depth_count
        if items:
            depth_count = max(depth_count, depth)
        for node in items:
            if node.level:
                by_depth.setdefault(depth, node.level)
            walk(node.children, depth + 1)

    walk(nodes, 1)
    defaults = DEFAULT_LEVELS.get(depth_count, DEFAULT_LEVELS[4] + ["Taso"] * (depth_count - 4))

    def assign(items: list[Node], depth: int) -> None:
        for node in items:
            node.extra.pop("_style", None)
            if not node.level:
                node.level = by_depth.get(depth) or defaults[min(depth, len(defaults)) - 1]
            assign(node.children, depth + 1)

    assign(nodes, 1)
    levels: list[str] = []

    def collect(items: list[Node]) -> None:
        for node in items:
            if node.level not in levels:
                levels.append(node.level)
            collect(node.children)

    collect(nodes)
    return levels


def _title_and_period(root: OutlineSection, lines: list[Line]) -> tuple[str | None, str | None]:
    first_line = next((line for line in lines if line.kind in ("item", "text", "label")), None)
    if first_line is None or first_line.kind == "label" or (first_line.style or "").startswith(("dec", "lex", "bullet")):
        return None, None  # the document starts with its content, not a title
    first = first_line.text
    match = _YEAR_RANGE_RE.search(first)
    period = None
    if match:
        period = f"{match.group(1)}–{match.group(2)}" if match.group(1) else match.group(3)
    return first, period


def parse(doc: Document) -> ParseResult:
    lines = classify(doc)
    root = build(lines)[0]
    builder = _Builder()
    title, period = _title_and_period(root, lines)
    holder = Node(level="", title=title or "")
    fill_fields(holder, [line for line in root.body if line.kind != "text"])
    intros = _intros(root)
    nodes = _drop_weak([builder.node(section, intros.get(section.source)) for section in root.children])
    if holder.indicators or holder.responsible:
        holder.children, nodes = nodes, [holder]
    if len(nodes) == 1 and nodes[0].title == title and nodes[0].children and not _has_content_own(nodes[0]):
        nodes = nodes[0].children  # the document's title is not a node
    nodes, sections = _split_sections(nodes)
    warnings = [ImportWarning(
        "outline_guess",
        "Asiakirjan rakenne tunnistettiin otsikoista, numeroinnista ja luetteloista: "
        "tarkista tasot ja puu ennen tallennusta.",
    )]
    if not nodes:
        warnings.append(ImportWarning("no_nodes", "Asiakirjasta ei löytynyt otsikoita eikä luetteloita."))
    plan = Plan(
        title=title, organization=guess_organization(doc.text), period=period,
        levels=_name_levels(nodes, builder), sections=sections, nodes=nodes,
    )
    return ParseResult(plan=plan, warnings=warnings)


def _has_content_own(node: Node) -> bool:
    return bool(node.indicators or node.responsible or node.schedule or node.milestones or node.progress)
