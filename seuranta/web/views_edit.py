"""Editing a plan in the browser: node fields, children, indicators, milestones, plan settings.

Every form carries the row's version; saving is `seuranta.plans.saving.save_with_version`
(a conditional update and its change record in one transaction), and a conflicting save
shows the person their input beside the stored values (`seuranta.common.editing.edit_form`).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.editing import edit_form
from seuranta.common.people import person_name
from seuranta.common.views import require
from seuranta.core import model as core
from seuranta.core.measures import parse_levels, parse_measure
from seuranta.monitoring.deletion import rounds_affected_by_deleting, withdraw_open_rounds
from seuranta.monitoring.reporting import add_new_entries
from seuranta.organizations.units import unit_choices
from seuranta.plans.access import REPORTING_ROLES, get_node_for, get_plan_for
from seuranta.plans.language_fields import add_languages, edit_languages, initial, only_primary, translated
from seuranta.plans.models import Indicator, Measure, Membership, Milestone, Node
from seuranta.plans.recycle import recycle_item, recycle_node
from seuranta.plans.saving import create_recorded, record, save_with_version
from seuranta.plans.storage import measure_row
from seuranta.plans.translations import primary_of
from seuranta.web.forms import (
    IndicatorForm,
    MilestoneForm,
    NewNodeForm,
    NodeForm,
    PlanSettingsForm,
    split_lines,
)

# The fields each edit page shows in the plan's other languages too.
NODE_TEXTS = ("title", "description")
INDICATOR_TEXTS = ("name", "description")
MILESTONE_TEXTS = ("title",)
PLAN_TEXTS = ("title", "levels")


def posted(request):
    """The form data of a POST, None on a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


# --- nodes -----------------------------------------------------------------


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
    return {
        "org_unit": [
            units.get(node.org_unit_id) if node.org_unit_id else None,
            units.get(chosen) if chosen is not None else None,
        ]
    }


def save_node(node: Node, plan, data: dict, version, user, *, units: dict, people: tuple, languages) -> None:
    names, assigned = people
    chosen = data["responsible_users"]
    values = {**{name: data[name] for name in NodeForm.NODE_FIELDS}, "org_unit_id": data["org_unit"]}
    values["translations"] = translated(data, node.translations, NODE_TEXTS, languages, primary_of(plan))
    changed = {**unit_change(node, data["org_unit"], units), **responsible_changes(assigned, chosen, names)}
    with transaction.atomic():
        save_with_version(node, version, values, user, extra_changes=changed)
        if chosen != assigned:
            node.responsible_users.set(chosen)
            # Someone newly responsible for an action reports on it in the rounds already open.
            add_new_entries(plan)


def node_edit(request, node_id: int):
    node, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    people, names, assigned = responsible_people(plan, node)
    units = dict(unit_choices(plan.organization_id, keep=node.org_unit_id))
    languages, primary = edit_languages(plan, node), primary_of(plan)
    form = NodeForm(
        posted(request),
        initial={**NodeForm.initial_from(node, assigned), **initial(node, NODE_TEXTS, languages, primary)},
        people=people,
        units=units.items(),
    )
    add_languages(form, plan, NODE_TEXTS, languages)
    return edit_form(
        request,
        form,
        version=node.version,
        save=lambda data, version: save_node(
            node,
            plan,
            data,
            version,
            request.user,
            units=units,
            people=(names, assigned),
            languages=languages,
        ),
        stored=lambda current: {
            **NodeForm.initial_from(current, current.responsible_users.values_list("pk", flat=True)),
            **initial(current, NODE_TEXTS, languages, primary),
        },
        shown={
            "org_unit": lambda pk: units.get(pk, "–"),
            "responsible_users": lambda ids: ", ".join(names.get(pk, str(pk)) for pk in ids) or "–",
        },
        done=("node", node.pk),
        template="web/node_edit.html",
        context={
            "plan": plan,
            "node": node,
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
    values = {"plan": plan, "parent": parent, "order": order, **form.cleaned_data}
    described = {"title": [None, values["title"]], "level": [None, values["level"]]}
    child = create_recorded(Node, values, request.user, described=described)
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
            record(node, "moved", {"position": [index + 1, other + 1]}, request.user)
        messages.success(request, _("Moved."))
    return redirect("node_edit", node.parent_id) if node.parent_id else redirect("plan", plan.pk)


def node_delete(request, node_id: int):
    node, plan, access = get_node_for(request.user, node_id)
    if denied := require(request, access.can_edit):
        return denied
    if request.method == "POST":
        kept = rounds_affected_by_deleting(node).closed
        # Closed rounds stay whole: see seuranta.monitoring.models.
        with transaction.atomic():
            withdraw_open_rounds(recycle_node(node, request.user))
        messages.success(request, _("Moved to the recycle bin. A coordinator can restore it within 30 days."))
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
            "object_title": node.title,
            "below": below,
            "cancel_url": reverse("node_edit", args=[node.pk]),
            "rounds": rounds_affected_by_deleting(node),
        },
    )


# --- indicators and milestones --------------------------------------------------


def parsed_measures(baseline: str, targets: list[str]) -> tuple[core.Measure | None, list[core.Measure]]:
    parsed_targets = [m for line in targets for m in parse_levels(line)]
    return (parse_measure(baseline) if baseline.strip() else None), parsed_targets


def replace_measures(indicator: Indicator, baseline: str, targets: list[str]) -> None:
    parsed_baseline, parsed_targets = parsed_measures(baseline, targets)
    indicator.measures.filter(role__in=[Measure.Role.BASELINE, Measure.Role.TARGET]).delete()
    rows = [measure_row(parsed_baseline, Measure.Role.BASELINE, 0)] if parsed_baseline else []
    rows += [measure_row(m, Measure.Role.TARGET, i) for i, m in enumerate(parsed_targets)]
    for row in rows:
        row.indicator = indicator
    Measure.objects.bulk_create(rows)


def node_item_for(request, model, node_id: int | None, item_id: int | None):
    """(item or None when adding, node, plan, denied) for an indicator or a milestone page."""
    item = get_object_or_404(model, pk=item_id) if item_id is not None else None
    parent_id = item.node_id if item is not None else node_id
    if parent_id is None:
        raise Http404
    node, plan, access = get_node_for(request.user, parent_id)
    if item is not None:
        item.node = node  # its history record names the node without another query
    return item, node, plan, require(request, access.can_edit)


def save_node_item(item, node: Node, model, values: dict, version, user, *, changed: dict):
    """Save an edited indicator or milestone, or add a new one at the end of the node's list."""
    if item is not None:
        save_with_version(item, version, values, user, extra_changes=changed)
        return item
    name = "name" if "name" in values else "title"
    values = {**values, "node": node, "order": model.next_order(node)}
    return create_recorded(model, values, user, described={name: [None, values[name]], **changed})


def save_indicator(indicator, node: Node, data: dict, version, user, *, texts: dict) -> None:
    before = IndicatorForm.initial_from(indicator)
    changed = {}
    if data["baseline"] != before["baseline"]:
        changed["baseline"] = [before["baseline"] or None, data["baseline"] or None]
    if data["targets"] != before["targets"]:
        changed["targets"] = [before["targets"], data["targets"]]
    values = {name: data[name] for name in IndicatorForm.FIELDS}
    if texts or (indicator is not None and indicator.translations):
        values["translations"] = texts
    with transaction.atomic():
        indicator = save_node_item(indicator, node, Indicator, values, version, user, changed=changed)
        if changed:
            replace_measures(indicator, data["baseline"], data["targets"])


def indicator_edit(request, node_id: int | None = None, indicator_id: int | None = None):
    indicator, node, plan, denied = node_item_for(request, Indicator, node_id, indicator_id)
    if denied:
        return denied
    languages, primary = edit_languages(plan, indicator), primary_of(plan)
    form = IndicatorForm(
        posted(request),
        initial={
            **IndicatorForm.initial_from(indicator),
            **initial(indicator, INDICATOR_TEXTS, languages, primary),
        },
    )
    add_languages(form, plan, INDICATOR_TEXTS, languages)
    if request.method == "POST":
        source = (request.POST.get("baseline", ""), split_lines(request.POST.get("targets", "")))
    else:
        source = (form.initial["baseline"], form.initial["targets"])
    baseline, targets = parsed_measures(*source)
    return edit_form(
        request,
        form,
        version=indicator.version if indicator else 0,
        save=lambda data, version: save_indicator(
            indicator,
            node,
            data,
            version,
            request.user,
            texts=translated(data, indicator and indicator.translations, INDICATOR_TEXTS, languages, primary),
        ),
        stored=lambda current: {
            **IndicatorForm.initial_from(current),
            **initial(current, INDICATOR_TEXTS, languages, primary),
        },
        done=("node_edit", node.pk),
        template="web/indicator_edit.html",
        context={
            "plan": plan,
            "node": node,
            "indicator": indicator,
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


def milestone_edit(request, node_id: int | None = None, milestone_id: int | None = None):
    milestone, node, plan, denied = node_item_for(request, Milestone, node_id, milestone_id)
    if denied:
        return denied
    languages, primary = edit_languages(plan, milestone), primary_of(plan)
    form = MilestoneForm(
        posted(request), instance=milestone, initial=initial(milestone, MILESTONE_TEXTS, languages, primary)
    )
    add_languages(form, plan, MILESTONE_TEXTS, languages)

    def save(data, version):
        texts = translated(data, milestone and milestone.translations, MILESTONE_TEXTS, languages, primary)
        values = {**only_primary(data), **({"translations": texts} if texts or milestone else {})}
        save_node_item(milestone, node, Milestone, values, version, request.user, changed={})

    return edit_form(
        request,
        form,
        version=milestone.version if milestone else 0,
        save=save,
        stored=lambda current: {
            **model_to_dict(current, fields=MilestoneForm.Meta.fields),
            **initial(current, MILESTONE_TEXTS, languages, primary),
        },
        done=("node_edit", node.pk),
        template="web/milestone_edit.html",
        context={"plan": plan, "node": node, "milestone": milestone},
    )


def delete_node_item(request, model, item_id: int, *, name_field: str):
    """Ask first, then move an indicator or a milestone of a node the user may edit to the recycle bin."""
    item, node, plan, denied = node_item_for(request, model, None, item_id)
    if denied:
        return denied
    if request.method != "POST":
        return render(
            request,
            "web/confirm_delete.html",
            {
                "plan": plan,
                "object": item,
                "object_title": getattr(item, name_field),
                "item_kind": model._meta.model_name,
                "cancel_url": reverse("node_edit", args=[node.pk]),
            },
        )
    with transaction.atomic():
        # Locked first: a report being submitted on the node (which locks its indicators) finishes first.
        list(model.objects.filter(pk=item.pk).order_by().select_for_update().values_list("pk"))  # no join
        recycle_item(item, request.user, described={name_field: [getattr(item, name_field), None]})
    messages.success(request, _("Moved to the recycle bin. A coordinator can restore it within 30 days."))
    return redirect("node_edit", node.pk)


def indicator_delete(request, indicator_id: int):
    return delete_node_item(request, Indicator, indicator_id, name_field="name")


def milestone_delete(request, milestone_id: int):
    return delete_node_item(request, Milestone, milestone_id, name_field="title")


# --- plan settings --------------------------------------------------------------


def plan_settings(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    # Coordinators may change an archived plan's settings too, to bring it back.
    if denied := require(request, access.can_coordinate):
        return denied
    languages, primary = edit_languages(plan, plan), primary_of(plan)
    form = PlanSettingsForm(
        posted(request), instance=plan, initial=initial(plan, PLAN_TEXTS, languages, primary)
    )
    add_languages(form, plan, PLAN_TEXTS, languages)

    def save(data, version):
        texts = translated(data, plan.translations, PLAN_TEXTS, languages, primary)
        save_with_version(plan, version, {**only_primary(data), "translations": texts}, request.user)

    return edit_form(
        request,
        form,
        version=plan.version,
        save=save,
        stored=lambda current: {
            **model_to_dict(current, fields=PlanSettingsForm.Meta.fields),
            **initial(current, PLAN_TEXTS, languages, primary),
        },
        done=("plan", plan.pk),
        template="web/plan_settings.html",
        context={"plan": plan},
    )
