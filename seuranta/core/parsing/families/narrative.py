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
from seuranta.core.parsing.families.narrative_lines import (
    Item,
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
from seuranta.core.parsing.families.narrative_units import REVIEW, STRATEGIC_LINK, heading_kind, parse_unit
from seuranta.core.parsing.families.narrative_words import (
    genitive_phrase,
    indicator_from_text,
    nominative_of_genitive_phrase,
    nominative_of_translative,
)
from seuranta.core.parsing.text import same_title

NAME = "narrative"

UNIT_LEVEL = "Tehtäväalue"
GOAL_LEVEL = "Tavoite"
ACTION_LEVEL = "Toimenpide"
DEFAULT_STRATEGIC_LEVEL = "Strateginen päämäärä"
DEFAULT_PROGRAMME_LEVEL = "Ohjelmakokonaisuus"

_I = re.IGNORECASE
# "STRATEGISET PÄÄMÄÄRÄT", also in a compound: "KAUPUNKISTRATEGIAN PAINOPISTEET"
_STRATEGIC_CHAPTER = re.compile(r"strategi\w*\s+(?:päämäär\w*|tavoitt\w*|painopist\w*)", _I)
# the chapter naming the service units: "PALVELUALUEET", "TEHTÄVÄALUEIDEN PALVELUT"
_UNIT_CHAPTER_WORD = re.compile(r"\b([^\W\d_]+alue)(?:et|iden|itten|ittain)\b", _I)
_GOALS_CHAPTER = re.compile(r"\btavoitt\w*", _I)
_TABLE_HEADER = re.compile(r"^tavoit\w*\s+toimenpi\w*\s+(?:mittari\w*|arviointi\w*)$", _I)
_TABLE_HEADER_WORD = re.compile(r"^(?:tavoite|tavoitteet|toimenpiteet|toimenpide|mittarit|mittari)$", _I)
_NUMERAL_TRANSLATIVE = re.compile(
    r"\b(?:kahdeksi|kolmeksi|neljäksi|viideksi|kuudeksi|seitsemäksi|kahdeksaksi|yhdeksäksi|"
    r"kymmeneksi|\d+)\s+([^\W\d_]+ksi)\b",
    _I,
)
_GENERIC_GENITIVES = frozenset(
    [
        "toiminnan",
        "strategian",
        "talouden",
        "kaupungin",
        "kunnan",
        "valtuuston",
        "palvelujen",
        "palveluiden",
        "hallituksen",
        "henkilöstön",
    ]
)
_ORGANIZATION = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+n)\s+(kaupungin|kunnan)\b")
_PLAN_NAME = re.compile(r"\b([^\W\d_]+n)\s+(palvelu|toiminta|käyttö)suunnitelm\w*", _I)
_DETECT_KINDS = {  # a short heading line, alone or ending with a colon
    "status": re.compile(r"^\W*nykytila\w*(?:\s+[^\W\d_]+){0,3}\s*[:;]?\s*$", _I),
    "challenges": re.compile(r"^\W*haasteet(?:\s+[^\W\d_]+){0,3}\s*[:;]?\s*$", _I),
    "development": re.compile(r"^\W*kehittämis(?:näkökulm|kohte|toimenpite)\w*\s*[:;]?\s*$", _I),
    "indicators": re.compile(r"^\W*mittare(?:ita|t)\s*[:;]?\s*$", _I),
}
_DETECT_REVIEW = re.compile(r"\btilanne(?:katsaus|päivitys)\b", _I)


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
        for kind, pattern in _DETECT_KINDS.items():
            if pattern.match(line):
                counts[kind] += 1
        if _DETECT_REVIEW.search(line):
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


@dataclass
class Chapter:
    title: str
    number: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class _State:
    text: str
    unit: str | None
    warnings: list[ImportWarning] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    strategic: list[Node] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)

    def use_level(self, level: str) -> None:
        if level not in self.levels:
            self.levels.append(level)


def _chapters(lines: list[Line]) -> tuple[list[Line], list[Chapter]]:
    """Lines before the first chapter, and the chapters with their lines."""
    lead: list[Line] = []
    chapters: list[Chapter] = []
    for ln in lines:
        number = None if ln.is_bullet else numbered(ln.text)
        if number and len(number[0]) == 1 and is_upper_heading(number[1]):
            chapters.append(Chapter(number[1], number[0][0]))
            continue
        if (
            chapters
            and not chapters[-1].lines
            and not ln.is_bullet
            and _is_upper_fragment(ln.text)
            and not numbered(ln.text)
        ):
            chapters[-1].title = f"{chapters[-1].title} {ln.text}"  # a wrapped heading ("MM.")
            continue
        (chapters[-1].lines if chapters else lead).append(ln)
    return lead, chapters


def _is_upper_fragment(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) <= 20 and all(c.isupper() for c in letters)


def _is_link(ln: Line) -> bool:
    return bool(STRATEGIC_LINK.match(ln.text))


def _unit_headings(lines: list[Line]) -> set[int]:
    """Positions of the service units' headings.

    A numbered heading whose text has narrative headings is one ("5.1.1. Tietohallintopalvelut").
    So is an unnumbered short line just before a narrative heading that starts a new unit:
    the first one in the chapter, or one whose kind (Nykytila, Haasteet ...) the current unit
    already had.
    """
    out: set[int] = set()
    heads = [i for i, ln in enumerate(lines) if not ln.is_bullet and numbered(ln.text)]
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        if any(heading_kind(ln.text) not in (None, REVIEW) or _is_link(ln) for ln in lines[i + 1 : end]):
            out.add(i)
    seen: set[str] = set()
    current = -1
    for p, ln in enumerate(lines):
        if p in out:
            seen, current = set(), p
            continue
        kind = heading_kind(ln.text)
        if kind is None or kind == REVIEW:
            continue
        if current < 0 or kind in seen:
            q = p - 1
            while q > current and _is_link(lines[q]):
                q -= 1
            candidate = lines[q] if q > current else None
            if (
                candidate is not None
                and not candidate.is_bullet
                and len(candidate.text) <= 90
                and not _ends_with_stop(candidate.text)
                and heading_kind(candidate.text) is None
                and not is_url(candidate.text)
            ):
                out.add(q)
                seen, current = set(), q
        seen.add(kind)
    return out


def _singular(phrase: str) -> str:
    """ "STRATEGISET PÄÄMÄÄRÄT" -> "Strateginen päämäärä"."""
    words = []
    for word in phrase.lower().split():
        for end, rep in (("set", "nen"), ("tteet", "te"), ("eet", "e"), ("t", "")):
            if word.endswith(end) and len(word) > len(end) + 2:
                word = word[: -len(end)] + rep
                break
        words.append(word)
    return " ".join(words).capitalize()


def _strategic_level(title: str, text: str) -> str:
    m = re.search(r"^\W*(strateginen\s+\w+)\s*[:;]?", text, re.IGNORECASE | re.MULTILINE)
    if m:
        return fold(m[1]).capitalize()
    bare = _STRATEGIC_CHAPTER.search(title)
    if not bare:
        return DEFAULT_STRATEGIC_LEVEL
    first, _, rest = bare[0].partition(" ")
    if first.lower().endswith("n") and rest:
        return _singular(rest)  # "KAUPUNKISTRATEGIAN PAINOPISTEET" -> "Painopiste"
    return _singular(bare[0])


def _unit_level(title: str) -> str:
    """The service units' level as the chapter names them ("PALVELUALUEET" -> "Palvelualue")."""
    m = _UNIT_CHAPTER_WORD.search(title)
    return m[1].capitalize() if m else UNIT_LEVEL


def _is_fragment(item: Item) -> bool:
    """A short bullet-less line that is not a sentence: a list entry whose glyph was lost."""
    return not item.bullet and not item.children and len(item.text) <= 60 and not _ends_with_stop(item.text)


def _section_text(lines: list[Line]) -> str:
    """Prose as paragraphs, bullets as "- " lines; glyph-less list entries are kept as entries:
    under the bullet they follow, or as a list of their own when several stand together."""
    items = build_items(lines, wrap="line")
    out: list[str] = []

    def render(item: Item, depth: int) -> None:
        out.append("  " * depth + "- " + item.text)
        for child in item.children:
            render(child, depth + 1)

    k = 0
    while k < len(items):
        item = items[k]
        if item.bullet:
            render(item, 0)
            while k + 1 < len(items) and _is_fragment(items[k + 1]):
                k += 1
                out.append("  - " + items[k].text)
        elif _is_fragment(item) and k + 1 < len(items) and _is_fragment(items[k + 1]):
            while k < len(items) and _is_fragment(items[k]):
                out.append("- " + items[k].text)
                k += 1
            continue
        else:
            out.append(item.text)
        k += 1
    return "\n".join(out)


def _strategic_chapter(chapter: Chapter, state: _State) -> None:
    level = _strategic_level(chapter.title, state.text)
    state.use_level(level)
    for item in build_items(chapter.lines, wrap="line"):
        number = numbered(item.text)
        node = Node(level=level, title=number[1] if number else item.text, unit=None, notes=[])
        state.strategic.append(node)
        state.nodes.append(node)


def _programme_level(intro: str) -> str:
    m = _NUMERAL_TRANSLATIVE.search(intro)
    if m:
        name = nominative_of_translative(m[1])
        if name:
            return name
    return DEFAULT_PROGRAMME_LEVEL


def _is_table_start(ln: Line, state: _State) -> bool:
    if _TABLE_HEADER.match(ln.text):
        return True
    return any(same_title(ln.text, goal.title) for goal in state.strategic)


def _next_unit(unit_starts: list[int], i: int, default: int) -> int:
    """The first unit heading after line i (a search, not a scan: chapters can hold many units)."""
    k = bisect_right(unit_starts, i)
    return unit_starts[k] if k < len(unit_starts) else default


def _goals_chapter(chapter: Chapter, state: _State) -> None:
    lines = chapter.lines
    units = _unit_headings(lines)
    unit_starts = sorted(units)
    unit_level = _unit_level(chapter.title)
    intro: list[Line] = []
    programme_level: str | None = None
    programme: Node | None = None
    programme_number = 0
    current: Node | None = None
    seen_numbers: dict[tuple[int, ...], str] = {}
    i = 0
    while i < len(lines):
        ln = lines[i]
        if i in units:
            end = _next_unit(unit_starts, i, len(lines))
            number = numbered(ln.text)
            node, warnings = parse_unit(
                number[1] if number else ln.text,
                lines[i + 1 : end],
                unit=state.unit,
                level=unit_level,
                action_level=ACTION_LEVEL,
            )
            state.use_level(unit_level)
            if node.children:
                state.use_level(ACTION_LEVEL)
            state.nodes.append(node)
            state.warnings.extend(warnings)
            i = end
            continue
        if _is_table_start(ln, state) and not ln.is_bullet:
            end = _next_unit(unit_starts, i, len(lines))
            _table_region(lines[i:end], state)
            i = end
            continue
        number = None if ln.is_bullet else numbered(ln.text)
        if number and len(number[0]) >= 2 and number[0][0] == chapter.number != programme_number:
            # "5.1. Hallintopalvelut" above units 5.1.1, 5.1.2: a grouping heading, not a goal
            end = next(
                (k for k in range(i + 1, len(lines)) if k in units or numbered(lines[k].text)), len(lines)
            )
            body = lines[i + 1 : end]
            if body:
                state.sections.append(Section(title=number[1], text=_section_text(body)))
            i = end
            continue
        if number and not is_upper_heading(number[1]):
            parts, title = number
            if len(parts) == 1:
                if programme_level is None:
                    programme_level = _programme_level(" ".join(x.text for x in intro))
                    state.use_level(programme_level)
                programme = Node(level=programme_level, title=title, unit=state.unit, notes=[])
                programme_number = parts[0]
                state.nodes.append(programme)
                current = programme
            else:
                goal = Node(level=GOAL_LEVEL, title=title, unit=state.unit, notes=[])
                state.use_level(GOAL_LEVEL)
                if programme is None or parts[0] != programme_number:
                    state.warnings.append(
                        ImportWarning(
                            "numbering",
                            f"Tavoitteen numero {'.'.join(map(str, parts))}. ei vastaa "
                            "ohjelmakokonaisuuden numeroa; tavoite on liitetty edeltävään kokonaisuuteen.",
                            (programme.title,) if programme else (),
                            field="level",
                        )
                    )
                if parts in seen_numbers:
                    state.warnings.append(
                        ImportWarning(
                            "duplicate_number",
                            f"Numero {'.'.join(map(str, parts))}. esiintyy kahdesti; molemmat kohdat on tuotu "
                            "omina tavoitteinaan.",
                            ((programme.title,) if programme else ()) + (title,),
                            field="title",
                        )
                    )
                seen_numbers[parts] = title
                (programme.children if programme else state.nodes).append(goal)
                current = goal
            i += 1
            continue
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
        state.sections.append(Section(title=chapter.title, text=_section_text(intro)))


def _table_region(lines: list[Line], state: _State) -> None:
    """Sub-tables under headings that repeat the strategic goals."""
    parent: Node | None = None
    region: list[Line] = []

    def flush() -> None:
        if region:
            _table_rows(region, parent, state)
        region.clear()

    for ln in lines:
        if _TABLE_HEADER.match(ln.text) or _TABLE_HEADER_WORD.match(ln.text):
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


def _table_rows(lines: list[Line], parent: Node | None, state: _State) -> None:
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


def _place_strays(state: _State) -> None:
    """A hyperlink the extraction moved away goes back after the "Linkki ..." line it belongs to."""
    for url in state.strays:
        for section in state.sections:
            lines = section.text.split("\n")
            k = next(
                (n for n, t in enumerate(lines) if re.search(r"\blinkki\b", t, _I) and "://" not in t), None
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
    phrases = [genitive_phrase(c.title, _GENERIC_GENITIVES) for c in chapters]
    firsts = Counter(p for p in phrases if p)
    for phrase, count in firsts.most_common():
        if count >= 2:
            return nominative_of_genitive_phrase(phrase, text)
    for chapter, lead in zip(chapters, phrases, strict=True):
        if (
            lead
            and len(chapter.title.split()) > len(lead.split())
            and _GOALS_CHAPTER.search(chapter.title)
            and not _STRATEGIC_CHAPTER.search(chapter.title)
        ):
            return nominative_of_genitive_phrase(lead, text)
    return None


def _title(lead: list[Line], text: str) -> str | None:
    """A title line before the first chapter, else the name the text gives the plan
    ("hallintotoimen palvelusuunnitelmassa" -> "Hallintotoimen palvelusuunnitelma")."""
    for ln in lead[:3]:
        if not ln.is_bullet and len(ln.text) <= 120 and not _ends_with_stop(ln.text):
            return ln.text
    m = _PLAN_NAME.search(text)
    if m:
        return f"{m[1].capitalize()} {m[2].lower()}suunnitelma"
    return None


def _ends_with_stop(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";"))


def _organization(text: str) -> str | None:
    found = Counter((m[1], m[2]) for m in _ORGANIZATION.finditer(text))
    if not found:
        return None
    (town, kind), _ = found.most_common(1)[0]
    return f"{town} {'kaupunki' if kind == 'kaupungin' else 'kunta'}"


def parse(doc: Document) -> ParseResult:
    text = _doc_text(doc)
    lines = read_lines(text)
    lead, chapters = _chapters(lines)
    if not chapters:
        chapters = [Chapter("", 0, lead)]
        lead = []
    state = _State(text=text, unit=_sector_unit(chapters, text))
    for chapter in chapters:
        if _STRATEGIC_CHAPTER.search(chapter.title) and not state.strategic:
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
