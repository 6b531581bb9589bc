"""A page about one indicator, as a follow-up tool prints it.

Climate and strategy watch sites print an indicator's page under a breadcrumb that names the
page's kind ("Mittarit", "Indikatorer") and list the actions or goals the indicator follows
below it. Read as an outline, the page's heading would be a node beside those actions; it is
the indicator they share: a lone action takes it as its indicator, several keep it on a node
of its own, with the heading's prose as the indicator's description.
"""

from __future__ import annotations

from typing import Protocol

from seuranta.core.model import Indicator, Node
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.document import SourceLine
from seuranta.core.parsing.families.outline_tree import source_of
from seuranta.core.parsing.outline import Line

MAX_CRUMB_WORDS = 2
CRUMB_LINES = 2  # the lines right before the heading that may name the page's kind


class _Traced(Protocol):
    trace: list[SourceLine]


def _names_indicators(line: Line) -> bool:
    words = lexicon.words(line.text)
    if not 0 < len(words) <= MAX_CRUMB_WORDS or line.text.endswith(":"):
        return False
    entry = lexicon.label_role(line.text)
    return entry is not None and entry.role == "indicator"


def as_indicator_page(nodes: list[Node], lines: list[Line], reader: _Traced) -> list[Node]:
    """`nodes`, with the first one read as the page's indicator when a breadcrumb names it one
    (the breadcrumb itself, read as a heading, is no node then)."""
    crumb = bool(nodes) and not nodes[0].children and _names_indicators(Line("text", nodes[0].title))
    page_at = 1 if crumb else 0
    if len(nodes) <= page_at or nodes[page_at].children or nodes[page_at].extra.get("_item_style") != "short":
        return nodes
    source = source_of(nodes[page_at], reader.trace)
    if not crumb and source is not None:
        before = [line for line in lines if line.kind != "blank" and line.source < source][-CRUMB_LINES:]
        crumb = any(_names_indicators(line) for line in before)
    if not crumb:
        return nodes
    page, rest = nodes[page_at], nodes[page_at + 1 :]
    indicator = Indicator(name=page.title, description=page.description)
    if len(rest) == 1 and not rest[0].indicators:
        rest[0].indicators.append(indicator)
        return rest
    page.indicators = [indicator]
    return nodes[page_at:]
