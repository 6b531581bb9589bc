"""Which item of a plan each item of a translated document is, found by the plan's structure alone.

A bilingual municipality publishes the same plan twice, say in Finnish and in Swedish. When the
Finnish plan is in Seuranta and the Swedish document is imported as its translation,
`match_translation(existing, parsed)` pairs each node of the parsed document with a node of the
existing plan, and within each pair the indicators, milestones and progress texts, without
translating a word: what decides is what both versions share whatever their language.

- the place in the tree (nodes are matched among the children of matched parents, top-down),
- the position among the siblings,
- the numbering a title starts with ("1.2", "3)"),
- the numbers the texts hold (years, percentages, target values: the same in every language),
- the number of children, indicators and milestones, and the size of the subtree,
- for indicators the values of their baselines and targets and the periods, for progress texts
  the period.

Each pair carries a confidence between 0 and 1 (the share of the applicable evidence that agrees,
lowered when a second candidate was nearly as good); pairs below `MIN_CONFIDENCE` are not made.
Numbers and values count only where both sides have some: a reader that did not understand a
line ("Utgångsläge: 62 %") loses evidence, it does not make evidence against a pair.
A reviewer's corrections come in as `pins` (parsed address -> existing address, or None to skip),
which are kept as given and matched beneath as any pair. Nodes are addressed by their indices from
the root ("0", "0.2", "0.2.1"), as the import review addresses them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan, Progress

MIN_CONFIDENCE = 0.45
# A runner-up this close to the best candidate makes the pair uncertain.
AMBIGUOUS_MARGIN = 0.15
AMBIGUOUS_FACTOR = 0.75

# "1.", "1.2", "1.2.3)", "3)" at the start of a title; at most two digits a part, so a year is not one.
_NUMBERING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)(?:[.)]|\s|$)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

Feature = tuple[float, float]  # (weight, agreement 0..1)


@dataclass(frozen=True)
class ItemMatch:
    """An indicator, milestone or progress text of a parsed node and its counterpart by index."""

    parsed: int
    existing: int | None
    confidence: float


@dataclass(frozen=True)
class NodeMatch:
    """A parsed node (by address) and the existing node it is the translation of, or None."""

    parsed: str
    existing: str | None
    confidence: float
    pinned: bool = False
    indicators: tuple[ItemMatch, ...] = ()
    milestones: tuple[ItemMatch, ...] = ()
    progress: tuple[ItemMatch, ...] = ()


@dataclass
class TranslationMatch:
    """Every parsed node's match in document order, and what was left without one on either side."""

    nodes: list[NodeMatch]
    unmatched_existing: list[str]
    # The existing plan's level names in the parsed document's language, where found (else None).
    level_names: list[str | None] = field(default_factory=list)

    @property
    def matched(self) -> list[NodeMatch]:
        return [m for m in self.nodes if m.existing is not None]

    @property
    def unmatched_parsed(self) -> list[str]:
        return [m.parsed for m in self.nodes if m.existing is None]


def addresses(nodes: Sequence[Node], prefix: str = "") -> dict[str, Node]:
    """Every node of a tree by its address, top-down in document order."""
    out: dict[str, Node] = {}
    for index, node in enumerate(nodes):
        address = f"{prefix}.{index}" if prefix else str(index)
        out[address] = node
        out.update(addresses(node.children, address))
    return out


def numbering(title: str) -> tuple[int, ...] | None:
    """The numbering a title starts with, as numbers: "1.2 Hyvinvointi" -> (1, 2)."""
    found = _NUMBERING.match(title)
    return tuple(int(part) for part in found.group(1).split(".")) if found else None


def numbers(texts: Iterable[str | None]) -> Counter[str]:
    """The numbers written in texts, decimal commas as points: language-independent evidence."""
    found: Counter[str] = Counter()
    for text in texts:
        for number in _NUMBER.findall(text or ""):
            found[number.replace(",", ".")] += 1
    return found


def _similar_counts(a: int, b: int) -> float:
    if a == b:
        return 1.0
    return min(a, b) / max(a, b)


def _overlap[K](a: Counter[K], b: Counter[K]) -> float:
    total = sum((a | b).values())
    return sum((a & b).values()) / total if total else 1.0


def _position(i: int, j: int) -> float:
    return 1.0 / (1 + abs(i - j))


def _score(features: Iterable[Feature]) -> float:
    applicable = [(w, s) for w, s in features if w > 0]
    total = sum(w for w, _ in applicable)
    return sum(w * s for w, s in applicable) / total if total else 0.0


@dataclass(frozen=True)
class _Shape:
    """What a node shows of itself and its subtree whatever the language it is written in."""

    numbering: tuple[int, ...] | None
    children: int
    indicators: int
    milestones: int
    size: int
    numbers: Counter[str]  # of the whole subtree: titles, descriptions, indicator values
    outline: Counter[tuple[int, int, int]]  # (depth, children, indicators) of each node of the subtree


def _numbers_of(node: Node) -> Counter[str]:
    """Numbers of a node's own texts and indicator values, its numbering left out (compared on its own)."""
    title = _NUMBERING.sub("", node.title, count=1)
    found = numbers([title, node.description, *(f"{m.title} {m.due or ''}" for m in node.milestones)])
    for indicator in node.indicators:
        found += _indicator_numbers(indicator)
    return found


def shape(node: Node) -> _Shape:
    numbers_found: Counter[str] = Counter()
    outline: Counter[tuple[int, int, int]] = Counter()
    for descendant, ancestors in node.walk():
        numbers_found += _numbers_of(descendant)
        outline[(len(ancestors), len(descendant.children), len(descendant.indicators))] += 1
    return _Shape(
        numbering(node.title),
        len(node.children),
        len(node.indicators),
        len(node.milestones),
        outline.total(),
        numbers_found,
        outline,
    )


def _node_features(e: _Shape, p: _Shape, i: int, j: int, levels: tuple[int, int]) -> list[Feature]:
    return [
        (3.0 if e.numbering and p.numbering else 0.0, float(e.numbering == p.numbering)),
        (1.5, _position(i, j)),
        (1.0, _similar_counts(e.children, p.children)),
        (1.0, _similar_counts(e.indicators, p.indicators)),
        (0.5, _similar_counts(e.milestones, p.milestones)),
        (1.0, _similar_counts(e.size, p.size)),
        (2.0 if e.size > 1 or p.size > 1 else 0.0, _overlap(e.outline, p.outline)),
        (2.0 if e.numbers and p.numbers else 0.0, _overlap(e.numbers, p.numbers)),
        (0.5 if min(levels) >= 0 else 0.0, float(levels[0] == levels[1])),
    ]


def _measure_values(measures: Sequence[Measure]) -> Counter[str]:
    values = Counter(f"{m.value:g}" for m in measures if m.value is not None)
    return values + numbers(m.period for m in measures)


def _measures(x: Indicator) -> list[Measure]:
    return [*([x.baseline] if x.baseline else []), *x.targets, *x.actuals, *x.baseline_series]


def _indicator_numbers(indicator: Indicator) -> Counter[str]:
    return _measure_values(_measures(indicator)) + numbers([indicator.name])


def _indicator_features(e: Indicator, p: Indicator, i: int, j: int) -> list[Feature]:
    e_values, p_values = _measure_values(_measures(e)), _measure_values(_measures(p))
    e_numbers, p_numbers = numbers([e.name]), numbers([p.name])
    return [
        (1.5, _position(i, j)),
        (3.0 if e_values and p_values else 0.0, _overlap(e_values, p_values)),
        (1.0 if e_numbers and p_numbers else 0.0, _overlap(e_numbers, p_numbers)),
        (0.5 if e.targets and p.targets else 0.0, _similar_counts(len(e.targets), len(p.targets))),
        (0.5 if e.unit and p.unit else 0.0, float(e.unit == p.unit)),
    ]


def _milestone_features(e: Milestone, p: Milestone, i: int, j: int) -> list[Feature]:
    e_numbers, p_numbers = numbers([e.title, e.due]), numbers([p.title, p.due])
    return [
        (1.5, _position(i, j)),
        (2.0 if e_numbers and p_numbers else 0.0, _overlap(e_numbers, p_numbers)),
        (0.3, float(e.done == p.done)),
    ]


def _progress_features(e: Progress, p: Progress, i: int, j: int) -> list[Feature]:
    return [
        (1.0, _position(i, j)),
        (2.0 if e.period or p.period else 0.0, float(e.period == p.period)),
        (0.5 if e.phase or p.phase else 0.0, float(e.phase == p.phase)),
        (1.0, _overlap(numbers([e.text]), numbers([p.text]))),
    ]


def assign[T](
    existing: Sequence[T], parsed: Sequence[T], features: Callable[[T, T, int, int], list[Feature]]
) -> dict[int, tuple[int, float]]:
    """The best one-to-one pairs (parsed index -> (existing index, confidence)), strongest first.

    Greedy over all pairs by score: a sibling list is short, and the strongest evidence (a
    numbering, the same values) decides first. A pair whose runner-up for the same parsed item
    scored nearly as well gets a lowered confidence.
    """
    scores = [
        (_score(features(e, p, i, j)), j, i) for j, p in enumerate(parsed) for i, e in enumerate(existing)
    ]
    best_other: dict[int, list[float]] = {}
    for score, j, _ in scores:
        best_other.setdefault(j, []).append(score)
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, j, i in sorted(scores, key=lambda s: (-s[0], abs(s[1] - s[2]), s[1])):
        if j in pairs or i in taken or score < MIN_CONFIDENCE:
            continue
        ranked = sorted(best_other[j], reverse=True)
        confidence = score
        if len(ranked) > 1 and ranked[0] - ranked[1] < AMBIGUOUS_MARGIN:
            confidence *= AMBIGUOUS_FACTOR
        pairs[j] = (i, round(confidence, 2))
        taken.add(i)
    return pairs


def _items[T](
    existing: Sequence[T], parsed: Sequence[T], features: Callable[[T, T, int, int], list[Feature]]
) -> tuple[ItemMatch, ...]:
    pairs = assign(existing, parsed, features)
    return tuple(
        ItemMatch(j, pairs[j][0], pairs[j][1]) if j in pairs else ItemMatch(j, None, 0.0)
        for j in range(len(parsed))
    )


def _content(e: Node | None, p: Node) -> dict[str, tuple[ItemMatch, ...]]:
    """The indicators, milestones and progress texts of a node pair matched to each other."""
    return {
        "indicators": _items(e.indicators if e else [], p.indicators, _indicator_features),
        "milestones": _items(e.milestones if e else [], p.milestones, _milestone_features),
        "progress": _items(e.progress if e else [], p.progress, _progress_features),
    }


class _Matcher:
    def __init__(self, existing: Plan, parsed: Plan, pins: Mapping[str, str | None]) -> None:
        self.existing, self.parsed = existing, parsed
        self.by_address = addresses(existing.nodes)
        self.pins = {p: e for p, e in pins.items() if e is None or e in self.by_address}
        self.used = {e for e in self.pins.values() if e is not None}
        self.results: dict[str, NodeMatch] = {}
        self.shapes: dict[int, _Shape] = {}

    def level_ranks(self, e: Node, p: Node) -> tuple[int, int]:
        def rank(levels: list[str], level: str) -> int:
            return levels.index(level) if level in levels else -1

        return rank(self.existing.levels, e.level), rank(self.parsed.levels, p.level)

    def shape(self, node: Node) -> _Shape:
        if id(node) not in self.shapes:
            self.shapes[id(node)] = shape(node)
        return self.shapes[id(node)]

    def align(self, existing: list[tuple[str, Node]], parsed: list[tuple[str, Node]]) -> None:
        # Positions stay those among all the siblings, pinned ones included.
        free_e = [(i, a, n) for i, (a, n) in enumerate(existing) if a not in self.used]
        free_p = [(j, a, n) for j, (a, n) in enumerate(parsed) if a not in self.pins]
        pairs = assign(
            free_e,
            free_p,
            lambda e, p, _i, _j: _node_features(
                self.shape(e[2]), self.shape(p[2]), e[0], p[0], self.level_ranks(e[2], p[2])
            ),
        )
        chosen = {free_p[j][1]: (free_e[i][1], confidence) for j, (i, confidence) in pairs.items()}
        for address, node in parsed:
            pinned = address in self.pins
            target, confidence = (self.pins[address], 1.0) if pinned else chosen.get(address, (None, 0.0))
            match = self.by_address.get(target) if target else None
            self.results[address] = NodeMatch(
                address, target, confidence if target else 0.0, pinned, **_content(match, node)
            )
            if target:
                self.used.add(target)
            children = list(match.children) if match else []
            self.align(
                [(f"{target}.{i}", c) for i, c in enumerate(children)],
                [(f"{address}.{i}", c) for i, c in enumerate(node.children)],
            )

    def level_names(self) -> list[str | None]:
        """Each existing level's name in the parsed document: the level its matched nodes have most."""
        parsed_nodes = addresses(self.parsed.nodes)
        votes: dict[str, Counter[str]] = {level: Counter() for level in self.existing.levels}
        for match in self.results.values():
            if match.existing is not None:
                level = self.by_address[match.existing].level
                votes.setdefault(level, Counter())[parsed_nodes[match.parsed].level] += 1
        names: list[str | None] = []
        for level in self.existing.levels:
            common = votes[level].most_common(1)
            # The plan's own word is no translation (an importer that guessed a level's name gives it).
            names.append(common[0][0] if common and common[0][0] != level else None)
        return names


def match_translation(
    existing: Plan, parsed: Plan, pins: Mapping[str, str | None] | None = None
) -> TranslationMatch:
    """Pair the parsed document's nodes (and their indicators, milestones, progress) with the plan's."""
    matcher = _Matcher(existing, parsed, pins or {})
    matcher.align(
        [(str(i), n) for i, n in enumerate(existing.nodes)],
        [(str(i), n) for i, n in enumerate(parsed.nodes)],
    )
    order = list(addresses(parsed.nodes))
    matched = {m.existing for m in matcher.results.values() if m.existing is not None}
    return TranslationMatch(
        nodes=[matcher.results[a] for a in order],
        unmatched_existing=[a for a in matcher.by_address if a not in matched],
        level_names=matcher.level_names(),
    )
