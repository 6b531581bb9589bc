"""Open data downloads: a plan's indicators as CSV, XLSX or JSON; an organisation's plans as one JSON
file; and the organisation's licence and survey threshold (its administrators set them).

Downloads follow the pages' visibility: published plans for anyone, drafts for members.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from seuranta.common.views import require
from seuranta.plans.access import administered_organizations, get_plan_for
from seuranta.plans.models import Organization, Plan
from seuranta.values.forms import OpenDataSettingsForm
from seuranta.values.models import OpenDataSettings, settings_for
from seuranta.values.opendata import as_csv, as_xlsx, plans_document

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def licence_sentence(settings: OpenDataSettings) -> str:
    return _("The data is open under the licence %(licence)s: %(url)s") % {
        "licence": settings.licence,
        "url": settings.licence_url,
    }


def _download(document: dict, settings: OpenDataSettings, fmt: str, name: str, public: bool) -> HttpResponse:
    if fmt == "csv":
        body = as_csv(document)
    elif fmt == "xlsx":
        body = as_xlsx(document, licence_sentence(settings))
    else:
        body = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).encode()
    response = HttpResponse(body, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    if settings.licence_url:
        response["Link"] = f'<{settings.licence_url}>; rel="license"'
    if public:
        response["Access-Control-Allow-Origin"] = "*"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def plan_download(request, plan_id: int, fmt: str):
    if fmt not in TYPES:
        raise Http404
    plan, _access = get_plan_for(request.user, plan_id)
    settings = settings_for(plan.organization_id)
    document = plans_document([plan], settings, timezone.localdate(), _lang())
    return _download(document, settings, fmt, f"suunnitelma-{plan.pk}", plan.state == Plan.State.PUBLISHED)


@require_GET
def organization_download(request, organization_id: int):
    """Every plan of the organisation the person may see: published ones, and drafts for its members."""
    organization = get_object_or_404(Organization, pk=organization_id)
    plans = list(
        Plan.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("organization")
        .order_by("pk")
    )
    settings = settings_for(organization.pk)
    document = plans_document(plans, settings, timezone.localdate(), _lang())
    public = all(plan.state == Plan.State.PUBLISHED for plan in plans)
    return _download(document, settings, "json", f"organisaatio-{organization.pk}", public)


def organization_settings(request, organization_id: int):
    organization = get_object_or_404(Organization, pk=organization_id)
    allowed = administered_organizations(request.user).filter(pk=organization.pk).exists()
    if denied := require(request, allowed):
        return denied
    instance = OpenDataSettings.objects.filter(organization=organization).first() or OpenDataSettings(
        organization=organization
    )
    form = OpenDataSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("values:organization_settings", organization.pk)
    return render(request, "values/organization_settings.html", {"organization": organization, "form": form})
