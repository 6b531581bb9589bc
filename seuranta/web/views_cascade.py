"""The cascade on the pages: which goal of another plan a node contributes to, and what contributes to a goal.

`node_cascade` gives the node page both directions with the contributing items' statuses;
`node_contribution` is the page where an editor chooses the goal.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from seuranta.common.language import ui_lang
from seuranta.common.views import posted_version, require
from seuranta.core.evaluation import evaluate_plan
from seuranta.plans.access import get_node_for
from seuranta.plans.cascade import contributing
from seuranta.plans.models import Node, Plan
from seuranta.plans.saving import Conflict, save_with_version
from seuranta.plans.storage import load_core_plans
from seuranta.web.plan_forms import ContributionForm

# No-break spaces: a browser drops ordinary leading spaces from an option's text.
INDENT = "\u00a0" * 4


def saved(obj, version: int | None, values: dict, user, *, extra_changes=None) -> bool:
    """Save through the one save path; False when someone else saved first (nothing was written)."""
    try:
        save_with_version(obj, version, values, user, extra_changes=extra_changes)
    except Conflict:
        return False
    return True


def visible_plan_ids(user, ids) -> set[int]:
    return set(Plan.objects.visible_to(user).filter(pk__in=set(ids)).values_list("pk", flat=True))


def node_cascade(user, node_row: Node) -> dict:
    """The goal this node contributes to and the items contributing to it, as far as the user may see them.

    A fixed number of queries whatever the number of contributing items and plans.
    """
    target = None
    if node_row.contributes_to_id:
        target = Node.objects.select_related("plan").filter(pk=node_row.contributes_to_id).first()
    contributions = contributing(node_row)
    visible = visible_plan_ids(
        user, [n.plan_id for n in contributions] + ([target.plan_id] if target else [])
    )
    if target and target.plan_id not in visible:
        target = None
    contributions = [n for n in contributions if n.plan_id in visible]
    plans = {n.plan_id: n.plan for n in contributions}
    core_plans = load_core_plans(list(plans.values()))
    today, lang = timezone.localdate(), ui_lang()
    rows = []
    for plan_id, core_plan in core_plans.items():
        evaluation = evaluate_plan(core_plan, today, lang=lang)
        by_key = {node.key: node for node, _ in core_plan.walk()}
        for row in (n for n in contributions if n.plan_id == plan_id):
            rows.append({"row": row, "result": evaluation.node(by_key[row.pk])})
    rows.sort(key=lambda r: (r["row"].plan.title or "", r["row"].order, r["row"].pk))
    return {"contributes_to": target, "contributions": rows}


def goal_choices(user, plan: Plan) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every node of the other plans the user can see and that are not archived, grouped by plan, in tree order.

    Two queries whatever the number of plans and nodes.
    """
    plans = {
        p.pk: p
        for p in Plan.objects.visible_to(user)
        .exclude(pk=plan.pk)
        .exclude(state=Plan.State.ARCHIVED)
        .select_related("organization")
    }
    rows = Node.objects.filter(plan_id__in=plans).values(
        "pk", "parent_id", "plan_id", "level", "title", "order"
    )
    children: dict[tuple[int, int | None], list[dict]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["order"], r["pk"])):
        children[(row["plan_id"], row["parent_id"])].append(row)

    def walk(plan_id: int, parent: int | None, depth: int):
        for row in children[(plan_id, parent)]:
            title = row["title"] if len(row["title"]) <= 90 else row["title"][:89] + "…"
            yield row["pk"], f"{INDENT * depth}{row['level']}: {title}"
            yield from walk(plan_id, row["pk"], depth + 1)

    ordered = sorted(plans.values(), key=lambda p: ((p.organization.name if p.organization else ""), str(p)))
    return [(str(p), list(walk(p.pk, None, 0))) for p in ordered if children[(p.pk, None)]]


def node_contribution(request, node_id: int):
    node, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    goals = goal_choices(request.user, plan)
    form = ContributionForm(request.POST or None, goals=goals, initial={"goal": node.contributes_to_id})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["goal"]
        names = dict(
            Node.objects.filter(pk__in=[x for x in (chosen, node.contributes_to_id) if x]).values_list(
                "pk", "title"
            )
        )
        change = {"contributes_to": [names.get(node.contributes_to_id), names.get(chosen)]}
        values = {"contributes_to_id": chosen}
        extra = change if chosen != node.contributes_to_id else None
        if saved(node, posted_version(request), values, request.user, extra_changes=extra):
            messages.success(request, _("Saved."))
            return redirect("node", node.pk)
        messages.error(request, _("Someone else changed this item meanwhile. Check the link and save again."))
        node.refresh_from_db()
    elif request.method == "POST":
        messages.error(request, _("Some fields need fixing. Your input is kept below."))
    return render(
        request,
        "web/node_contribution.html",
        {"plan": plan, "node": node, "form": form, "version": node.version, "has_goals": bool(goals)},
    )
