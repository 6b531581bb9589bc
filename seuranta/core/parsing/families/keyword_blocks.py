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
from seuranta.core.parsing.families.keyword_blocks_indicators import build_indicator, parse_region
from seuranta.core.parsing.families.keyword_blocks_levels import HEADER_RE
from seuranta.core.parsing.families.keyword_blocks_segments import (
    FOOTNOTE_RE,
    MILESTONE_RE,
    MITTARI_RE,
    PROGRESS_RE,
    RANKS,
    Build,
    Segment,
    _segments,
    is_unit_name,
    label_of,
    opening_labels,
    peel_headings,
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


class _Parser:
    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.prefixes = hyphen_prefixes(doc.text)
        self.roots: list[Build] = []
        self.all: list[Build] = []
        self.stack: list[Build] = []
        self.inherited: set[int] = set()  # ids of stack nodes taken from a repeated heading's old place
        self.regrouped: set[int] = set()  # ids of nodes found again without their parent heading
        self.unit: str | None = None
        self.title: str | None = None
        self.header_years: list[str] = []
        self.pending: list[tuple[str, str, Build | None, str | None, str | None]] = []
        # Nodes by (level, number, length of a spelling's title key), and each node's place in `all`:
        # _find compares a heading only with nodes that have a spelling near its length.
        self.shapes: dict[tuple[str, str | None, int], list[Build]] = {}
        self.order: dict[int, int] = {}

    # -- tree -------------------------------------------------------------------------
    def _find(self, level: str, title: str, parent: Build | None, number: str | None) -> Build | None:
        # same_title forgives at most max(1, length // 15) edits, so only a node with a spelling whose key
        # is within that many characters of the heading's can match. Looking those up instead of scanning
        # every node keeps long documents from comparing each heading with all earlier ones; taken in
        # document order, they give the same first match as the scan of siblings, then of all nodes.
        length = len(title_key(title))
        window = max(1, length // 15)

        def same(node: Build) -> bool:
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

    def _remember(self, node: Build, spelling: str) -> None:
        shape = self.shapes.setdefault((node.level, node.number, len(title_key(spelling))), [])
        if not shape or shape[-1] is not node:
            shape.append(node)

    def _place(self, level: str, title: str, number: str | None = None) -> Build:
        rank = RANKS[level]
        while self.stack and (self.stack[-1].rank >= rank or id(self.stack[-1]) in self.inherited):
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        node = self._find(level, title, parent, number)
        if node is None:
            node = Build(level, [title], self.unit, parent, number=number)
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
                chain: list[Build] = []
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

    def _target(self) -> Build | None:
        return self.stack[-1] if self.stack else None

    def _warn(
        self,
        code: str,
        message: str,
        node: Build | None,
        indicator: str | None = None,
        fld: str | None = None,
    ) -> None:
        self.pending.append((code, message, node, indicator, fld))

    # -- segments ---------------------------------------------------------------------
    def _content(self, seg: Segment) -> list[str]:
        """A segment's text lines; footnotes go to the current node's notes."""
        lines = []
        for line in seg.body:
            if line and FOOTNOTE_RE.match(line):
                target = self._target()
                if target is not None:
                    target.notes.extend(split_footnotes(line))
                continue
            lines.append(line)
        return lines

    def _heading(self, seg: Segment) -> None:
        if seg.heading_kind == "unit":
            self.unit = seg.rest
            if seg.opens_block:
                self.stack = []
            return
        self.stack = []
        self._place("Teema", seg.rest)

    def _label(self, seg: Segment) -> None:
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

    def _mittari(self, seg: Segment, next_opens: bool) -> list[Segment]:
        target = self._target()
        content = self._content(seg)
        numbered = seg.number is not None
        result = parse_region(seg.rest, content, numbered=numbered, prefixes=self.prefixes)
        headings: list[Segment] = []
        if next_opens:
            # Heading lines above the next block follow the levels; keep them out if the
            # levels are complete without them.
            body, peeled = peel_headings(content, units_only=False, at_start_ok=False)
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
            _, extra = peel_headings(result.leftover, units_only=False, at_start_ok=True)
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
        opens = opening_labels(segments)
        for i, seg in enumerate(segments):
            next_opens = i + 1 < len(segments) and opens[i + 1]
            extra: list[Segment] = []
            if seg.kind == "preamble":
                body, extra = peel_headings(seg.body, units_only=False, at_start_ok=True)
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
                seg = Segment("done")
            elif next_opens:
                seg.body, extra = peel_headings(seg.body, units_only=seg.kind == "label", at_start_ok=False)
            self._segment(seg)
            for heading in extra:
                self._heading(heading)

    def _segment(self, seg: Segment) -> None:
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
    def _years(self, warnings: list[ImportWarning]) -> tuple[str | None, int | None]:
        """(year for targets printed without one, year of the progress statements)."""
        milestone_texts = [m.title for n in self.all for m in n.milestones]
        progress_texts = [t for n in self.all for _, t in n.progress]
        # A progress report's targets keep the years printed with them; a plan's targets
        # without one get the plan's year (a Tavoitetaso header's, else the milestones').
        target_year = None
        if not progress_texts:
            target_year = self.header_years[0] if self.header_years else single_year(milestone_texts)
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
        return target_year, report_year

    def plan(self) -> ParseResult:
        warnings: list[ImportWarning] = []
        target_year, report_year = self._years(warnings)
        units = {n.unit for n in self.all if n.unit}
        single_unit = units.pop() if len(units) == 1 else None
        built: dict[int, Node] = {}
        paths: dict[int, tuple[str, ...]] = {}

        def build(b: Build, path: tuple[str, ...]) -> Node:
            title = representative(b.spellings)
            here = path + (title,)
            paths[id(b)] = here
            warnings.extend(_merged_headings(b, title, here))
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
            node.indicators.extend(_indicators(b, target_year, here, warnings))
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


def _merged_headings(b: Build, title: str, here: tuple[str, ...]) -> list[ImportWarning]:
    """A warning naming the other spellings of a repeated heading kept as one node."""
    variants = sorted({fold_whitespace(s) for s in b.spellings} - {title})
    if not variants:
        return []
    return [
        ImportWarning(
            "merged_heading",
            "Toistuvat otsikot yhdistettiin yhdeksi, vaikka kirjoitusasut erosivat: "
            + "; ".join(f'"{v}"' for v in variants)
            + ".",
            here,
            None,
            "title",
        )
    ]


def _indicators(
    b: Build, target_year: str | None, here: tuple[str, ...], warnings: list[ImportWarning]
) -> list[Indicator]:
    """The node's indicators, with a warning for each level whose kind was not recognised."""
    indicators = []
    for raw in b.indicators:
        indicator, doubtful = build_indicator(
            raw, target_period=raw.target_year or target_year, baseline_period=raw.baseline_year
        )
        indicators.append(indicator)
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
    return indicators


def _counts(doc: Document) -> tuple[set[str], int, int]:
    kinds: set[str] = set()
    labels = extras = 0
    for raw in doc.text.splitlines():
        line = strip_bullet(raw.rstrip())
        if label := label_of(line):
            kinds.add(label[0])
            labels += 1
        elif MITTARI_RE.match(line):
            kinds.add("Mittari")
            labels += 1
        elif HEADER_RE.search(line) or MILESTONE_RE.match(line) or PROGRESS_RE.match(line):
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
    if len(kinds - {"Mittari"}) < MIN_BLOCK_KINDS:
        # one kind of block ("Tavoite 1:", "Tavoite 2:") with its fields is a numbered outline:
        # the general reader's, not the keyword-block layout of several kinds of labelled blocks
        score = min(score, FAINT)
    return min(1.0, score)


MIN_BLOCK_KINDS = 2
FAINT = 0.25


def parse(doc: Document) -> ParseResult:
    parser = _Parser(doc)
    parser.run(doc.text.splitlines())
    return parser.plan()
