"""Keyword-block documents: goals printed as blocks of labelled cells.

Each block is a run of upper-case labels, top-down (TEEMA / PAINOPISTE / TAVOITE /
TEKO / TOIMENPIDE, each followed by its cell text), then MITTARI regions with a
"Lähtötaso Tavoitetaso" column header, milestones ("Osatavoite 1: ..."), a
responsible person ("Vastuuhenkilö: ...") and progress statements ("Selvitys
toimenpiteen edistymisestä ... (Q1):"). Unlabelled short lines between blocks are
unit headings ("Konsernipalvelut", "Perusopetus") or strategy themes ("Porilaisten
hyvinvointi") printed above the next block.

Rules, all from structure:
- A label's cell is its line and every line up to the next labelled line: one node,
  whole cell as the title (several sentences or bullet lines included).
- A label opens a new block when its level is not below the previous label's. The
  short heading lines just above such a label are headings, not cell text: a line
  naming a unit ("...toimiala", "...palvelut", "...opetus") is a unit, the line
  nearest the label otherwise a theme (level "Teema"). A unit heading ends the
  theme above it.
- Headings repeat: a node whose title matches (text.same_title) an existing node
  at the same place is that node; without a parent in the block (no theme above a
  PAINOPISTE) it is the same-level node printed anywhere before. The title kept is
  the most common spelling (ties to the first), and a warning lists the others.
- Indicators, milestones, responsible persons and progress belong to the lowest
  node of the block.
- Units: a document with one unit files every node under it; with several units the
  heading levels are shared between them, so only the lowest nodes get a unit.
- Targets get the year of the plan's milestones (or of the Tavoitetaso header)
  when they print none; a progress report's targets are not stamped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.model import Indicator, Milestone, Node, Plan, Progress
from seuranta.core.parsing.document import Document, ImportWarning, ParseResult
from seuranta.core.parsing.families.keyword_blocks_fields import (
    actuals_from_progress,
    common_year,
    leaders,
    milestone_due,
    progress_period,
    single_year,
    split_footnotes,
)
from seuranta.core.parsing.families.keyword_blocks_indicators import (
    HEADER_RE,
    RawIndicator,
    build_indicator,
    parse_region,
)
from seuranta.core.parsing.text import (
    fold_whitespace,
    guess_organization,
    hyphen_prefixes,
    join_lines,
    representative,
    same_title,
    strip_bullet,
    title_key,
)

NAME = "keyword_blocks"

RANKS = {"Teema": 0, "Painopiste": 1, "Tavoite": 2, "Teko": 3, "Toimenpide": 4}
_LABEL_WORDS = {
    "TEEMA": "Teema",
    "TEEMAT": "Teema",
    "PAINOPISTE": "Painopiste",
    "PAINOPISTEET": "Painopiste",
    "TAVOITE": "Tavoite",
    "TAVOITTEET": "Tavoite",
    "TEKO": "Teko",
    "TEOT": "Teko",
    "TOIMENPIDE": "Toimenpide",
    "TOIMENPITEET": "Toimenpide",
}
_LABEL_RE = re.compile(
    r"^\s*(TEEMAT?|PAINOPISTE(?:ET)?|TAVOITE|TAVOITTEET|TEKO|TEOT|TOIMENPIDE|TOIMENPITEET)"
    r"(?:\s+(\d{1,2}(?:\.\d{1,2})*)(?![\d.]))?\s*[:.]?(?=\s|$)(.*)$"
)
_LABEL_TITLE_RE = re.compile(
    r"^\s*(Teema|Painopiste|Tavoite|Teko|Toimenpide)(?:\s+(\d{1,2}(?:\.\d{1,2})*))?\s*:\s*(.*)$"
)
_MITTARI_RE = re.compile(
    r"^\s*(?:MITTARIT?|Mittari(?=\s*\d*\s*:))(?:\s+(\d{1,2})(?!\d))?\s*[:.]?(?=\s|$)(.*)$"
)
_MILESTONE_RE = re.compile(r"^\s*Osatavoite\s*(\d{1,2})?\s*[:.)]\s*(.*)$", re.IGNORECASE)
_MS_INTRO_RE = re.compile(r"osatavoitteet\b.*:\s*$", re.IGNORECASE)
_RESPONSIBLE_RE = re.compile(
    r"^\s*(?:Vastuuhenkilö(?:t|\(t\))?|Vastuutaho(?:t)?|Vastuuyksikkö|Vastuussa|Vastuu)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_SCHEDULE_RE = re.compile(r"^\s*(?:Aikataulu|Toteutusaika|Ajankohta)\s*:\s*(.*)$", re.IGNORECASE)
_PROGRESS_RE = re.compile(
    r"^\s*(?:(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuun\s+"
    r"|(?:ensimmäisen|toisen|kolmannen|neljännen)\s+(?:tertiaalin|neljänneksen|vuosineljänneksen|kvartaalin)\s+)?"
    r"(?:Selvitys|Tilannekatsaus|Edistyminen|Toteutuminen)\b[^:]{0,200}:\s*(.*)$",
    re.IGNORECASE,
)
_FOOTNOTE_RE = re.compile(r"^\s*\*+[^\s*]")
_HEADER_WORD_RE = re.compile(
    r"^\s*(?:Lähtötaso|Lähtötilanne|Lähtöarvo|Tavoitetaso|Tavoitearvo)\b", re.IGNORECASE
)
_UNIT_SUFFIXES = (
    "toimiala",
    "toimialat",
    "palvelut",
    "palvelu",
    "opetus",
    "kasvatus",
    "koulutus",
    "toimi",
    "toimisto",
    "yksikkö",
    "keskus",
    "virasto",
    "laitos",
    "hallinto",
    "konserni",
    "kirjasto",
    "tulosalue",
    "vastuualue",
    "palvelualue",
    "lautakunta",
    "osasto",
    "tulosyksikkö",
)
_STATE_LINES = frozenset({"ei", "kyllä", "on", "valmis", "ok", "osittain", "käynnissä"})


@dataclass
class _Segment:
    kind: str  # preamble, label, mittari, milestone, ms_intro, responsible, schedule, progress, heading
    rest: str = ""
    body: list[str] = field(default_factory=list)
    level: str | None = None
    number: str | None = None  # label or MITTARI number
    header: str = ""  # a progress statement's heading line
    opens_block: bool = False  # for headings: printed just above a block-opening label
    heading_kind: str | None = None  # unit or theme


@dataclass
class _Build:
    level: str
    spellings: list[str]
    unit: str | None
    parent: _Build | None = None
    number: str | None = None  # "TAVOITE 2": numbered headings with equal text stay apart
    children: list[_Build] = field(default_factory=list)
    indicators: list[RawIndicator] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[tuple[str, str]] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    schedule: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return RANKS[self.level]


def _label_of(line: str) -> tuple[str, str, str | None] | None:
    """(level, cell text on the label line, label number) of a labelled line."""
    m = _LABEL_RE.match(line) or _LABEL_TITLE_RE.match(line)
    if not m:
        return None
    word = m.group(1)
    return _LABEL_WORDS.get(word, word.capitalize()), m.group(3), m.group(2)


def _classify(raw: str) -> _Segment | None:
    """A segment-opening line, or None for a line of text."""
    line = strip_bullet(raw.rstrip())
    if label := _label_of(line):
        return _Segment("label", rest=label[1], level=label[0], number=label[2])
    if m := _MITTARI_RE.match(line):
        return _Segment("mittari", rest=m.group(2), number=m.group(1))
    if m := _MILESTONE_RE.match(line):
        return _Segment("milestone", rest=m.group(2), number=m.group(1))
    if "osatavoitteet" in line.lower() and len(line) < 160 and _MS_INTRO_RE.search(line):
        return _Segment("ms_intro")
    if m := _RESPONSIBLE_RE.match(line):
        return _Segment("responsible", rest=m.group(1))
    if m := _SCHEDULE_RE.match(line):
        return _Segment("schedule", rest=m.group(1))
    if m := _PROGRESS_RE.match(line):
        return _Segment("progress", rest=m.group(1), header=line[: line.rfind(":", 0, m.start(1)) + 1])
    return None


def _segments(lines: list[str]) -> list[_Segment]:
    segments = [_Segment("preamble")]
    for raw in lines:
        segment = _classify(raw)
        if segment:
            segments.append(segment)
        else:
            line = strip_bullet(raw.strip()).strip()
            segments[-1].body.append(line)
    return _merge_name_only_mittari(segments)


def _name_only(seg: _Segment) -> bool:
    """A MITTARI region holding one paragraph of name lines and no column header."""
    lines = [seg.rest.strip(), *seg.body]
    while lines and not lines[-1]:
        lines.pop()
    return (
        bool(lines)
        and bool(lines[0])
        and all(lines)
        and not any(HEADER_RE.search(line) or _HEADER_WORD_RE.match(line) for line in lines)
    )


def _merge_name_only_mittari(segments: list[_Segment]) -> list[_Segment]:
    """ "Mittari: A" / "Mittari: B" / "Lähtötaso Tavoitetaso" / levels of A and B: one region.

    An unnumbered MITTARI label holding only a name (one paragraph, no column header)
    directly followed by another unnumbered MITTARI label lists the names of a shared
    level table.
    """
    out: list[_Segment] = []
    for seg in segments:
        previous = out[-1] if out else None
        if (
            seg.kind == "mittari"
            and previous is not None
            and previous.kind == "mittari"
            and previous.number is None
            and seg.number is None
            and _name_only(previous)
        ):
            names = [previous.rest, *[line for line in previous.body if line]]
            out[-1] = _Segment("mittari", rest=names[0], body=[*names[1:], seg.rest, *seg.body])
            continue
        out.append(seg)
    return out


def is_unit_name(line: str) -> bool:
    """A unit heading: a short name ending in a unit word ("Sivistystoimiala", "Tekninen toimiala")."""
    words = line.split()
    if not 1 <= len(words) <= 3 or not _heading_like(line):
        return False
    last = words[-1].lower()
    if last in _UNIT_SUFFIXES:
        # A bare "palvelut" or "toimiala" names a unit after a singular adjective ("Tekninen
        # toimiala"), not after a plural one ("Toimivat palvelut" is a theme).
        return len(words) == 1 or words[-2].lower().endswith("nen")
    return last.endswith(_UNIT_SUFFIXES)


def _heading_like(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 7
        and len(line) <= 70
        and line[:1].isupper()
        and line[:1].isalpha()
        and not re.search(r"[\d()]", line)
        and not line.endswith((".", ":", ";", ",", "!", "?", "-"))
        and line.lower() not in _STATE_LINES
        and not _FOOTNOTE_RE.match(line)
        and not HEADER_RE.search(line)
    )


def _peel_headings(
    body: list[str], *, units_only: bool, at_start_ok: bool
) -> tuple[list[str], list[_Segment]]:
    """Split the heading lines printed at the end of a segment, just above a new block."""
    run: list[tuple[int, str]] = []  # (index, kind), bottom-up
    k = len(body) - 1
    while True:
        while k >= 0 and not body[k]:
            k -= 1
        if k < 0:
            break
        line = body[k]
        if is_unit_name(line):
            run.append((k, "unit"))
        elif not units_only and not run and _heading_like(line):
            run.append((k, "theme"))
        else:
            break
        k -= 1
    # Headings are paragraphs of their own: the line above the top one must be blank.
    while run:
        top = run[-1][0]
        if (top == 0 and at_start_ok) or (top > 0 and not body[top - 1]):
            break
        run.pop()
    if not run:
        return body, []
    top = run[-1][0]
    headings = [
        _Segment("heading", rest=body[i], heading_kind=kind, opens_block=True) for i, kind in reversed(run)
    ]
    return body[:top], headings


def _opening_labels(segments: list[_Segment]) -> list[bool]:
    """For each segment, whether it is a label that opens a new block."""
    out, last = [], None
    for seg in segments:
        opens = seg.kind == "label" and (last is None or RANKS[seg.level or "Teema"] <= last)
        if seg.kind == "label":
            last = RANKS[seg.level or "Teema"]
        out.append(opens)
    return out


class _Parser:
    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.prefixes = hyphen_prefixes(doc.text)
        self.roots: list[_Build] = []
        self.all: list[_Build] = []
        self.stack: list[_Build] = []
        self.inherited: set[int] = set()  # ids of stack nodes taken from a repeated heading's old place
        self.regrouped: set[int] = set()  # ids of nodes found again without their parent heading
        self.unit: str | None = None
        self.title: str | None = None
        self.header_years: list[str] = []
        self.pending: list[tuple[str, str, _Build | None, str | None, str | None]] = []
        # Nodes by (level, number, length of a spelling's title key), and each node's place in `all`:
        # _find compares a heading only with nodes that have a spelling near its length.
        self.shapes: dict[tuple[str, str | None, int], list[_Build]] = {}
        self.order: dict[int, int] = {}

    # -- tree -------------------------------------------------------------------------
    def _find(self, level: str, title: str, parent: _Build | None, number: str | None) -> _Build | None:
        # same_title forgives at most max(1, length // 15) edits, so only a node with a spelling whose key
        # is within that many characters of the heading's can match. Looking those up instead of scanning
        # every node keeps long documents from comparing each heading with all earlier ones; taken in
        # document order, they give the same first match as the scan of siblings, then of all nodes.
        length = len(title_key(title))
        window = max(1, length // 15)

        def same(node: _Build) -> bool:
            return (
                node.level == level
                and node.number == number
                and any(
                    abs(len(title_key(s)) - length) <= window and same_title(s, title) for s in node.spellings
                )
            )

        near = {
            id(node): node
            for size in range(length - window, length + window + 1)
            for node in self.shapes.get((level, number, size), ())
        }
        candidates = sorted(near.values(), key=lambda node: self.order[id(node)])
        found = next((node for node in candidates if node.parent is parent and same(node)), None)
        if found is None and parent is None:
            found = next((node for node in candidates if same(node)), None)
        return found

    def _remember(self, node: _Build, spelling: str) -> None:
        shape = self.shapes.setdefault((node.level, node.number, len(title_key(spelling))), [])
        if not shape or shape[-1] is not node:
            shape.append(node)

    def _place(self, level: str, title: str, number: str | None = None) -> _Build:
        rank = RANKS[level]
        while self.stack and (self.stack[-1].rank >= rank or id(self.stack[-1]) in self.inherited):
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        node = self._find(level, title, parent, number)
        if node is None:
            node = _Build(level, [title], self.unit, parent, number=number)
            (parent.children if parent else self.roots).append(node)
            self.order[id(node)] = len(self.all)
            self.all.append(node)
            self._remember(node, title)
        else:
            node.spellings.append(title)
            self._remember(node, title)
            if node.parent is not parent:
                # Found elsewhere: the stack follows the node's own ancestors, but they were
                # not printed here, so they are no context for the next block's headings.
                chain: list[_Build] = []
                up = node.parent
                while up is not None:
                    chain.insert(0, up)
                    up = up.parent
                self.stack = chain
                self.inherited = {id(n) for n in chain}
                if chain and id(node) not in self.regrouped:
                    self.regrouped.add(id(node))
                    self._warn(
                        "placed_by_earlier_heading",
                        "Otsikko toistui ilman yläotsikkoaan, ja se on yhdistetty aiemmin "
                        "yläotsikon alla esiintyneeseen samaan otsikkoon.",
                        node,
                        None,
                        "level",
                    )
        self.inherited.discard(id(node))
        self.stack.append(node)
        return node

    def _target(self) -> _Build | None:
        return self.stack[-1] if self.stack else None

    def _warn(
        self,
        code: str,
        message: str,
        node: _Build | None,
        indicator: str | None = None,
        fld: str | None = None,
    ) -> None:
        self.pending.append((code, message, node, indicator, fld))

    # -- segments ---------------------------------------------------------------------
    def _content(self, seg: _Segment) -> list[str]:
        """A segment's text lines; footnotes go to the current node's notes."""
        lines = []
        for line in seg.body:
            if line and _FOOTNOTE_RE.match(line):
                target = self._target()
                if target is not None:
                    target.notes.extend(split_footnotes(line))
                continue
            lines.append(line)
        return lines

    def _heading(self, seg: _Segment) -> None:
        if seg.heading_kind == "unit":
            self.unit = seg.rest
            if seg.opens_block:
                self.stack = []
            return
        self.stack = []
        self._place("Teema", seg.rest)

    def _label(self, seg: _Segment) -> None:
        cell: list[str] = []
        units: list[str] = []
        for line in [seg.rest, *self._content(seg)]:
            if line and is_unit_name(line.strip()) and cell:
                units.append(line.strip())
            else:
                cell.append(line)
        title = join_lines(cell, self.prefixes)
        if title:
            self._place(seg.level or "Tavoite", title, seg.number)
        else:
            self._warn(
                "empty_label", f"Otsikolla {seg.level} ei ole tekstiä; se on ohitettu.", self._target()
            )
        if units:
            self.unit = units[-1]

    def _mittari(self, seg: _Segment, next_opens: bool) -> list[_Segment]:
        target = self._target()
        content = self._content(seg)
        numbered = seg.number is not None
        result = parse_region(seg.rest, content, numbered=numbered, prefixes=self.prefixes)
        headings: list[_Segment] = []
        if next_opens:
            # Heading lines above the next block follow the levels; keep them out if the
            # levels are complete without them.
            body, peeled = _peel_headings(content, units_only=False, at_start_ok=False)
            if peeled:
                trial = parse_region(seg.rest, body, numbered=numbered, prefixes=self.prefixes)
                if trial.indicators and all(r.baseline and r.target for r in trial.indicators):
                    result, headings = trial, peeled
        if result.target_year:
            self.header_years.append(result.target_year)
        if target is None:
            self._warn("orphan_indicator", "Mittari on ennen ensimmäistä tavoitetta; se on ohitettu.", None)
            return []
        target.indicators.extend(result.indicators)
        for code, message, indicator, fld in result.doubts:
            self._warn(code, message, target, indicator, fld)
        if result.leftover:
            _, extra = _peel_headings(result.leftover, units_only=False, at_start_ok=True)
            if next_opens and extra:
                return headings + extra
            self._warn(
                "unused_text",
                f"Mittarin tasojen jälkeinen teksti jäi käyttämättä: {join_lines(result.leftover)[:80]}",
                target,
                None,
                "targets",
            )
        return headings

    def run(self, lines: list[str]) -> None:
        segments = _segments(lines)
        opens = _opening_labels(segments)
        for i, seg in enumerate(segments):
            next_opens = i + 1 < len(segments) and opens[i + 1]
            extra: list[_Segment] = []
            if seg.kind == "preamble":
                body, extra = _peel_headings(seg.body, units_only=False, at_start_ok=True)
                title_lines = [line for line in body if line][:3]
                if title_lines:
                    first_paragraph: list[str] = []
                    for line in body:
                        if not line and first_paragraph:
                            break
                        if line:
                            first_paragraph.append(line)
                    self.title = join_lines(first_paragraph, self.prefixes) or None
                if not next_opens:  # nothing follows directly: these are not headings of a block
                    extra = []
            elif seg.kind == "mittari":
                extra = self._mittari(seg, next_opens)
                seg = _Segment("done")
            elif next_opens:
                seg.body, extra = _peel_headings(seg.body, units_only=seg.kind == "label", at_start_ok=False)
            self._segment(seg)
            for heading in extra:
                self._heading(heading)

    def _segment(self, seg: _Segment) -> None:
        if seg.kind == "label":
            self._label(seg)
            return
        if seg.kind in ("preamble", "done", "heading"):
            return
        target = self._target()
        content = self._content(seg)
        if target is None:
            if any(content) or seg.rest:
                self._warn("orphan_field", "Tekstiä ennen ensimmäistä tavoitetta ohitettiin.", None)
            return
        first_paragraph = [seg.rest]
        for line in content:
            if not line:
                break
            first_paragraph.append(line)
        if seg.kind == "milestone":
            title = join_lines([seg.rest, *content], self.prefixes)
            if title:
                target.milestones.append(Milestone(title=title, due=milestone_due(title)))
        elif seg.kind == "ms_intro":
            for line in content:
                if line:
                    item = fold_whitespace(line)
                    target.milestones.append(Milestone(title=item, due=milestone_due(item)))
        elif seg.kind == "responsible":
            names = join_lines(first_paragraph, self.prefixes)
            target.responsible.extend(n.strip(" .") for n in re.split(r"[;,]", names) if n.strip(" ."))
        elif seg.kind == "schedule":
            target.schedule = join_lines(first_paragraph, self.prefixes) or None
        elif seg.kind == "progress":
            text = join_lines([seg.rest, *content], self.prefixes)
            if text:
                target.progress.append((seg.header, text))

    # -- output -----------------------------------------------------------------------
    def plan(self) -> ParseResult:
        milestone_texts = [m.title for n in self.all for m in n.milestones]
        progress_texts = [t for n in self.all for _, t in n.progress]
        # A progress report's targets keep the years printed with them; a plan's targets
        # without one get the plan's year (a Tavoitetaso header's, else the milestones').
        target_year = None
        if not progress_texts:
            target_year = self.header_years[0] if self.header_years else single_year(milestone_texts)
        warnings: list[ImportWarning] = []
        if target_year and not self.header_years:
            warnings.append(
                ImportWarning(
                    "inferred_period",
                    f"Tavoitetasojen vuodeksi on päätelty {target_year} osatavoitteiden aikatauluista.",
                )
            )
        title_year = single_year([self.title]) if self.title else None
        report_year = (
            (int(title_year) if title_year else None)
            or common_year(progress_texts)
            or common_year([self.text])
        )
        units = {n.unit for n in self.all if n.unit}
        single_unit = units.pop() if len(units) == 1 else None
        built: dict[int, Node] = {}
        paths: dict[int, tuple[str, ...]] = {}

        def build(b: _Build, path: tuple[str, ...]) -> Node:
            title = representative(b.spellings)
            here = path + (title,)
            paths[id(b)] = here
            variants = sorted({fold_whitespace(s) for s in b.spellings} - {title})
            if variants:
                warnings.append(
                    ImportWarning(
                        "merged_heading",
                        "Toistuvat otsikot yhdistettiin yhdeksi, vaikka kirjoitusasut erosivat: "
                        + "; ".join(f'"{v}"' for v in variants)
                        + ".",
                        here,
                        None,
                        "title",
                    )
                )
            leaf = not b.children
            unit = single_unit if single_unit else (b.unit if leaf else None)
            node = Node(
                level=b.level,
                title=title,
                unit=unit,
                responsible=list(b.responsible),
                schedule=b.schedule,
                milestones=list(b.milestones),
                notes=list(b.notes) or None,
            )
            node.responsible = node.responsible or leaders(title)
            for raw in b.indicators:
                indicator, doubtful = build_indicator(
                    raw, target_period=raw.target_year or target_year, baseline_period=raw.baseline_year
                )
                node.indicators.append(indicator)
                for fld in doubtful:
                    warnings.append(
                        ImportWarning(
                            "unparsed_measure",
                            "Tason lajia (luku, vähintään, enintään, tila) ei tunnistettu.",
                            here,
                            indicator.name,
                            fld,
                        )
                    )
            for header, text in b.progress:
                period = progress_period(header, report_year)
                node.progress.append(Progress(text=text, period=period))
                self._add_actuals(node.indicators, text, period, here, warnings)
            built[id(b)] = node
            node.children = [build(c, here) for c in b.children]
            return node

        nodes = [build(b, ()) for b in self.roots]
        for code, message, b, indicator, fld in self.pending:
            warnings.append(ImportWarning(code, message, paths.get(id(b), ()) if b else (), indicator, fld))
        levels = sorted({b.level for b in self.all}, key=RANKS.__getitem__)
        if not nodes:
            warnings.append(
                ImportWarning("no_plan", "Tiedostosta ei löytynyt tavoitteita eikä toimenpiteitä.")
            )
            return ParseResult(plan=None, warnings=warnings, family=NAME)
        plan = Plan(title=self.title, organization=guess_organization(self.text), levels=levels, nodes=nodes)
        return ParseResult(plan=plan, warnings=warnings, family=NAME)

    @staticmethod
    def _add_actuals(
        indicators: list[Indicator],
        text: str,
        period: str | None,
        path: tuple[str, ...],
        warnings: list[ImportWarning],
    ) -> None:
        for index, measure in actuals_from_progress(indicators, text, period):
            indicator = indicators[index]
            indicator.actuals.append(measure)
            warnings.append(
                ImportWarning(
                    "inferred_actual",
                    f'Toteuma "{measure.text[:60]}" poimittiin selvitystekstistä.',
                    path,
                    indicator.name,
                    "actuals",
                )
            )


def _counts(doc: Document) -> tuple[set[str], int, int]:
    kinds: set[str] = set()
    labels = extras = 0
    for raw in doc.text.splitlines():
        line = strip_bullet(raw.rstrip())
        if label := _label_of(line):
            kinds.add(label[0])
            labels += 1
        elif _MITTARI_RE.match(line):
            kinds.add("Mittari")
            labels += 1
        elif HEADER_RE.search(line) or _MILESTONE_RE.match(line) or _PROGRESS_RE.match(line):
            extras += 1
    return kinds, labels, extras


def detect(doc: Document) -> float:
    """Confidence from upper-case block labels: several kinds, printed repeatedly."""
    kinds, labels, extras = _counts(doc)
    if not labels:
        return 0.0
    score = 0.15 * min(len(kinds), 4) + 0.05 * min(labels, 6) + 0.05 * min(extras, 2)
    if len(kinds) >= 3 and labels >= 4:
        score = max(score, 0.85)
    return min(1.0, score)


def parse(doc: Document) -> ParseResult:
    parser = _Parser(doc)
    parser.run(doc.text.splitlines())
    return parser.plan()
