"""The general importer: any document's outline read as a plan, with the lexicon naming roles.

Used for documents no other family recognises, and first for an organisation that has
taught the importer its layout (`seuranta.core.parsing.profile`), so an unfamiliar
layout opens in review as a plan to correct instead of being refused. Structure comes
from `seuranta.core.parsing.outline` (numbering, bullets, headings, labels, tables);
the profile and then the lexicon say what a label or a level word means:

- an outline item is a node; a level word in front of it ("Tavoite 2: ...") or a
  line introducing its list ("Toimenpiteet:", "... sitovat tavoitteet olivat:")
  names its level;
- `Label: value` lines under a node fill its fields by the label's role;
- a table whose header names roles gives one indicator (or node) per row;
- prose under headings that hold no plan content becomes the plan's sections.

Every source line's role is recorded with the rule that decided it and a confidence
(`ParseResult.lines`), so the review shows where each item came from and what was
left out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from seuranta.core.model import Indicator, Milestone, Node, Plan, Section
from seuranta.core.parsing import confidence, lexicon
from seuranta.core.parsing.document import Document, ParseResult, SourceLine
from seuranta.core.parsing.families.outline_lists import (
    INDICATORS,
    PROSE,
    as_indicator,
    ends_in_prose,
    introduces_indicators,
    names_indicators,
    prose_lists,
    release,
    take_indicators,
)
from seuranta.core.parsing.families.outline_pages import as_indicator_page
from seuranta.core.parsing.families.outline_statements import with_stated_goals
from seuranta.core.parsing.families.outline_tree import (
    attach_reports,
    attach_task_lists,
    complete_trace,
    drop_weak,
    has_content,
    has_own_content,
    lift_covers,
    merge_into_contents,
    merge_repeated,
    split_pairs,
    split_sections,
    title_and_period,
)
from seuranta.core.parsing.fields import fits_field, listed_indicators, set_field, stated_target
from seuranta.core.parsing.goal_sentences import relative_targets, reported_figures, stated_targets
from seuranta.core.parsing.header_rows import mark_header_rows
from seuranta.core.parsing.item_page import as_item_page
from seuranta.core.parsing.outline import Line, build, classify
from seuranta.core.parsing.outline import Section as OutlineSection
from seuranta.core.parsing.profile import Decision, Profile, resolve_label
from seuranta.core.parsing.tables import read_table
from seuranta.core.parsing.task_reports import add_task_report, reads_as_report
from seuranta.core.parsing.text import fold_whitespace, guess_organization
from seuranta.core.periods import parse_period

NAME = "outline"
# Level names by depth when the document names none: the most common shapes of Finnish plans.
DEFAULT_LEVELS = {
    1: ["Tavoite"],
    2: ["Tavoite", "Toimenpide"],
    3: ["Painopiste", "Tavoite", "Toimenpide"],
    4: ["Painopiste", "Tavoite", "Teko", "Toimenpide"],
}
_HEAD_RE = re.compile(r"^(?P<head>[^:–—]{3,80}?)(?::\s+|\s+[–—-]\s+)(?P<rest>\S.*)$")
MAX_HEAD_WORDS = 6
_DATED_RE = re.compile(
    r"^(?P<due>\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|(?:[QT][1-4]|H[12])[/ ]\d{4})\s*[|:–—-]?\s+(?P<title>\S.*)$"
)
_DATE_ONLY_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
# A line this short that names a field ("Vastuuorganisaatiot", "Eteneminen") heads the values
# on the lines after it, as web pages print definition lists.
MAX_KEY_WORDS = 2
# Confidence of a line placed by structure alone (a node's level adds its own: `confidence`).
STRUCTURE_CONFIDENCE = 0.5


def detect(doc: Document) -> float:
    """A low constant: the general reading is the fallback when no specific family fits."""
    return 0.01


class _Reader:
    """Turns outline sections into nodes, recording each source line's role."""

    def __init__(self, profile: Profile | None) -> None:
        self.profile = profile
        self.style_levels: dict[str, str] = {}
        self.trace: list[SourceLine] = []
        self.paths: dict[int, tuple[str, ...]] = {}  # a node's source -> its path, for warnings
        self.prose_lists: set[int] = set()  # list items that are text (`prose_lists`)
        self.indicator_headings: set[int] = set()  # headings whose bullets list indicators

    def record(
        self, line: Line, role: str, rule: str, confidence: float, *, label: str | None = None
    ) -> None:
        self.trace.append(SourceLine(line.source, line.text, role, rule, confidence, line.style, label))

    def settle(self, node: Node, depth: int, level_rule: str, path: tuple[str, ...]) -> None:
        """A node's trace completed once its level is known: its depth, the rule that named
        the level, and the confidence that rule gives."""
        index = node.extra.pop("_trace", None)
        if index is None:
            return
        line = self.trace[index]
        rules = line.rules if level_rule in line.rules else (*line.rules, level_rule)
        self.trace[index] = replace(
            line, rules=rules, depth=depth, confidence=confidence.rule_confidence(level_rule)
        )
        self.paths.setdefault(line.source, path)

    def stated(self, line: Line, node: Node) -> None:
        """A goal a sentence states (`outline_statements`): its line's role, its level's rule."""
        self.record(line, "node", "goal_statement", STRUCTURE_CONFIDENCE)
        node.extra.update(_trace=len(self.trace) - 1, _level_rule="level:statement")

    def nodes(self, sections: list[OutlineSection], intros: dict[int, str], unit: str | None) -> list[Node]:
        out: list[Node] = []
        for section in sections:
            taught = (self.profile.styles.get(section.style) if self.profile else None) or ""
            if taught in ("unit", "ignore", "text"):
                self.record(_item_line(section), taught, f"profile:style:{section.style}", 1.0)
                if taught == "text" and out:
                    _append_description(out[-1], section.title)
                child_unit = section.title if taught == "unit" else unit
                out.extend(self.nodes(section.children, self.intros(section), child_unit))
                continue
            if section.source in self.prose_lists and not section.children:
                self.record(_item_line(section), "description", "list:not_introduced", STRUCTURE_CONFIDENCE)
                continue
            if intros.get(section.source) == INDICATORS:
                if (item := as_indicator(section)) is not None:
                    self.record(_item_line(section), "indicator", "list:indicators", STRUCTURE_CONFIDENCE)
                    out.append(item)
                    continue
                self.indicator_headings.add(section.source)  # a heading over indicator lists
            if taught.startswith("level:"):
                intro: tuple[str, str] | None = (taught[len("level:") :], "level:profile")
            else:
                named = intros.get(section.source)
                intro = (named, "level:intro") if named and named != INDICATORS else None
            out.append(self.node(section, intro, unit))
        return split_pairs(out)

    def node(self, section: OutlineSection, intro: tuple[str, str] | None, unit: str | None) -> Node:
        word = section.level.level if section.level else None
        named = intro or ((word, "level:word") if word else None)
        if named:
            self.style_levels.setdefault(section.style, named[0])
        level = self.style_levels.get(section.style, "")
        node = Node(level=level, title=section.title, unit=unit)
        level_rule = named[1] if named and named[0] == level else ("level:style" if level else None)
        self.record(_item_line(section), "node", f"style:{section.style}", STRUCTURE_CONFIDENCE)
        node.extra["_trace"] = len(self.trace) - 1
        if level_rule:
            node.extra["_level_rule"] = level_rule
        if section.bullet:
            _split_head(node)
        self.continue_title(node, section.body)
        self.fill_fields(node, section.body)
        if not node.indicators and (stated := stated_target(node.title)) is not None:
            node.indicators.append(Indicator(name=stated[0], targets=stated[1]))
        children = []
        for child in section.children:
            dated = _DATED_RE.match(child.title) if child.bullet else None
            if dated:  # "31.08.2019 | Koulutus järjestetty": a task with its date is a milestone
                node.milestones.append(Milestone(title=dated["title"], due=dated["due"]))
                self.record(_item_line(child), "milestone", "dated_item", STRUCTURE_CONFIDENCE)
            else:
                children.append(child)
        section.children = children
        node.children.extend(self.nodes(section.children, self.intros(section), unit))
        take_indicators(node)
        if not node.level:
            node.extra["_style"] = section.style
        node.extra["_item_style"] = section.style
        if section.contents:
            node.extra["_contents"] = True
        if section.style == "short" and not has_content(node):
            node.extra["_weak"] = True  # a lone short line: a heading only if nothing better is found
        return node

    def intros(self, section: OutlineSection) -> dict[int, str]:
        """For each child, the level named by the line that introduces its list: a label
        ("Toimenpiteet:") or a sentence ending in a colon ("... sitovat tavoitteet olivat:")."""
        found: list[tuple[int, str | None]] = []
        for line in section.body:
            text = (
                line.label
                if line.kind == "label" and not line.value
                else (line.text if line.kind in ("text", "label") and line.text.endswith(":") else None)
            )
            if text is None:
                if line.kind == "text" and line.text:
                    found.append((line.source, PROSE))
                continue
            decision = resolve_label(text, self.profile)
            if line.level is not None and line.level.role == "level":  # a statement list's label
                found.append((line.source, line.level.level))
            elif decision is not None and decision.role == "level":
                found.append((line.source, decision.level))
            elif names_indicators(text):
                found.append((line.source, INDICATORS))
            else:
                entry = lexicon.last_level_word(text)
                found.append((line.source, entry.level if entry else None))
        found.sort(key=lambda pair: pair[0])  # a dissolved heading's lines join the body late
        out: dict[int, str] = {}
        at, after_prose = 0, False
        latest = INDICATORS if section.source in self.indicator_headings else None
        unnamed: list[OutlineSection] = []
        previous: OutlineSection | None = None
        for child in section.children:  # both lists are in document order: one sweep
            while at < len(found) and found[at][0] < child.source:
                if found[at][1] == PROSE:
                    after_prose = True
                else:
                    latest, after_prose = found[at][1], False
                at += 1
            if previous is not None and previous.style != child.style and ends_in_prose(previous):
                after_prose = True  # paragraphs after a list's last item, then another list
            if previous is not None and introduces_indicators(previous):
                latest, after_prose = INDICATORS, False  # "... följande mätare:" under a heading
            previous = child
            if latest and not after_prose:
                out[child.source] = latest
            elif latest:
                unnamed.append(child)
        self.prose_lists.update(prose_lists(unnamed, section.children, out))
        return out

    def key_line(self, line: Line) -> Decision | None:
        """A short line without a colon that names a field, as a definition list's term."""
        # A term is capitalised: a short lower-case line is a list item's text, not a field name.
        if (
            len(line.text.split()) > MAX_KEY_WORDS
            or line.text.endswith((".", ",", ";", "!", "?"))
            or not line.text[:1].isupper()
        ):
            return None
        decision = resolve_label(line.text, self.profile)
        return decision if decision is not None and decision.role not in ("level", "ignore") else None

    def prose_indicators(self, node: Node, line: Line, goals: list[Node] | None = None) -> bool:
        """Indicators a sentence lists ("Mittareita ovat a, b sekä c."), added to `node`; at the
        top of the document (`goals` given), a list naming what it measures ("Elinvoiman kasvun
        mittareita ovat ...") is a goal of its own with those indicators."""
        listed = listed_indicators(line.text)
        for subject, names in listed:
            owner = node
            if goals is not None and subject:
                owner = Node(level="", title=subject)
                goals.append(owner)
            for name in names:
                set_field(owner, "indicator", name)
        if listed:
            self.record(line, "indicator", "prose_list", STRUCTURE_CONFIDENCE)
        return bool(listed) or self.sentence_targets(node, line)

    def sentence_targets(self, node: Node, line: Line) -> bool:
        """Indicators with their targets a goal sentence states ("tavoitteena on, että vuonna
        2017 työttömyysaste on 7,5 %, ... ja väkiluku on 165 000"), added to `node`."""
        stated = stated_targets(line.text)
        for name, unit, targets in stated:
            node.indicators.append(Indicator(name=name, unit=unit, targets=targets))
        relative = relative_targets(line.text)
        for name, baseline, target in relative:
            node.indicators.append(Indicator(name=name, baseline=baseline, targets=[target]))
        if stated or relative:
            self.record(line, "target", "goal_sentence", STRUCTURE_CONFIDENCE)
            return True
        reported = reported_figures(line.text)
        for name, unit, actual in reported:
            node.indicators.append(Indicator(name=name, unit=unit, actuals=[actual]))
        if reported:
            self.record(line, "actual", "reported_figure", STRUCTURE_CONFIDENCE)
        return bool(reported)

    def table(self, node: Node, line: Line, intro: str) -> None:
        """A table's rows into `node`; a table of indicators introduced by a sentence ending in a
        colon ("Koko kunnan tunnusluvut ovat seuraavat:") is a node of its own, so named."""
        self.record(line, "table", "table", STRUCTURE_CONFIDENCE)
        if intro.endswith(":") and len(intro.split()) <= MAX_INTRO_WORDS:
            child = Node(level="", title=_INTRO_TAIL_RE.sub("", intro).rstrip(" :"))
            read_table(child, line.rows, self.profile)
            if child.indicators or child.children:
                node.children.append(child)
                return
        read_table(node, line.rows, self.profile)

    def continue_title(self, node: Node, body: list[Line]) -> None:
        """A title wrapped over lines goes on in lower case before the first blank or label."""
        while body and body[0].kind == "text" and body[0].text[:1].islower() and not node.title.endswith("."):
            line = body.pop(0)
            node.title = f"{node.title} {line.text}"
            self.record(line, "node", "title_continues", STRUCTURE_CONFIDENCE)

    def fill_fields(self, node: Node, body: list[Line]) -> None:
        """Fill a node's fields from the labelled lines, tables and prose under it."""
        field_role: str | None = None
        field_rule, values, due = "", 0, None  # values under the open key; a date awaiting its task
        term = False  # the open field was named by a term on a line of its own
        task: Milestone | None = None  # the dated task just read, awaiting its report
        prose: list[str] = []
        for line in body:
            if line.kind == "label":
                decision = resolve_label(line.label or "", self.profile)
                if decision is None or decision.role in ("level", "ignore"):
                    if decision is not None and decision.role == "ignore":
                        self.record(line, "ignore", decision.rule, decision.confidence, label=line.label)
                    else:
                        prose.append(line.text)
                        self.record(line, "description", "prose", STRUCTURE_CONFIDENCE, label=line.label)
                    field_role = None
                    continue
                self.record(line, decision.role, decision.rule, decision.confidence, label=line.label)
                field_role, field_rule = (None, "") if line.value else (decision.role, decision.rule)
                if line.value:
                    set_field(node, decision.role, line.value, parse_period(line.label or ""))
            elif line.kind == "table":
                self.table(node, line, prose[-1] if prose else "")
            elif line.kind == "text" and (key := self.key_line(line)) is not None:
                self.record(line, key.role, key.rule, key.confidence, label=line.text)
                field_role, field_rule, values, term = key.role, key.rule, 0, True
            elif line.kind == "text" and due is not None:
                task = Milestone(title=line.text, due=due)
                node.milestones.append(task)
                self.record(line, "milestone", "dated_line", STRUCTURE_CONFIDENCE)
                due = None
            elif line.kind == "text" and task is not None and reads_as_report(line.text):
                add_task_report(node, task, line.text)  # what was done: the task's report
                self.record(line, "progress", "task_report", STRUCTURE_CONFIDENCE)
                task = None
            elif line.kind == "text" and _DATE_ONLY_RE.match(line.text):
                due = line.text  # "01.04.2021" on a line of its own: the task is on the next line
                self.record(line, "milestone", "dated_line", STRUCTURE_CONFIDENCE)
            elif line.kind == "text" and field_role is not None and fits_field(field_role, line.text):
                if field_role == "progress" and values and node.progress:  # one report over lines
                    node.progress[-1].text = f"{node.progress[-1].text} {line.text}"
                else:
                    set_field(node, field_role, line.text)
                values += 1
                self.record(line, field_role, field_rule, STRUCTURE_CONFIDENCE)
            elif line.kind == "text" and self.prose_indicators(node, line):
                prose.append(line.text)
            elif line.kind == "text":
                prose.append(line.text)
                self.record(line, "description", "prose", STRUCTURE_CONFIDENCE)
            elif line.kind == "blank" and field_role not in ("indicator", "milestone"):
                # Values end at a blank line; a term alone over one heads the paragraph after it.
                field_role = field_role if term and not values else None
                term = False
        if prose:
            _append_description(node, fold_whitespace(" ".join(prose)))


_INTRO_TAIL_RE = re.compile(r"\s+(?:ovat|on|är)(?:\s+(?:seuraavat|seuraava|följande))?\s*:$")
MAX_INTRO_WORDS = 12


def _item_line(section: OutlineSection) -> Line:
    return Line("item", section.title, section.source, style=section.style)


def _append_description(node: Node, text: str) -> None:
    node.description = f"{node.description} {text}" if node.description else text


def _split_head(node: Node) -> None:
    """A list item "Vastuullinen talous: varmistaa ..." or "Elinvoimainen – houkutteleva ..." is a
    short title with its explanation."""
    match = _HEAD_RE.match(node.title)
    if match and len(match["head"].split()) <= MAX_HEAD_WORDS and len(match["rest"]) > len(match["head"]):
        node.title, node.description = match["head"].strip(), match["rest"].strip()


def _name_levels(nodes: list[Node], profile: Profile | None, reader: _Reader) -> list[str]:
    """Level names by depth: those the document gives, the usual ones for the rest; each node's
    trace is settled with the rule that named its level."""
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

    def assign(items: list[Node], depth: int, path: tuple[str, ...]) -> None:
        for node in items:
            node.extra.pop("_style", None)
            node.extra.pop("_contents", None)
            node.extra.pop("_item_style", None)
            rule = node.extra.pop("_level_rule", "level:depth")
            if not node.level:
                node.level = by_depth.get(depth) or defaults[min(depth, len(defaults)) - 1]
                rule = "level:depth" if depth in by_depth else f"level:default:{node.level}"
            if profile is not None and node.level in profile.levels:
                node.level, rule = profile.level_name(node.level), "level:profile"
            reader.settle(node, depth, rule, (*path, node.title))
            assign(node.children, depth + 1, (*path, node.title))

    assign(nodes, 1, ())
    levels: list[str] = []

    def collect(items: list[Node]) -> None:
        for node in items:
            if node.level not in levels:
                levels.append(node.level)
            collect(node.children)

    collect(nodes)
    return levels


def parse(doc: Document, profile: Profile | None = None) -> ParseResult:
    lines = mark_header_rows(classify(doc))
    lines = as_item_page(lines, profile) or lines  # a page about one item: its title, its fields
    root = build(lines)[0]
    reader = _Reader(profile)
    title, period = title_and_period(lines)
    holder = Node(level="", title=title or "")
    reader.fill_fields(holder, [line for line in root.body if line.kind != "text"])
    goals: list[Node] = []
    for line in root.body:  # indicators listed in the introduction: the document's or a goal's
        if line.kind == "text":
            reader.prose_indicators(holder, line, goals)
    nodes = goals + reader.nodes(root.children, reader.intros(root), None)
    release(nodes)
    nodes, introduction = lift_covers(attach_task_lists(nodes), title)
    nodes = attach_reports(merge_repeated(merge_into_contents(nodes)))
    nodes = drop_weak(with_stated_goals(as_indicator_page(nodes, lines, reader), lines, reader))
    if holder.indicators or holder.responsible:
        holder.children, nodes = nodes, [holder]
    while len(nodes) == 1 and nodes[0].children and not has_own_content(nodes[0]) and _wraps(nodes[0], title):
        # The document's title, or a lone short line over all of it, is not a node; the text
        # under it introduces the whole plan.
        introduction, nodes = nodes[0].description or introduction, nodes[0].children
    nodes, sections = split_sections(nodes)
    if introduction:
        sections.insert(0, Section(title=None, text=introduction))
    if not nodes:
        nodes = _paragraph_candidates(lines, reader)
    levels = _name_levels(nodes, profile, reader)
    plan = Plan(
        title=title,
        organization=guess_organization(doc.text),
        period=period,
        levels=levels,
        sections=sections,
        nodes=nodes,
    )
    trace = complete_trace(reader.trace, lines)
    return ParseResult(plan=plan, warnings=confidence.warnings(trace, reader.paths), lines=trace)


_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
MAX_CANDIDATE_WORDS = 20


def _paragraph_candidates(lines: list[Line], reader: _Reader) -> list[Node]:
    """With no structure at all, every paragraph is offered as a node: its first sentence
    (shortened) the title, the rest its description, for the reviewer to keep or delete."""
    nodes = []
    for line in lines:
        if line.kind not in ("text", "label") or not line.text:
            continue
        first = _SENTENCE_END_RE.split(line.text, maxsplit=1)[0]
        title = " ".join(first.split()[:MAX_CANDIDATE_WORDS])
        rest = line.text[len(title) :].strip()
        nodes.append(Node(level="Tavoite", title=title, description=rest or None))
        reader.record(line, "node", "paragraph", confidence.rule_confidence("paragraph"))
        nodes[-1].extra.update(_trace=len(reader.trace) - 1, _level_rule="paragraph")
    return nodes


def _wraps(node: Node, title: str | None) -> bool:
    return node.title == title or node.extra.get("_style") == "short"
