"""The general reader's tree, tidied once read: repeated headings merged, lone short lines
dropped when firmer structure exists, "Heading: Title" lists split into two levels, prose
headings set apart as the plan's sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seuranta.core.model import Node, Progress, Section
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.document import SourceLine
from seuranta.core.parsing.outline import Line
from seuranta.core.parsing.task_reports import only_task_reports
from seuranta.core.parsing.text import title_key

PROSE_SECTION_CHARS = 160


def source_of(node: Node, trace: list[SourceLine]) -> int | None:
    """The source line a node was read from (its `_trace` entry), or None for a node made up."""
    index = node.extra.get("_trace")
    return trace[index].source if isinstance(index, int) and index < len(trace) else None


_PAIR_RE = re.compile(r"^(?P<head>[^:]{2,60}):\s+(?P<rest>\w[^:]*[^.:])$")
MIN_PAIRS = 3


def split_pairs(nodes: list[Node]) -> list[Node]:
    """A list whose every item is "Heading: Title" ("1. Liikenne: Kohti kestävää liikennettä") is
    two levels written on one line: each heading a node, its title the node below it. Titles
    are capitalised (three in four at least); a lower-case rest explains its heading instead."""
    pairs = [_PAIR_RE.match(node.title) for node in nodes]
    if len(nodes) < MIN_PAIRS or not all(pairs):
        return nodes
    if sum(bool(pair and pair["rest"][:1].isupper()) for pair in pairs) * 4 < len(pairs) * 3:
        return nodes
    for node, pair in zip(nodes, pairs, strict=True):
        assert pair is not None
        child = Node(level="", title=pair["rest"].strip(), unit=node.unit)
        child.children, node.children = node.children, [child]
        node.title = pair["head"].strip()
    return nodes


def has_content(node: Node) -> bool:
    return bool(
        node.indicators
        or node.children
        or node.responsible
        or node.schedule
        or node.milestones
        or node.progress
    )


def merge_repeated(nodes: list[Node]) -> list[Node]:
    """A heading the document repeats (a table of contents, then the chapter; a focus area
    printed above each of its goals) is one node with everything found under each copy."""
    kept: dict[str, Node] = {}
    for node in nodes:
        key = title_key(node.title)
        first = kept.get(key)
        if first is None:
            kept[key] = node
            continue
        first.children.extend(node.children)
        first.indicators.extend(node.indicators)
        first.milestones.extend(node.milestones)
        first.progress.extend(node.progress)
        first.responsible.extend(p for p in node.responsible if p not in first.responsible)
        first.schedule = first.schedule or node.schedule
        first.description = first.description or node.description
        if not node.extra.get("_weak"):
            first.extra.pop("_weak", None)
    merged = list(kept.values())
    for node in merged:
        node.children = merge_repeated(node.children)
    return merged


def merge_into_contents(nodes: list[Node]) -> list[Node]:
    """A chapter read from the table of contents that the body prints again (at another depth:
    the contents lost its numbering) is one node: the body's copy adds what it holds to the
    contents entry and goes."""
    entries = {title_key(node.title): node for node in walk(nodes) if node.extra.get("_contents")}
    if not entries:
        return nodes

    def prune(items: list[Node]) -> list[Node]:
        kept = []
        for node in items:
            node.children = prune(node.children)
            first = entries.get(title_key(node.title))
            if first is None or first is node or node.extra.get("_contents"):
                kept.append(node)
                continue
            first.children.extend(node.children)
            first.indicators.extend(node.indicators)
            first.progress.extend(node.progress)
            first.description = first.description or node.description
        return kept

    return prune(nodes)


def lift_covers(nodes: list[Node], title: str | None) -> tuple[list[Node], str | None]:
    """Cover lines that repeat the document's title ("HENKILÖSTÖKERTOMUS 2014", then
    "HENKILÖSTÖKERTOMUS 2014 POHJOIS-SAVON SAIRAANHOITOPIIRI") are not nodes: what was read
    under them belongs to the top of the plan, and the text under the title introduces it."""
    key = title_key(title or "")
    if not key:
        return nodes, None
    bare = _YEARS_RE.sub("", key).strip()  # the title without its year, as a cover prints it
    for node in walk(nodes):
        if node.extra.get("_contents") and bare and title_key(node.title).startswith(bare + " "):
            # the first chapter of a table of contents run together with the cover's title
            node.title = " ".join(node.title.split()[len(bare.split()) :])
    covers = [node for node in nodes if _repeats(node, key) and not has_own_content(node)]
    styles = {node.extra.get("_item_style") for node in covers}
    if any(node.extra.get("_item_style") in styles for node in nodes if node not in covers):
        return nodes, None  # a heading like the others that the title was proposed from
    out: list[Node] = []
    introduction = None
    for node in nodes:
        if node in covers:
            introduction = introduction or node.description
            out.extend(node.children)
        else:
            out.append(node)
    return out, introduction


_YEARS_RE = re.compile(r"\b\d{4}(?:\s*[-–]\s*\d{2,4})?\b")


def _repeats(node: Node, key: str) -> bool:
    own = title_key(node.title)
    return own == key or own.startswith(key + " ")


def has_own_content(node: Node) -> bool:
    return bool(node.indicators or node.responsible or node.schedule or node.milestones or node.progress)


def drop_weak(nodes: list[Node]) -> list[Node]:
    """Lone short lines are headings only in a document where nothing firmer was found."""

    def firm(items: list[Node]) -> bool:
        return any(not node.extra.get("_weak") or firm(node.children) for node in items)

    def prune(items: list[Node]) -> list[Node]:
        kept = [node for node in items if not node.extra.get("_weak")]
        for node in kept:
            node.children = prune(node.children)
        return kept

    if firm(nodes):
        return prune(nodes)
    for node in walk(nodes):
        node.extra.pop("_weak", None)
    return nodes


def walk(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from walk(node.children)


def split_sections(nodes: list[Node]) -> tuple[list[Node], list[Section]]:
    """Top-level headings holding only prose are the plan's narrative parts, when other
    headings hold plan content; a document of prose alone keeps its outline as nodes."""
    if not any(has_content(node) or node.level for node in nodes):
        return nodes, []
    kept, sections = [], []
    for node in nodes:
        if not (has_content(node) or node.level) and len(node.description or "") >= PROSE_SECTION_CHARS:
            sections.append(Section(title=node.title, text=node.description or ""))
        else:
            kept.append(node)
    return kept, sections


def attach_task_lists(nodes: list[Node]) -> list[Node]:
    """A heading holding only dated tasks ("Tehtävät" over "31.08.2019 | Koulutus järjestetty")
    lists the tasks of the item before it: its milestones go there."""
    kept: list[Node] = []
    for node in nodes:
        node.children = attach_task_lists(node.children)
        only_tasks = node.milestones and not (node.children or node.indicators) and only_task_reports(node)
        if kept and only_tasks and not node.responsible:
            kept[-1].milestones.extend(node.milestones)
            kept[-1].progress.extend(node.progress)
            kept[-1].extra.pop("_weak", None)
        else:
            kept.append(node)
    return kept


MIN_PREFIX = 5
PREFIX_SHARE = 0.7


def _content_words(text: str) -> list[str]:
    """A title's own words: not its level or field words ("tavoite", "mittari")."""
    return [w for w in lexicon.words(text.lower()) if len(w) >= MIN_PREFIX and lexicon.lookup(w) is None]


def _same_word(a: str, b: str) -> bool:
    """Two inflections of one word: a long common start ("tulosta", "tulos")."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= MIN_PREFIX and common >= PREFIX_SHARE * min(len(a), len(b))


def attach_reports(nodes: list[Node]) -> list[Node]:
    """A follow-up report lists its goals, then reports on each under a heading of its own
    ("Tilikauden tulosta koskeva tavoite" after the goal "Tilikauden tulos on vähintään nolla"):
    a lone heading of prose, after the goal, whose words are mostly the goal's is its progress."""
    order = {id(node): n for n, node in enumerate(walk(nodes))}
    goals = [(node, _content_words(node.title)) for node in walk(nodes) if not node.extra.get("_weak")]

    def shared(own: list[str], words: list[str]) -> int:
        return sum(any(_same_word(word, other) for other in words) for word in own)

    def report(node: Node) -> Node | None:
        if not node.extra.get("_weak") or node.children or not node.description:
            return None
        own = _content_words(node.title)
        earlier = [(goal, shared(own, words)) for goal, words in goals if order[id(goal)] < order[id(node)]]
        best = max(earlier, key=lambda pair: pair[1], default=None)
        if best is None or not own or best[1] * 2 < len(own):
            return None
        return best[0]

    def prune(items: list[Node]) -> list[Node]:
        kept = []
        for node in items:
            goal = report(node)
            if goal is not None:
                goal.progress.append(Progress(text=node.description or ""))
            else:
                node.children = prune(node.children)
                kept.append(node)
        return kept

    return prune(nodes)


YEAR_RANGE_RE = re.compile(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b|\b(20\d\d)\b")


def title_and_period(lines: list[Line]) -> tuple[str | None, str | None]:
    """The document's first line as its title, with the years it names as the period."""
    first_line = next((line for line in lines if line.kind in ("item", "text", "label")), None)
    if (
        first_line is None
        or first_line.kind == "label"
        or (first_line.style or "").startswith(("dec", "lex", "bullet"))
    ):
        return None, None  # the document starts with its content, not a title
    first = first_line.text
    match = YEAR_RANGE_RE.search(first)
    period = None
    if match:
        period = f"{match.group(1)}–{match.group(2)}" if match.group(1) else match.group(3)
    return first, period


def complete_trace(trace: list[SourceLine], lines: list[Line]) -> list[SourceLine]:
    """Every non-blank line once, in document order; lines no rule took are "ignore"."""
    seen = {entry.source for entry in trace}
    missing = [
        SourceLine(
            line.source,
            line.text or " | ".join(" | ".join(r) for r in line.rows),
            "ignore",
            "unused",
            0.0,
            line.style,
            line.label,
        )
        for line in lines
        if line.kind != "blank" and line.source not in seen
    ]
    return sorted(trace + missing, key=lambda entry: entry.source)
