"""Starting plans in the browser: a new plan from scratch, next year's copy, and the publish step.

The publish step shows the plan quality check (`seuranta.core.quality`) before the
plan is published; each finding links to the place to fix it.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from seuranta.common.views import posted_version, require
from seuranta.core.vocabulary import PlanKind
from seuranta.plans.access import get_plan_for, managed_organizations
from seuranta.plans.copying import copy_plan
from seuranta.plans.models import Plan
from seuranta.plans.saving import create_recorded, record
from seuranta.web.plan_forms import CopyPlanForm, NewPlanForm, SupportsForm
from seuranta.web.quality import plan_findings
from seuranta.web.views import evaluated
from seuranta.web.views_cascade import saved


def supportable_plans(user) -> list[tuple[int, str]]:
    """Plans a new plan may support: those the user can see and that are not archived. One query."""
    plans = (
        Plan.objects.visible_to(user)
        .exclude(state=Plan.State.ARCHIVED)
        .select_related("organization")
        .order_by("organization__name", "title", "pk")
    )
    return [(p.pk, f"{p} ({p.organization})" if p.organization_id else str(p)) for p in plans]


def plan_new(request):
    organizations = list(managed_organizations(request.user).order_by("name").values_list("pk", "name"))
    if denied := require(request, bool(organizations)):
        return denied
    form = NewPlanForm(
        request.POST or None,
        organizations=organizations,
        plans=supportable_plans(request.user),
        initial={"level_preset": "focus_areas", "kind": PlanKind.STRATEGY},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "title": data["title"],
            "organization_id": data["organization"],
            "kind": data["kind"],
            "period": data["period"] or None,
            "levels": form.levels(),
            "supports_id": data["supports"],
            "state": Plan.State.DRAFT,
        }
        plan = create_recorded(Plan, values, request.user, described={"title": [None, data["title"]]})
        messages.success(request, _("The plan was created as a draft. Add its first goals."))
        return redirect("plan", plan.pk)
    if request.method == "POST":
        messages.error(request, _("Some fields need fixing. Your input is kept below."))
    return render(request, "web/plan_new.html", {"form": form})


YEAR = re.compile(r"\b(19|20)\d\d\b")


def next_period(period: str | None) -> str:
    """The text a year on: "2026" -> "2027", "2026–2029" -> "2027–2030"; without years, as it was."""
    return YEAR.sub(lambda m: str(int(m.group(0)) + 1), period or "")


def copy_title(title: str | None, period: str) -> str:
    """The copy's proposed name: the years in the title a year on, else the title with the new period."""
    title = title or ""
    if YEAR.search(title):
        return next_period(title)
    return f"{title} {period}".strip()


def plan_copy(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    if denied := require(request, access.can_coordinate and plan.organization_id is not None):
        return denied
    period = next_period(plan.period)
    form = CopyPlanForm(
        request.POST or None, initial={"title": copy_title(plan.title, period), "period": period}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            copy = copy_plan(plan, title=data["title"], period=data["period"] or None)
            described = {"title": [None, copy.title], "copied_from": [None, plan.title]}
            record(copy, "created", described, request.user)
        messages.success(request, _("The copy was created as a draft, without reported values."))
        return redirect("plan", copy.pk)
    if request.method == "POST":
        messages.error(request, _("Some fields need fixing. Your input is kept below."))
    return render(request, "web/plan_copy.html", {"plan": plan, "form": form})


def plan_publish(request, plan_id: int):
    """The quality check, then publishing. Missing required translations are listed apart, and
    publishing without them needs a tick: a bilingual city must publish in both languages."""
    plan, access = get_plan_for(request.user, plan_id)
    if denied := require(request, access.can_edit):
        return denied
    core_plan, _evaluation = evaluated(plan)
    findings = plan_findings(plan, core_plan)
    untranslated = [f for f in findings if f.code.startswith("missing_translation")]
    if request.method == "POST" and plan.state != Plan.State.PUBLISHED:
        if untranslated and not request.POST.get("without_translations"):
            messages.error(
                request,
                _(
                    "Texts are missing in the plan's required languages. Add them, or tick that you publish without them."
                ),
            )
        elif saved(plan, posted_version(request), {"state": Plan.State.PUBLISHED}, request.user):
            messages.success(request, _("The plan was published."))
            return redirect("plan", plan.pk)
        else:
            messages.error(request, _("Someone else changed the plan meanwhile. Check it and publish again."))
            plan.refresh_from_db()
    return render(
        request,
        "web/plan_publish.html",
        {
            "plan": plan,
            "findings": [f for f in findings if f not in untranslated],
            "untranslated": untranslated,
            "version": plan.version,
        },
    )


def supporting_ids(plan: Plan) -> set[int]:
    """The plan and every plan that supports it, directly or through others: choosing one would make a loop.

    One query whatever the number of plans.
    """
    supported_by: dict[int, list[int]] = {}
    for pk, supports in Plan.objects.filter(supports__isnull=False).values_list("pk", "supports_id"):
        supported_by.setdefault(supports, []).append(pk)
    found, todo = {plan.pk}, [plan.pk]
    while todo:
        for pk in supported_by.get(todo.pop(), []):
            if pk not in found:
                found.add(pk)
                todo.append(pk)
    return found


def plan_supports(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    if denied := require(request, access.can_edit):
        return denied
    cycle = supporting_ids(plan)
    plans = [(pk, label) for pk, label in supportable_plans(request.user) if pk != plan.pk]
    form = SupportsForm(
        request.POST or None, plans=plans, cycle=cycle, initial={"supports": plan.supports_id}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["supports"]
        names: dict[int | None, str | None] = dict(
            Plan.objects.filter(pk__in=[plan.supports_id, chosen]).values_list("pk", "title")
        )
        change = {"supports": [names.get(plan.supports_id), names.get(chosen)]}
        extra = change if chosen != plan.supports_id else None
        if saved(plan, posted_version(request), {"supports_id": chosen}, request.user, extra_changes=extra):
            messages.success(request, _("Saved."))
            return redirect("plan", plan.pk)
        messages.error(request, _("Someone else changed the plan meanwhile. Check it and save again."))
        plan.refresh_from_db()
    elif request.method == "POST":
        messages.error(request, _("Some fields need fixing. Your input is kept below."))
    return render(request, "web/plan_supports.html", {"plan": plan, "form": form, "version": plan.version})
