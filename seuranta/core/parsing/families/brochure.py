"""Strategy brochures: focus areas with goal / action / indicator columns per page.

A brochure lists its focus areas (PAINOPISTEET: names, then one description
each) and then prints one page per focus area as columns headed, for example,
"Painopiste | Tavoite, eli tähän me pyrimme. | Toimenpiteet, eli näin
tavoitetta kohti edetään. | Mittarit, eli näistä tiedämme onnistuneemme.".
PDF extraction prints such a page out of order: the indicator bullets ("→ …")
and the action paragraphs come first, then the column headers, then the
narrow goal column. Recognised by that header: three or more column names on
separate short lines, close together.

Rules, all structural:
- table pages follow the order of the listed focus areas (a page that prints a
  focus area's name goes to it);
- before a page's header: "→" bullets are indicators, other paragraphs actions
  (a paragraph ends where a sentence ends at a line end; inside a bullet only
  where the next word would have fitted on the line, i.e. text glued from the
  next column);
- after the header, up to the next bullet or wide line: the goal column. Its
  sentences form one goal unless a sentence shares no words with the ones
  before it and has indicators or actions of its own; items go to the goal
  they share the most words with, and a warning is given when that is a guess;
- indicators attach to the goal; the text before the focus-area list is
  narrative sections, headed by its upper-case lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seuranta.core.model import Node, Plan, Section
from seuranta.core.parsing import layouts
from seuranta.core.parsing.document import Document, ImportWarning, ParseResult
from seuranta.core.parsing.families.goal_table_levels import indicator_warnings, parse_indicator
from seuranta.core.parsing.families.goal_table_text import (
    Line,
    fold,
    join_lines,
    organization_of,
    overlap,
    read_lines,
    similarity,
    starts_with_bullet,
    would_fit,
)
from seuranta.core.parsing.text import ends_sentence, split_sentences, strip_bullet

NAME = "brochure"

# The layout's vocabulary and template hints are data: layouts/brochure.json.
_LAYOUT = layouts.load("brochure")
_COLUMNS = {
    word: (column.role, column.level or column.role) for word, column in _LAYOUT.column_words().items()
}
_PLURALS = _LAYOUT.maps["plurals"]
# Goal columns are narrow; a wider line starts the next page.
_GOAL_WIDTH = int(_LAYOUT.hints["goal_column_width"])


@dataclass
class Header:
    start: int
    end: int  # index after the header's last line
    levels: dict[str, str] = field(default_factory=dict)  # role -> level name


@dataclass
class Page:
    header: Header
    indicators: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    goal_text: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def _column_words(text: str) -> list[str] | None:
    words = [w.strip(",.:;").lower() for w in fold(text).split(" ") if w.strip(",.:;")]
    if words and all(w in _COLUMNS for w in words):
        return words
    return None


def _headers(lines: list[Line]) -> list[Header]:
    out: list[Header] = []
    i = 0
    while i < len(lines):
        words = _column_words(lines[i].text)
        if words is None:
            i += 1
            continue
        header = Header(start=i, end=i)
        column_lines = 0
        j = i
        while j < len(lines):
            found = _column_words(lines[j].text)
            if found is not None:
                column_lines += 1
                for word in found:
                    role, level = _COLUMNS[word]
                    header.levels.setdefault(role, level)
            elif not (lines[j].text.lower().startswith("eli ") and j > i):
                break
            j += 1
        header.end = j
        # Column names on separate lines; on one line only when all four columns are named
        # ("Teema Tavoite Toimenpiteet Mittarit"), which a goal table's header never is.
        if (column_lines >= 2 and len(header.levels) >= 3) or len(header.levels) >= 4:
            out.append(header)
        i = max(j, i + 1)
    return out


def detect(doc: Document) -> float:
    headers = _headers(read_lines(doc.text))
    if not headers:
        return 0.0
    return min(0.95, 0.85 + 0.05 * (len(headers) - 1))


# ---------------------------------------------------------------- page regions


def _overview(lines: list[Line], plural: str, limit: int) -> tuple[int, list[str], list[str], int] | None:
    """(heading index, focus-area names, descriptions, index after them) of the focus-area list."""
    heading = None
    for i in range(limit):
        if fold(lines[i].text).lower().endswith(plural):
            heading = i
            while heading + 1 < limit and fold(lines[heading + 1].text).lower().endswith(plural):
                heading += 1
            break
    if heading is None:
        return None
    names: list[list[str]] = []
    i = heading + 1
    while i < limit:
        line = lines[i]
        if (
            line.text.endswith("-")
            or ". " in line.text
            or ends_sentence(line.text)
            or starts_with_bullet(line.raw)
        ):
            break
        if _opens_sentence_paragraph(lines, i, limit):
            break
        if names and (line.text[:1].islower() or lines[i - 1].soft_wrap):
            names[-1].append(line.raw)
        else:
            names.append([line.raw])
        i += 1
    start = i
    while (
        i < limit and not (i > start and lines[i].blank_before >= 3) and not starts_with_bullet(lines[i].raw)
    ):
        i += 1
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:i]:
        paragraphs[-1].append(line.raw)
        if ends_sentence(line.text) and not line.soft_wrap:
            paragraphs.append([])
    descriptions = [join_lines(p) for p in paragraphs if p]
    return heading, [join_lines(n) for n in names], descriptions, i


def _opens_sentence_paragraph(lines: list[Line], i: int, limit: int) -> bool:
    """Line i wraps into lower-case lines that end a sentence: a description, not a focus-area name."""
    text = [lines[i].text]
    j = i
    while lines[j].soft_wrap and j + 1 < limit and lines[j + 1].text[:1].islower():
        j += 1
        text.append(lines[j].text)
        if ends_sentence(lines[j].text) or ". " in lines[j].text:
            return True
    return False


def _split_items(lines: list[Line]) -> tuple[list[str], list[str]]:
    """Indicator bullets and action paragraphs of the part printed before a page's header."""
    width = max((len(line.text) for line in lines), default=0)
    items: list[tuple[bool, list[Line]]] = []
    for line in lines:
        bullet = starts_with_bullet(line.raw)
        if bullet or not items:
            items.append((bullet, [line]))
            continue
        is_bullet, current = items[-1]
        prev = current[-1]
        upper = line.text[:1].isupper()
        if is_bullet:
            glued = ends_sentence(prev.text) and upper and would_fit(prev.text, line.text, width, 0.95)
            closed = ends_sentence(prev.text) and not prev.soft_wrap
            new = glued or closed
        else:
            new = ends_sentence(prev.text) and upper
        if new:
            items.append((False, [line]))
        else:
            current.append(line)
    indicators = [join_lines(strip_bullet(line.raw) for line in ls) for bullet, ls in items if bullet]
    actions = [join_lines(line.raw for line in ls) for bullet, ls in items if not bullet]
    return indicators, actions


def _pages(lines: list[Line], headers: list[Header], first_start: int) -> list[Page]:
    pages: list[Page] = []
    start = first_start
    for k, header in enumerate(headers):
        page = Page(header=header)
        page.indicators, page.actions = _split_items(lines[start : header.start])
        limit = headers[k + 1].start if k + 1 < len(headers) else len(lines)
        i = header.end
        while i < limit:
            line = lines[i]
            if (
                starts_with_bullet(line.raw)
                or len(line.text) > _GOAL_WIDTH
                or (i > header.end and line.blank_before >= 3)
            ):
                break
            page.goal_text.append(line.raw)
            i += 1
        page.lines = lines[start:i]
        pages.append(page)
        start = i
    return pages


# ---------------------------------------------------------------- goals


def _goals(page: Page) -> list[str]:
    """The page's goals: its goal-column sentences, grouped by shared words and own items."""
    sentences = split_sentences(join_lines(page.goal_text), capital_only=True)
    if not sentences:
        return []
    groups: list[list[str]] = []
    for sentence in sentences:
        if groups and overlap(sentence, " ".join(groups[-1])) > 0:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    items = page.indicators + page.actions
    while len(groups) > 1:
        texts = [" ".join(g) for g in groups]
        owned = [0] * len(groups)
        for item in items:
            scores = [overlap(item, t) for t in texts]
            if max(scores) > 0 and scores.count(max(scores)) == 1:
                owned[scores.index(max(scores))] += 1
        if all(owned):
            break
        k = owned.index(0)
        if k > 0:
            groups[k - 1].extend(groups.pop(k))
        else:
            first = groups.pop(0)
            groups[0][:0] = first
    return [" ".join(g) for g in groups]


def _place(items: list[str], goals: list[Node], warnings: list[ImportWarning], what: str) -> list[int]:
    """For each item, the index of the goal it shares most words with (the previous item's when unclear)."""
    out: list[int] = []
    previous = 0
    for item in items:
        scores = [overlap(item, goal.title) for goal in goals]
        best = max(scores) if scores else 0
        if len(goals) > 1 and not (best > 0 and scores.count(best) == 1):
            index = previous
            warnings.append(
                ImportWarning(
                    "ambiguous_column",
                    f"Sivulla on useita tavoitteita; {what} on liitetty tavoitteeseen järjestyksen perusteella.",
                    path=(goals[index].title,),
                    field="indicators" if what == "mittari" else "children",
                )
            )
        else:
            index = scores.index(best) if len(goals) > 1 else 0
        out.append(index)
        previous = index
    return out


# ---------------------------------------------------------------- sections


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _sections(lines: list[Line]) -> list[Section]:
    sections: list[Section] = []
    title: list[str] = []
    paragraphs: list[list[str]] = []

    def close() -> None:
        text = "\n\n".join(join_lines(p) for p in paragraphs if p)
        if text or title:
            sections.append(Section(title=join_lines(title) or None, text=text))

    for line in lines:
        if _is_caps(line.text):
            if paragraphs:
                close()
                title, paragraphs = [], []
            title.append(line.raw)
            continue
        if starts_with_bullet(line.raw):
            paragraphs.append(["→ " + strip_bullet(line.raw).strip()])
        elif not paragraphs:
            paragraphs.append([line.raw])
        else:
            paragraphs[-1].append(line.raw)
        if ends_sentence(line.text) and not line.soft_wrap:
            paragraphs.append([])
    close()
    return sections


# ---------------------------------------------------------------- parse


def parse(doc: Document) -> ParseResult:
    warnings: list[ImportWarning] = []
    lines = read_lines(doc.text)
    headers = _headers(lines)
    if not headers:
        return ParseResult(
            plan=None,
            warnings=[
                ImportWarning(
                    "no_plan",
                    "Tiedostosta ei löytynyt painopiste-, tavoite-, toimenpide- ja mittarisarakkeita.",
                )
            ],
        )
    levels = headers[0].levels
    group_level = levels.get("group", "Painopiste")
    goal_level = levels.get("goal", "Tavoite")
    action_level = levels.get("action", "Toimenpide")
    plural = _PLURALS.get(group_level, group_level.lower() + "t")
    groups, intro, first_start = _groups(lines, plural, headers[0].start, group_level, warnings)
    plan = Plan(
        title=fold(lines[0].text),
        organization=organization_of(doc.text),
        levels=[group_level, goal_level, action_level],
        sections=_sections(intro),
    )
    roots: list[Node] = list(groups)
    for k, page in enumerate(_pages(lines, headers, first_start)):
        parent = _page_parent(page, groups, k)
        if parent is not None:
            _drop_group_name(page, parent.title)
        if parent is None and groups:
            warnings.append(
                ImportWarning(
                    "ambiguous_column",
                    "Taulukkosivua ei voitu liittää painopisteeseen; sen tavoitteet ovat ylimmällä tasolla.",
                    field="level",
                )
            )
        goals = _page_goals(page, parent, goal_level, action_level, warnings)
        if parent is None:
            roots.extend(goals)
        else:
            parent.children.extend(goals)
    plan.nodes = roots
    return ParseResult(plan=plan, warnings=warnings)


def _groups(
    lines: list[Line], plural: str, table_start: int, group_level: str, warnings: list[ImportWarning]
) -> tuple[list[Node], list[Line], int]:
    """(groups named in the overview, intro lines, line where the first table page starts)."""
    overview = _overview(lines, plural, table_start)
    if not overview:
        breaks = [i for i in range(table_start) if lines[i].blank_before >= 3]
        bullets = [i for i in range(table_start) if starts_with_bullet(lines[i].raw)]
        first_start = breaks[-1] if breaks else (bullets[0] if bullets else 0)
        return [], lines[1:first_start], first_start
    heading, names, descriptions, first_start = overview
    groups = [Node(level=group_level, title=name) for name in names]
    if len(descriptions) == len(groups):
        for node, text in zip(groups, descriptions, strict=True):
            node.description = text
    elif descriptions:
        warnings.append(
            ImportWarning(
                "ambiguous_column",
                "Painopisteiden kuvauksia ei voitu yhdistää nimiin yksiselitteisesti.",
                field="description",
            )
        )
    return groups, lines[1:heading], first_start


def _page_goals(
    page: Page, parent: Node | None, goal_level: str, action_level: str, warnings: list[ImportWarning]
) -> list[Node]:
    """A table page's goals with its indicators and actions placed under them."""
    goals = [Node(level=goal_level, title=title) for title in _goals(page)]
    if not goals:
        goals = [Node(level=goal_level, title=parent.title if parent else "")]
        warnings.append(
            ImportWarning(
                "missing_goal",
                "Taulukkosivulta ei löytynyt tavoitetta; mittarit ja toimenpiteet on liitetty "
                "painopisteen nimiseen tavoitteeseen.",
                path=(parent.title,) if parent else (),
                field="title",
            )
        )
    path = (parent.title,) if parent else ()
    for item, index in zip(page.indicators, _place(page.indicators, goals, warnings, "mittari"), strict=True):
        indicator, doubts = parse_indicator(item)
        goals[index].indicators.append(indicator)
        warnings.extend(indicator_warnings(indicator, doubts, (*path, goals[index].title)))
    for item, index in zip(page.actions, _place(page.actions, goals, warnings, "toimenpide"), strict=True):
        goals[index].children.append(Node(level=action_level, title=item))
    return goals


def _page_parent(page: Page, groups: list[Node], k: int) -> Node | None:
    text = " ".join(line.text for line in page.lines).lower()
    named = [g for g in groups if fold(g.title).lower() in text]
    if len(named) == 1:
        return named[0]
    return groups[k] if k < len(groups) else None


def _drop_group_name(page: Page, title: str) -> None:
    """A page that prints its focus area's name in the first column: that name is not a goal."""
    for used in range(1, min(4, len(page.goal_text)) + 1):
        if similarity(join_lines(page.goal_text[:used]), title, 0.9) >= 0.9:
            del page.goal_text[:used]
            return
