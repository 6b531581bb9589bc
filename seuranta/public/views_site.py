"""The organisation's look (accent colour, logo), its accessibility statement and the feedback form."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from seuranta.common.language import ui_lang
from seuranta.plans.models import Plan
from seuranta.public.caching import PUBLIC_MAX_AGE, posted_too_often, public_page
from seuranta.public.forms import FeedbackForm
from seuranta.public.site import organization_site
from seuranta.public.statement import default_nonconformities, default_supervisor, lines
from seuranta.public.tasks import acknowledge_feedback


def theme_css(request, slug: str):
    """The accent colour as a stylesheet, since the pages' CSP allows no inline style."""
    _organization, site = organization_site(slug)
    response = HttpResponse(f":root {{ --accent: {site.accent}; }}\n", content_type="text/css")
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


def logo(request, slug: str, version: int):
    _organization, site = organization_site(slug)
    if not site.pk or not site.logo:
        raise Http404
    response = HttpResponse(bytes(site.logo), content_type=site.logo_type)
    response["Cache-Control"] = "public, max-age=86400"  # a new logo gets a new version in its address
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public_page
def statement(request, slug: str):
    organization, site = organization_site(slug)
    nonconformities = lines(site.nonconformities) if site.pk else default_nonconformities()
    return render(
        request,
        "public/statement.html",
        {
            "organization": organization,
            "site": site,
            "nonconformities": nonconformities,
            "supervisor": lines(site.supervisor) or lines(default_supervisor()),
            "statement_date": site.statement_date or (site.updated_at.date() if site.pk else None),
            "has_published_plan": Plan.objects.filter(
                organization=organization, state=Plan.State.PUBLISHED
            ).exists(),
        },
    )


@never_cache
def feedback(request, slug: str):
    organization, site = organization_site(slug)
    if refused := posted_too_often(request):
        return refused
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        message.organization = organization
        message.page = (request.GET.get("sivu") or "")[:500]
        message.save()
        if message.email:
            acknowledge_feedback.enqueue(message.pk, ui_lang())
        return redirect("public:feedback_thanks", slug=organization.slug)
    return render(
        request,
        "public/feedback.html",
        {"organization": organization, "site": site, "form": form},
        status=400 if form.errors else 200,
    )


@public_page
def feedback_thanks(request, slug: str):
    organization, site = organization_site(slug)
    return render(request, "public/feedback_thanks.html", {"organization": organization, "site": site})
