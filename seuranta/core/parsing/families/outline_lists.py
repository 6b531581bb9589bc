"""What a list in the general reader's outline is: more nodes, text, or indicators.

A list's items are nodes of the level the line before them names ("Toimenpiteet:"); bullets
after prose beside such a list explain the text (`prose_lists`); and a list that a line
introduces by an indicator word ("Strategian toteutumista seurataan seuraavilla mittareilla:",
"... följs upp med följande mätare:") lists indicators: of the heading each list stands
under, when the introduction heads several headings with their lists (`INDICATORS`).
"""

from __future__ import annotations

from seuranta.core.model import Indicator, Node
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.outline import Section as OutlineSection

PROSE = "\0prose"  # a paragraph between an introduced list and the items after it
INDICATORS = "\0indicators"  # a list introduced as indicators
MIN_PROSE_PARAGRAPHS = 2


def prose_lists(
    unnamed: list[OutlineSection], siblings: list[OutlineSection], named: dict[int, str]
) -> set[int]:
    """Bulleted items after prose, beside a list that a line introduced as a level ("tre
    inriktningsmål:", "de fyra prioriteringarna:"), explain the text (an assessment scale, a
    reading guide, what members get): they are text, not more nodes of that level."""
    named_styles = {
        child.style for child in siblings if child.source in named and named[child.source] != INDICATORS
    }
    return {
        child.source
        for child in unnamed
        if child.bullet and child.style.startswith("bullet:") and named_styles
    }


def ends_in_prose(section: OutlineSection) -> bool:
    """A list item followed by paragraphs of its own: a list after it starts afresh."""
    texts = [line for line in section.body if line.kind == "text" and line.text]
    return len(texts) >= MIN_PROSE_PARAGRAPHS and not section.children


def names_indicators(text: str) -> bool:
    """Whether an introducing line's last vocabulary word is an indicator word ("mittareilla:",
    "mätare:", "indikaattorit:")."""
    for word in reversed(lexicon.words(text)):
        entry = lexicon.lookup(word)
        if entry is not None:
            return entry.role == "indicator"
    return False


def introduces_indicators(section: OutlineSection) -> bool:
    """Whether a section's text ends in a line introducing indicators, for the sections after it."""
    lines = [line for line in section.body if line.kind in ("text", "label") and line.text]
    return bool(lines) and lines[-1].text.endswith(":") and names_indicators(lines[-1].text)


def as_indicator(section: OutlineSection) -> Node | None:
    """A list item introduced as an indicator: a node to be read as its parent's indicator."""
    if section.children or not section.bullet:
        return None
    node = Node(level="", title=section.title)
    node.extra["_indicator"] = True
    return node


def take_indicators(node: Node) -> None:
    """The children listed as indicators become `node`'s indicators."""
    listed = [child for child in node.children if child.extra.get("_indicator")]
    if not listed:
        return
    node.children = [child for child in node.children if not child.extra.get("_indicator")]
    node.indicators.extend(Indicator(name=child.title) for child in listed)


def release(nodes: list[Node]) -> None:
    """Indicator items left with no parent to take them stay nodes."""
    for node in nodes:
        node.extra.pop("_indicator", None)
