"""Narrative service plans: numbered chapters, strategic goals, programme areas, service units.

The structure this family reads (a municipal sector's palvelusuunnitelma):

* upper-case numbered chapters ("2. STRATEGISET PÄÄMÄÄRÄT", "4. HALLINTOTOIMEN PALVELUT
  JA TILANNEKUVA"); the chapter listing the strategic goals gives one top-level node per
  line, the other chapters' prose becomes `sections`;
* in the goals chapter, numbered programme areas ("1. Tulevaisuuden Laitilaa ...") with
  numbered goals ("1.1.", "1.2." ...; a repeated number is a slip, both are kept);
* a small goal table "Tavoite Toimenpiteet Mittarit" under headings repeating the strategic
  goals, its columns interleaved by the extraction (see narrative_table);
* service units ("5.1.1. Tietohallintopalvelut") with Nykytila / Haasteet /
  Kehittämisnäkökulmia / Mittareita and a status review (see narrative_units).

The sector the chapters name in the genitive ("HALLINTOTOIMEN ...") is the unit of the
sector's own nodes; strategic goals are town-wide and have none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from seuranta.core.model import Node, Plan, Section
from seuranta.core.parsing.document import Document, ImportWarning, Paragraph, ParseResult
from seuranta.core.parsing.families.narrative_chapters import (
    ACTION_LEVEL,
    DEFAULT_PROGRAMME_LEVEL,
    DETECT_KINDS,
    DETECT_REVIEW,
    GENERIC_GENITIVES,
    GOAL_LEVEL,
    GOALS_CHAPTER,
    NUMERAL_TRANSLATIVE,
    ORGANIZATION,
    PLAN_NAME,
    STRATEGIC_CHAPTER,
    TABLE_HEADER,
    TABLE_HEADER_WORD,
    Chapter,
    State,
    chapters_of,
    ends_with_stop,
    section_text,
    strategic_level,
    unit_headings,
    unit_level_name,
)
from seuranta.core.parsing.families.narrative_lines import (
    Line,
    build_items,
    continues,
    fold,
    is_upper_heading,
    is_url,
    join_wrapped,
    numbered,
    read_lines,
)
from seuranta.core.parsing.families.narrative_table import rebuild_rows
from seuranta.core.parsing.families.narrative_units import parse_unit
from seuranta.core.parsing.families.narrative_words import (
    genitive_phrase,
    indicator_from_text,
    nominative_of_genitive_phrase,
    nominative_of_translative,
)
from seuranta.core.parsing.text import same_title

NAME = "narrative"


# --- detection -------------------------------------------------------------------------------


def _doc_text(doc: Document) -> str:
    if doc.text:
        return doc.text
    return "\n".join(b.text for b in doc.blocks if isinstance(b, Paragraph))


def detect(doc: Document) -> float:
    """High when the text is organised by the narrative headings Nykytila / Haasteet /
    Kehittämisnäkökulmia / Mittareita, repeated per service unit."""
    counts: Counter[str] = Counter()
    review = chapters = 0
    for raw in _doc_text(doc).splitlines():
        line = fold(raw)
        if not line or len(line) > 120:
            continue
        for kind, pattern in DETECT_KINDS.items():
            if pattern.match(line):
                counts[kind] += 1
        if DETECT_REVIEW.search(line):
            review += 1
        number = numbered(line)
        if number and len(number[0]) == 1 and is_upper_heading(number[1]):
            chapters += 1
    kinds = len(counts)
    if kinds == 0:
        return 0.0
    units = counts["status"] or max(counts.values())
    score = 0.2 * kinds + 0.05 * min(units - 1, 3) + 0.05 * bool(review) + 0.05 * (chapters >= 2)
    return round(min(1.0, score), 3)


# --- parsing ---------------------------------------------------------------------------------


def _strategic_chapter(chapter: Chapter, state: State) -> None:
    level = strategic_level(chapter.title, state.text)
    state.use_level(level)
    for item in build_items(chapter.lines, wrap="line"):
        number = numbered(item.text)
        node = Node(level=level, title=number[1] if number else item.text, unit=None, notes=[])
        state.strategic.append(node)
        state.nodes.append(node)


def _programme_level(intro: str) -> str:
    m = NUMERAL_TRANSLATIVE.search(intro)
    if m:
        name = nominative_of_translative(m[1])
        if name:
            return name
    return DEFAULT_PROGRAMME_LEVEL


def _is_table_start(ln: Line, state: State) -> bool:
    if TABLE_HEADER.match(ln.text):
        return True
    return any(same_title(ln.text, goal.title) for goal in state.strategic)


def _next_unit(unit_starts: list[int], i: int, default: int) -> int:
    """The first unit heading after line i (a search, not a scan: chapters can hold many units)."""
    k = bisect_right(unit_starts, i)
    return unit_starts[k] if k < len(unit_starts) else default


@dataclass
class _Goals:
    """Where a goals chapter's numbered headings go: the programme open now and the last node."""

    programme_level: str | None = None
    programme: Node | None = None
    programme_number: int = 0
    current: Node | None = None
    seen_numbers: dict[tuple[int, ...], str] = field(default_factory=dict)


def _unit_block(ln: Line, body: list[Line], unit_level: str, state: State) -> None:
    """A unit heading and its lines: one unit node with its actions."""
    number = numbered(ln.text)
    node, warnings = parse_unit(
        number[1] if number else ln.text,
        body,
        unit=state.unit,
        level=unit_level,
        action_level=ACTION_LEVEL,
    )
    state.use_level(unit_level)
    if node.children:
        state.use_level(ACTION_LEVEL)
    state.nodes.append(node)
    state.warnings.extend(warnings)


def _numbered_goal(
    parts: tuple[int, ...], title: str, goals: _Goals, intro: list[Line], state: State
) -> None:
    """A numbered heading: "1." opens a programme, "1.2." is a goal under it."""
    programme = goals.programme
    if len(parts) == 1:
        if goals.programme_level is None:
            goals.programme_level = _programme_level(" ".join(x.text for x in intro))
            state.use_level(goals.programme_level)
        goals.programme = Node(level=goals.programme_level, title=title, unit=state.unit, notes=[])
        goals.programme_number = parts[0]
        state.nodes.append(goals.programme)
        goals.current = goals.programme
        return
    goal = Node(level=GOAL_LEVEL, title=title, unit=state.unit, notes=[])
    state.use_level(GOAL_LEVEL)
    if programme is None or parts[0] != goals.programme_number:
        state.warnings.append(
            ImportWarning(
                "numbering",
                f"Tavoitteen numero {'.'.join(map(str, parts))}. ei vastaa "
                "ohjelmakokonaisuuden numeroa; tavoite on liitetty edeltävään kokonaisuuteen.",
                (programme.title,) if programme else (),
                field="level",
            )
        )
    if parts in goals.seen_numbers:
        state.warnings.append(
            ImportWarning(
                "duplicate_number",
                f"Numero {'.'.join(map(str, parts))}. esiintyy kahdesti; molemmat kohdat on tuotu "
                "omina tavoitteinaan.",
                ((programme.title,) if programme else ()) + (title,),
                field="title",
            )
        )
    goals.seen_numbers[parts] = title
    (programme.children if programme else state.nodes).append(goal)
    goals.current = goal


def _goals_chapter(chapter: Chapter, state: State) -> None:
    lines = chapter.lines
    units = unit_headings(lines)
    unit_starts = sorted(units)
    unit_level = unit_level_name(chapter.title)
    intro: list[Line] = []
    goals = _Goals()
    i = 0
    while i < len(lines):
        ln = lines[i]
        if i in units:
            end = _next_unit(unit_starts, i, len(lines))
            _unit_block(ln, lines[i + 1 : end], unit_level, state)
            i = end
            continue
        if _is_table_start(ln, state) and not ln.is_bullet:
            end = _next_unit(unit_starts, i, len(lines))
            _table_region(lines[i:end], state)
            i = end
            continue
        number = None if ln.is_bullet else numbered(ln.text)
        if number and len(number[0]) >= 2 and number[0][0] == chapter.number != goals.programme_number:
            # "5.1. Hallintopalvelut" above units 5.1.1, 5.1.2: a grouping heading, not a goal
            end = next(
                (k for k in range(i + 1, len(lines)) if k in units or numbered(lines[k].text)), len(lines)
            )
            body = lines[i + 1 : end]
            if body:
                state.sections.append(Section(title=number[1], text=section_text(body)))
            i = end
            continue
        if number and not is_upper_heading(number[1]):
            _numbered_goal(number[0], number[1], goals, intro, state)
            i += 1
            continue
        current = goals.current
        if is_url(ln.text):
            state.strays.append(ln.text)
        elif current is not None and continues(current.title, ln):
            current.title = join_wrapped(current.title, ln.text)
        elif current is not None:
            current.description = join_wrapped(current.description or "", ln.text)
        else:
            intro.append(ln)
        i += 1
    if intro:
        state.sections.append(Section(title=chapter.title, text=section_text(intro)))


def _table_region(lines: list[Line], state: State) -> None:
    """Sub-tables under headings that repeat the strategic goals."""
    parent: Node | None = None
    region: list[Line] = []

    def flush() -> None:
        if region:
            _table_rows(region, parent, state)
        region.clear()

    for ln in lines:
        if TABLE_HEADER.match(ln.text) or TABLE_HEADER_WORD.match(ln.text):
            continue
        goal = next((g for g in state.strategic if same_title(ln.text, g.title)), None)
        if goal is not None:
            flush()
            parent = goal
            continue
        if is_url(ln.text):
            state.strays.append(ln.text)
            continue
        region.append(ln)
    flush()


def _table_rows(lines: list[Line], parent: Node | None, state: State) -> None:
    for row in rebuild_rows(lines):
        goal = Node(level=GOAL_LEVEL, title=row.goal, unit=state.unit, notes=[])
        goal.indicators = [indicator_from_text(name) for name in row.indicators]
        goal.children = [Node(level=ACTION_LEVEL, title=a, unit=state.unit, notes=[]) for a in row.actions]
        state.use_level(GOAL_LEVEL)
        if goal.children:
            state.use_level(ACTION_LEVEL)
        path = ((parent.title,) if parent else ()) + (goal.title,)
        sure = "melko varmasti" if row.margin >= 1.0 else "epävarmasti"
        state.warnings.append(
            ImportWarning(
                "ambiguous_column",
                "Taulukon sarakkeet (Tavoite, Toimenpiteet, Mittarit) olivat tekstissä lomittain; rivin "
                f"solut on päätelty {sure} rivien katkeamiskohdista ja sanamuodoista. Tarkista "
                "toimenpiteet ja mittarit.",
                path,
                field="children",
            )
        )
        if row.split_line:
            state.warnings.append(
                ImportWarning(
                    "split_line",
                    "Yhdellä tekstirivillä oli usean sarakkeen tekstiä; se on jaettu isoista alkukirjaimista.",
                    path,
                    field="title",
                )
            )
        if parent is None:
            state.nodes.append(goal)
            state.warnings.append(
                ImportWarning(
                    "no_parent",
                    "Taulukon tavoitteelle ei löytynyt strategista päämäärää.",
                    path,
                    field="level",
                )
            )
        else:
            parent.children.append(goal)


def _place_strays(state: State) -> None:
    """A hyperlink the extraction moved away goes back after the "Linkki ..." line it belongs to."""
    for url in state.strays:
        for section in state.sections:
            lines = section.text.split("\n")
            k = next(
                (
                    n
                    for n, t in enumerate(lines)
                    if re.search(r"\blinkki\b", t, re.IGNORECASE) and "://" not in t
                ),
                None,
            )
            if k is not None:
                lines[k] = f"{lines[k]} ({url})"
                section.text = "\n".join(lines)
                break
        else:
            if state.sections:
                state.sections[-1].text += f"\n{url}"
        state.warnings.append(
            ImportWarning(
                "moved_text",
                f"Irrallinen verkko-osoite {url} on siirretty johdantotekstiin.",
                field="sections",
            )
        )


def _sector_unit(chapters: list[Chapter], text: str) -> str | None:
    """The sector the chapters are about: the genitive phrase that starts two chapter headings
    ("HALLINTOTOIMEN PALVELUT", "HALLINTOTOIMEN TAVOITTEET"; "TEKNISEN TOIMEN ..." -> "Tekninen
    toimi"), else the one starting the goals chapter's heading."""
    phrases = [genitive_phrase(c.title, GENERIC_GENITIVES) for c in chapters]
    firsts = Counter(p for p in phrases if p)
    for phrase, count in firsts.most_common():
        if count >= 2:
            return nominative_of_genitive_phrase(phrase, text)
    for chapter, lead in zip(chapters, phrases, strict=True):
        if (
            lead
            and len(chapter.title.split()) > len(lead.split())
            and GOALS_CHAPTER.search(chapter.title)
            and not STRATEGIC_CHAPTER.search(chapter.title)
        ):
            return nominative_of_genitive_phrase(lead, text)
    return None


def _title(lead: list[Line], text: str) -> str | None:
    """A title line before the first chapter, else the name the text gives the plan
    ("hallintotoimen palvelusuunnitelmassa" -> "Hallintotoimen palvelusuunnitelma")."""
    for ln in lead[:3]:
        if not ln.is_bullet and len(ln.text) <= 120 and not ends_with_stop(ln.text):
            return ln.text
    m = PLAN_NAME.search(text)
    if m:
        return f"{m[1].capitalize()} {m[2].lower()}suunnitelma"
    return None


def _organization(text: str) -> str | None:
    found = Counter((m[1], m[2]) for m in ORGANIZATION.finditer(text))
    if not found:
        return None
    (town, kind), _ = found.most_common(1)[0]
    return f"{town} {'kaupunki' if kind == 'kaupungin' else 'kunta'}"


def parse(doc: Document) -> ParseResult:
    text = _doc_text(doc)
    lines = read_lines(text)
    lead, chapters = chapters_of(lines)
    if not chapters:
        chapters = [Chapter("", 0, lead)]
        lead = []
    state = State(text=text, unit=_sector_unit(chapters, text))
    for chapter in chapters:
        if STRATEGIC_CHAPTER.search(chapter.title) and not state.strategic:
            _strategic_chapter(chapter, state)
        else:
            _goals_chapter(chapter, state)
    _place_strays(state)
    sections = [s for s in state.sections if s.text.strip()]
    plan = Plan(
        title=_title(lead, text),
        organization=_organization(text),
        levels=_ordered_levels(state.levels),
        sections=sections,
        nodes=state.nodes,
    )
    if not plan.nodes:
        state.warnings.append(
            ImportWarning("no_plan", "Asiakirjasta ei löytynyt tavoitteita, toimenpiteitä eikä mittareita.")
        )
        return ParseResult(plan=None, warnings=state.warnings)
    return ParseResult(plan=plan, warnings=state.warnings)


def _ordered_levels(levels: list[str]) -> list[str]:
    """Top-level kinds in order of appearance, then goals and actions."""
    tail = [lv for lv in (GOAL_LEVEL, ACTION_LEVEL) if lv in levels]
    return [lv for lv in levels if lv not in tail] + tail


__all__ = ["NAME", "detect", "parse"]
