"""A plan's texts in the page's language, the fallback to the primary language marked.

    {% load content_language %}
    {% text node "title" %}                   the text; a fallback as <span lang="fi">…</span> (suomeksi)
    {% text node "title" chars=60 %}          shortened, as truncatechars
    {% text node "title" plain=True %}        the text alone, for <title> and attributes
    {% text node "description" as d %}        a Localized: d.text, d.lang, d.fallback, d.marker
    {% text node "level" %}                   the level name in the plan's translations

The plan is the template's `plan` (a stored row or a core plan) unless given (`plan=...`): its
primary language and level names. See seuranta.plans.translations.shown.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.text import Truncator

from seuranta.plans.translations import Localized, shown

register = template.Library()


@register.simple_tag(takes_context=True)
def text(
    context, obj: Any, field: str, chars: int | None = None, plain: bool = False, plan: Any = None
) -> Any:
    value = shown(obj, field, plan if plan is not None else context.get("plan") or obj)
    if chars and value.text:
        value = Localized(Truncator(str(value.text)).chars(chars), value.lang, value.fallback)
    return str(value) if plain else value
