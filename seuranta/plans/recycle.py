"""The recycle bin: deleted nodes, indicators and milestones kept for 30 days, restorable.

Deleting moves a row to the bin (`deleted_at`, hidden by the default managers): a node
with everything below it, its indicators (with their reported values) and milestones,
all with the same moment, so that restoring it brings back exactly what went with it.
An item deleted on its own earlier stays in the bin. `purge` removes for good what has
been in the bin longer than RETENTION (the task `seuranta.plans.tasks.purge_recycle_bin`,
the command `seuranta manage purge_recycle_bin`); a closed round's entries survive even
that (`seuranta.monitoring.models.cascade_unless_closed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from seuranta.plans.models import Indicator, Milestone, Node, Plan
from seuranta.plans.saving import record

RETENTION = timedelta(days=30)
ITEM_MODELS: dict[str, type[Indicator] | type[Milestone]] = {"indicator": Indicator, "milestone": Milestone}


def subtree_ids(node: Node, *, manager: str = "objects") -> list[int]:
    """The node and every node below it; one query whatever the plan's size."""
    children: dict[int | None, list[int]] = {}
    rows = getattr(Node, manager).filter(plan_id=node.plan_id).values_list("id", "parent_id", "deleted_at")
    stamp = node.deleted_at
    for node_id, parent_id, deleted_at in rows:
        if manager == "objects" or deleted_at == stamp:
            children.setdefault(parent_id, []).append(node_id)
    found, stack = [], [node.pk]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def recycle_node(node: Node, user) -> list[int]:
    """Move the node and everything below it to the bin; returns the ids of the nodes moved."""
    ids = subtree_ids(node)
    now = timezone.now()
    with transaction.atomic():
        record(node, "deleted", {"title": [node.title, None], "level": [node.level, None]}, user)
        Node.objects.filter(pk__in=ids).update(deleted_at=now)
        Indicator.objects.filter(node_id__in=ids).update(deleted_at=now)
        Milestone.objects.filter(node_id__in=ids).update(deleted_at=now)
    return ids


def recycle_item(item: Indicator | Milestone, user, described: dict) -> None:
    with transaction.atomic():
        record(item, "deleted", described, user)
        type(item).objects.filter(pk=item.pk).update(deleted_at=timezone.now())


def _when(deleted_at: datetime | None) -> datetime:
    assert deleted_at is not None  # only rows in the bin are listed
    return deleted_at


@dataclass
class BinItem:
    kind: str  # "node", "indicator", "milestone"
    pk: int
    title: str
    place: str  # the node it was under, or the plan
    deleted_at: datetime
    restorable: bool  # False while the node it was under is in the bin on its own

    @property
    def purge_on(self) -> datetime:
        return self.deleted_at + RETENTION


def bin_items(plan: Plan) -> list[BinItem]:
    """What a coordinator can restore, newest first: three queries whatever the bin's size."""
    items = []
    nodes = Node.all_objects.filter(plan=plan, deleted_at__isnull=False).select_related("parent")
    for n in nodes:
        parent = n.parent
        if parent is None or parent.deleted_at != n.deleted_at:
            place = parent.title if parent else str(plan)
            items.append(
                BinItem("node", n.pk, n.title, place, _when(n.deleted_at), not (parent and parent.deleted_at))
            )
    for kind, model in ITEM_MODELS.items():
        rows = model.all_objects.filter(node__plan=plan, deleted_at__isnull=False).select_related("node")
        for row in rows:
            if row.node.deleted_at != row.deleted_at:
                title = row.name if isinstance(row, Indicator) else row.title
                items.append(
                    BinItem(
                        kind, row.pk, title, row.node.title, _when(row.deleted_at), not row.node.deleted_at
                    )
                )
    return sorted(items, key=lambda i: i.deleted_at, reverse=True)


class CannotRestore(Exception):
    """str() says why, for the person."""


def restore(plan: Plan, kind: str, pk: int, user) -> str:
    """Bring an item back with everything that went with it; returns its title."""
    if kind == "node":
        node = (
            Node.all_objects.select_related("parent")
            .filter(plan=plan, pk=pk, deleted_at__isnull=False)
            .first()
        )
        if node is None:
            raise CannotRestore(_("It is no longer in the recycle bin."))
        if node.parent is not None and node.parent.deleted_at is not None:
            raise CannotRestore(_("The item it was under is in the recycle bin too: restore that first."))
        ids, stamp = subtree_ids(node, manager="all_objects"), node.deleted_at
        with transaction.atomic():
            Node.all_objects.filter(pk__in=ids, deleted_at=stamp).update(deleted_at=None)
            for item_model in ITEM_MODELS.values():
                item_model.all_objects.filter(node_id__in=ids, deleted_at=stamp).update(deleted_at=None)
            record(node, "restored", {"title": [None, node.title]}, user)
        return node.title
    model = ITEM_MODELS.get(kind)
    row = model.all_objects.select_related("node").filter(node__plan=plan, pk=pk).first() if model else None
    if row is None or row.deleted_at is None:
        raise CannotRestore(_("It is no longer in the recycle bin."))
    if row.node.deleted_at is not None:
        raise CannotRestore(_("The item it was under is in the recycle bin too: restore that first."))
    title = row.name if isinstance(row, Indicator) else row.title
    with transaction.atomic():
        type(row).all_objects.filter(pk=row.pk).update(deleted_at=None)
        record(row, "restored", {"name" if kind == "indicator" else "title": [None, title]}, user)
    return title


def purge(now: datetime | None = None) -> int:
    """Remove for good what has been in the bin longer than RETENTION; returns how many rows went."""
    cutoff = (now or timezone.now()) - RETENTION
    removed = 0
    for model in (Milestone, Indicator):
        removed += model.all_objects.filter(deleted_at__lt=cutoff).delete()[1].get(model._meta.label, 0)
    # Top-most first: deleting a node takes the rows below it (the base manager sees them).
    for node in Node.all_objects.filter(deleted_at__lt=cutoff).order_by("parent_id").select_related("parent"):
        if node.parent is None or node.parent.deleted_at is None or node.parent.deleted_at >= cutoff:
            removed += node.delete()[1].get(Node._meta.label, 0)
    return removed
