"""API v1: a plan's reporting rounds and how complete they are.

Rounds are for those who run them, as on the rounds pages: the plan's coordinators and
administrators (and a token of the plan's organisation). Others who may see the plan get 403.
"""

from typing import Literal

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from seuranta.api.v1 import schemas
from seuranta.api.v1.common import (
    MAX_ID,
    MAX_LIMIT,
    MAX_OFFSET,
    PAGING,
    ApiError,
    known_parameters,
    not_found,
    page,
    reader,
)
from seuranta.monitoring.models import ReportingRound, RoundEntry

router = Router(tags=["reporting rounds"])
ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 404: schemas.Error}


def rounds_with_completion():
    submitted = Q(entries__state=RoundEntry.State.SUBMITTED)
    return ReportingRound.objects.annotate(
        total=Count("entries"), submitted=Count("entries", filter=submitted)
    ).order_by("-period_end", "-id")


def round_out(row) -> dict:
    return {
        "id": row.pk,
        "plan_id": row.plan_id,
        "root_id": row.root_id,
        "title": row.title,
        "period": row.period,
        "period_start": row.period_start,
        "period_end": row.period_end,
        "deadline": row.deadline,
        "state": row.state,
        "opened_at": row.opened_at,
        "closed_at": row.closed_at,
        "completion": {
            "total": row.total,
            "submitted": row.submitted,
            "share": round(row.submitted / row.total, 4) if row.total else None,
        },
    }


def coordinated_plan(request, plan_id: int):
    plan, access = reader(request).plan(plan_id)
    if not access.can_coordinate:
        raise ApiError(403, _("Reporting rounds are shown to the plan's coordinators and administrators."))
    return plan


@router.get(
    "/plans/{plan_id}/rounds",
    response={200: schemas.RoundPage, **ERRORS},
    url_name="plan_rounds",
    summary="A plan's reporting rounds with their completion",
    description="Newest period first. Filters: `state`, `year` (rounds whose period ends in that year).",
)
@known_parameters("state", "year", *PAGING)
def plan_rounds(
    request,
    plan_id: int = Path(..., ge=1, le=MAX_ID),
    state: Literal["open", "closed"] = None,
    year: int = Query(None, ge=1, le=9999),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    plan = coordinated_plan(request, plan_id)
    rows = rounds_with_completion().filter(plan=plan)
    if state is not None:
        rows = rows.filter(state=state)
    if year is not None:
        rows = rows.filter(period_end__year=year)
    result = page(request, rows, limit, offset)
    result["results"] = [round_out(r) for r in result["results"]]
    return result


@router.get(
    "/rounds/{round_id}",
    response={200: schemas.Round, **ERRORS},
    url_name="round",
    summary="One reporting round with its completion",
)
@known_parameters()
def reporting_round(request, round_id: int = Path(..., ge=1, le=MAX_ID)):
    row = rounds_with_completion().filter(pk=round_id).first()
    if row is None:
        raise not_found()
    coordinated_plan(request, row.plan_id)
    return round_out(row)
