"""The public site's settings, on the organisation settings pages: look, accessibility statement,
feedback received, and per plan whether staff names are shown. For the organisation's administrators."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.organizations.access import administers
from seuranta.plans.models import Plan
from seuranta.public.forms import BrandingForm, StatementForm
from seuranta.public.models import Feedback, PlanPublicity, PublicSite
from seuranta.public.statement import default_nonconformities, default_supervisor


def _site(organization) -> PublicSite:
    site = PublicSite.objects.filter(organization=organization).first()
    if site is None:
        site = PublicSite(
            organization=organization,
            nonconformities="\n".join(default_nonconformities()),
            supervisor=default_supervisor(),
        )
    return site


@administers
def site_settings(request, organization):
    site = _site(organization)
    form = BrandingForm(request.POST or None, request.FILES or None, instance=site)
    if request.method == "POST" and form.is_valid():
        site = form.save(commit=False)
        if form.cleaned_data.get("remove_logo"):
            site.logo, site.logo_type = None, ""
        elif form.cleaned_data.get("logo_file"):
            site.logo, site.logo_type = form.cleaned_data["logo_file"]
            site.logo_version = (site.logo_version or 0) + 1
        site.save()
        messages.success(request, _("The public site's settings were saved."))
        return redirect("public_admin:site", organization.pk)
    plans = list(
        Plan.objects.filter(organization=organization).exclude(state=Plan.State.DRAFT).order_by("title")
    )
    shown = set(
        PlanPublicity.objects.filter(plan__in=plans, show_people=True).values_list("plan_id", flat=True)
    )
    return render(
        request,
        "public/admin_site.html",
        {
            "organization": organization,
            "site": site,
            "form": form,
            "plans": [{"plan": p, "show_people": p.pk in shown} for p in plans],
            "tab": "public",
        },
        status=400 if form.errors else 200,
    )


@require_POST
@administers
def plan_people(request, organization, plan_id: int):
    plan = get_object_or_404(Plan, pk=plan_id, organization=organization)
    show = request.POST.get("show_people") == "1"
    PlanPublicity.objects.update_or_create(plan=plan, defaults={"show_people": show})
    if show:
        messages.success(
            request, _("Staff names and the change history of %(plan)s are now public.") % {"plan": plan}
        )
    else:
        messages.success(
            request, _("Staff names and the change history of %(plan)s are now hidden.") % {"plan": plan}
        )
    return redirect("public_admin:site", organization.pk)


@administers
def statement_edit(request, organization):
    site = _site(organization)
    form = StatementForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The accessibility statement was saved."))
        return redirect("public_admin:statement", organization.pk)
    return render(
        request,
        "public/admin_statement.html",
        {"organization": organization, "site": site, "form": form, "tab": "statement"},
        status=400 if form.errors else 200,
    )


@administers
def feedback_list(request, organization):
    received = list(Feedback.objects.filter(organization=organization)[:200])
    return render(
        request,
        "public/admin_feedback.html",
        {"organization": organization, "received": received, "tab": "feedback"},
    )


@require_POST
@administers
def feedback_handled(request, organization, feedback_id: int):
    feedback = get_object_or_404(Feedback, pk=feedback_id, organization=organization)
    Feedback.objects.filter(pk=feedback.pk).update(handled=~F("handled"))
    messages.success(request, _("Feedback marked."))
    return redirect("public_admin:feedback", organization.pk)
