"""The plan quality check on the pages: the core's findings with a link to the place to fix each."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from seuranta.common.language import ui_lang
from seuranta.core import model as core
from seuranta.core.quality import check_plan
from seuranta.plans.models import Node, Plan


@dataclass(frozen=True)
class ShownFinding:
    code: str
    message: str
    url: str


def assigned_nodes(plan: Plan) -> set[int]:
    """Ids of the plan's nodes that have responsible users chosen in Seuranta. One query."""
    return set(
        Node.responsible_users.through.objects.filter(node__plan=plan).values_list("node_id", flat=True)
    )


def plan_findings(plan: Plan, core_plan: core.Plan) -> list[ShownFinding]:
    """The findings of a plan read with `seuranta.web.views.evaluated` (units as chosen), with links."""
    lang = ui_lang()
    shown = []
    for finding in check_plan(core_plan, assigned=assigned_nodes(plan)):
        if finding.fix_indicator:
            url = reverse("indicator_edit", args=[finding.indicator_key])
        elif finding.node_key is None:  # the plan's own texts
            url = reverse("plan_settings", args=[plan.pk])
        elif finding.code == "too_many_goals":
            url = reverse("node", args=[finding.node_key])
        else:
            url = reverse("node_edit", args=[finding.node_key])
        shown.append(ShownFinding(finding.code, finding.message(lang), url))
    return shown
