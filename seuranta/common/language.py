"""The language of the request being answered, as the core's texts and number formats know it."""

from __future__ import annotations

from django.utils.translation import get_language

UI_LANGS = ("fi", "sv", "en")


def ui_lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in UI_LANGS else "fi"
