"""Bringing values in from a file: bulk values and survey results, each previewed, then confirmed.

Only those who may edit the plan (its organisation's administrators and coordinators) may. The
upload is checked and written with the real writer inside a transaction that is rolled back (the
preview); the cleaned items wait in the session until the person confirms (written, all or none)
or cancels (nothing written).
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from seuranta.common.views import require
from seuranta.plans.access import get_plan_for
from seuranta.plans.models import Indicator
from seuranta.values.bulk import SESSION_KEY, Checked, check_rows, confirm, preview
from seuranta.values.files import TableError, read_table
from seuranta.values.forms import SurveyForm, UploadForm
from seuranta.values.models import settings_for
from seuranta.values.opendata import append_as_text, inert
from seuranta.values.survey import check_survey


def _editable_plan(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    return plan, require(request, access.can_edit)


def _show_preview(request, plan, checked: Checked, kind: str, form, suppressed: int | None = None):
    if not checked.errors and checked.items:
        request.session[SESSION_KEY] = checked.to_session(plan, kind)
    else:
        request.session.pop(SESSION_KEY, None)
    rows = [
        {"line": line, "item": item, "name": checked.names.get(item.indicator, ""), "outcome": outcome}
        for line, item, outcome in zip(
            checked.lines,
            checked.items,
            checked.outcomes or [None] * len(checked.items),  # type: ignore[list-item]  # none before a preview
            strict=True,
        )
    ]
    context = {
        "plan": plan,
        "form": form,
        "kind": kind,
        "checked": checked,
        "rows": rows,
        "suppressed": suppressed,
    }
    return render(request, "values/upload.html", context)


def bulk_upload(request, plan_id: int):
    plan, denied = _editable_plan(request, plan_id)
    if denied:
        return denied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_table(form.cleaned_data["file"])
        except TableError as exc:
            form.add_error("file", str(exc))
        else:
            checked = preview(check_rows(plan, rows), request.user, plan)
            return _show_preview(request, plan, checked, "bulk", form)
    return render(request, "values/upload.html", {"plan": plan, "form": form, "kind": "bulk"})


def survey_upload(request, plan_id: int):
    plan, denied = _editable_plan(request, plan_id)
    if denied:
        return denied
    form = SurveyForm(request.POST or None, request.FILES or None)
    threshold = settings_for(plan.organization_id).survey_threshold
    context = {"plan": plan, "form": form, "kind": "survey", "threshold": threshold}
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_table(form.cleaned_data["file"])
        except TableError as exc:
            form.add_error("file", str(exc))
        else:
            checked, suppressed = check_survey(plan, form.cleaned_data["period"].strip(), rows)
            return _show_preview(
                request, plan, preview(checked, request.user, plan), "survey", form, suppressed
            )
    return render(request, "values/upload.html", context)


@require_POST
def upload_confirm(request, plan_id: int):
    plan, denied = _editable_plan(request, plan_id)
    if denied:
        return denied
    pending = request.session.pop(SESSION_KEY, None)
    if request.POST.get("action") != "confirm":
        messages.info(request, _("Nothing was saved."))
        return redirect("plan", plan.pk)
    if not pending or pending.get("plan") != plan.pk:
        messages.error(request, _("There is nothing to save: upload the file again."))
        return redirect("values:bulk_upload", plan.pk)
    checked = confirm(Checked.from_session(pending), request.user, plan)
    if checked.errors:
        messages.error(request, _("Nothing was saved: %(error)s") % {"error": checked.errors[0][1]})
        return redirect(
            "values:bulk_upload" if pending.get("kind") == "bulk" else "values:survey_upload", plan.pk
        )
    changed = sum(1 for o in checked.outcomes if o.result != "unchanged")
    messages.success(
        request,
        _("%(count)d values saved: %(changed)d new or changed, the others as they were.")
        % {"count": len(checked.outcomes), "changed": changed},
    )
    return redirect("plan", plan.pk)


def _csv_response(rows: list[list], filename: str) -> HttpResponse:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([inert(cell) for cell in row] for row in rows)
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def bulk_template(request, plan_id: int, fmt: str):
    """The plan's indicators in a table ready to fill: id, name, then empty period, value, sub-series."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    plan, denied = _editable_plan(request, plan_id)
    if denied:
        return denied
    rows: list[list[object]] = [["mittari", "nimi", "kausi", "arvo", "osasarja", "lähde", "huomautus"]]
    rows += [
        [i.pk, i.name, "", "", "", "", ""]
        for i in Indicator.objects.filter(node__plan=plan).order_by("node__order", "node_id", "order", "pk")
    ]
    if fmt == "csv":
        return _csv_response(rows, f"arvot-{plan.pk}.csv")
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        append_as_text(book.active, row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="arvot-{plan.pk}.xlsx"'
    return response


@require_GET
def survey_template(request, plan_id: int):
    plan, denied = _editable_plan(request, plan_id)
    if denied:
        return denied
    rows = [["yksikkö", "kysymys", "vastaajia", "keskiarvo", "osuus"]]
    rows += [["", feed.question, "", "", ""] for feed in plan_feeds(plan)]
    return _csv_response(rows, f"kysely-{plan.pk}.csv")


def plan_feeds(plan):
    from seuranta.values.models import SurveyFeed

    return SurveyFeed.objects.filter(indicator__node__plan=plan).order_by(
        "indicator__node__order", "indicator_id"
    )
