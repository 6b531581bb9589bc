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


@register.filter
def iso_day(value: str):
    """A day kept as ISO text (a snapshot's "on"), as a date the `date` filter writes in the page's
    language; the text itself when it is not one."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
