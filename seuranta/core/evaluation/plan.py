"""A whole plan evaluated once: every indicator and node, looked up by object.

evaluate_plan(plan, on, lang)     -> PlanEvaluation
evaluate_node(node, on, ...)      -> NodeEvaluation (one subtree, without a plan's settings)
status_document(plan, on, lang)   -> the JSON of `seuranta status FILE.json`
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from seuranta.core.evaluation.indicator import IndicatorEvaluation, judge_indicator, settings_of
from seuranta.core.evaluation.node import (
    NodeEvaluation,
    actions_below,
    count,
    evaluate_action,
    expand,
    is_action,
    merge,
    roll_up,
    summary,
    with_coverage,
)
from seuranta.core.formatting import sentence
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.model import Indicator, Node, Plan
from seuranta.core.periods import plan_period_bounds


@dataclass(frozen=True)
class _Config:
    on: date
    lang: str = "fi"
    plan_start: date | None = None
    plan_end: date | None = None
    tolerance: float = 0.10
    scale: tuple[str, ...] | None = None


class _Evaluator:
    """Evaluates a tree once, caching by id() of the dataclass objects."""

    def __init__(self, config: _Config):
        self.config = config
        c = config
        self.settings = settings_of(c.on, c.plan_start, c.plan_end, c.tolerance, c.scale, c.lang)
        self.indicators: dict[int, IndicatorEvaluation] = {}
        self.nodes: dict[int, NodeEvaluation] = {}
        self._keep: list[object] = []  # keeps the objects alive so that their ids stay theirs

    def node(self, node: Node) -> NodeEvaluation:
        found = self.nodes.get(id(node))
        if found is not None:
            return found
        for child in node.children:
            self.node(child)
        own = self._own(node.indicators)
        found = evaluate_action(node, own, self.settings) if is_action(node) else self._goal(node, own)
        self.nodes[id(node)] = found
        self._keep.append(node)
        return found

    def _own(self, indicators: list[Indicator]) -> tuple[IndicatorEvaluation, ...]:
        """The evaluations of a node's own indicators, each indicator judged once."""
        done, settings = self.indicators, self.settings
        self._keep.extend(indicators)
        own = []
        for indicator in indicators:
            key = id(indicator)
            found = done.get(key)
            if found is None:
                found = done[key] = judge_indicator(indicator, settings)
            own.append(found)
        return tuple(own)

    def _goal(self, node: Node, own: tuple[IndicatorEvaluation, ...]) -> NodeEvaluation:
        lang = self.config.lang
        actions = list(actions_below(node))
        action_counts = merge(self.nodes[id(a)].counts for a in actions)
        indicator_statuses = [e.status for e in own]
        for child in node.children:
            if not is_action(child):
                indicator_statuses.extend(expand(self.nodes[id(child)].indicator_counts))
        indicator_counts = count(indicator_statuses)
        voting = [*expand(action_counts), *indicator_statuses]
        status = roll_up(voting)
        said = with_coverage(status, voting, summary(action_counts, indicator_counts, actions, lang), lang)
        reason = sentence(said) if said else _("No actions or indicators to judge.", lang)
        return NodeEvaluation(
            status,
            reason,
            False,
            indicators=own,
            counts=action_counts,
            indicator_counts=indicator_counts,
            summary=said,
        )


def _config(plan: Plan | None, on: date, lang: str, **overrides: Any) -> _Config:
    start = end = None
    tolerance, scale = 0.10, None
    if plan is not None:
        bounds = plan_period_bounds(plan.period)
        if bounds:
            start, end = bounds
        if (
            isinstance(plan.tolerance, int | float)
            and not isinstance(plan.tolerance, bool)
            and 0 <= plan.tolerance < float("inf")
        ):
            tolerance = float(plan.tolerance)
        if plan.state_scale:
            scale = tuple(plan.state_scale)
    config = _Config(on, lang_of(lang), start, end, tolerance, scale)
    changes = {k: v for k, v in overrides.items() if v is not None}
    if "scale" in changes:
        changes["scale"] = tuple(changes["scale"])
    return replace(config, **changes)


def evaluate_node(
    node: Node,
    on: date,
    *,
    plan_start: date | None = None,
    plan_end: date | None = None,
    tolerance: float | None = None,
    scale: list[str] | None = None,
    lang: str = "fi",
) -> NodeEvaluation:
    """Evaluate one node and everything under it (use evaluate_plan for a whole plan)."""
    evaluator = _Evaluator(
        _config(None, on, lang, plan_start=plan_start, plan_end=plan_end, tolerance=tolerance, scale=scale)
    )
    return evaluator.node(node)


class PlanEvaluation:
    """Every indicator and node of a plan evaluated once; look results up by object."""

    def __init__(self, plan: Plan, evaluator: _Evaluator):
        self.plan = plan
        self.on = evaluator.config.on
        self.lang = evaluator.config.lang
        self._evaluator = evaluator
        lang = self.lang
        tops = plan.nodes
        actions = [n for top in tops for n in ([top] if is_action(top) else actions_below(top))]
        self.counts = merge(evaluator.nodes[id(a)].counts for a in actions)
        indicator_statuses: list[str] = []
        for top in tops:
            if is_action(top):
                continue
            indicator_statuses.extend(expand(evaluator.nodes[id(top)].indicator_counts))
        self.indicator_counts = count(indicator_statuses)
        voting = [*expand(self.counts), *indicator_statuses]
        self.status = roll_up(voting)
        self.summary = with_coverage(
            self.status, voting, summary(self.counts, self.indicator_counts, actions, lang), lang
        )
        self.reason = (
            sentence(self.summary) if self.summary else _("No actions or indicators to judge.", lang)
        )

    def __getstate__(self) -> dict[str, Any]:
        """Picklable (a cache stores it with its plan): results in walk order, not by id()."""
        state = {k: v for k, v in self.__dict__.items() if k != "_evaluator"}
        nodes = [node for node, _up in self.plan.walk()]
        state["_nodes"] = [self._evaluator.nodes[id(n)] for n in nodes]
        state["_indicators"] = [self._evaluator.indicators[id(i)] for n in nodes for i in n.indicators]
        state["_config"] = self._evaluator.config
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        nodes_done, indicators_done = state.pop("_nodes"), state.pop("_indicators")
        evaluator = _Evaluator(state.pop("_config"))
        self.__dict__.update(state)
        nodes = [node for node, _up in self.plan.walk()]
        indicators = [i for n in nodes for i in n.indicators]
        evaluator.nodes = {id(n): e for n, e in zip(nodes, nodes_done, strict=True)}
        evaluator.indicators = {id(i): e for i, e in zip(indicators, indicators_done, strict=True)}
        evaluator._keep = [*nodes, *indicators]
        self._evaluator = evaluator

    def indicator(self, indicator: Indicator) -> IndicatorEvaluation:
        """The evaluation of an indicator of this plan (KeyError for a foreign object)."""
        return self._evaluator.indicators[id(indicator)]

    def node(self, node: Node) -> NodeEvaluation:
        """The evaluation of a node of this plan (KeyError for a foreign object)."""
        return self._evaluator.nodes[id(node)]


def evaluate_plan(plan: Plan, on: date, lang: str = "fi") -> PlanEvaluation:
    """Evaluate every indicator and node of the plan once, with the plan's own settings."""
    evaluator = _Evaluator(_config(plan, on, lang))
    for top in plan.nodes:
        evaluator.node(top)
    return PlanEvaluation(plan, evaluator)


def status_document(plan: Plan, on: date, lang: str = "fi") -> dict[str, list[dict[str, Any]]]:
    """{"indicators": [{path, name, status, reason}], "nodes": [{path, status, reason}]}."""
    result = evaluate_plan(plan, on, lang)
    indicators: list[dict[str, Any]] = []
    nodes: list[dict[str, Any]] = []
    for node, ancestors in plan.walk():
        path = [a.title for a in ancestors] + [node.title]
        evaluation = result.node(node)
        nodes.append({"path": path, "status": evaluation.status, "reason": evaluation.reason})
        for indicator in node.indicators:
            judged = result.indicator(indicator)
            indicators.append(
                {"path": list(path), "name": indicator.name, "status": judged.status, "reason": judged.reason}
            )
    return {"indicators": indicators, "nodes": nodes}
