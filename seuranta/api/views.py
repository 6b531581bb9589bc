"""A small read-only JSON API: plans, a plan as seuranta-plan/1, a plan's statuses.

Published plans are open data for anyone; drafts and archived plans only for
members of the plan's organisation (or a 404, like the pages).
"""

from __future__ import annotations

import json
import math
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from seuranta.core.evaluation import status_document
from seuranta.plans.access import get_plan_for
from seuranta.plans.models import Plan
from seuranta.plans.storage import load_core_plan
from seuranta.reports.plan_cache import cached_read


def finite(data):
    """The data with every non-finite float (NaN, Infinity) as null: JSON has no such numbers.

    Input refuses them, but a value stored another way (the admin, the database
    itself) must still give valid JSON rather than a document no client can read.
    """
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data


def encoded(data) -> bytes:
    """The data as the API's JSON (non-finite numbers as null, UTF-8 unescaped), as bytes to keep."""
    return json.dumps(finite(data), cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False).encode()


def json_response(request, data, plan: Plan | None = None) -> HttpResponse:
    """`data` as JSON, or JSON already `encoded` (bytes), with the headers the plan's state asks for."""
    body = data if isinstance(data, bytes) else encoded(data)
    response = HttpResponse(body, content_type="application/json")
    if plan is None or plan.state == Plan.State.PUBLISHED:
        response["Access-Control-Allow-Origin"] = "*"  # open data
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def _lang(request) -> str:
    lang = request.GET.get("lang", "fi")
    return lang if lang in ("fi", "sv", "en") else "fi"


@require_GET
def plans(request):
    rows = Plan.objects.visible_to(request.user).select_related("organization").order_by("pk")
    data = [
        {
            "id": plan.pk,
            "title": plan.title,
            "organization": plan.organization.name if plan.organization else None,
            "period": plan.period,
            "kind": plan.kind or None,
            "state": plan.state,
            "updated_at": plan.updated_at.isoformat(),
            "url": request.build_absolute_uri(reverse("api:plan", args=[plan.pk])),
            "statuses_url": request.build_absolute_uri(reverse("api:statuses", args=[plan.pk])),
            "page_url": request.build_absolute_uri(reverse("plan", args=[plan.pk])),
        }
        for plan in rows
    ]
    return json_response(request, {"plans": data})


def visible_plan(request, plan_id: int) -> Plan | None:
    try:
        return get_plan_for(request.user, plan_id)[0]
    except Http404:
        return None


def not_found() -> JsonResponse:
    return JsonResponse({"error": "No such plan, or it is not public."}, status=404)


@require_GET
def plan_document(request, plan_id: int):
    if (plan := visible_plan(request, plan_id)) is None:
        return not_found()
    # Kept encoded: on a big plan encoding the document costs more than reading it from the cache.
    document = cached_read(plan, lambda: encoded(load_core_plan(plan).to_dict()), "document-json")
    return json_response(request, document, plan)


@require_GET
def plan_statuses(request, plan_id: int):
    if (plan := visible_plan(request, plan_id)) is None:
        return not_found()
    on = timezone.localdate()
    if request.GET.get("on"):
        try:
            on = date.fromisoformat(request.GET["on"])
        except ValueError:
            return JsonResponse({"error": "on: use a date like 2026-06-30."}, status=400)
    lang = _lang(request)

    def build() -> bytes:
        document = status_document(load_core_plan(plan), on, lang)
        return encoded({"plan": plan.pk, "on": on.isoformat(), **document})

    return json_response(request, cached_read(plan, build, "statuses-json", on, lang), plan)


def _operations(schema: dict) -> list[dict]:
    """The schema's operations in its order, each with its parameters, for the documentation page."""
    operations = []
    for path_name, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False)}
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path_name,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "token": bool(operation.get("security")),
                    "anchor": operation.get("operationId", ""),
                }
            )
    return operations


@require_GET
def docs(request):
    """The API's documentation page: every operation from the OpenAPI schema, with examples; no CDN."""
    from seuranta.api.v1 import api

    schema = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {
            "operations": _operations(schema),
            "base": request.build_absolute_uri("/api/v1"),
            "version": schema["info"]["version"],
        },
    )
