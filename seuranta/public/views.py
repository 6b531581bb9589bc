"""The public site of an organisation: its plans, a plan's dashboard and goal tree, node pages, downloads."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _

from seuranta.common.language import ui_lang
from seuranta.plans.models import ChangeRecord, Node, Organization, Plan
from seuranta.plans.translations import level_name
from seuranta.public.caching import public_page
from seuranta.public.site import (
    focus_area_distribution,
    off_track,
    organization_site,
    published_plan,
    round_trend,
    shows_people,
)
from seuranta.reports.plan_cache import evaluated_part
from seuranta.web.charts import distribution_chart, indicator_chart
from seuranta.web.history import with_subjects
from seuranta.web.statuses import STATUS_LABELS, status_choices
from seuranta.web.tree import Filters, find_node, plan_rows
from seuranta.web.views import evaluated


def _context(organization, site, **extra) -> dict:
    return {"organization": organization, "site": site, "statuses": status_choices(), **extra}


@public_page
def index(request):
    """Every organisation that has a published plan, linked to its public site."""
    organizations = Organization.objects.filter(plans__state=Plan.State.PUBLISHED).distinct().order_by("name")
    return render(request, "public/index.html", {"organizations": list(organizations)})


@public_page
def organization_home(request, slug: str):
    organization, site = organization_site(slug)
    plans = list(Plan.objects.filter(organization=organization, state=Plan.State.PUBLISHED).order_by("title"))
    return render(request, "public/organization.html", _context(organization, site, plans=plans))


@public_page
def plan_dashboard(request, slug: str, plan_id: int):
    organization, site = organization_site(slug)
    plan = published_plan(organization, plan_id)
    core_plan, evaluation = evaluated(plan)
    groups = focus_area_distribution(core_plan, evaluation, ui_lang())
    trend = round_trend(plan)
    labels = dict(STATUS_LABELS)
    return render(
        request,
        "public/plan.html",
        _context(
            organization,
            site,
            plan=plan,
            evaluation=evaluation,
            groups=groups,
            distribution=distribution_chart(
                [(g.name, g.counts) for g in groups], "distribution", _("Statuses by focus area"), labels
            ),
            off_track=off_track(core_plan, evaluation),
            trend=trend,
            trend_chart=distribution_chart(
                [(g.name, g.counts) for _r, g in trend], "trend", _("Statuses in the closed rounds"), labels
            ),
        ),
    )


@public_page
def plan_tree(request, slug: str, plan_id: int):
    organization, site = organization_site(slug)
    plan = published_plan(organization, plan_id)
    core_plan, evaluation = evaluated(plan)
    filters = Filters.from_query(request.GET)
    filters.unit = filters.responsible = ""  # the public tree filters by status, level and words
    rows = plan_rows(core_plan, plan.pk, evaluation, filters)
    levels = list(core_plan.levels) + sorted(
        {node.level for node, _p in core_plan.walk() if node.level and node.level not in core_plan.levels}
    )
    lang = ui_lang()
    levels = [(level, level_name(core_plan, level, lang)[0]) for level in levels]
    return render(
        request,
        "public/tree.html",
        _context(
            organization,
            site,
            plan=plan,
            rows=rows,
            filters=filters,
            levels=levels,
            matches=sum(1 for r in rows if r.matched),
        ),
    )


@public_page
def node_page(request, slug: str, node_id: int):
    organization, site = organization_site(slug)
    node_row = Node.objects.filter(pk=node_id, plan__organization=organization).only("pk", "plan_id").first()
    plan = published_plan(organization, node_row.plan_id if node_row else 0)
    # Only this node's part of the plan: faster than even the whole plan from the cache.
    part = evaluated_part(plan, node_id, timezone.localdate(), ui_lang())
    found = find_node(part[0], node_id) if part is not None else None
    if part is None or found is None:
        raise Http404
    evaluation = part[1]
    node, ancestors = found
    people = shows_people(request.user, plan)
    indicators = [
        {
            "indicator": indicator,
            "evaluation": evaluation.indicator(indicator),
            "chart": indicator_chart(indicator, f"chart-{indicator.key}"),
        }
        for indicator in node.indicators
    ]
    changes = (
        with_subjects(ChangeRecord.objects.filter(node_id=node_id).select_related("user")[:20])
        if people
        else []
    )
    return render(
        request,
        "public/node.html",
        _context(
            organization,
            site,
            plan=plan,
            node=node,
            ancestors=ancestors,
            result=evaluation.node(node),
            indicators=indicators,
            children=[{"node": c, "evaluation": evaluation.node(c)} for c in node.children],
            show_people=people,
            changes=changes,
        ),
    )


@public_page
def open_data_csv(request, slug: str, plan_id: int):
    """The plan's items and their statuses today as CSV (semicolon-separated, as Finnish Excel reads it)."""
    organization, _site = organization_site(slug)
    plan = published_plan(organization, plan_id)
    core_plan, evaluation = evaluated(plan)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="suunnitelma-{plan.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["id", "parent_id", "level", "title", "status", "reason", "indicators"])
    for node, path in core_plan.walk():
        result = evaluation.node(node)
        parent = path[-1].key if path else ""
        names = " | ".join(i.name for i in node.indicators)
        writer.writerow([node.key, parent, node.level, node.title, result.status, result.reason, names])
    return response


def set_language(request, code: str):
    """Change the language by a plain link, so the public pages need no form (and no CSRF token)."""
    target = request.GET.get("next") or reverse("public:index")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("public:index")
    response = HttpResponseRedirect(target)
    if check_for_language(code):
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
