"""The cascade between plans: a goal or action contributes to the goal of another plan.

Stored as `Node.contributes_to`; in the interchange format as
`"contributes_to": {"plan": <plan title>, "goal": <goal title>}`. A reference that
names no single goal in the database yet is kept as written in the node's `extra`,
so export gives back what import received.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from django.db.models import Q

from seuranta.core import model as core
from seuranta.plans.models import Node, Plan

KEY = "contributes_to"


class LinkedNode(Protocol):
    """What `goal_refs` reads of a node: a `Node`, or a row of its values (the plan reader's)."""

    @property
    def pk(self) -> int: ...
    @property
    def plan_id(self) -> int: ...
    @property
    def contributes_to_id(self) -> int | None: ...
    @property
    def extra(self) -> dict: ...


def stored_extra(extra: dict) -> dict:
    """A node's `extra` without a kept reference: that goes to `core.Node.contributes_to`."""
    return {k: v for k, v in extra.items() if k != KEY} if KEY in extra else extra


def goal_refs(nodes: Sequence[LinkedNode]) -> dict[int, core.GoalRef]:
    """Each node's reference by node id: from its link, else as kept from its document. At most two queries.

    A document may be read by anyone who may read its plan, so a link names another plan's goal
    only when that plan is published, or when both plans are of one organisation and the document's
    own plan is not published (then only that organisation's members read it).
    """
    linked = {n.contributes_to_id for n in nodes if n.contributes_to_id}
    plan_ids = {n.plan_id for n in nodes if n.contributes_to_id}  # no query when nothing is linked
    plans = Plan.objects.filter(pk__in=plan_ids).values("pk", "state", "organization_id")
    sources = {row["pk"]: row for row in plans}
    rows = Node.objects.filter(pk__in=linked).values(
        "pk", "title", "plan__title", "plan__state", "plan__organization_id"
    )
    targets: dict[int | None, Mapping[str, Any]] = {row["pk"]: row for row in rows}
    refs: dict[int, core.GoalRef] = {}
    for node in nodes:
        target = targets.get(node.contributes_to_id)
        if target is not None:
            if _may_name(target, sources[node.plan_id]):
                refs[node.pk] = core.GoalRef(plan=target["plan__title"] or "", goal=target["title"])
        elif isinstance(node.extra.get(KEY), dict):
            refs[node.pk] = core.GoalRef.from_dict(node.extra[KEY])
    return refs


def _may_name(target: Mapping[str, Any], source: Mapping[str, Any]) -> bool:
    published = Plan.State.PUBLISHED
    if target["plan__state"] == published:
        return True
    same_organisation = target["plan__organization_id"] == source["organization_id"] is not None
    return same_organisation and source["state"] != published


def link_contributions(pairs: Iterable[tuple[core.Node, Node]], plan: Plan) -> None:
    """Link the stored nodes of `plan` to the goals their documents name; keep the rest as written.

    A reference links when exactly one goal of another plan has that plan title and goal title,
    the plan's own organisation first. Two queries whatever the plan's size.
    """
    wanted = [(node.contributes_to, row) for node, row in pairs if node.contributes_to]
    if not wanted:
        return
    match = Q()
    for ref, _row in wanted:
        match |= Q(title=ref.goal, plan__title=ref.plan)
    candidates: dict[tuple[str | None, str], list[tuple[bool, int]]] = {}
    for goal in (
        Node.objects.filter(match)
        .exclude(plan=plan)
        .values("pk", "title", "plan__title", "plan__organization_id")
    ):
        mine = goal["plan__organization_id"] == plan.organization_id and plan.organization_id is not None
        candidates.setdefault((goal["plan__title"], goal["title"]), []).append((mine, goal["pk"]))
    changed = []
    for ref, row in wanted:
        found = candidates.get((ref.plan, ref.goal), [])
        own = [pk for is_own, pk in found if is_own]
        chosen = own if own else [pk for _own, pk in found]
        if len(chosen) == 1 and not ref.extra:
            row.contributes_to_id = chosen[0]
        else:
            row.extra = {**row.extra, KEY: ref.to_dict()}
        changed.append(row)
    Node.objects.bulk_update(changed, ["contributes_to", "extra"])


def contributing(node: Node) -> list[Node]:
    """The goals and actions of other plans that contribute to `node`, with their plans. One query."""
    return list(
        Node.objects.filter(contributes_to=node)
        .select_related("plan__organization")
        .order_by("plan__title", "plan_id", "order", "id")
    )
