"""Statuses and reasons for indicators, actions, goals and whole plans.

    evaluate_indicator(indicator, on, ...) -> IndicatorEvaluation
    evaluate_node(node, on, ...)           -> NodeEvaluation
    evaluate_plan(plan, on, lang)          -> PlanEvaluation (look results up by object)
    status_document(plan, on, lang)        -> the JSON of `seuranta status FILE.json`

The rules are documented in docs/statuses.md. Indicator logic lives in
evaluation_indicators.py, state scales in evaluation_states.py and every
user-facing string in evaluation_texts.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from seuranta.core.evaluation_indicators import (
    JUDGED,
    STATUSES,
    IndicatorEvaluation,
    SeriesEvaluation,
    evaluate_indicator,
    measure_date,
    rank,
    text_bounds,
    worst,
)
from seuranta.core.evaluation_texts import (
    count_text,
    format_date,
    format_period,
    lang_of,
    level_noun,
    sentence,
    text,
)
from seuranta.core.model import PHASES, Indicator, Milestone, Node, Plan
from seuranta.core.periods import period_bounds, plan_period_bounds

__all__ = [
    "STATUSES",
    "JUDGED",
    "IndicatorEvaluation",
    "SeriesEvaluation",
    "NodeEvaluation",
    "PlanEvaluation",
    "evaluate_indicator",
    "evaluate_node",
    "evaluate_plan",
    "status_document",
    "roll_up",
    "coverage",
    "INSUFFICIENT",
    "counts_summary",
    "is_action",
    "worst",
]

COUNT_KEYS = ("achieved", "on_track", "behind", "off_track", "no_data", "no_target", "cancelled")


@dataclass(frozen=True)
class NodeEvaluation:
    """The status of an action (from its phase, milestones and indicators) or a goal (rolled up)."""

    status: str
    reason: str
    is_action: bool
    phase: str | None = None  # the reported phase used, for actions
    phase_period: str | None = None  # the period of the progress report the phase came from
    overdue_milestones: tuple[Milestone, ...] = ()
    indicators: tuple[IndicatorEvaluation, ...] = ()  # the node's own indicators, in order
    # For a goal: the statuses of the actions below it ("cancelled" counted apart);
    # for an action: its own status. Keys are COUNT_KEYS, zero counts left out.
    counts: dict[str, int] = field(default_factory=dict)
    # The statuses of the indicators that vote in this node's status.
    indicator_counts: dict[str, int] = field(default_factory=dict)
    summary: str = ""  # "3/5 toimenpidettä aikataulussa, 1 myöhässä"


def is_action(node: Node) -> bool:
    """An action is a node without children, or any node with a reported phase."""
    return not node.children or node.phase is not None


INSUFFICIENT = "insufficient_data"


def roll_up(statuses: Iterable[str]) -> str:
    """The status of a goal from the statuses of the items below it.

    Only judged statuses vote. All achieved gives achieved; otherwise the goal
    gets the best status that more than half of the items reach or exceed (the
    lower median), but at best on_track. Nothing judged gives no_data when
    something is waiting for data, else no_target. When fewer than half of the
    voting items (judged, or waiting for data) have data, the goal shows no
    achievement at all: insufficient_data.
    """
    items = list(statuses)
    judged = sorted((s for s in items if s in JUDGED), key=rank)
    if not judged:
        return "no_data" if "no_data" in items else "no_target"
    reported, voting = coverage(items)
    if 2 * reported < voting:
        return INSUFFICIENT
    if all(s == "achieved" for s in judged):
        return "achieved"
    middle = judged[len(judged) // 2]
    return "on_track" if middle == "achieved" else middle


def coverage(statuses: Iterable[str]) -> tuple[int, int]:
    """(items with data, voting items): judged items have data; no_data items vote without it."""
    items = list(statuses)
    reported = sum(1 for s in items if s in JUDGED)
    return reported, reported + items.count("no_data")


def with_coverage(status: str, statuses: Iterable[str], summary: str, lang: str) -> str:
    """The summary of a goal with too little data, led by its coverage ("1/4 raportoitu")."""
    if status != INSUFFICIENT:
        return summary
    reported, voting = coverage(statuses)
    lead = text(lang, "insufficient", reported=reported, total=voting)
    return f"{lead}; {summary}" if summary else lead


def counts_summary(counts: dict[str, int], noun: str, lang: str = "fi") -> str:
    """ "3/5 toimenpidettä aikataulussa (1 valmiina), 1 myöhässä" from status counts."""
    lang = lang_of(lang)
    total = sum(counts.values())
    if not total:
        return ""
    done = counts.get("achieved", 0)
    ok = done + counts.get("on_track", 0)
    first = text(lang, "count.ok", ok=ok, total=total, noun=noun)
    if done:
        first += count_text(lang, "count.done", done)
    rest = [
        count_text(lang, f"count.{key}", counts[key])
        for key in ("behind", "off_track", "no_data", "no_target", "cancelled")
        if counts.get(key)
    ]
    return ", ".join([first, *rest])


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
        self.indicators: dict[int, IndicatorEvaluation] = {}
        self.nodes: dict[int, NodeEvaluation] = {}
        self._keep: list[object] = []  # keeps the objects alive so that their ids stay theirs

    def indicator(self, indicator: Indicator) -> IndicatorEvaluation:
        key = id(indicator)
        if key not in self.indicators:
            c = self.config
            self.indicators[key] = evaluate_indicator(
                indicator,
                c.on,
                plan_start=c.plan_start,
                plan_end=c.plan_end,
                tolerance=c.tolerance,
                scale=list(c.scale) if c.scale else None,
                lang=c.lang,
            )
            self._keep.append(indicator)
        return self.indicators[key]

    def node(self, node: Node) -> NodeEvaluation:
        key = id(node)
        if key not in self.nodes:
            for child in node.children:
                self.node(child)
            self.nodes[key] = self._action(node) if is_action(node) else self._goal(node)
            self._keep.append(node)
        return self.nodes[key]

    # -- actions --

    def _phase(self, node: Node) -> tuple[str | None, str | None]:
        if node.phase in PHASES:
            return node.phase, None
        best: tuple[date, int] | None = None
        found: tuple[str | None, str | None] = (None, None)
        for index, progress in enumerate(node.progress):
            if progress.phase not in PHASES:
                continue
            day = measure_date(progress.period) if progress.period else None
            if day is not None and day > self.config.on:
                continue
            order = (day or date.min, index)
            if best is None or order >= best:
                best, found = order, (progress.phase, progress.period)
        return found

    def _action(self, node: Node) -> NodeEvaluation:
        lang, on = self.config.lang, self.config.on
        own = tuple(self.indicator(i) for i in node.indicators)
        indicator_counts = _count(e.status for e in own)
        phase, phase_period = self._phase(node)
        if phase == "cancelled":
            return NodeEvaluation(
                "no_target",
                text(lang, "cancelled"),
                True,
                phase,
                phase_period,
                indicators=own,
                counts={"cancelled": 1},
                indicator_counts=indicator_counts,
            )
        parts: list[str] = []
        signals: list[str] = []
        if phase is not None:
            shown = text(lang, f"phase.{phase}")
            period = format_period(phase_period, lang)
            parts.append(
                text(lang, "phase_dated", phase=shown, period=period)
                if period
                else text(lang, "phase", phase=shown)
            )
        overdue: list[tuple[date, Milestone]] = []
        if phase != "done":
            for milestone in node.milestones:
                due = _due(milestone.due)
                if not milestone.done and due is not None and due < on:
                    overdue.append((due, milestone))
        overdue.sort(key=lambda item: item[0])
        if phase == "done":
            signals.append("achieved")
        else:
            start, end = _schedule(node.schedule)
            if phase == "in_progress":
                signals.append("on_track")
            elif phase == "delayed":
                signals.append("behind")
            elif phase == "not_started":
                if start is not None and start < on:
                    signals.append("behind")
                    parts.append(text(lang, "start_passed", date=format_date(start, lang)))
                else:
                    signals.append("on_track")
            if phase is not None and end is not None and end < on:
                signals.append("off_track")
                parts.append(text(lang, "schedule_over", date=format_date(end, lang)))
            if overdue:
                signals.append("behind")
                first = overdue[0][1]
                due_text = first.due or ""
                key = "milestones_overdue.one" if len(overdue) == 1 else "milestones_overdue.many"
                parts.append(
                    text(lang, key, count=len(overdue), due=format_period(due_text, lang) or due_text)
                )
            indicator_status = worst(e.status for e in own)
            if indicator_status:
                signals.append(indicator_status)
        if own:
            parts.append(counts_summary(indicator_counts, text(lang, "noun.indicators"), lang))
        status = worst(signals)
        if status is None:
            status = "no_data"
            reason = sentence("; ".join(parts)) if parts else text(lang, "no_information")
        else:
            reason = sentence("; ".join(parts))
        return NodeEvaluation(
            status,
            reason,
            True,
            phase,
            phase_period,
            tuple(m for _, m in overdue),
            own,
            {status: 1},
            indicator_counts,
        )

    # -- goals --

    def _goal(self, node: Node) -> NodeEvaluation:
        lang = self.config.lang
        own = tuple(self.indicator(i) for i in node.indicators)
        actions = list(_actions_below(node))
        action_counts = _merge(self.nodes[id(a)].counts for a in actions)
        indicator_statuses = [e.status for e in own]
        for child in node.children:
            if not is_action(child):
                indicator_statuses.extend(_expand(self.nodes[id(child)].indicator_counts))
        indicator_counts = _count(indicator_statuses)
        voting = [*_expand(action_counts), *indicator_statuses]
        status = roll_up(voting)
        summary = with_coverage(
            status, voting, _summary(action_counts, indicator_counts, actions, lang), lang
        )
        reason = sentence(summary) if summary else text(lang, "nothing_below")
        return NodeEvaluation(
            status,
            reason,
            False,
            indicators=own,
            counts=action_counts,
            indicator_counts=indicator_counts,
            summary=summary,
        )


def _summary(
    action_counts: dict[str, int], indicator_counts: dict[str, int], actions: list[Node], lang: str
) -> str:
    parts = []
    if action_counts:
        levels = {a.level for a in actions}
        noun = (level_noun(next(iter(levels)), lang) if len(levels) == 1 else None) or text(
            lang, "noun.actions"
        )
        parts.append(counts_summary(action_counts, noun, lang))
    if indicator_counts:
        parts.append(counts_summary(indicator_counts, text(lang, "noun.indicators"), lang))
    return "; ".join(parts)


def _actions_below(node: Node) -> Iterator[Node]:
    """The top-most actions under a goal (an action's own children are its business)."""
    for child in node.children:
        if is_action(child):
            yield child
        else:
            yield from _actions_below(child)


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = Counter(statuses)
    return {key: counts[key] for key in COUNT_KEYS if counts.get(key)}


def _merge(many: Iterable[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for counts in many:
        total.update(counts)
    return {key: total[key] for key in COUNT_KEYS if total.get(key)}


def _expand(counts: dict[str, int]) -> list[str]:
    return [key for key, n in counts.items() for _ in range(n)]


def _due(due: str | None) -> date | None:
    if not due:
        return None
    bounds = period_bounds(due)
    return bounds[1] if bounds else text_bounds(due)[1]


_OPEN_ENDED = re.compile(
    r"jatku|pysyv|toistaiseksi|alkaen|lähtien|vuosittain|fortlöp|tills vidare|"
    r"årlig|ongoing|continu|annual|[-–—]\s*$|[-–—]\s*[^\d\s]",
    re.IGNORECASE,
)


def _schedule(schedule: str | None) -> tuple[date | None, date | None]:
    """The start and end of a schedule as written; an open-ended one ("2022– jatkuva") has no end."""
    if not schedule:
        return None, None
    bounds = plan_period_bounds(schedule)
    if bounds:
        return bounds
    start, end = text_bounds(schedule)
    return (start, None) if _OPEN_ENDED.search(schedule) else (start, end)


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
        actions = [n for top in tops for n in ([top] if is_action(top) else _actions_below(top))]
        self.counts = _merge(evaluator.nodes[id(a)].counts for a in actions)
        indicator_statuses: list[str] = []
        for top in tops:
            if is_action(top):
                continue
            indicator_statuses.extend(_expand(evaluator.nodes[id(top)].indicator_counts))
        self.indicator_counts = _count(indicator_statuses)
        voting = [*_expand(self.counts), *indicator_statuses]
        self.status = roll_up(voting)
        self.summary = with_coverage(
            self.status, voting, _summary(self.counts, self.indicator_counts, actions, lang), lang
        )
        self.reason = sentence(self.summary) if self.summary else text(lang, "nothing_below")

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
