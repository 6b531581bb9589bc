"""The plan page's tree: rows with statuses, filtered and searched on the loaded plan.

Everything here works on the core plan already read with `load_core_plan`, so
filtering and searching add no queries (except PostgreSQL's text search).
Ancestors of every match stay visible, so a match is always seen in context.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seuranta.core import model as core
from seuranta.core.evaluation import NodeEvaluation, PlanEvaluation
from seuranta.web.search import matching_node_ids
from seuranta.web.statuses import STATUS_LABELS


@dataclass
class Filters:
    unit: str = ""
    responsible: str = ""
    status: str = ""
    level: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, data) -> Filters:
        values = {
            name: (data.get(name) or "").strip()[:200]
            for name in ("unit", "responsible", "status", "level", "q")
        }
        if values["status"] not in STATUS_LABELS:
            values["status"] = ""
        return cls(**values)

    @property
    def active(self) -> bool:
        return any((self.unit, self.responsible, self.status, self.level, self.q))


@dataclass
class Row:
    node: core.Node
    depth: int
    evaluation: NodeEvaluation
    matched: bool = True
    has_children: bool = False  # visible children follow this row
    closes: range = field(default_factory=lambda: range(0))  # nested lists to close after this row

    @property
    def id(self) -> int:
        return self.node.key


@dataclass
class FilterOptions:
    units: list[str]
    responsible: list[str]
    levels: list[str]


def filter_options(plan: core.Plan) -> FilterOptions:
    units: set[str] = set()
    responsible: set[str] = set()
    levels = list(plan.levels)
    for node, _ in plan.walk():
        if node.unit:
            units.add(node.unit)
        responsible.update(r for r in node.responsible if r)
        if node.level and node.level not in levels:
            levels.append(node.level)
    return FilterOptions(sorted(units, key=str.lower), sorted(responsible, key=str.lower), levels)


def _node_matches(
    node: core.Node, evaluation: NodeEvaluation, filters: Filters, found: set[int] | None
) -> bool:
    if filters.unit and node.unit != filters.unit:
        return False
    if filters.responsible and filters.responsible not in node.responsible:
        return False
    if filters.status and evaluation.status != filters.status:
        return False
    if filters.level and node.level != filters.level:
        return False
    return not (found is not None and node.key not in found)


def plan_rows(plan: core.Plan, plan_id: int, evaluation: PlanEvaluation, filters: Filters) -> list[Row]:
    """The visible rows in document order, each knowing how many nested lists close after it."""
    found = matching_node_ids(plan_id, plan, filters.q) if filters.q else None

    def visit(node: core.Node, depth: int) -> list[Row]:
        result = evaluation.node(node)
        below = [row for child in node.children for row in visit(child, depth + 1)]
        matched = _node_matches(node, result, filters, found) if filters.active else True
        if not matched and not below:
            return []
        return [Row(node, depth, result, matched=matched, has_children=bool(below)), *below]

    rows = [row for top in plan.nodes for row in visit(top, 0)]
    for index, row in enumerate(rows):
        if row.has_children:
            continue
        next_depth = rows[index + 1].depth if index + 1 < len(rows) else 0
        row.closes = range(row.depth - next_depth)
    return rows


def find_node(plan: core.Plan, node_id: int) -> tuple[core.Node, tuple[core.Node, ...]] | None:
    for node, ancestors in plan.walk():
        if node.key == node_id:
            return node, ancestors
    return None
