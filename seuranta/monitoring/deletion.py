"""What deleting a node does to the reporting rounds, for the confirmation page.

Closed rounds stay whole (see `seuranta.monitoring.models`): their entries and
snapshots are not touched, when the node goes to the recycle bin or later for good.
An open round limited to the deleted part goes with it; other open rounds lose their
reports on the deleted nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.models import Node
from seuranta.plans.recycle import subtree_ids


@dataclass
class RoundsAffected:
    closed: list[ReportingRound] = field(default_factory=list)  # kept whole
    open_removed: list[ReportingRound] = field(default_factory=list)  # limited to the deleted part: removed
    open_losing: list[ReportingRound] = field(default_factory=list)  # lose their reports on the deleted nodes

    def __bool__(self) -> bool:
        return bool(self.closed or self.open_removed or self.open_losing)


def withdraw_open_rounds(ids: list[int]) -> None:
    """When nodes go to the recycle bin: open rounds limited to them go, other open rounds lose their entries
    on them (as deleting did); closed rounds keep theirs."""
    RoundEntry.objects.filter(node_id__in=ids, round__state=ReportingRound.State.OPEN).delete()
    ReportingRound.objects.filter(root_id__in=ids, state=ReportingRound.State.OPEN).delete()


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
