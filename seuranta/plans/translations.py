"""A plan's content in several languages, for pages and forms: the one place they read and write it.

The rule itself (which text a language gets, and when it is the primary language's instead) is
`seuranta.core.translations.localized`, pure so that the core's reports use it too; stored rows
and core objects both carry `translations` ({"sv": {"title": ...}}) beside their primary fields.
This module adds what Django pages need: the text with its language as a value a template shows
with the fallback marked, the languages' names, and the translations a form saves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from seuranta.common.language import ui_lang
from seuranta.core.translations import (
    CONTENT_LANGS,
    DEFAULT_PRIMARY,
    FIELDS,
    LEVEL_NAMES,
    cleaned,
    languages_of,
    level_name,
    localized,
    missing,
    primary_of,
    translation,
)

__all__ = [
    "CONTENT_LANGS",
    "DEFAULT_PRIMARY",
    "FIELDS",
    "LEVEL_NAMES",
    "Localized",
    "cleaned",
    "in_language",
    "language_name",
    "languages_of",
    "level_name",
    "localized",
    "missing",
    "plan_note",
    "primary_of",
    "shown",
    "translation",
    "translations_field",
    "with_texts",
    "writes_in",
]

_NAMES = {"fi": gettext_lazy("Finnish"), "sv": gettext_lazy("Swedish"), "en": gettext_lazy("English")}
# The marker beside a text shown in another language than the page's ("suomeksi", "på finska").
_IN_LANGUAGE = {
    "fi": gettext_lazy("in Finnish"),
    "sv": gettext_lazy("in Swedish"),
    "en": gettext_lazy("in English"),
}


def translations_field() -> models.JSONField:
    """A model's texts in the plan's other languages: {"sv": {"title": "..."}, ...}; the plain fields
    hold the primary language (docs/architecture.md, "Content in several languages")."""
    return models.JSONField(_("translations"), default=dict, blank=True)


_WRITTEN_IN = {
    "fi": gettext_lazy("The plan is written in Finnish."),
    "sv": gettext_lazy("The plan is written in Swedish."),
    "en": gettext_lazy("The plan is written in English."),
}


def language_name(lang: str) -> str:
    """The language's name in the page's language ("ruotsi", "svenska", "Swedish")."""
    return str(_NAMES.get(lang, lang))


def in_language(lang: str) -> str:
    """ "in Finnish" in the page's language ("suomeksi", "på finska")."""
    return str(_IN_LANGUAGE.get(lang, lang))


@dataclass(frozen=True)
class Localized:
    """A text in the language a page asked for, or the primary language's text when it has none.

    In a template `{{ value }}` shows the text, and a fallback wrapped in an element with its own
    `lang` (screen readers switch voice), followed by a small visible marker ("suomeksi") when
    `marked`; `text`, `lang` and `fallback` are there for markup of its own (a description's
    paragraphs).
    """

    text: Any
    lang: str
    fallback: bool
    # Whether the fallback is marked beside the text too: a gap in a language the plan is written
    # in. A plan not written in the page's language at all says so once (`plan_note`) instead.
    marked: bool = True

    def __str__(self) -> str:
        return "" if self.text is None else str(self.text)

    def marker(self) -> SafeString:
        if not (self.fallback and self.marked):
            return SafeString("")
        return format_html(' <span class="lang-fallback">({})</span>', in_language(self.lang))

    def __html__(self) -> SafeString:
        if not self.fallback:
            return format_html("{}", str(self))
        return format_html('<span lang="{}">{}</span>{}', self.lang, str(self), self.marker())


def writes_in(plan: Any, lang: str) -> bool:
    """Whether the plan is written in `lang`: its primary or a required language."""
    return lang in languages_of(plan)


def shown(obj: Any, field: str, plan: Any, lang: str | None = None) -> Localized:
    """`field` of obj (a row or core object of `plan`) in `lang` (the page's language by default)."""
    lang = lang or ui_lang()
    primary = primary_of(plan)
    if field == "level":
        text, text_lang = level_name(plan, getattr(obj, "level", ""), lang)
    else:
        text, text_lang = localized(obj, field, lang, primary)
    # Only a text that is there is marked: an empty field needs no language. A level name is a
    # small label: its language is set, without a marker of its own.
    fallback = text_lang != lang and bool(text)
    return Localized(text, text_lang, fallback, marked=field != "level" and writes_in(plan, lang))


def plan_note(plan: Any, lang: str | None = None) -> str:
    """A sentence for a page of a plan not written in the page's language ("This plan is in Finnish."), or ""."""
    lang = lang or ui_lang()
    if writes_in(plan, lang):
        return ""
    return str(_WRITTEN_IN.get(primary_of(plan), ""))


def with_texts(translations: Mapping | None, lang: str, texts: Mapping[str, Any]) -> dict:
    """`translations` with `lang`'s texts replaced by `texts` (others kept), the empty ones left out."""
    out = {k: dict(v) for k, v in (translations or {}).items() if isinstance(v, Mapping)}
    out[lang] = {**out.get(lang, {}), **texts}
    return cleaned(out)
