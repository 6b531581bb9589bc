"""What deleting a node does to the reporting rounds, for the confirmation page.

Closed rounds stay whole (see `seuranta.monitoring.models`): their entries and
snapshots are not touched. An open round limited to the deleted part goes with it;
other open rounds lose their reports on the deleted nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from seuranta.monitoring.models import ReportingRound
from seuranta.plans.models import Node


@dataclass
class RoundsAffected:
    closed: list[ReportingRound] = field(default_factory=list)  # kept whole
    open_removed: list[ReportingRound] = field(default_factory=list)  # limited to the deleted part: removed
    open_losing: list[ReportingRound] = field(default_factory=list)  # lose their reports on the deleted nodes

    def __bool__(self) -> bool:
        return bool(self.closed or self.open_removed or self.open_losing)


def subtree_ids(node: Node) -> list[int]:
    """The node and every node below it; one query whatever the plan's size."""
    children: dict[int | None, list[int]] = {}
    for node_id, parent_id in Node.objects.filter(plan_id=node.plan_id).values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(node_id)
    found, stack = [], [node.pk]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def rounds_affected_by_deleting(node: Node) -> RoundsAffected:
    """The rounds that cover the node or anything below it; two queries."""
    ids = subtree_ids(node)
    rounds = (
        ReportingRound.objects.filter(plan_id=node.plan_id)
        .annotate(hit=Count("entries", filter=Q(entries__node_id__in=ids)))
        .filter(Q(root_id__in=ids) | Q(hit__gt=0))
        .order_by("-opened_at", "-id")
    )
    affected = RoundsAffected()
    for reporting_round in rounds:
        if not reporting_round.is_open:
            affected.closed.append(reporting_round)
        elif reporting_round.root_id in ids:
            affected.open_removed.append(reporting_round)
        else:
            affected.open_losing.append(reporting_round)
    return affected
