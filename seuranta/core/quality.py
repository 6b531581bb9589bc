"""The plan quality check: what a plan still lacks before it can be followed.

Follows Kuntaliitto's guidance on strategy indicators: every goal and action has an
indicator (or, for an action, milestones by which its progress is followed); every
indicator has a baseline and a target; every target can be evaluated (a number, a
bound, a relative change or a state, as `seuranta.core.measures` reads it); a focus
area holds at most five goals; every goal and action names who is responsible. A plan
that requires other languages than its primary one (`Plan.required_languages`) has every
text of its own, of its nodes, indicators and milestones in them (`core.translations`).

`check_plan(plan)` returns `Finding`s in the tree's order, each naming the node (and
the indicator) it is about by the core objects' `key`, so the pages can link each
finding to the place where it is fixed. Pure: no Django, no side effects.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from seuranta.core.i18n import Message, gettext_lazy, pgettext_lazy
from seuranta.core.measures import parse_measure
from seuranta.core.model import Indicator, Node, Plan
from seuranta.core.translations import FIELDS, LEVEL_NAMES, missing, primary_of

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
    "missing_translation": gettext_lazy("“{title}”: the {language} text is missing."),
    "missing_translation_indicator": gettext_lazy("Indicator “{indicator}”: the {language} text is missing."),
    "missing_translation_milestone": gettext_lazy("Milestone “{target}”: the {language} text is missing."),
    "missing_translation_plan": gettext_lazy(
        "The plan's title or level names: the {language} text is missing."
    ),
}

# A language as the findings above name it ("the Swedish text": "ruotsinkielinen teksti", "den svenska texten").
LANGUAGE_ADJECTIVES: dict[str, Message] = {
    "fi": pgettext_lazy("text in a language", "Finnish"),
    "sv": pgettext_lazy("text in a language", "Swedish"),
    "en": pgettext_lazy("text in a language", "English"),
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
    # The language a missing translation is in.
    language: str | None = None

    def message(self, lang: str = "fi") -> str:
        adjective = LANGUAGE_ADJECTIVES.get(self.language or "")
        return MESSAGES[self.code](lang).format(
            language=adjective(lang) if adjective else "",
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


def _required(plan: Plan) -> list[str]:
    primary = primary_of(plan)
    return [lang for lang in plan.required_languages if lang != primary]


def _plan_translation_findings(plan: Plan) -> list[Finding]:
    """A finding per required language the plan's title or level names lack."""
    primary = primary_of(plan)
    plain = {"title": plan.title, LEVEL_NAMES: plan.levels, "translations": plan.translations}
    return [
        Finding("missing_translation_plan", None, plan.title or "", language=lang)
        for lang in _required(plan)
        if missing(plain, ("title", LEVEL_NAMES), [lang], primary)
    ]


def _translation_findings(plan: Plan, node: Node) -> Iterator[Finding]:
    """A finding per required language a node's, its indicators' or its milestones' texts lack."""
    required, primary = _required(plan), primary_of(plan)
    for lang in required:
        if missing(node, FIELDS["node"], [lang], primary):
            yield Finding("missing_translation", node.key, node.title, language=lang)
        for indicator in node.indicators:
            if missing(indicator, FIELDS["indicator"], [lang], primary):
                yield Finding(
                    "missing_translation_indicator",
                    node.key,
                    node.title,
                    indicator_key=indicator.key,
                    indicator_name=indicator.name,
                    language=lang,
                )
        for milestone in node.milestones:
            if missing(milestone, FIELDS["milestone"], [lang], primary):
                yield Finding(
                    "missing_translation_milestone",
                    node.key,
                    node.title,
                    target=milestone.title,
                    language=lang,
                )


def check_plan(plan: Plan, *, assigned: Collection[Any] = ()) -> list[Finding]:
    """Every finding of the plan, in the tree's order.

    `assigned`: keys of nodes that have responsible people chosen outside the document
    (in Seuranta, the node's responsible users); they count as naming who is responsible.
    """
    areas = focus_areas(plan)
    area_ids = {id(n) for n in areas}
    findings: list[Finding] = _plan_translation_findings(plan)
    for node, _ancestors in plan.walk():
        findings.extend(_translation_findings(plan, node))
        if id(node) in area_ids:
            if len(node.children) > MAX_GOALS_PER_FOCUS_AREA:
                findings.append(Finding("too_many_goals", node.key, node.title, count=len(node.children)))
        else:
            findings.extend(_node_findings(node, assigned))
        for indicator in node.indicators:
            findings.extend(_indicator_findings(node, indicator))
    return findings
