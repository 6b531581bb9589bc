"""Reading pages: home, a plan's tree, one node; and the error pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token

from seuranta.common.language import ui_lang
from seuranta.core.reports.charts import plan_start
from seuranta.plans.access import get_node_for, get_plan_for, managed_organizations, plan_access
from seuranta.plans.models import ChangeRecord, Membership, Node, Plan
from seuranta.reports.plan_cache import evaluated_part, evaluated_plan, headlines
from seuranta.web.charts import indicator_chart
from seuranta.web.history import with_subjects
from seuranta.web.plan_page import plan_page
from seuranta.web.quality import plan_findings
from seuranta.web.statuses import status_choices
from seuranta.web.tree import Filters, find_node
from seuranta.web.views_cascade import node_cascade


def evaluated(plan: Plan):
    """The plan read into the core model, and its statuses today: read and evaluated once per version
    (seuranta.reports.plan_cache, which API v1 shares)."""
    return evaluated_plan(plan, timezone.localdate(), ui_lang())


def home(request):
    plans = list(
        Plan.objects.visible_to(request.user)
        .select_related("organization")
        .order_by("organization__name", "title")
    )
    roles = {}
    if request.user.is_authenticated:
        roles = dict(
            Membership.objects.active().filter(user=request.user).values_list("organization_id", "role")
        )
    # Each plan's status once per version of it; the plans not in the cache in one read, so the
    # page's queries do not grow with the number of plans.
    statuses = headlines(plans, timezone.localdate(), ui_lang())
    cards = []
    for plan in plans:
        # The roles were read above; "" (no role) keeps plan_access from querying per plan.
        access = plan_access(request.user, plan, role=roles.get(plan.organization_id, ""))
        status, reason, summary = statuses[plan.pk]
        evaluation = {"status": status, "reason": reason, "summary": summary}
        cards.append({"plan": plan, "access": access, "evaluation": evaluation})
    own = [c for c in cards if c["access"].role]
    public = [c for c in cards if not c["access"].role]
    can_create = managed_organizations(request.user).exists()
    return render(request, "web/home.html", {"own": own, "public": public, "can_create": can_create})


def plan_detail(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    filters = Filters.from_query(request.GET)
    page = plan_page(plan, access, filters, timezone.localdate(), ui_lang())
    changes = with_subjects(ChangeRecord.objects.filter(plan=plan).select_related("user", "node")[:10])
    # The quality check while the plan is drafted, for those who can fix it.
    drafted = access.can_edit and plan.state == Plan.State.DRAFT
    findings = plan_findings(plan, evaluated(plan)[0]) if drafted else None
    supporting = list(Plan.objects.visible_to(request.user).filter(supports=plan).order_by("title", "pk"))
    supports = (
        Plan.objects.visible_to(request.user).filter(pk=plan.supports_id).first()
        if plan.supports_id
        else None
    )
    return render(
        request,
        "web/plan.html",
        {
            "plan": plan,
            "access": access,
            "page": page,
            "filters": filters,
            "statuses": status_choices(),
            "changes": changes,
            "findings": findings,
            "supports": supports,
            "supporting": supporting,
        },
    )


def node_detail(request, node_id: int):
    node_row, plan, access = get_node_for(request.user, node_id)
    # Only this node's part of the plan: faster than even the whole plan from the cache.
    part = evaluated_part(plan, node_row.pk, timezone.localdate(), ui_lang())
    found = find_node(part[0], node_row.pk) if part is not None else None
    if part is None or found is None:  # deleted between the two reads
        raise Http404
    core_plan, evaluation = part
    node, ancestors = found
    start = plan_start(core_plan.period)
    indicators = [
        {
            "indicator": indicator,
            "evaluation": evaluation.indicator(indicator),
            "chart": indicator_chart(
                indicator, f"chart-{indicator.key}", plan_start=start, scale=core_plan.state_scale
            ),
        }
        for indicator in node.indicators
    ]
    children = [{"node": child, "evaluation": evaluation.node(child)} for child in node.children]
    changes = with_subjects(ChangeRecord.objects.filter(node=node_row).select_related("user")[:50])
    responsible_users = list(node_row.responsible_users.all())
    return render(
        request,
        "web/node.html",
        {
            "plan": plan,
            "access": access,
            "node_row": node_row,
            "node": node,
            "ancestors": ancestors,
            "result": evaluation.node(node),
            "indicators": indicators,
            "children": children,
            "changes": changes,
            "responsible_users": responsible_users,
            "open_reports": open_reports(request.user, node_row, access, responsible_users),
            **node_cascade(request.user, node_row),
        },
    )


def open_reports(user, node_row: Node, access, responsible_users: list) -> list:
    """The node's reports in open rounds that the user may write: theirs, or any for a coordinator."""
    mine = user.is_authenticated and any(u.pk == user.pk for u in responsible_users)
    if not (access.can_report and (mine or access.can_coordinate)):
        return []
    return list(
        node_row.round_entries.filter(round__state="open").select_related("round").order_by("round__deadline")
    )


def permission_denied(request, exception=None):
    return render(request, "web/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "web/404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No context processors that might fail again: a plain template with the request only.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("web/500.html").render({"request": request}))
