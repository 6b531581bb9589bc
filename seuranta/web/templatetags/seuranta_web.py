"""Template helpers: status badges and links to other apps' pages that may not exist yet."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import SafeString, mark_safe

from seuranta.plans.access import navigation_rights
from seuranta.web.charts import fmt
from seuranta.web.charts import role_label as chart_role_label
from seuranta.web.history import author, value_text
from seuranta.web.statuses import (
    ACTION_LABELS,
    FIELD_LABELS,
    MEASURE_KIND_LABELS,
    OBJECT_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    badge,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """What the main navigation may offer this user (seuranta.plans.access.navigation_rights), once a request."""
    request = context.get("request")
    if request is None:
        return navigation_rights(AnonymousUser())
    if not hasattr(request, "_seuranta_navigation"):
        request._seuranta_navigation = navigation_rights(request.user)
    return request._seuranta_navigation


@register.simple_tag
def status_badge(status: str | None, reason: str = "") -> SafeString:
    return mark_safe(badge(status, reason))  # noqa: S308 - every text escaped there


@register.filter
def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@register.filter
def verdict_label(verdict: str | None) -> str:
    """The verdict a responsible person chose ("osittain toteutunut"), or "" for none."""
    return str(VERDICT_LABELS.get(verdict or "", ""))


@register.filter
def lines(values) -> str:
    """A list of strings as one text, a line each (for textareas)."""
    return "\n".join(str(v) for v in values or [])


@register.filter
def role_label(role: str) -> str:
    return str(chart_role_label(role))


@register.filter
def number(value) -> str:
    return fmt(value) if isinstance(value, int | float) else ""


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag
def change_label(change) -> str:
    what = OBJECT_LABELS.get(change.object_type, change.object_type)
    action = ACTION_LABELS.get(change.action, change.action)
    return f"{what}: {action}"


@register.simple_tag
def history_value(value, field_name: str, change) -> str:
    """A value in a change record as a person reads it (seuranta.web.history)."""
    return value_text(value, field_name, change.object_type)


@register.simple_tag(takes_context=True)
def change_author(context, change) -> str:
    request = context.get("request")
    user = request.user if request is not None else AnonymousUser()
    return author(change, user, context.get("plan"))


@register.filter
def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@register.filter
def measure_kind(kind: str | None) -> str:
    return str(MEASURE_KIND_LABELS.get(kind or "", MEASURE_KIND_LABELS[""]))
