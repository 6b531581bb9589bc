"""Goals stated in prose (`seuranta.core.parsing.goal_statements`) as the general reader's nodes.

A document whose structure gives no firm node (only short lines over prose, such as a web
page's headings and navigation, or chapter names from a table of contents) may still say its
goals in sentences:
a council item ("ylätavoitteiksi on nostettu ..."), a programme page ("Hankkeen tavoitteena on
..."), a plan's introduction ("Suunnitelman keskeisin tavoite on ..."). Those sentences are the
plan's nodes then: they come before the contents' chapters, and the short lines give way to them
(what those lines held is prose, its lines' roles stay in the trace).
A sentence's own targets ("... 80 %:iin vuoden 2007 tasosta") are read into its goal.
"""

from __future__ import annotations

from typing import Protocol

from seuranta.core.model import Indicator, Node
from seuranta.core.parsing.document import SourceLine
from seuranta.core.parsing.families.outline_tree import has_content, source_of
from seuranta.core.parsing.fields import stated_target
from seuranta.core.parsing.goal_sentences import relative_targets
from seuranta.core.parsing.goal_statements import Statement, change_target, goal_statements
from seuranta.core.parsing.outline import Line

# Headings over paragraphs, this many side by side, are a template of items (a theme page).
MIN_REPEATED_HEADINGS = 3


def _from(indicator: Indicator, sentences: set[str]) -> bool:
    """Whether an indicator was read from one of `sentences` (a stated goal's own target)."""
    texts = [m.text for m in indicator.targets if m.text]
    return bool(texts) and all(any(text in sentence for sentence in sentences) for text in texts)


def _firm(nodes: list[Node], sentences: set[str]) -> bool:
    """Whether the outline holds a node that stands on structure: a list item, a numbered or
    styled heading, a heading with items or fields of its own, or headings over paragraphs
    repeated as a template (not a lone short line over prose, not a contents entry)."""
    described = [node for node in nodes if node.description and node.extra.get("_item_style") == "short"]
    if len(described) >= MIN_REPEATED_HEADINGS:
        return True
    for node in nodes:
        if node.extra.get("_contents"):
            if _firm(node.children, sentences):
                return True
            continue
        own = [i for i in node.indicators if not _from(i, sentences)]
        items = [child for child in node.children if not child.extra.get("_contents")]
        if node.extra.get("_item_style") not in (None, "short") or items or own:
            return True
        if _firm(node.children, sentences):
            return True
        if node.progress or node.milestones or node.responsible or node.schedule:
            return True
    return False


def _give_up_targets(nodes: list[Node], sentences: set[str]) -> None:
    """Indicators read from a stated goal's sentence belong to that goal: the heading the
    sentence stood under gives them up (and, left with nothing, is a lone short line)."""
    for node in nodes:
        kept = [i for i in node.indicators if not _from(i, sentences)]
        if len(kept) < len(node.indicators):
            node.indicators = kept
            if node.extra.get("_item_style") == "short" and not has_content(node):
                node.extra["_weak"] = True
        _give_up_targets(node.children, sentences)


def _stated_node(statement: Statement) -> Node:
    node = Node(level=statement.level, title=statement.title, description=statement.description)
    for name, baseline, target in relative_targets(statement.sentence):
        node.indicators.append(Indicator(name=name, baseline=baseline, targets=[target]))
    if not node.indicators and (changed := change_target(statement)) is not None:
        node.indicators.append(Indicator(name=changed[0], targets=[changed[1]]))
    if not node.indicators and (stated := stated_target(statement.title)) is not None:
        node.indicators.append(Indicator(name=stated[0], targets=stated[1]))
    return node


class _Reader(Protocol):
    trace: list[SourceLine]

    def stated(self, line: Line, node: Node) -> None: ...


def _lead_lists(
    nodes: list[Node], found: list[tuple[Line, Statement]], lines: list[Line], reader: _Reader
) -> None:
    """A goal stated in the paragraph right before a list of items of another level is the list's
    parent ("Ohjelman keskeinen päämäärä on ... Päämäärää tavoitellaan neljän tavoitteen kautta:")."""
    kinds = {line.source: line.kind for line in lines}
    for line, statement in list(found):
        for at, node in enumerate(nodes):
            source = source_of(node, reader.trace)
            if source is None or source <= line.source:
                continue
            between = [kinds.get(s) for s in range(line.source + 1, source)]
            style = node.extra.get("_item_style")
            if any(kind not in (None, "blank") for kind in between) or style in (None, "short"):
                break
            if node.level == statement.level:
                break
            end = at
            while end < len(nodes) and nodes[end].extra.get("_item_style") == style:
                end += 1
            parent = _stated_node(statement)
            reader.stated(line, parent)
            parent.children, nodes[at:end] = nodes[at:end], [parent]
            found.remove((line, statement))  # one list per statement
            break
    for node in nodes:
        if node.children:
            _lead_lists(node.children, found, lines, reader)


def with_stated_goals(nodes: list[Node], lines: list[Line], reader: _Reader) -> list[Node]:
    """The outline's nodes with the goals the prose states: each before the list it introduces;
    and, when the outline found nothing firmer, all of them, followed by the outline's own nodes
    (lone short lines among them then give way: `drop_weak`)."""
    found = [
        (line, statement)
        for line in lines
        if line.kind == "text" and line.text
        for statement in goal_statements(line.text)
    ]
    sentences = {statement.sentence for _, statement in found}
    if not found:
        return nodes
    if _firm(nodes, sentences):
        _lead_lists(nodes, list(found), lines, reader)
        return nodes
    _give_up_targets(nodes, sentences)
    stated: list[Node] = []
    for line, statement in found:
        node = _stated_node(statement)
        reader.stated(line, node)
        stated.append(node)
    return stated + nodes
