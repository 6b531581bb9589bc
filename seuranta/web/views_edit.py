"""Editing a plan in the browser: node fields, children, indicators, milestones, plan settings.

Every form carries the object's version; a save is a conditional update, and
a conflicting save shows the person their input beside the stored values.
Every change writes ChangeRecord rows (seuranta.web.editing).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.people import person_name
from seuranta.common.views import posted_version, require
from seuranta.core import model as core
from seuranta.core.evaluation_indicators import text_bounds
from seuranta.core.measures import parse_levels, parse_measure
from seuranta.monitoring.deletion import rounds_affected_by_deleting
from seuranta.monitoring.reporting import add_new_entries
from seuranta.organizations.units import unit_choices
from seuranta.plans.access import REPORTING_ROLES, get_node_for, get_plan_for
from seuranta.plans.models import Indicator, Measure, Membership, Milestone, Node
from seuranta.plans.storage import measure_row, plan_years
from seuranta.web.editing import content_token, record, save_versioned
from seuranta.web.forms import (
    IndicatorForm,
    MilestoneForm,
    NewNodeForm,
    NodeForm,
    PlanSettingsForm,
    split_lines,
)


def conflict_message() -> str:
    return _(
        "Someone else saved this while you were editing. Your input is kept below, with the values now "
        "saved shown beside each field. Check them and save again to keep yours."
    )


def conflicts(form, current: dict) -> dict:
    """Fields whose stored value now differs from what the person entered: name -> stored value as text."""
    out = {}
    for name, value in current.items():
        mine = form.cleaned_data.get(name) if form.is_bound and hasattr(form, "cleaned_data") else None
        if mine != value and not (mine in ("", None, []) and value in ("", None, [])):
            out[name] = (
                "\n".join(value) if isinstance(value, list) else ("–" if value in ("", None) else value)
            )
    return out


def edit_page(request, template: str, context: dict):
    return render(request, template, {"conflicts": {}, **context})


# --- nodes -----------------------------------------------------------------


def node_values(form: NodeForm) -> dict:
    data = {name: form.cleaned_data[name] for name in NodeForm.NODE_FIELDS}
    start, end = text_bounds(data["schedule"]) if data["schedule"] else (None, None)
    data.update(
        description=data["description"] or None,
        unit_name=data["unit_name"] or None,
        schedule=data["schedule"] or None,
        schedule_start=start,
        schedule_end=end,
    )
    return data


def responsible_people(plan, node: Node) -> tuple[list[tuple[int, str]], dict[int, str], list[int]]:
    """Whom the node's responsible users may be chosen from, in two queries whatever their number.

    The choices are the members of the plan's organisation who may report (not viewers: they could not
    open the reports they would be reminded of), and anyone already assigned (in the admin, before they
    left the organisation or became a viewer) so that saving the form does not silently drop them; such a
    person can be removed but not added again. Returns (choices, names by user id, assigned user ids).
    """
    members = (
        Membership.objects.active()
        .filter(organization_id=plan.organization_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
        if plan.organization_id
        else []
    )
    assigned = list(node.responsible_users.order_by("last_name", "first_name", "username"))
    assigned_ids = {user.pk for user in assigned}
    choices, names = [], {}
    for membership in members:
        names[membership.user_id] = person_name(membership.user)
        if membership.role in REPORTING_ROLES:
            choices.append(
                (membership.user_id, f"{names[membership.user_id]} ({membership.get_role_display()})")
            )
        elif membership.user_id in assigned_ids:
            choices.append(
                (membership.user_id, f"{names[membership.user_id]} ({_('viewer: may not report')})")
            )
    for user in assigned:
        if user.pk not in names:
            names[user.pk] = person_name(user)
            choices.append((user.pk, f"{names[user.pk]} ({_('not a member of the organisation')})"))
    return choices, names, [user.pk for user in assigned]


def responsible_changes(before: list[int], after: list[int], names: dict[int, str]) -> dict:
    """The people added and removed, by name, as ChangeRecord.changes entries ([before, after])."""
    added = sorted((names[pk] for pk in set(after) - set(before)), key=str.casefold)
    removed = sorted((names[pk] for pk in set(before) - set(after)), key=str.casefold)
    changes = {}
    if added:
        changes["responsible_users_added"] = [None, ", ".join(added)]
    if removed:
        changes["responsible_users_removed"] = [", ".join(removed), None]
    return changes


def unit_change(node: Node, chosen: int | None, units: dict[int, str]) -> dict:
    """The chosen unit's change by name, as a ChangeRecord.changes entry."""
    if chosen == node.org_unit_id:
        return {}
    return {"org_unit": [units.get(node.org_unit_id) if node.org_unit_id else None, units.get(chosen)]}


def node_edit(request, node_id: int):
    node, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    people, names, assigned = responsible_people(plan, node)
    units = unit_choices(plan.organization_id, keep=node.org_unit_id)
    version, conflict = node.version, {}
    if request.method == "POST":
        form = NodeForm(request.POST, people=people, units=units)
        if form.is_valid():
            chosen = form.cleaned_data["responsible_users"] = sorted(
                set(form.cleaned_data["responsible_users"])
            )
            values = {**node_values(form), "org_unit_id": form.cleaned_data["org_unit"]}
            with transaction.atomic():
                saved = save_versioned(
                    node,
                    posted_version(request),
                    values,
                    user=request.user,
                    plan=plan,
                    node=node,
                    object_type="node",
                    extra_changes={
                        **unit_change(node, values["org_unit_id"], dict(units)),
                        **responsible_changes(assigned, chosen, names),
                    },
                )
                if saved and chosen != assigned:
                    node.responsible_users.set(chosen)
                    # Someone newly responsible for an action reports on it in the rounds already open.
                    add_new_entries(plan)
            if saved:
                messages.success(request, _("Saved."))
                return redirect("node", node.pk)
            current = get_object_or_404(Node, pk=node.pk)  # gone if deleted meanwhile
            current_ids = sorted(current.responsible_users.values_list("pk", flat=True))
            version = current.version
            stored = NodeForm.initial_from(current, current_ids)
            conflict = conflicts(form, {name: stored[name] for name in NodeForm.NODE_FIELDS})
            if current.org_unit_id != form.cleaned_data["org_unit"]:
                conflict["org_unit"] = dict(units).get(current.org_unit_id, "–")
            if chosen != current_ids:
                conflict["responsible_users"] = ", ".join(names.get(pk, str(pk)) for pk in current_ids) or "–"
            messages.error(request, conflict_message())
        else:
            version = posted_version(request) or node.version
            messages.error(request, _("Some fields need fixing. Your input is kept below."))
    else:
        form = NodeForm(initial=NodeForm.initial_from(node, assigned), people=people, units=units)
    return edit_page(
        request,
        "web/node_edit.html",
        {
            "plan": plan,
            "node": node,
            "form": form,
            "version": version,
            "conflicts": conflict,
            "children": list(node.children.order_by("order", "id")),
            "indicators": list(node.indicators.order_by("order", "id")),
            "milestones": list(node.milestones.order_by("order", "id")),
            "levels": plan.levels,
            "new_child": NewNodeForm(initial={"level": next_level(plan, node.level)}),
        },
    )


def next_level(plan, level: str | None) -> str:
    levels = list(plan.levels or [])
    if level in levels and levels.index(level) + 1 < len(levels):
        return levels[levels.index(level) + 1]
    return level or (levels[0] if levels else "")


def create_node(request, plan, parent: Node | None):
    form = NewNodeForm(request.POST)
    if not form.is_valid():
        return None, form
    siblings = Node.objects.filter(plan=plan, parent=parent)
    order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1 if siblings.exists() else 0
    with transaction.atomic():
        child = Node.objects.create(plan=plan, parent=parent, order=order, **form.cleaned_data)
        record(
            plan,
            user=request.user,
            object_type="node",
            action="created",
            obj=child,
            node=child,
            changes={"title": [None, child.title], "level": [None, child.level]},
        )
    messages.success(request, _("Added."))
    return child, form


def node_add_child(request, node_id: int):
    parent, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    form = NewNodeForm(initial={"level": next_level(plan, parent.level)})
    if request.method == "POST":
        child, form = create_node(request, plan, parent)
        if child:
            return redirect("node_edit", parent.pk)
    return render(request, "web/node_add.html", {"plan": plan, "parent": parent, "form": form})


def node_add(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    if denied := require(request, access.can_edit):
        return denied
    form = NewNodeForm(initial={"level": (plan.levels or [""])[0]})
    if request.method == "POST":
        child, form = create_node(request, plan, None)
        if child:
            return redirect("node", child.pk)
    return render(request, "web/node_add.html", {"plan": plan, "parent": None, "form": form})


@require_POST
def node_move(request, node_id: int):
    node, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    siblings = list(Node.objects.filter(plan=plan, parent_id=node.parent_id).order_by("order", "id"))
    index = next(i for i, s in enumerate(siblings) if s.pk == node.pk)
    other = index - 1 if request.POST.get("direction") == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        with transaction.atomic():
            for order, sibling in enumerate(siblings):
                if sibling.order != order:
                    Node.objects.filter(pk=sibling.pk).update(order=order)
            record(
                plan,
                user=request.user,
                object_type="node",
                action="moved",
                obj=node,
                node=node,
                changes={"position": [index + 1, other + 1]},
            )
        messages.success(request, _("Moved."))
    return redirect("node_edit", node.parent_id) if node.parent_id else redirect("plan", plan.pk)


def node_delete(request, node_id: int):
    node, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    if request.method == "POST":
        kept = rounds_affected_by_deleting(node).closed
        with transaction.atomic():
            record(
                plan,
                user=request.user,
                object_type="node",
                action="deleted",
                obj=node,
                node=node.parent,
                changes={"title": [node.title, None], "level": [node.level, None]},
            )
            node.delete()  # closed rounds stay whole: see seuranta.monitoring.models
        messages.success(request, _("Deleted."))
        if kept:
            messages.info(
                request, _("The closed reporting rounds that covered it are kept as they were at closing.")
            )
        return redirect("node_edit", node.parent_id) if node.parent_id else redirect("plan", plan.pk)
    below = Node.objects.filter(plan=plan, parent=node).count()
    return render(
        request,
        "web/confirm_delete.html",
        {
            "plan": plan,
            "object": node,
            "below": below,
            "cancel_url": node_cancel_url(node),
            "rounds": rounds_affected_by_deleting(node),
        },
    )


def node_cancel_url(node: Node) -> str:
    return reverse("node_edit", args=[node.pk])


# --- indicators --------------------------------------------------------------


def parsed_measures(baseline: str, targets: list[str]) -> tuple[core.Measure | None, list[core.Measure]]:
    parsed_targets = [m for line in targets for m in parse_levels(line)]
    return (parse_measure(baseline) if baseline.strip() else None), parsed_targets


def indicator_texts(indicator: Indicator) -> tuple[str, list[str]]:
    rows = list(indicator.measures.filter(role__in=[Measure.Role.BASELINE, Measure.Role.TARGET]))
    baseline = next((m.text for m in rows if m.role == Measure.Role.BASELINE), "")
    return baseline, [m.text for m in rows if m.role == Measure.Role.TARGET]


def replace_measures(
    indicator: Indicator, baseline: core.Measure | None, targets: list[core.Measure]
) -> None:
    indicator.measures.filter(role__in=[Measure.Role.BASELINE, Measure.Role.TARGET]).delete()
    rows = [measure_row(baseline, Measure.Role.BASELINE, 0)] if baseline else []
    rows += [measure_row(m, Measure.Role.TARGET, i) for i, m in enumerate(targets)]
    for row in rows:
        row.indicator = indicator
    Measure.objects.bulk_create(rows)


def indicator_edit(request, node_id: int | None = None, indicator_id: int | None = None):
    indicator = get_object_or_404(Indicator, pk=indicator_id) if indicator_id is not None else None
    node, plan, access = get_node_for(request.user, indicator.node_id if indicator else node_id)
    if denied := require(request, access.can_edit):
        return denied
    old_baseline, old_targets = indicator_texts(indicator) if indicator else ("", [])
    version, conflict = (indicator.version if indicator else 0), {}
    if request.method == "POST":
        form = IndicatorForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            values = {name: data[name] or None for name in IndicatorForm.FIELDS}
            values["name"] = data["name"]
            baseline, targets = parsed_measures(data["baseline"], data["targets"])
            measure_changes = {}
            if data["baseline"] != old_baseline:
                measure_changes["baseline"] = [old_baseline or None, data["baseline"] or None]
            if data["targets"] != old_targets:
                measure_changes["targets"] = [old_targets, data["targets"]]
            with transaction.atomic():
                if indicator is None:
                    order = (node.indicators.aggregate(m=Max("order"))["m"] or -1) + 1
                    indicator = Indicator.objects.create(node=node, order=order, **values)
                    record(
                        plan,
                        user=request.user,
                        object_type="indicator",
                        action="created",
                        obj=indicator,
                        node=node,
                        changes={"name": [None, indicator.name], **measure_changes},
                    )
                    saved = True
                else:
                    saved = save_versioned(
                        indicator,
                        posted_version(request),
                        values,
                        user=request.user,
                        plan=plan,
                        node=node,
                        object_type="indicator",
                        extra_changes=measure_changes,
                    )
                if saved and measure_changes:
                    replace_measures(indicator, baseline, targets)
            if saved:
                messages.success(request, _("Saved."))
                return redirect("node_edit", node.pk)
            current = get_object_or_404(Indicator, pk=indicator.pk)
            current_baseline, current_targets = indicator_texts(current)
            version = current.version
            conflict = conflicts(
                form,
                {
                    **{n: getattr(current, n) for n in IndicatorForm.FIELDS},
                    "baseline": current_baseline,
                    "targets": current_targets,
                },
            )
            messages.error(request, conflict_message())
        else:
            version = posted_version(request) or version
            messages.error(request, _("Some fields need fixing. Your input is kept below."))
        preview_source = (request.POST.get("baseline", ""), split_lines(request.POST.get("targets", "")))
    else:
        initial = {"baseline": old_baseline, "targets": old_targets}
        if indicator:
            initial.update({n: getattr(indicator, n) for n in IndicatorForm.FIELDS})
        form = IndicatorForm(initial=initial)
        preview_source = (old_baseline, old_targets)
    baseline, targets = parsed_measures(*preview_source)
    return edit_page(
        request,
        "web/indicator_edit.html",
        {
            "plan": plan,
            "node": node,
            "indicator": indicator,
            "form": form,
            "version": version,
            "conflicts": conflict,
            "preview": {"baseline": baseline, "targets": targets},
        },
    )


def measure_preview(request):
    """htmx: how the baseline and target texts are understood, as the person types."""
    if not request.user.is_authenticated:
        raise Http404
    baseline, targets = parsed_measures(
        request.GET.get("baseline", "")[:500], split_lines(request.GET.get("targets", "")[:5000])
    )
    html = render_to_string(
        "web/includes/measure_preview.html", {"preview": {"baseline": baseline, "targets": targets}}, request
    )
    return HttpResponse(html)


def delete_node_item(request, item: Indicator | Milestone, *, object_type: str, name_field: str):
    """Delete an indicator or a milestone of a node the user may edit, recording what it was called."""
    node, plan, access = get_node_for(request.user, item.node_id)
    if denied := require(request, access.can_edit):
        return denied
    with transaction.atomic():
        # Locked first: a report being submitted on the node (which locks its indicators) finishes, and
        # the values it stored are deleted with the item instead of failing the delete.
        list(
            type(item).objects.filter(pk=item.pk).order_by().select_for_update().values_list("pk")
        )  # no join
        record(
            plan,
            user=request.user,
            object_type=object_type,
            action="deleted",
            obj=item,
            node=node,
            changes={name_field: [getattr(item, name_field), None]},
        )
        item.delete()
    messages.success(request, _("Deleted."))
    return redirect("node_edit", node.pk)


@require_POST
def indicator_delete(request, indicator_id: int):
    return delete_node_item(
        request, get_object_or_404(Indicator, pk=indicator_id), object_type="indicator", name_field="name"
    )


# --- milestones ---------------------------------------------------------------


def milestone_token(m: Milestone) -> str:
    return content_token(m.title, m.due, m.done)


def milestone_edit(request, node_id: int | None = None, milestone_id: int | None = None):
    milestone = get_object_or_404(Milestone, pk=milestone_id) if milestone_id else None
    node, plan, access = get_node_for(request.user, milestone.node_id if milestone else node_id)
    if denied := require(request, access.can_edit):
        return denied
    token, conflict = (milestone_token(milestone) if milestone else ""), {}
    if request.method == "POST":
        form = MilestoneForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            values = {
                "title": data["title"],
                "due": data["due"] or None,
                "done": data["done"],
                "due_date": text_bounds(data["due"])[1] if data["due"] else None,
            }
            with transaction.atomic():
                if milestone is None:
                    order = (node.milestones.aggregate(m=Max("order"))["m"] or -1) + 1
                    milestone = Milestone.objects.create(node=node, order=order, **values)
                    record(
                        plan,
                        user=request.user,
                        object_type="milestone",
                        action="created",
                        obj=milestone,
                        node=node,
                        changes={"title": [None, milestone.title]},
                    )
                    saved = True
                else:
                    saved = (
                        request.POST.get("version") == token
                        and Milestone.objects.filter(
                            pk=milestone.pk, title=milestone.title, due=milestone.due, done=milestone.done
                        ).update(**values)
                        == 1
                    )
                    if saved:
                        changes = {
                            k: [getattr(milestone, k), v]
                            for k, v in values.items()
                            if k != "due_date" and getattr(milestone, k) != v
                        }
                        if changes:
                            record(
                                plan,
                                user=request.user,
                                object_type="milestone",
                                action="changed",
                                obj=milestone,
                                node=node,
                                changes=changes,
                            )
            if saved:
                messages.success(request, _("Saved."))
                return redirect("node_edit", node.pk)
            current = get_object_or_404(Milestone, pk=milestone.pk)
            token = milestone_token(current)
            conflict = conflicts(form, {"title": current.title, "due": current.due, "done": current.done})
            messages.error(request, conflict_message())
        else:
            token = request.POST.get("version", token)
            messages.error(request, _("Some fields need fixing. Your input is kept below."))
    else:
        form = MilestoneForm(
            initial={"title": milestone.title, "due": milestone.due, "done": milestone.done}
            if milestone
            else None
        )
    return edit_page(
        request,
        "web/milestone_edit.html",
        {
            "plan": plan,
            "node": node,
            "milestone": milestone,
            "form": form,
            "version": token,
            "conflicts": conflict,
        },
    )


@require_POST
def milestone_delete(request, milestone_id: int):
    return delete_node_item(
        request, get_object_or_404(Milestone, pk=milestone_id), object_type="milestone", name_field="title"
    )


# --- plan settings --------------------------------------------------------------


def plan_settings(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    # Coordinators may change an archived plan's settings too, to bring it back.
    if denied := require(request, access.can_coordinate):
        return denied
    version, conflict = plan.version, {}
    if request.method == "POST":
        form = PlanSettingsForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            values["period"] = values["period"] or None
            values["state_scale"] = values["state_scale"] or None
            values["start_year"], values["end_year"] = plan_years(values["period"])
            if save_versioned(
                plan, posted_version(request), values, user=request.user, plan=plan, object_type="plan"
            ):
                messages.success(request, _("Saved."))
                return redirect("plan", plan.pk)
            current = get_object_or_404(type(plan), pk=plan.pk)
            version = current.version
            conflict = conflicts(form, PlanSettingsForm.initial_from(current))
            messages.error(request, conflict_message())
        else:
            version = posted_version(request) or version
            messages.error(request, _("Some fields need fixing. Your input is kept below."))
    else:
        form = PlanSettingsForm(initial=PlanSettingsForm.initial_from(plan))
    return edit_page(
        request,
        "web/plan_settings.html",
        {
            "plan": plan,
            "form": form,
            "version": version,
            "conflicts": conflict,
        },
    )
