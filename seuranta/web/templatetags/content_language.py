"""A plan's texts in the page's language, the fallback to the primary language marked.

    {% load content_language %}
    {% text node "title" %}                   the text; a fallback as <span lang="fi">…</span> (suomeksi)
    {% text node "title" chars=60 %}          shortened, as truncatechars
    {% text node "title" plain=True %}        the text alone, for <title> and attributes
    {% text node "description" as d %}        a Localized: d.text, d.lang, d.fallback, d.marker
    {% text node "level" %}                   the level name in the plan's translations
    {% text plan "title" default=plan %}      `default` where the text is empty
    {{ level|level_in:plan }}                 a level name in the page's language, plain
    {% language_note %}                       "The plan is written in Finnish." where the page's
                                              language is not one the plan is written in

The plan is the template's `plan` (a stored row or a core plan) unless given (`plan=...`): its
primary language and level names. See seuranta.plans.translations.shown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.text import Truncator

from seuranta.common.language import ui_lang
from seuranta.plans.translations import level_name, plan_note, shown

register = template.Library()


@register.simple_tag(takes_context=True)
def text(
    context,
    obj: Any,
    field: str,
    chars: int | None = None,
    plain: bool = False,
    plan: Any = None,
    default: Any = None,
) -> Any:
    value = shown(obj, field, plan if plan is not None else context.get("plan") or obj)
    if not value.text and default is not None:
        value = replace(value, text=str(default), fallback=False)
    if chars and value.text:
        value = replace(value, text=Truncator(str(value.text)).chars(chars))
    return str(value) if plain else value


@register.filter
def level_in(level: str, plan: Any) -> str:
    """A level name as the plan's translations write it in the page's language (plain text, for options)."""
    return str(level_name(plan, level, ui_lang())[0])


@register.simple_tag(takes_context=True)
def language_note(context, plan: Any = None) -> str:
    """One line on a page of a plan not written in the page's language: its texts are in another."""
    note = plan_note(plan if plan is not None else context.get("plan"))
    return format_html('<p class="lang-note">{}</p>', note) if note else ""
