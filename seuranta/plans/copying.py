"""Next year's plan from this year's: the tree, indicators, targets and responsible people, as a draft.

What was reported is left behind: actual values, progress texts, phases and ticked milestones.
The copy keeps the units chosen from the organisation's tree, the responsible users, the links
to goals of other plans and the plan it supports.
"""

from __future__ import annotations

import dataclasses

from django.db import transaction

from seuranta.core import model as core
from seuranta.core.translations import cleaned
from seuranta.plans.models import Node, Plan
from seuranta.plans.storage import load_core_plan, store_plan


def without_reports(plan: core.Plan, *, title: str, period: str | None, linked=frozenset()) -> core.Plan:
    """A copy of the core plan with its reported values left out.

    `linked`: keys of nodes whose link to another plan's goal the caller copies itself.
    """

    def blank(node: core.Node) -> core.Node:
        return dataclasses.replace(
            node,
            indicators=[dataclasses.replace(i, actuals=[]) for i in node.indicators],
            milestones=[dataclasses.replace(m, done=False) for m in node.milestones],
            progress=[],
            phase=None,
            contributes_to=None if node.key in linked else node.contributes_to,
            children=[blank(c) for c in node.children],
        )

    # The copy has a new title: its old translations would name the old plan (level names stay).
    texts = cleaned(
        {lang: {k: v for k, v in t.items() if k != "title"} for lang, t in plan.translations.items()}
    )
    return dataclasses.replace(
        plan, title=title, period=period, translations=texts, nodes=[blank(n) for n in plan.nodes]
    )


@transaction.atomic
def copy_plan(plan: Plan, *, title: str, period: str | None) -> Plan:
    """Store a draft copy of `plan` under a new title and period; a fixed number of queries."""
    source = load_core_plan(plan)
    old_rows = list(Node.objects.filter(plan=plan).only("pk", "org_unit_id", "contributes_to_id"))
    linked = frozenset(row.pk for row in old_rows if row.contributes_to_id)
    copy = store_plan(
        without_reports(source, title=title, period=period, linked=linked),
        organization=plan.organization,
        state=Plan.State.DRAFT,
        units={},  # the source's units are copied below, whatever the names as written say
    )
    Plan.objects.filter(pk=copy.pk).update(supports=plan.supports_id)
    copy.supports_id = plan.supports_id
    # store_plan walks the same tree: its nodes pair with the source's in document order.
    new_keys = [n.key for n, _ in load_core_plan(copy).walk()]
    old_keys = [n.key for n, _ in source.walk()]
    new_for = dict(zip(old_keys, new_keys, strict=True))
    copied = [
        Node(pk=new_for[old.pk], org_unit_id=old.org_unit_id, contributes_to_id=old.contributes_to_id)
        for old in old_rows
    ]
    Node.objects.bulk_update(copied, ["org_unit", "contributes_to"])
    through = Node.responsible_users.through
    through.objects.bulk_create(
        through(node_id=new_for[row.node_id], user_id=row.user_id)
        for row in through.objects.filter(node__plan=plan)
    )
    return copy
