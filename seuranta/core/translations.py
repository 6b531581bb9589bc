"""A plan's content in several languages: the one rule for reading a text in a language.

A plan is written in its primary language (`Plan.primary_language`, Finnish when not stated); the
plain fields of every object (`title`, `description`, `name`, `text`) hold that language.
The other languages sit beside them in the object's `translations`, one dict per language
with the same field names:

    {"sv": {"title": "Livskraft", "description": "..."}, "en": {"title": "Vitality"}}

The plan's level names are the plan's translations under "level_names", in the order of
`Plan.levels`. `localized` reads a field in a language and says which language the text it
returns is in, so a page can mark a fallback to the primary language (`lang="fi"`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CONTENT_LANGS = ("fi", "sv", "en")
DEFAULT_PRIMARY = "fi"
LEVEL_NAMES = "level_names"

# The translatable fields of each kind of object, as the interchange format names them.
FIELDS: dict[str, tuple[str, ...]] = {
    "plan": ("title",),
    "node": ("title", "description"),
    "indicator": ("name", "description"),
    "milestone": ("title",),
    "progress": ("text",),
}


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def primary_of(plan: Any) -> str:
    """A plan's primary language (`primary_language`, core or stored), else Finnish."""
    lang = _get(plan, "primary_language")
    return lang if lang in CONTENT_LANGS else DEFAULT_PRIMARY


def translation(obj: Any, field: str, lang: str) -> Any:
    """The text of `field` stored for `lang` in obj's translations, or None."""
    translations = _get(obj, "translations") or {}
    if not isinstance(translations, Mapping):
        return None
    texts = translations.get(lang) or {}
    return texts.get(field) if isinstance(texts, Mapping) else None


def _present(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_present(v) for v in value)
    return bool(value)


def localized(obj: Any, field: str, lang: str | None, primary: str | None) -> tuple[Any, str]:
    """(text of `field` in `lang`, the language that text is in).

    `obj` is a model object or its interchange dict. A language without its own text
    (missing, empty) falls back to the primary field; the second value is then `primary`,
    so the caller knows the fallback happened.
    """
    primary = primary if primary in CONTENT_LANGS else DEFAULT_PRIMARY
    if lang and lang != primary:
        text = translation(obj, field, lang)
        if _present(text):
            return text, lang
    return _get(obj, field), primary


def level_name(plan: Any, level: str, lang: str | None) -> tuple[str, str]:
    """A node's level name (as the plan's `levels` write it) in `lang`, with its language."""
    primary = primary_of(plan)
    levels = list(_get(plan, "levels") or [])
    if lang and lang != primary and level in levels:
        names = translation(plan, LEVEL_NAMES, lang) or []
        index = levels.index(level)
        if isinstance(names, list) and index < len(names) and _present(names[index]):
            return names[index], lang
    return level, primary


def languages_of(plan: Any) -> list[str]:
    """The plan's languages to write in: the primary first, then the required ones, in CONTENT_LANGS order."""
    primary = primary_of(plan)
    required = set(_get(plan, "required_languages") or [])
    return [primary] + [lang for lang in CONTENT_LANGS if lang in required and lang != primary]


def missing(obj: Any, fields: Iterable[str], languages: Iterable[str], primary: str) -> list[tuple[str, str]]:
    """(language, field) pairs whose primary text exists but whose translation in a language is missing."""
    return [
        (lang, field)
        for lang in languages
        if lang != primary
        for field in fields
        if _present(_get(obj, field)) and not _present(translation(obj, field, lang))
    ]


def cleaned(translations: Any) -> dict[str, dict[str, Any]]:
    """Translations with the empty texts and languages left out, for storing."""
    if not isinstance(translations, Mapping):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for lang, texts in translations.items():
        if lang not in CONTENT_LANGS or not isinstance(texts, Mapping):
            continue
        kept = {k: v for k, v in texts.items() if _present(v)}
        if kept:
            out[lang] = kept
    return out
