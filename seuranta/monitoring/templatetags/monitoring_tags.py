from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def plan_name(plan) -> str:
    """The plan's title; for an untitled plan its organisation and kind ("Porin kaupunki – operational goals")."""
    if plan.title:
        return plan.title
    parts = [str(plan.organization) if plan.organization_id else "", plan.get_kind_display() if plan.kind else ""]
    return " – ".join(p for p in parts if p) or _("Untitled plan")
