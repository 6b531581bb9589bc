from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def plan_name(plan) -> str:
    """The plan's title; for an untitled plan its kind and period ("Operational goals 2026")."""
    if plan.title:
        return plan.title
    parts = [str(plan.get_kind_display()).capitalize() if plan.kind else "", plan.period or ""]
    name = " ".join(p for p in parts if p)
    if not name and plan.organization_id:
        name = str(plan.organization)
    return name or _("Untitled plan")
