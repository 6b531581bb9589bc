"""What the public pages show: an organisation's published plans, a plan's dashboard, privacy.

Every function reads a fixed number of rows whatever the plan's size: the plan once into the
core model (as the staff pages do), the closed rounds' snapshots in one query.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from seuranta.core import model as core
from seuranta.core.evaluation import PlanEvaluation
from seuranta.core.translations import localized, primary_of
from seuranta.monitoring.models import ReportingRound
from seuranta.plans.access import user_role
from seuranta.plans.models import Organization, Plan
from seuranta.public.models import PlanPublicity, PublicSite
from seuranta.web.statuses import STATUS_ORDER


def organization_site(slug: str) -> tuple[Organization, PublicSite]:
    """The organisation by its slug and its public site settings (the defaults until edited)."""
    organization = get_object_or_404(Organization, slug=slug)
    site = PublicSite.objects.filter(organization=organization).first()
    return organization, site or PublicSite(organization=organization)


def published_plan(organization: Organization, plan_id: int) -> Plan:
    plan = Plan.objects.filter(pk=plan_id, organization=organization, state=Plan.State.PUBLISHED).first()
    if plan is None:
        raise Http404
    return plan


def shows_people(user, plan: Plan) -> bool:
    """Staff names and the change history: for the organisation's members, or everyone if the plan says so."""
    if PlanPublicity.objects.filter(plan=plan, show_people=True).exists():
        return True
    return bool(user.is_authenticated and user_role(user, plan.organization_id))


@dataclass
class Group:
    name: str
    counts: dict[str, int]
    node: core.Node | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in STATUS_ORDER]


def focus_area_distribution(plan: core.Plan, evaluation: PlanEvaluation, lang: str) -> list[Group]:
    """For each top-level item (focus area), the statuses of the items below it; named in `lang`
    (the primary language's name where it has none)."""
    groups = []
    for top in plan.nodes:
        counts: Counter[str] = Counter()
        stack = list(top.children)
        while stack:
            node = stack.pop()
            counts[evaluation.node(node).status] += 1
            stack.extend(node.children)
        if not top.children:
            counts[evaluation.node(top).status] += 1
        groups.append(Group(localized(top, "title", lang, primary_of(plan))[0], dict(counts), top))
    return groups


def off_track(plan: core.Plan, evaluation: PlanEvaluation) -> list[tuple[core.Node, tuple[core.Node, ...]]]:
    return [(node, path) for node, path in plan.walk() if evaluation.node(node).status == "off_track"]


def round_trend(plan: Plan) -> list[tuple[ReportingRound, Group]]:
    """The closed rounds, oldest first, with the status counts their snapshots froze."""
    rounds = ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.CLOSED).order_by(
        "closed_at", "pk"
    )
    result = []
    for reporting_round in rounds.only("pk", "title", "period", "closed_at", "snapshot"):
        counts = (reporting_round.snapshot or {}).get("status_counts") or {}
        kept = {status: int(counts.get(status, 0)) for status in STATUS_ORDER}
        result.append((reporting_round, Group(reporting_round.title, kept)))
    return result
