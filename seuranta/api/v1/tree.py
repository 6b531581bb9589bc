"""API v1: a plan's nodes and indicators, with their statuses and reasons, and their measures.

A list reads the plan once into the core model and evaluates it (a fixed number of queries
whatever its size), filters and pages in memory, then reads the measures of one page.
"""

from datetime import date
from typing import Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router

from seuranta.api.v1 import schemas
from seuranta.api.v1.common import (
    MAX_ID,
    MAX_LIMIT,
    MAX_OFFSET,
    PAGING,
    finite,
    known_parameters,
    not_found,
    page,
    reader,
)
from seuranta.core.evaluation import STATUSES
from seuranta.plans.models import Indicator, Measure, Node
from seuranta.reports.plan_cache import evaluated_plan, node_rows

router = Router(tags=["nodes and indicators"])
ERRORS = schemas.READ_ERRORS
Lang = Literal["fi", "sv", "en"]
NodeStatusFilter = Literal[(*STATUSES, "cancelled")]  # type: ignore[valid-type]
StatusFilter = Literal[STATUSES]  # type: ignore[valid-type]


def text_filter():
    return Query(None, min_length=1, max_length=200, pattern=r"^[^\x00]*$")


def evaluated(plan, on: date | None, lang: str):
    """The core plan with its nodes' units as the pages show them, its evaluation, and each node's row data.

    Read and evaluated once per version of the plan, in the cache the pages use
    (seuranta.reports.plan_cache): no query of its own when the plan has not changed since."""
    core_plan, evaluation = evaluated_plan(plan, on or timezone.localdate(), lang)
    return core_plan, evaluation, node_rows(plan)


def node_out(request, plan_id: int, node, evaluation, rows) -> dict:
    parent_id, unit_id, _unit_name = rows.get(node.key, (None, None, None))
    result = evaluation.node(node)
    return {
        "id": node.key,
        "plan_id": plan_id,
        "parent_id": parent_id,
        "level": node.level,
        "title": node.title,
        "description": node.description,
        "unit": node.unit,
        "unit_id": unit_id,
        "responsible": [str(r) for r in node.responsible],
        "schedule": node.schedule,
        "phase": node.phase,
        "binding": node.binding,
        "status": result.status,
        "reason": str(result.reason),
        "url": request.build_absolute_uri(reverse("api-v1:node", args=[node.key])),
        "page_url": request.build_absolute_uri(reverse("node", args=[node.key])),
    }


@router.get(
    "/plans/{plan_id}/nodes",
    response={200: schemas.NodePage, **ERRORS},
    url_name="plan_nodes",
    summary="A plan's goal tree, top-down in plan order",
    description="Each node with its status and the reason for it on `on` (default today). Filters: `level`, "
    "`unit` (the unit's name as the pages show it), `status`, `parent` (a node's id: its children).",
)
@known_parameters("level", "unit", "status", "parent", "on", "lang", *PAGING)
def plan_nodes(
    request,
    plan_id: int = Path(..., ge=1, le=MAX_ID),
    level: str = text_filter(),
    unit: str = text_filter(),
    status: NodeStatusFilter = None,
    parent: int = Query(None, ge=1, le=MAX_ID),
    on: schemas.IsoDate | None = None,
    lang: Lang = "fi",
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    plan, _access = reader(request).plan(plan_id)
    core_plan, evaluation, rows = evaluated(plan, on, lang)
    chosen = [
        node
        for node, _ancestors in core_plan.walk()
        if (level is None or node.level == level)
        and (unit is None or node.unit == unit)
        and (status is None or evaluation.node(node).status == status)
        and (parent is None or rows[node.key][0] == parent)
    ]
    result = page(request, chosen, limit, offset)
    result["results"] = [node_out(request, plan.pk, n, evaluation, rows) for n in result["results"]]
    return result


@router.get(
    "/nodes/{node_id}",
    response={200: schemas.Node, **ERRORS},
    url_name="node",
    summary="One node with its status",
)
@known_parameters("on", "lang")
def node(
    request, node_id: int = Path(..., ge=1, le=MAX_ID), on: schemas.IsoDate | None = None, lang: Lang = "fi"
):
    plan_id = Node.objects.filter(pk=node_id).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise not_found()
    plan, _access = reader(request).plan(plan_id)
    core_plan, evaluation, rows = evaluated(plan, on, lang)
    found = next((n for n, _a in core_plan.walk() if n.key == node_id), None)
    if found is None:
        raise not_found()
    return node_out(request, plan.pk, found, evaluation, rows)


def measure_out(row: Measure) -> dict:
    extra = row.extra if isinstance(row.extra, dict) else {}
    return {
        "id": row.pk,
        "role": row.role,
        "text": row.text,
        "kind": row.kind,
        "value": finite(row.value),
        "period": row.period,
        "period_start": row.period_start,
        "period_end": row.period_end,
        "label": row.label,
        "source": extra["source"] if isinstance(extra.get("source"), str) else None,
        "note": extra["note"] if isinstance(extra.get("note"), str) else None,
    }


def indicators_out(request, plan_id: int, chosen: list, evaluation) -> list[dict]:
    """The indicators with their measures, read in one query."""
    measures: dict[int, dict[str, list]] = {i.key: {r: [] for r in Measure.Role.values} for i, _n in chosen}
    for row in Measure.objects.filter(indicator_id__in=list(measures)).order_by(
        "indicator_id", "order", "id"
    ):
        measures[row.indicator_id][row.role].append(measure_out(row))
    out = []
    for indicator, node in chosen:
        judged = evaluation.indicator(indicator)
        rows = measures[indicator.key]
        out.append(
            {
                "id": indicator.key,
                "node_id": node.key,
                "plan_id": plan_id,
                "name": indicator.name,
                "unit": indicator.unit,
                "source": indicator.source,
                "description": indicator.description,
                "status": judged.status,
                "reason": str(judged.reason),
                "baseline": rows[Measure.Role.BASELINE][0] if rows[Measure.Role.BASELINE] else None,
                "baseline_series": rows[Measure.Role.BASELINE_SERIES],
                "targets": rows[Measure.Role.TARGET],
                "actuals": rows[Measure.Role.ACTUAL],
                "url": request.build_absolute_uri(reverse("api-v1:indicator", args=[indicator.key])),
            }
        )
    return out


@router.get(
    "/plans/{plan_id}/indicators",
    response={200: schemas.IndicatorPage, **ERRORS},
    url_name="plan_indicators",
    summary="A plan's indicators with their measures, statuses and reasons",
    description="Filters: `node` (a node's id: its own indicators), `unit` (the node's unit as the pages show it), "
    "`status`.",
)
@known_parameters("node", "unit", "status", "on", "lang", *PAGING)
def plan_indicators(
    request,
    plan_id: int = Path(..., ge=1, le=MAX_ID),
    node: int = Query(None, ge=1, le=MAX_ID),
    unit: str = text_filter(),
    status: StatusFilter = None,
    on: schemas.IsoDate | None = None,
    lang: Lang = "fi",
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    plan, _access = reader(request).plan(plan_id)
    core_plan, evaluation, _rows = evaluated(plan, on, lang)
    chosen = [
        (indicator, owner)
        for indicator, owner, _ancestors in core_plan.indicators()
        if (node is None or owner.key == node)
        and (unit is None or owner.unit == unit)
        and (status is None or evaluation.indicator(indicator).status == status)
    ]
    result = page(request, chosen, limit, offset)
    result["results"] = indicators_out(request, plan.pk, result["results"], evaluation)
    return result


@router.get(
    "/indicators/{indicator_id}",
    response={200: schemas.Indicator, **ERRORS},
    url_name="indicator",
    summary="One indicator with its measures and status",
)
@known_parameters("on", "lang")
def indicator(
    request,
    indicator_id: int = Path(..., ge=1, le=MAX_ID),
    on: schemas.IsoDate | None = None,
    lang: Lang = "fi",
):
    plan_id = Indicator.objects.filter(pk=indicator_id).values_list("node__plan_id", flat=True).first()
    if plan_id is None:
        raise not_found()
    plan, _access = reader(request).plan(plan_id)
    core_plan, evaluation, _rows = evaluated(plan, on, lang)
    found = [(i, n) for i, n, _a in core_plan.indicators() if i.key == indicator_id]
    if not found:
        raise not_found()
    return indicators_out(request, plan.pk, found, evaluation)[0]
