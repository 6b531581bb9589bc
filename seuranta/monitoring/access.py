"""Access helpers for the monitoring views: the object and what the user may do with it.

Built on `seuranta.plans.access`. A plan the user may not see is a 404 (its
existence does not leak); a plan they see but may not act on is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.access import PlanAccess, get_plan_for, plan_access
from seuranta.plans.models import Node, Plan


def get_plan_to_coordinate(user, plan_id: int) -> tuple[Plan, PlanAccess]:
    plan, access = get_plan_for(user, plan_id)
    if not access.can_coordinate:
        raise PermissionDenied
    return plan, access


def get_round_for(user, round_id: int) -> tuple[ReportingRound, PlanAccess]:
    """A round its plan's coordinators and admins may run."""
    reporting_round = (
        ReportingRound.objects.select_related("plan__organization", "root", "closed_by", "opened_by")
        .filter(pk=round_id)
        .first()
    )
    if reporting_round is None:
        raise Http404
    access = plan_access(user, reporting_round.plan)
    if not access.can_view:
        raise Http404
    if not access.can_coordinate:
        raise PermissionDenied
    return reporting_round, access


@dataclass(frozen=True)
class EntryAccess:
    plan: PlanAccess
    is_assigned: bool  # the user is one of the node's responsible users
    can_edit: bool  # may save and submit now (the round is open)
    can_return: bool  # may send the entry back for correction
    locked: bool  # the round is closed


def get_entry_for(user, entry_id: int) -> tuple[RoundEntry, EntryAccess]:
    """An entry its node's responsible users, and the plan's coordinators, may open."""
    entries = RoundEntry.objects.select_related("round__plan__organization", "node", "updated_by")
    if user.is_authenticated:  # read with the entry: one query less on every report page and submission
        responsible = Node.responsible_users.through.objects.filter(
            node_id=OuterRef("node_id"), user_id=user.pk
        )
        entries = entries.annotate(user_is_responsible=Exists(responsible))
    entry = entries.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    access = plan_access(user, entry.round.plan)
    if not access.can_view:
        raise Http404
    is_assigned = bool(
        user.is_authenticated and access.can_report and getattr(entry, "user_is_responsible", False)
    )
    if not (is_assigned or access.can_coordinate):
        raise PermissionDenied
    locked = not entry.round.is_open
    return entry, EntryAccess(
        plan=access,
        is_assigned=is_assigned,
        can_edit=not locked and (is_assigned or access.can_report),
        can_return=not locked and access.can_coordinate,
        locked=locked,
    )
