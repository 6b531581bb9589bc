"""Reports made by the task worker: queue one, follow its progress, download it.

    reports:file           /raportit/tiedosto/<id>/            progress, then the download link
    reports:file_download  /raportit/tiedosto/<id>/lataa/      the finished file

Whoever may see the plan may follow and download its report files (seuranta.plans.access);
the rest get 404, as for the report itself.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from seuranta.plans.access import get_plan_for
from seuranta.plans.models import Plan
from seuranta.reports.building import ReportRequest
from seuranta.reports.models import ReportFile
from seuranta.reports.tasks import render_report_file, request_params

# A file still waiting or being made this long after it was asked for is asked for again.
STALE_AFTER = timedelta(minutes=15)


def queue_report_file(plan: Plan, wanted: ReportRequest, key: str) -> ReportFile:
    """The report file of this report: the one already queued, being made or ready, else a new one queued."""
    now = timezone.now()
    found = (
        ReportFile.objects.defer("content")
        .filter(plan=plan, key=key)
        .exclude(state=ReportFile.State.FAILED)
        .first()
    )
    if found is not None and (found.state == ReportFile.State.DONE or now - found.created_at < STALE_AFTER):
        return found
    # Old files of the plan go: their keys no longer match the plan, and the cache holds the recent ones.
    ReportFile.objects.filter(
        plan=plan, created_at__lt=now - timedelta(seconds=settings.REPORT_CACHE_SECONDS)
    ).delete()
    row = ReportFile.objects.create(plan=plan, key=key, params=request_params(wanted))
    render_report_file.enqueue(row.pk, timezone.localdate().isoformat())
    return row


def _file_for(request: HttpRequest, file_id: int, *, with_content: bool = False) -> ReportFile:
    files = ReportFile.objects.all() if with_content else ReportFile.objects.defer("content")
    row = files.filter(pk=file_id).first()
    if row is None:
        raise Http404
    get_plan_for(request.user, row.plan_id)  # 404 for those who may not see the plan
    return row


@require_GET
def file_progress(request: HttpRequest, file_id: int) -> HttpResponse:
    """Where the making of a report stands; htmx polls `?status=1` for the fragment until it is ready."""
    row = _file_for(request, file_id)
    fragment = request.GET.get("status") == "1"
    template = "reports/includes/file_status.html" if fragment else "reports/file.html"
    waiting = row.state in (ReportFile.State.QUEUED, ReportFile.State.RENDERING)
    response = render(request, template, {"file": row, "plan": row.plan, "waiting": waiting})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def file_download(request: HttpRequest, file_id: int) -> HttpResponse:
    row = _file_for(request, file_id, with_content=True)
    if row.state != ReportFile.State.DONE or row.content is None:
        raise Http404
    response = HttpResponse(bytes(row.content), content_type=row.content_type)
    response["Content-Disposition"] = f'attachment; filename="{row.file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
