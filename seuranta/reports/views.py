"""Report views: the printable web page and the DOCX / PDF / XLSX downloads.

    reports:plan_report   /raportit/<plan_id>/?format=html|pdf|docx|xlsx
                          &variant=council|annual &lang=fi|sv|en &on=YYYY-MM-DD &unit=U &round=R

Anyone who may view the plan may read its report (seuranta.plans.access);
anonymous users only of published plans. Missing or hidden plans are 404.

A PDF of a large plan is made by the task worker (seuranta.reports.files): the request
only queues it and sends the person to its progress page.

Rendering is heavy, so every rendered report is kept in the cache under a key
that changes with every write to the plan (building.report_cache_key), and
anonymous visitors may ask for only REPORT_RATE_LIMIT reports a minute.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET

from seuranta.common.language import ui_lang
from seuranta.common.throttling import concurrency_slot, rate_limited, too_many_requests
from seuranta.plans.access import get_plan_for
from seuranta.plans.models import Plan
from seuranta.reports.building import ReportRequestError, parse_request, render_for, report_cache_key
from seuranta.reports.files import queue_report_file
from seuranta.reports.tasks import is_large

_STYLE = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


def report_policy(content: bytes) -> str:
    """The CSP of a report page: no script at all, and only the page's own stylesheet (by its hash)."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
        for m in _STYLE.finditer(content)
    )
    return (
        f"default-src 'none'; style-src {hashes or "'none'"}; img-src 'self' data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


RENDER_WAIT_SECONDS = 120
BUSY_RETRY_SECONDS = 5


def rendered_once(key: str, render: Callable[[], tuple]) -> tuple:
    """The cached report, or render it: one request renders, the others asking for it meanwhile wait.

    Eight visitors asking for the same new PDF at once cost one rendering, not eight that starve the server.
    A lock entry in the shared cache marks the rendering; it expires should its renderer die."""
    if (found := cache.get(key)) is not None:
        return found
    lock = f"{key}:rendering"
    if cache.add(lock, 1, timeout=RENDER_WAIT_SECONDS):
        try:
            result = render()
            cache.set(key, result, settings.REPORT_CACHE_SECONDS)
            return result
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if (found := cache.get(key)) is not None:
            return found
        if cache.get(lock) is None:  # the renderer failed; try ourselves
            break
    result = render()
    cache.set(key, result, settings.REPORT_CACHE_SECONDS)
    return result


@require_GET
def plan_report(request: HttpRequest, plan_id: int) -> HttpResponse:
    if request.user.is_authenticated:
        return report_response(request, plan_id)
    if wait := rate_limited(request, "report", settings.REPORT_RATE_LIMIT):
        return too_many_requests(request, wait)
    # Anonymous visitors together hold only a few of the server's threads with reports, whatever they ask.
    with concurrency_slot("anonymous-reports", settings.REPORT_CONCURRENCY) as granted:
        if not granted:
            return too_many_requests(request, BUSY_RETRY_SECONDS, busy=True)
        return report_response(request, plan_id)


def report_response(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, _access = get_plan_for(request.user, plan_id)
    params = request.GET
    lang = params.get("lang") or ui_lang()
    try:
        wanted = parse_request(
            params.get("format"),
            params.get("variant"),
            lang,
            params.get("on"),
            params.get("unit"),
            params.get("round"),
        )
        key = report_cache_key(plan, wanted)
        cached = cache.get(key)
        if cached is None and is_large(plan, wanted):  # no request waits on WeasyPrint for a large report
            return redirect("reports:file", queue_report_file(plan, wanted, key).pk)
        if cached is None:
            cached = rendered_once(key, lambda: render_for(plan, wanted))
    except ReportRequestError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    content, content_type, filename = cached
    etag = f'"{key.rsplit(":", 1)[-1]}"'
    published = plan.state == Plan.State.PUBLISHED
    if published and (not_modified := get_conditional_response(request, etag=etag)) is not None:
        return not_modified
    response = HttpResponse(content, content_type=content_type)
    if wanted.fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response["Content-Security-Policy"] = report_policy(content)
    if published:
        # Public, but asked again each time: the ETag makes that cheap, and an edit shows at once.
        response["Cache-Control"] = "public, no-cache"
        response["ETag"] = etag
    else:
        response["Cache-Control"] = "private, no-store"
    return response
