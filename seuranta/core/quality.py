"""The plan quality check: what a plan still lacks before it can be followed.

Follows Kuntaliitto's guidance on strategy indicators: every goal and action has an
indicator (or, for an action, milestones by which its progress is followed); every
indicator has a baseline and a target; every target can be evaluated (a number, a
bound, a relative change or a state, as `seuranta.core.measures` reads it); a focus
area holds at most five goals; every goal and action names who is responsible.

`check_plan(plan)` returns `Finding`s in the tree's order, each naming the node (and
the indicator) it is about by the core objects' `key`, so the pages can link each
finding to the place where it is fixed. Pure: no Django, no side effects.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from seuranta.core.i18n import Message, gettext_lazy
from seuranta.core.measures import parse_measure
from seuranta.core.model import Indicator, Node, Plan

MAX_GOALS_PER_FOCUS_AREA = 5


# The findings' sentences, translated in seuranta/core/locale (core/i18n.py).
MESSAGES: dict[str, Message] = {
    "no_indicator": gettext_lazy("“{title}” has no indicator."),
    "no_baseline": gettext_lazy("The indicator “{indicator}” has no baseline."),
    "no_target": gettext_lazy("The indicator “{indicator}” has no target."),
    "target_not_evaluable": gettext_lazy(
        "The target “{target}” of the indicator “{indicator}” cannot be evaluated: it is neither a "
        "number, a bound, a relative change nor a state."
    ),
    "too_many_goals": gettext_lazy("“{title}” has {count} goals under it; at most {limit} are recommended."),
    "no_responsible": gettext_lazy("“{title}” names no one responsible."),
}


@dataclass(frozen=True)
class Finding:
    """One thing the plan lacks: what (`code`), on which node and indicator (their keys), with what."""

    code: str
    node_key: Any
    node_title: str
    indicator_key: Any = None
    indicator_name: str | None = None
    target: str | None = None
    count: int = 0

    def message(self, lang: str = "fi") -> str:
        return MESSAGES[self.code](lang).format(
            title=_short(self.node_title),
            indicator=_short(self.indicator_name or ""),
            target=self.target or "",
            count=self.count,
            limit=MAX_GOALS_PER_FOCUS_AREA,
        )

    @property
    def fix_indicator(self) -> bool:
        """Whether the place to fix it is the indicator (else the node)."""
        return self.indicator_key is not None


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _height(node: Node) -> int:
    """Levels from this node down to its deepest descendant (a leaf has 1)."""
    return 1 + max((_height(child) for child in node.children), default=0)


def focus_areas(plan: Plan) -> list[Node]:
    """The top-level nodes that group goals: in a plan of three or more levels, those of the top level.

    Without level names, a top-level node with at least two levels under it groups goals.
    """
    if len(plan.levels) >= 3:
        return [n for n in plan.nodes if n.level == plan.levels[0] and n.children]
    if plan.levels:
        return []
    return [n for n in plan.nodes if _height(n) >= 3]


def target_is_evaluable(text: str) -> bool:
    """Whether a target as written reads as a number, a bound, a relative change or a state."""
    return parse_measure(text).kind is not None


def _indicator_findings(node: Node, indicator: Indicator) -> Iterator[Finding]:
    about = {
        "node_key": node.key,
        "node_title": node.title,
        "indicator_key": indicator.key,
        "indicator_name": indicator.name,
    }
    if indicator.baseline is None and not indicator.baseline_series:
        yield Finding("no_baseline", **about)
    if not indicator.targets:
        yield Finding("no_target", **about)
    for target in indicator.targets:
        if target.kind is None and not target_is_evaluable(target.text):
            yield Finding("target_not_evaluable", target=target.text, **about)


def _node_findings(node: Node, assigned: Collection[Any]) -> Iterator[Finding]:
    is_action = not node.children
    if not node.indicators and not (is_action and node.milestones):
        yield Finding("no_indicator", node.key, node.title)
    if not (node.responsible or node.unit or node.key in assigned):
        yield Finding("no_responsible", node.key, node.title)


def check_plan(plan: Plan, *, assigned: Collection[Any] = ()) -> list[Finding]:
    """Every finding of the plan, in the tree's order.

    `assigned`: keys of nodes that have responsible people chosen outside the document
    (in Seuranta, the node's responsible users); they count as naming who is responsible.
    """
    areas = focus_areas(plan)
    area_ids = {id(n) for n in areas}
    findings: list[Finding] = []
    for node, _ancestors in plan.walk():
        if id(node) in area_ids:
            if len(node.children) > MAX_GOALS_PER_FOCUS_AREA:
                findings.append(Finding("too_many_goals", node.key, node.title, count=len(node.children)))
        else:
            findings.extend(_node_findings(node, assigned))
        for indicator in node.indicators:
            findings.extend(_indicator_findings(node, indicator))
    return findings
