"""Views of the reporting rounds: my reports, a node's report, running a round.

Every view gets its object through an access helper (`seuranta.monitoring.access`)
and refuses what the user may not do. Each page takes the same number of
queries for a plan of ten actions and of a thousand.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.language import ui_lang
from seuranta.monitoring.access import get_entry_for, get_plan_to_coordinate, get_round_for
from seuranta.monitoring.entry_page import entry_context, entry_form
from seuranta.monitoring.forms import OpenRoundForm, ReturnForm
from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import (
    EntryConflict,
    EntryLocked,
    close_round,
    open_round,
    return_entry,
    save_form,
)
from seuranta.monitoring.tasks import schedule_reminders, send_return_notice, send_round_reminders
from seuranta.monitoring.views_rounds import round_extras
from seuranta.plans.access import managed_organizations
from seuranta.plans.models import Node, Plan

SUBMITTED = RoundEntry.State.SUBMITTED
PAST_REPORTS = 100  # the newest reports of closed rounds listed on "My reports"


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 100


@login_required
def my_reports(request):
    entries = list(
        RoundEntry.objects.for_user(request.user)
        .reportable_by(request.user)
        .in_open_rounds()
        .select_related("round__plan", "node")
        .defer("round__snapshot")
        .order_by("round__deadline", "round_id", "order", "id")
    )
    rounds: dict[int, dict] = {}
    for entry in entries:
        group = rounds.setdefault(entry.round_id, {"round": entry.round, "entries": [], "submitted": 0})
        group["entries"].append(entry)
        group["submitted"] += entry.state == SUBMITTED
    for group in rounds.values():
        group["percent"] = _percent(group["submitted"], len(group["entries"]))
    due = sum(1 for e in entries if e.state != SUBMITTED)
    past = list(
        RoundEntry.objects.for_user(request.user)
        .filter(round__state=ReportingRound.State.CLOSED)
        .select_related("round__plan", "node")
        .defer("round__snapshot")  # it holds the whole plan as it was
        .order_by("-round__closed_at", "round_id", "order", "id")[:PAST_REPORTS]
    )
    return render(
        request,
        "monitoring/my_reports.html",
        {"rounds": list(rounds.values()), "due": due, "today": timezone.localdate(), "past": past},
    )


@login_required
def rounds(request):
    """The rounds of every plan the user coordinates, with a way to open a new one."""
    plans = (
        Plan.objects.exclude(state=Plan.State.ARCHIVED)
        .select_related("organization")
        .order_by("organization__name", "title")
    )
    if not request.user.is_superuser:
        plans = plans.filter(organization__in=managed_organizations(request.user))
    listed_plans = list(plans)
    all_rounds = (
        ReportingRound.objects.filter(plan__in=listed_plans)
        .defer("snapshot")
        .annotate(
            total=Count("entries"),
            submitted=Count("entries", filter=Q(entries__state=SUBMITTED)),
        )
        .order_by("state", "-opened_at")
    )
    by_plan: dict[int, list] = {}
    for r in all_rounds:
        r.percent = _percent(r.submitted, r.total)  # type: ignore[attr-defined]  # for the template
        by_plan.setdefault(r.plan_id, []).append(r)
    rows = [{"plan": p, "rounds": by_plan.get(p.pk, [])} for p in listed_plans]
    return render(request, "monitoring/rounds.html", {"rows": rows})


@login_required
def open_round_view(request, plan_id: int):
    plan, access = get_plan_to_coordinate(request.user, plan_id)
    if not access.can_report:  # an archived plan takes no more reports
        messages.error(request, _("This plan is archived; no more rounds can be opened."))
        return redirect("monitoring:rounds")
    nodes = list(
        Node.objects.filter(plan=plan, children__isnull=False).distinct().order_by("parent_id", "order", "id")
    )
    form = OpenRoundForm(request.POST or None, nodes=nodes, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reporting_round = open_round(
            plan,
            title=data["title"],
            period=data["period"],
            deadline=data["deadline"],
            root=data["root"],
            user=request.user,
            reminder_days=data["reminder_days"],
        )
        my_reports = request.build_absolute_uri(reverse("monitoring:my_reports"))
        if data["announce"]:
            send_round_reminders.enqueue(reporting_round.pk, my_reports, ui_lang(), True)
        schedule_reminders(reporting_round, my_reports, ui_lang())
        messages.success(
            request,
            _("The round is open: %(count)s reports were requested.")
            % {"count": reporting_round.entries.count()},
        )
        return redirect("monitoring:round", round_id=reporting_round.pk)
    return render(request, "monitoring/open_round.html", {"plan": plan, "form": form})


def _per_person(entries: QuerySet[RoundEntry]) -> list[dict[str, Any]]:
    """Completion per responsible person: their name, reports in total and submitted, and the percentage."""
    # Rows as plain dicts: the name and percent are added to them below.
    per_person: list[dict[str, Any]] = [
        dict(row)
        for row in entries.filter(node__responsible_users__isnull=False)
        .values(
            "node__responsible_users",
            "node__responsible_users__first_name",
            "node__responsible_users__last_name",
            "node__responsible_users__username",
        )
        .annotate(total=Count("id"), submitted=Count("id", filter=Q(state=SUBMITTED)))
        .order_by(
            "node__responsible_users__last_name",
            "node__responsible_users__first_name",
            "node__responsible_users__username",
        )
    ]
    for row in per_person:
        full = f"{row['node__responsible_users__first_name']} {row['node__responsible_users__last_name']}".strip()
        row["name"] = full or row["node__responsible_users__username"]
        row["percent"] = _percent(row["submitted"], row["total"])
    return per_person


@login_required
def round_detail(request, round_id: int):
    reporting_round, access = get_round_for(request.user, round_id)
    entries = RoundEntry.objects.filter(round=reporting_round)
    completion = entries.completion()
    per_person = _per_person(entries)
    per_unit: list[dict[str, Any]] = [
        dict(row)
        for row in entries.annotate(unit=Coalesce("node__org_unit__name", "node__unit_name"))
        .values("unit")
        .annotate(total=Count("id"), submitted=Count("id", filter=Q(state=SUBMITTED)))
        .order_by("unit")
    ]
    for row in per_unit:
        row["percent"] = _percent(row["submitted"], row["total"])
    state = request.GET.get("state", "")
    listed = (
        entries.select_related("node").prefetch_related("node__responsible_users").order_by("order", "id")
    )
    if state in RoundEntry.State.values:
        listed = listed.filter(state=state)
    snapshot = reporting_round.snapshot
    if snapshot:
        labels = dict(RoundEntry.State.choices)
        # A node deleted from the plan after closing: the snapshot keeps its report, but it has no page.
        present = set(
            Node.objects.filter(pk__in=[row["node_id"] for row in snapshot["entries"]]).values_list(
                "pk", flat=True
            )
        )
        for row in snapshot["entries"]:
            row["state_label"] = labels.get(row["state"], row["state"])
            row["removed"] = row["node_id"] not in present
        _count_removed(snapshot["entries"], per_person, per_unit)
    context = {
        "round": reporting_round,
        "plan": reporting_round.plan,
        "access": access,
        "completion": completion,
        "percent": _percent(completion["submitted"], completion["total"]),
        "per_person": per_person,
        "per_unit": per_unit,
        "state_filter": state,
        "states": RoundEntry.State.choices,
        "entries": [] if reporting_round.snapshot else list(listed),
        "snapshot": snapshot,
        **round_extras(reporting_round),
    }
    return render(request, "monitoring/round.html", context)


def _count_removed(rows: list[dict], per_person: list[dict], per_unit: list[dict]) -> None:
    """Reports on nodes deleted after closing, as one line of each breakdown, so that they add up to the total."""
    removed = [row for row in rows if row["removed"]]
    if not removed:
        return
    submitted = sum(1 for row in removed if row["submitted"])
    line = {"total": len(removed), "submitted": submitted, "percent": _percent(submitted, len(removed))}
    label = _("removed from the plan after the round closed")
    per_person.append({"name": label, **line})
    per_unit.append({"unit": label, **line})


@require_POST
@login_required
def remind(request, round_id: int):
    reporting_round, _access = get_round_for(request.user, round_id)
    if not reporting_round.is_open:
        messages.error(request, _("The round is closed; reminders are no longer sent."))
        return redirect("monitoring:round", round_id=round_id)
    send_round_reminders.enqueue(
        reporting_round.pk, request.build_absolute_uri(reverse("monitoring:my_reports")), ui_lang()
    )
    messages.success(
        request, _("Reminders are on their way to everyone whose reports are not yet submitted.")
    )
    return redirect("monitoring:round", round_id=round_id)


@require_POST
@login_required
def close(request, round_id: int):
    reporting_round, _access = get_round_for(request.user, round_id)
    if close_round(reporting_round, user=request.user, lang=ui_lang()):
        messages.success(
            request, _("The round is closed. Its reports are locked and the snapshot below is final.")
        )
    else:
        messages.info(request, _("The round was already closed."))
    return redirect("monitoring:round", round_id=round_id)


@login_required
def entry_view(request, entry_id: int):
    entry, access = get_entry_for(request.user, entry_id)
    if request.method != "POST":
        return render(request, "monitoring/entry.html", entry_context(entry, access, user=request.user))
    if not access.can_edit:  # what they typed stays on the page, to copy
        form, extra = entry_form(entry, data=request.POST)
        messages.error(request, _("The round is closed, so this report can no longer be changed."))
        context = entry_context(entry, access, user=request.user, form=form, extra=extra)
        return render(request, "monitoring/entry.html", context, status=403)
    submit = "submit" in request.POST

    def bound_form(rows):  # built from the rows the submission writes from, read once under its locks
        form, extra = entry_form(entry, data=request.POST, rows=rows)
        if submit and not (request.POST.get("text") or "").strip():
            form.add_error("text", _("Write a short progress text before submitting."))
        return form, extra

    try:
        form, extra = save_form(entry, bound_form, user=request.user, submit=submit)
    except EntryLocked:
        entry, access = get_entry_for(request.user, entry_id)
        form, extra = entry_form(entry, data=request.POST)
        messages.error(
            request,
            _(
                "The round was closed while you were writing; this report can no longer be "
                "changed. Your text is kept below so you can copy it."
            ),
        )
        context = entry_context(entry, access, user=request.user, form=form, extra=extra)
        return render(request, "monitoring/entry.html", context, status=403)
    except EntryConflict:
        entry, access = get_entry_for(request.user, entry_id)
        form, extra = entry_form(entry, data=request.POST)
        context = entry_context(entry, access, user=request.user, form=form, extra=extra, conflict=True)
        return render(request, "monitoring/entry.html", context, status=409)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved yet: correct the fields marked below."))
        context = entry_context(entry, access, user=request.user, form=form, extra=extra)
        return render(request, "monitoring/entry.html", context, status=400)
    return _saved_redirect(request, entry, access, submit)


def _saved_redirect(request, entry: RoundEntry, access, submit: bool):
    if submit:
        messages.success(request, _("Report submitted. Thank you!"))
        if access.is_assigned:
            return redirect("monitoring:my_reports")
        return redirect("monitoring:round", round_id=entry.round_id)
    messages.success(
        request,
        _(
            "Draft saved. It is not public until the report is submitted; you can come back "
            "to it until the deadline."
        ),
    )
    return redirect("monitoring:entry", entry_id=entry.pk)


@require_POST
@login_required
def return_view(request, entry_id: int):
    entry, access = get_entry_for(request.user, entry_id)
    if not access.plan.can_coordinate:
        return render(
            request, "monitoring/entry.html", entry_context(entry, access, user=request.user), status=403
        )
    if not access.can_return:
        messages.error(request, _("The round is closed, so this report can no longer be returned."))
        return render(
            request, "monitoring/entry.html", entry_context(entry, access, user=request.user), status=403
        )
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what should be corrected."))
        return redirect("monitoring:entry", entry_id=entry.pk)
    if not return_entry(entry, form.cleaned_data["note"], user=request.user):  # closed meanwhile
        entry, access = get_entry_for(request.user, entry_id)
        messages.error(request, _("The round is closed, so this report can no longer be returned."))
        return render(
            request, "monitoring/entry.html", entry_context(entry, access, user=request.user), status=403
        )
    send_return_notice.enqueue(
        entry.pk, request.build_absolute_uri(reverse("monitoring:entry", args=[entry.pk])), ui_lang()
    )
    messages.success(request, _("The report was returned for correction and its author notified."))
    return redirect("monitoring:round", round_id=entry.round_id)
