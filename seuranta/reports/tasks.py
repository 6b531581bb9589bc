"""Rendering a large report in the task worker, step by step, so that no web request waits on it.

The report view enqueues `render_report_file` for a `ReportFile` row; the worker claims the row,
records each step's progress on it (the page polls it) and stores the finished file on the row
and in the report cache, so that the next request for the same report is served at once.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

from seuranta.core.reports import FORMATS, render
from seuranta.plans.models import Plan
from seuranta.reports.building import ReportRequest, build_for, file_name, round_options
from seuranta.reports.models import ReportFile

log = logging.getLogger(__name__)

STEPS = {"reading": 10, "building": 40, "rendering": 60}


def request_params(wanted: ReportRequest) -> dict:
    return {
        "fmt": wanted.fmt,
        "variant": wanted.variant,
        "lang": wanted.lang,
        "on": wanted.on.isoformat() if wanted.on else None,
        "unit": wanted.unit,
        "round_id": wanted.round_id,
    }


def request_from(params: dict) -> ReportRequest:
    on = date.fromisoformat(params["on"]) if params.get("on") else None
    return ReportRequest(
        params["fmt"], params["variant"], params["lang"], on, params.get("unit"), params.get("round_id")
    )


def _step(file_id: int, step: str) -> None:
    ReportFile.objects.filter(pk=file_id).update(step=step, progress=STEPS[step])


@task
def render_report_file(file_id: int, today: str) -> str:
    """Render one queued report file; its state at the end."""
    claimed = ReportFile.objects.filter(pk=file_id, state=ReportFile.State.QUEUED).update(
        state=ReportFile.State.RENDERING, started_at=timezone.now(), step="reading", progress=STEPS["reading"]
    )
    if not claimed:  # already rendered, or taken by another worker
        return ""
    row = ReportFile.objects.defer("content").select_related("plan").get(pk=file_id)
    wanted = request_from(row.params)
    try:
        scope = round_options(row.plan, wanted.round_id) if wanted.round_id is not None else None
        _step(file_id, "building")
        report = build_for(row.plan, wanted, today=date.fromisoformat(today), scope=scope)
        _step(file_id, "rendering")
        content = render(report, wanted.fmt)
    except Exception:  # a report that cannot be made is told on its page, never a traceback
        log.exception("report file %s failed", file_id)
        ReportFile.objects.filter(pk=file_id).update(
            state=ReportFile.State.FAILED, finished_at=timezone.now(), problem="render"
        )
        return ReportFile.State.FAILED
    name = file_name(row.plan, wanted, report.on, scope.period if scope else None)
    content_type = FORMATS[wanted.fmt][0]
    cache.set(row.key, (content, content_type, name), settings.REPORT_CACHE_SECONDS)
    ReportFile.objects.filter(pk=file_id).update(
        state=ReportFile.State.DONE,
        progress=100,
        step="",
        content=content,
        content_type=content_type,
        file_name=name,
        finished_at=timezone.now(),
    )
    return ReportFile.State.DONE


def is_large(plan: Plan, wanted: ReportRequest) -> bool:
    """Whether the report is made by the task worker: a PDF of a plan with more items (nodes and indicators)
    than SEURANTA_REPORT_BACKGROUND_ITEMS (0: every PDF). Two queries at most."""
    from seuranta.plans.models import Indicator, Node

    limit = settings.SEURANTA_REPORT_BACKGROUND_ITEMS
    if wanted.fmt != "pdf":
        return False
    if limit <= 0:
        return True
    items = Node.objects.filter(plan=plan).count()
    if items <= limit:
        items += Indicator.objects.filter(node__plan=plan).count()
    return items > limit
