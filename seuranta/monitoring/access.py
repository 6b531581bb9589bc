"""Access helpers for the monitoring views: the object and what the user may do with it.

Built on `seuranta.plans.access`. A plan the user may not see is a 404 (its
existence does not leak); a plan they see but may not act on is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, CharField
from django.db.models.expressions import RawSQL
from django.http import Http404

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.access import PlanAccess, get_plan_for, plan_access
from seuranta.plans.models import Membership, Milestone, Node, Plan


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


def _entry_annotations(user) -> dict:
    """Read with the entry, as SQL of their own: whether the node has milestones (the report form reads them
    only then) and, for a signed-in user, whether they are responsible for the node and their role in the
    plan's organisation. Written as plain subqueries on the entry's own row: the ORM's Exists and Subquery
    cost a millisecond of CPU each to build, on every report page and submission."""
    entry, milestone = RoundEntry._meta.db_table, Milestone._meta.db_table
    annotations = {
        "node_has_milestones": RawSQL(
            f'EXISTS (SELECT 1 FROM "{milestone}" m WHERE m."node_id" = "{entry}"."node_id" '
            'AND m."deleted_at" IS NULL)',
            (),
            output_field=BooleanField(),
        )
    }
    if user.is_authenticated:
        responsible = Node.responsible_users.through._meta.db_table
        membership, rounds, plans = (
            Membership._meta.db_table,
            ReportingRound._meta.db_table,
            Plan._meta.db_table,
        )
        annotations["user_is_responsible"] = RawSQL(
            f'EXISTS (SELECT 1 FROM "{responsible}" r WHERE r."node_id" = "{entry}"."node_id" AND r."user_id" = %s)',
            (user.pk,),
            output_field=BooleanField(),
        )
        annotations["user_role"] = RawSQL(
            f'(SELECT ms."role" FROM "{membership}" ms JOIN "{plans}" p ON p."organization_id" = ms."organization_id" '
            f'JOIN "{rounds}" rr ON rr."plan_id" = p."id" WHERE rr."id" = "{entry}"."round_id" '
            'AND ms."user_id" = %s AND ms."active" ORDER BY ms."id" LIMIT 1)',
            (user.pk,),
            output_field=CharField(),
        )
    return annotations


def get_entry_for(user, entry_id: int) -> tuple[RoundEntry, EntryAccess]:
    """An entry its node's responsible users, and the plan's coordinators, may open.

    One query: the entry with its round, plan, organisation and node, and `_entry_annotations`."""
    entries = RoundEntry.objects.select_related("round__plan__organization", "node", "updated_by").annotate(
        **_entry_annotations(user)
    )
    entry = entries.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    # The role read with the entry (None: no membership, which plan_access then confirms).
    access = plan_access(user, entry.round.plan, role=getattr(entry, "user_role", None))
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
