"""Report views: the printable web page and the DOCX / PDF / XLSX downloads.

    reports:plan_report   /raportit/<plan_id>/?format=html|pdf|docx|xlsx
                          &variant=council|annual &lang=fi|sv|en &on=YYYY-MM-DD &unit=U &round=R

Anyone who may view the plan may read its report (seuranta.plans.access);
anonymous users only of published plans. Missing or hidden plans are 404.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from seuranta.plans.access import get_plan_for
from seuranta.reports.building import ReportRequestError, parse_request, render_for
from seuranta.web.language import ui_lang


@require_GET
def plan_report(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, _access = get_plan_for(request.user, plan_id)
    params = request.GET
    lang = params.get("lang") or ui_lang()
    try:
        wanted = parse_request(params.get("format"), params.get("variant"), lang, params.get("on"),
                               params.get("unit"), params.get("round"))
        content, content_type, filename = render_for(plan, wanted)
    except ReportRequestError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=content_type)
    if wanted.fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
