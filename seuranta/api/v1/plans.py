"""API v1: organisations and plans."""

from typing import Literal

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router

from seuranta.api.v1 import schemas
from seuranta.api.v1.common import (
    MAX_ID,
    MAX_LIMIT,
    MAX_OFFSET,
    PAGING,
    known_parameters,
    not_found,
    page,
    reader,
)
from seuranta.core.evaluation import evaluate_plan
from seuranta.plans.models import Indicator, Node, Plan
from seuranta.plans.storage import load_core_plan
from seuranta.values.models import settings_for
from seuranta.values.opendata import licence_of

router = Router(tags=["plans"])
ERRORS = schemas.READ_ERRORS


def organization_out(request, organization) -> dict:
    return {
        "id": organization.pk,
        "name": organization.name,
        "url": request.build_absolute_uri(reverse("api-v1:organization", args=[organization.pk])),
    }


@router.get(
    "/organizations",
    response={200: schemas.OrganizationPage, **ERRORS},
    url_name="organizations",
    summary="Organisations",
    description="Organisations that have a plan you may see, and those you belong to.",
)
@known_parameters(*PAGING)
def organizations(
    request,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    rows = reader(request).organizations().order_by("name", "pk")
    result = page(request, rows, limit, offset)
    result["results"] = [organization_out(request, o) for o in result["results"]]
    return result


@router.get(
    "/organizations/{organization_id}",
    response={200: schemas.OrganizationDetail, **ERRORS},
    url_name="organization",
    summary="An organisation with its unit tree",
)
@known_parameters()
def organization(request, organization_id: int = Path(..., ge=1, le=MAX_ID)):
    found = reader(request).organizations().filter(pk=organization_id).first()
    if found is None:
        raise not_found()
    units = [
        {"id": u.pk, "name": u.name, "kind": u.kind, "parent_id": u.parent_id, "active": u.active}
        for u in found.units.order_by("order", "name", "pk")
    ]
    return {**organization_out(request, found), "units": units}


def plan_out(request, plan: Plan) -> dict:
    organization = plan.organization
    return {
        "id": plan.pk,
        "title": plan.title,
        "organization": {"id": organization.pk, "name": organization.name} if organization else None,
        "kind": plan.kind or None,
        "state": plan.state,
        "period": plan.period,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "updated_at": plan.updated_at,
        "url": request.build_absolute_uri(reverse("api-v1:plan", args=[plan.pk])),
        "page_url": request.build_absolute_uri(reverse("plan", args=[plan.pk])),
    }


@router.get(
    "/plans",
    response={200: schemas.PlanPage, **ERRORS},
    url_name="plans",
    summary="Plans",
    description="Published plans for everyone; drafts and archived plans for the organisation's members. "
    "Filters combine; `year` keeps plans whose period covers that year.",
)
@known_parameters("organization", "organisation", "state", "kind", "year", *PAGING)
def plans(
    request,
    organization: int = Query(None, ge=1, le=MAX_ID),
    organisation: int = Query(None, ge=1, le=MAX_ID, description="The same as `organization`."),
    state: Literal["draft", "published", "archived"] | None = None,
    kind: Literal[tuple(Plan.Kind.values)] = None,  # type: ignore[valid-type]
    year: int = Query(None, ge=1, le=9999),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    rows = reader(request).plans().select_related("organization").order_by("pk")
    for chosen in {organization, organisation} - {None}:  # filters combine: two different give nothing
        rows = rows.filter(organization_id=chosen)
    if state is not None:
        rows = rows.filter(state=state)
    if kind is not None:
        rows = rows.filter(kind=kind)
    if year is not None:
        rows = rows.filter(
            Q(start_year__lte=year) | Q(start_year__isnull=True, end_year__isnull=False),
            Q(end_year__gte=year) | Q(end_year__isnull=True, start_year__isnull=False),
        )
    result = page(request, rows, limit, offset)
    result["results"] = [plan_out(request, p) for p in result["results"]]
    return result


@router.get(
    "/plans/{plan_id}",
    response={200: schemas.PlanDetail, **ERRORS},
    url_name="plan",
    summary="A plan, with its size and today's status counts",
)
@known_parameters()
def plan(request, plan_id: int = Path(..., ge=1, le=MAX_ID)):
    found, _access = reader(request).plan(plan_id)
    evaluation = evaluate_plan(load_core_plan(found), timezone.localdate())
    return {
        **plan_out(request, found),
        "licence": licence_of(settings_for(found.organization_id)),
        "levels": [str(level) for level in found.levels],
        "nodes": Node.objects.filter(plan=found).count(),
        "indicators": Indicator.objects.filter(node__plan=found).count(),
        "status_counts": dict(evaluation.counts),
    }


@router.get(
    "/plans/{plan_id}/document",
    response={200: dict, **ERRORS},
    url_name="plan_document",
    summary="A plan as a seuranta-plan/1 document, with ids",
    description="The interchange format (docs/plan-format.md) with each node's and indicator's id.",
)
@known_parameters()
def plan_document(request, plan_id: int = Path(..., ge=1, le=MAX_ID)):
    found, _access = reader(request).plan(plan_id)
    return load_core_plan(found).to_dict(with_ids=True) | {"id": found.pk}
