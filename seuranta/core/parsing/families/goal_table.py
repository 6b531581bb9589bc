"""Goal tables: Tavoite | Toimenpide | Aikataulu | Vastuutaho | Arviointi.

Personnel and similar programmes print their goals as tables with these
columns, often one table per theme, between narrative slides. Recognised by a
header row naming a goal and an action column together with a schedule,
responsible or evaluation column: a DOCX `Table` whose first row is such a
header, or a PDF text line made only of such column names.

Hierarchy, all from structure:
- an overview with a lead line and a numbered list ("Kaupunkistrategian
  tavoitteena / Osaava … henkilöstö / 1. … 2. …") gives a top node (the line
  just above the list) and one theme per list item;
- a slide whose first lines repeat a known node title is that node's description;
- a table's label cell (the left column repeating a known title) tells which
  node its rows belong to; without one, the node of the last such slide;
- each row is a Tavoite with its actions (see goal_table_nodes);
- the other slides are narrative sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seuranta.core.model import Node, Plan, Section
from seuranta.core.parsing import layouts
from seuranta.core.parsing.document import Document, ImportWarning, Paragraph, ParseResult, Table
from seuranta.core.parsing.families.goal_table_cells import (
    header_roles,
    is_header_line,
    rows_from_table,
    rows_from_text,
)
from seuranta.core.parsing.families.goal_table_nodes import row_node
from seuranta.core.parsing.families.goal_table_text import (
    Line,
    best_match,
    fold,
    join_lines,
    organization_of,
    read_lines,
)
from seuranta.core.parsing.text import ends_sentence, strip_bullet

NAME = "goal_table"

_NARRATIVE_HEADING = re.compile(
    r"^\s*[-•]?\s*(nykytila|haasteet|kehittämisnäkökulm\w*|mittareita|vahvuudet|heikkoudet)\s*[:;]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(?P<text>\S.*)$")
# A lead line that names the list below it ("Ympäristöohjelman painopisteet"): a heading, not a node.
_LAYOUT = layouts.load("goal_table")
_LIST_HEADING = re.compile(
    rf"(?:^|\s|\w)(?P<word>{layouts.alternatives(_LAYOUT.lists['list_headings'])})\s*:?$", re.IGNORECASE
)
_LIST_LEVELS = _LAYOUT.maps["list_levels"]
_TABLE_ROLES = {"goal", "action"}


# ---------------------------------------------------------------- detection


def _text_headers(lines: list[Line]) -> list[tuple[int, set[str]]]:
    """(index of the first header line, roles named) for each header in the text."""
    out: list[tuple[int, set[str]]] = []
    i = 0
    while i < len(lines):
        if is_header_line(lines[i].text) and not _conjoined_heading(lines[i].text):
            j = i
            while j + 1 < len(lines) and is_header_line(lines[j + 1].text, lines[j].text) and j + 1 - i < 4:
                j += 1
            roles = header_roles("\n".join(line.raw for line in lines[i : j + 1]))
            if roles >= _TABLE_ROLES:
                out.append((i, roles))
            i = j + 1
        else:
            i += 1
    return out


_CONJOINED_RE = re.compile(r"^\s*\S+\s+(?:ja|sekä|och|samt)\s+\S+\s*$", re.IGNORECASE)


def _conjoined_heading(text: str) -> bool:
    """Two column names joined by "ja" ("Tavoitteet ja toimenpiteet") head a chapter: a table's
    header sets its names side by side."""
    return bool(_CONJOINED_RE.match(text))


def _table_blocks(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table) and rows_from_table(b.rows) is not None]


def detect(doc: Document) -> float:
    score = 0.0
    if _table_blocks(doc):
        score = 0.9
    for _, roles in _text_headers(read_lines(doc.text)):
        full = len(roles - _TABLE_ROLES - {"group"}) >= 2
        score = max(score, 0.9 if full else 0.6 if "indicator" in roles else 0.5)
    if score and len(_NARRATIVE_HEADING.findall(doc.text)) >= 2:
        score = min(score, 0.45)  # a narrative service plan with a small table
    return score


# ---------------------------------------------------------------- slides


def _slides(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by page breaks (three or more blank lines)."""
    slides: list[list[Line]] = [[]]
    for line in lines:
        if line.blank_before >= 3 and slides[-1]:
            slides.append([])
        slides[-1].append(line)
    return [s for s in slides if s]


def _paragraphs(lines: list[Line]) -> list[str]:
    """Paragraphs of narrative text: a line ending a sentence without a soft wrap closes one."""
    out: list[list[str]] = [[]]
    for line in lines:
        bullet = strip_bullet(line.raw) != line.raw and line.text[:1] not in "-"
        if bullet and out[-1]:
            out.append([])
        out[-1].append(strip_bullet(line.raw) if bullet else line.raw)
        if ends_sentence(line.text) and not line.soft_wrap:
            out.append([])
    return [join_lines(p) for p in out if p]


def _numbered_items(lines: list[Line]) -> tuple[int, list[tuple[str, list[str]]]] | None:
    """Where a numbered list starts and its items (title, bullet texts under it)."""
    start = next((i for i, line in enumerate(lines) if _NUMBERED.match(line.text)), None)
    if start is None:
        return None
    items: list[tuple[list[str], list[list[str]]]] = []
    for line in lines[start:]:
        m = _NUMBERED.match(line.text)
        if m and (not items or int(m.group(1)) == len(items) + 1):
            items.append(([m.group("text")], []))
        elif not items:
            continue
        elif strip_bullet(line.raw) != line.raw:
            items[-1][1].append([strip_bullet(line.raw)])
        elif items[-1][1]:
            items[-1][1][-1].append(line.raw)
        else:
            items[-1][0].append(line.raw)
    if len(items) < 2:
        return None
    return start, [(join_lines(title), [join_lines(b) for b in bullets]) for title, bullets in items]


def _heading_match(lines: list[Line], titles: list[str]) -> tuple[int, int] | None:
    """(title index, lines used) when the slide opens with a known title."""
    for used in (1, 2, 3):
        if used > len(lines):
            break
        index = best_match(join_lines(line.raw for line in lines[:used]), titles, 0.9)
        if index is not None:
            return index, used
    return None


def _section(lines: list[Line]) -> Section:
    paragraphs = _paragraphs(lines)
    title = None
    if len(paragraphs) > 1 and not ends_sentence(paragraphs[0]) and len(paragraphs[0].split()) <= 14:
        title = paragraphs.pop(0)
    return Section(title=title, text="\n".join(paragraphs))


# ---------------------------------------------------------------- parsing


def _levels_of(intro: str) -> str:
    return "Strateginen tavoite" if re.search(r"strategi", intro, re.IGNORECASE) else "Päätavoite"


def _parse_tables(doc: Document, warnings: list[ImportWarning]) -> list[Node]:
    """Nodes from real tables; a heading paragraph before a table names its theme."""
    nodes: list[Node] = []
    groups: dict[str, Node] = {}
    heading: str | None = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.heading is not None and fold(block.text):
                heading = fold(block.text)
            continue
        parsed = rows_from_table(block.rows)
        if parsed is None:
            continue
        rows, _ = parsed
        for row in rows:
            parent: Node | None = None
            title = row.group or heading
            if title:
                parent = groups.get(title)
                if parent is None:
                    parent = groups[title] = Node(level="Painopiste" if row.group else "Teema", title=title)
                    nodes.append(parent)
            siblings = parent.children if parent else nodes
            path = (parent.title,) if parent else ()
            for node in row_node(row, path, warnings):
                previous = siblings[-1] if siblings else None
                if previous is not None and previous.level == node.level and previous.title == node.title:
                    previous.children.extend(node.children)  # a merged goal cell
                else:
                    siblings.append(node)
    return nodes


def parse(doc: Document) -> ParseResult:
    warnings: list[ImportWarning] = []
    lines = read_lines(doc.text)
    plan = Plan(title=_title_of(lines), organization=organization_of(doc.text))
    table_nodes = _parse_tables(doc, warnings)
    if table_nodes:
        plan.levels = _levels(table_nodes)
        plan.nodes = table_nodes
        plan.sections = [Section(title=None, text=p) for p in _paragraphs(lines) if len(p) > 80]
        return ParseResult(plan=plan, warnings=warnings)

    slides = _slides(lines)
    tree, overview_slide = _overview_tree(slides)
    claimed = _claimed_headings(slides, tree.titles)
    for k, slide in enumerate(slides):
        if k == overview_slide:
            continue
        headers = _text_headers(slide)
        if headers:
            _table_slide(slide, headers[0][0], tree, plan, warnings)
            continue
        heading_line = _slide_heading(slide)
        if (
            heading_line is not None
            and heading_line in claimed
            and best_match(heading_line, tree.titles, 0.9) is None
        ):
            tree.add_theme(heading_line)
        match = _heading_match(slide, tree.titles)
        if match:
            index, used = match
            tree.current = tree.known[index]
            _describe(tree.current, slide[used:], plan)
            continue
        plan.sections.append(_section(slide))
    roots = tree.roots
    plan.nodes = roots
    plan.levels = _levels(roots)
    if not roots:
        return ParseResult(
            plan=None, warnings=[ImportWarning("no_plan", "Tiedostosta ei löytynyt tavoitetaulukon rivejä.")]
        )
    return ParseResult(plan=plan, warnings=warnings)


@dataclass
class _Tree:
    """The nodes found so far: the overview's top node and themes, and those added by headings."""

    known: list[Node]
    titles: list[str]  # the known nodes' titles, in the same order
    roots: list[Node]
    themes: list[Node]
    theme_level: str
    current: Node | None

    def add_theme(self, title: str) -> int:
        """A new top-level theme; its index in `known`."""
        self.known.append(Node(level=self.theme_level, title=title))
        self.titles.append(title)
        self.roots.append(self.known[-1])
        return len(self.known) - 1


def _overview_tree(slides: list[list[Line]]) -> tuple[_Tree, int | None]:
    """The themes listed on the overview slide (numbered items), and that slide's index."""
    top: Node | None = None
    themes: list[Node] = []
    theme_level = "Teema"
    overview_slide = None
    for k, slide in enumerate(slides):
        if any(is_header_line(line.text) for line in slide):
            continue
        found = _numbered_items(slide)
        if found and found[0] >= 1:
            start, items = found
            intro = [line.raw for line in slide[:start]]
            lead = join_lines(intro[-1:])
            heading = _LIST_HEADING.search(lead)
            if heading:
                theme_level = _LIST_LEVELS.get(heading.group("word").lower(), "Teema")
            themes = [
                Node(level=theme_level, title=title, description="\n".join(bullets) or None)
                for title, bullets in items
            ]
            if not heading:
                top = Node(level=_levels_of(join_lines(intro)), title=lead, children=list(themes))
            overview_slide = k
            break
    known: list[Node] = ([top] if top else []) + themes
    roots: list[Node] = [top] if top else list(themes)
    return _Tree(known, [n.title for n in known], roots, themes, theme_level, top), overview_slide


def _table_slide(
    slide: list[Line], start: int, tree: _Tree, plan: Plan, warnings: list[ImportWarning]
) -> None:
    """A slide holding a goal table from line `start`: its rows under the theme they name."""
    body = [
        line
        for n, line in enumerate(slide[start:], start)
        if not is_header_line(line.text, slide[n - 1].text if n else None)
    ]
    caption = _caption(slide[:start])
    if caption is not None:
        index = best_match(caption, tree.titles, 0.9)
        if index is None:
            index = tree.add_theme(caption)
        tree.current = tree.known[index]
        start = 0
    rows, labels = rows_from_text(body, tree.titles)
    parent = tree.known[labels[0]] if labels else tree.current
    if parent is None:
        warnings.append(
            ImportWarning(
                "missing_parent",
                "Taulukolle ei löytynyt teemaa tai painopistettä; rivit ovat ylimmällä tasolla.",
                field="level",
            )
        )
    path = tuple(n.title for n in _path_to(tree.roots, parent)) if parent else ()
    made = [node for row in rows for node in row_node(row, path, warnings)]
    if parent is None:
        tree.roots.extend(made)
    else:
        _insert_children(parent, made, tree.themes)
    if start:
        plan.sections.append(_section(slide[:start]))


def _describe(node: Node, rest: list[Line], plan: Plan) -> None:
    """A heading slide's text up to its callout describes the node; the callout is a section."""
    cut = next((i for i, line in enumerate(rest) if line.text.endswith(("?", "!"))), len(rest))
    while 0 < cut < len(rest) and rest[cut - 1].soft_wrap:
        cut -= 1  # back to the start of the callout's paragraph
    text = "\n\n".join(_paragraphs(rest[:cut]))
    if text:
        node.description = f"{node.description}\n\n{text}" if node.description else text
    if cut < len(rest):
        plan.sections.append(_section(rest[cut:]))


def _is_heading(text: str) -> bool:
    return bool(text) and not ends_sentence(text) and len(text.split()) <= 10 and text[:1].isupper()


def _slide_heading(slide: list[Line]) -> str | None:
    """The first line of a narrative slide when it reads as a heading over the text below."""
    if len(slide) < 2 or slide[0].soft_wrap or strip_bullet(slide[0].raw) != slide[0].raw:
        return None
    text = slide[0].text
    return text if _is_heading(text) and not _NUMBERED.match(text) else None


def _caption(lines: list[Line]) -> str | None:
    """The lines above a table header when they are one short heading (the table's theme)."""
    if not lines or len(lines) > 3:
        return None
    text = join_lines(line.raw for line in lines)
    return text if _is_heading(text) else None


def _claimed_headings(slides: list[list[Line]], titles: list[str]) -> set[str]:
    """Slide headings that a later table repeats in its left label cell: they are themes."""
    headings = [
        h for slide in slides if not _text_headers(slide) for h in [_slide_heading(slide)] if h is not None
    ]
    claimed: set[str] = set()
    for slide in slides:
        headers = _text_headers(slide)
        if not headers:
            continue
        body = [line for line in slide[headers[0][0] :] if not is_header_line(line.text)]
        for used in (1, 2, 3):
            index = best_match(join_lines(line.raw for line in body[:used]), headings, 0.9)
            if index is not None:
                claimed.add(headings[index])
                break
    return claimed


def _insert_children(parent: Node, made: list[Node], themes: list[Node]) -> None:
    """Rows of the top node's own table go before its themes, as the document prints them."""
    if themes and parent.children and parent.children[0] in themes:
        position = 0
        while position < len(parent.children) and parent.children[position] not in themes:
            position += 1
        parent.children[position:position] = made
    else:
        parent.children.extend(made)


def _path_to(roots: list[Node], target: Node) -> list[Node]:
    for root in roots:
        for node, ancestors in root.walk():
            if node is target:
                return [*ancestors, node]
    return [target]


def _levels(nodes: list[Node]) -> list[str]:
    seen: list[str] = []
    for root in nodes:
        for node, _ in root.walk():
            if node.level not in seen:
                seen.append(node.level)
    order = ["Strateginen tavoite", "Päätavoite", "Painopiste", "Teema", "Tavoite", "Toimenpide"]
    return sorted(seen, key=lambda level: order.index(level) if level in order else len(order))


def _title_of(lines: list[Line]) -> str | None:
    if not lines:
        return None
    first = lines[0].text
    m = re.match(r"^(\w*(?:ohjelma|strategia|suunnitelma|ohjelman|strategian))\s+on\b", first, re.IGNORECASE)
    if m:
        word = m.group(1)
        return re.sub(r"n$", "", word) if word.endswith(("ohjelman", "strategian")) else word
    if len(first) <= 90 and not ends_sentence(first):
        return fold(first)
    return None
