"""Access helpers for the monitoring views: the object and what the user may do with it.

Built on `seuranta.plans.access`. A plan the user may not see is a 404 (its
existence does not leak); a plan they see but may not act on is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS
from django.db.models import BooleanField, CharField
from django.db.models.expressions import RawSQL
from django.http import Http404

from seuranta.common.prepared import PreparedSelect
from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.access import PlanAccess, get_plan_for, plan_access
from seuranta.plans.models import Membership, Milestone, Node, Organization, Plan


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


def _entry_annotations(user_id: int | None) -> dict:
    """Read with the entry, as SQL of their own: whether the node has milestones (the report form reads them
    only then), whether the user is one of the node's responsible users and their role in the plan's
    organisation (none for an anonymous user). Plain subqueries on the entry's row and its plan's (joined in
    the entry's query, `_ENTRY_QUERY`): the ORM's Exists and Subquery cost a millisecond of CPU each to build."""
    entry, milestone = RoundEntry._meta.db_table, Milestone._meta.db_table
    responsible = Node.responsible_users.through._meta.db_table
    membership, plans = Membership._meta.db_table, Plan._meta.db_table
    return {
        "node_has_milestones": RawSQL(
            f'EXISTS (SELECT 1 FROM "{milestone}" m WHERE m."node_id" = "{entry}"."node_id" '
            'AND m."deleted_at" IS NULL)',
            (),
            output_field=BooleanField(),
        ),
        "user_is_responsible": RawSQL(
            f'EXISTS (SELECT 1 FROM "{responsible}" r WHERE r."node_id" = "{entry}"."node_id" AND r."user_id" = %s)',
            (user_id,),
            output_field=BooleanField(),
        ),
        "user_role": RawSQL(
            # The plan's row is joined in the entry's query (its columns are read with the entry): the
            # subquery joining the round and the plan again took PostgreSQL twice as long to plan.
            f'(SELECT ms."role" FROM "{membership}" ms WHERE ms."organization_id" = "{plans}"."organization_id" '
            'AND ms."user_id" = %s AND ms."active" ORDER BY ms."id" LIMIT 1)',
            (user_id,),
            output_field=CharField(),
        ),
    }


# The entry's row and the rows read with it, in this order: (model, lookup path from the entry).
_EDITOR = RoundEntry._meta.get_field("updated_by").related_model  # the user model
_READ_WITH_ENTRY = (
    (RoundEntry, ""),
    (ReportingRound, "round__"),
    (Plan, "round__plan__"),
    (Organization, "round__plan__organization__"),
    (Node, "node__"),
    (_EDITOR, "updated_by__"),
)
_COLUMNS = {model: [f.attname for f in model._meta.concrete_fields] for model, _path in _READ_WITH_ENTRY}
_ANNOTATIONS = ("node_has_milestones", "user_is_responsible", "user_role")

# One query, its SQL built once per connection (seuranta.common.prepared): every report page and submission
# reads it, and building it (some ninety columns over five joins) cost more CPU than the rest of the page's
# queries together.
_ENTRY_QUERY = PreparedSelect(
    lambda entry_id, user_id: (
        RoundEntry.objects.filter(pk=entry_id)
        .annotate(**_entry_annotations(user_id))
        .values_list(
            *(f"{path}{name}" for model, path in _READ_WITH_ENTRY for name in _COLUMNS[model]), *_ANNOTATIONS
        )
    ),
    ids=2,
)


def _read_entry(entry_id: int, user_id: int | None) -> RoundEntry | None:
    """The entry with its round, plan, organisation, node and last editor, and `_entry_annotations`."""
    rows = _ENTRY_QUERY.rows(entry_id, user_id)
    if not rows:
        return None
    row, start, read = rows[0], 0, {}
    for model, _path in _READ_WITH_ENTRY:
        columns = _COLUMNS[model]
        values = row[start : start + len(columns)]
        start += len(columns)
        read[model] = None if values[0] is None else model.from_db(DEFAULT_DB_ALIAS, columns, values)
    entry: Any = read[RoundEntry]
    reporting_round: Any = read[ReportingRound]
    plan: Any = read[Plan]
    plan.organization = read[Organization]
    reporting_round.plan = plan
    entry.round, entry.node, entry.updated_by = reporting_round, read[Node], read[_EDITOR]
    for name, value in zip(_ANNOTATIONS, row[start:], strict=True):
        setattr(entry, name, value)
    return entry


def get_entry_for(user, entry_id: int) -> tuple[RoundEntry, EntryAccess]:
    """An entry its node's responsible users, and the plan's coordinators, may open.

    One query: the entry with its round, plan, organisation and node, and `_entry_annotations`."""
    entry = _read_entry(entry_id, user.pk if user.is_authenticated else None)
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
