"""The plan's languages side by side in an edit form.

A form of a translatable row (plan, node, indicator, milestone) gets one field per other
language beside each translatable field (`title__sv`, `description__en`), labelled with the
language and carrying its `lang` attribute, so a screen reader reads each in its own voice.
The form's `rows` put each field and its translations in one row of columns (stacked on a
narrow screen). The texts are saved with the row's other fields through
`seuranta.plans.saving.save_with_version`: `translated` gives the new `translations` value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext as _

from seuranta.plans.translations import (
    CONTENT_LANGS,
    language_name,
    languages_of,
    primary_of,
    translation,
    with_texts,
)


@dataclass
class Row:
    """A field of the form, alone or (`columns`) with its translations."""

    field: BoundField
    columns: list[BoundField] = default(default_factory=list)


def edit_languages(plan: Any, *rows: Any) -> list[str]:
    """The languages to write in: the plan's (primary first, then the required ones), and any other
    language a row already has texts in, so that none is hidden from the person editing."""
    languages = languages_of(plan)
    present = {lang for row in rows if row is not None for lang in (getattr(row, "translations", None) or {})}
    return languages + [lang for lang in CONTENT_LANGS if lang in present and lang not in languages]


def name(field_name: str, lang: str) -> str:
    return f"{field_name}__{lang}"


def _label(label: Any, lang: str) -> str:
    return _("%(field)s (%(language)s)") % {"field": label, "language": language_name(lang)}


def _translation_field(original: forms.Field, lang: str) -> forms.Field:
    widget = original.widget.__class__(attrs={**original.widget.attrs, "lang": lang})
    kind = original.__class__ if isinstance(original, forms.CharField) else forms.CharField
    return kind(
        label=_label(original.label, lang),
        # The same guidance in each column, so the columns' inputs line up.
        help_text=original.help_text,
        required=False,
        max_length=getattr(original, "max_length", None),
        widget=widget,
    )


def add_languages(form: forms.BaseForm, plan: Any, fields: Sequence[str], languages: Sequence[str]) -> None:
    """Give `form` a field per other language beside each of `fields`, and its `rows`.

    With only the primary language nothing changes but the fields' `lang` attribute."""
    primary = primary_of(plan)
    others = [lang for lang in languages if lang != primary]
    for field_name in fields:
        original = form.fields[field_name]
        original.widget.attrs["lang"] = primary
        for lang in others:
            # A form sent without a language's field (an older page) leaves that language's texts alone.
            if not form.is_bound or name(field_name, lang) in form.data:
                form.fields[name(field_name, lang)] = _translation_field(original, lang)
        if others:
            original.label = _label(original.label, primary)
    translated = {name(f, lang) for f in fields for lang in others}
    form.rows = [  # type: ignore[attr-defined]
        Row(form[n], [form[name(n, lang)] for lang in others if name(n, lang) in form.fields])
        for n in form.fields
        if n not in translated
    ]


# A form field whose translations are kept under another key: the plan's levels are its "level_names".
KEYS = {"levels": "level_names"}


def initial(row: Any, fields: Iterable[str], languages: Iterable[str], primary: str) -> dict[str, Any]:
    """The row's translated texts as the form's initial values (and as the stored values on a conflict)."""
    out: dict[str, Any] = {}
    if row is None:
        return out
    for lang in languages:
        if lang == primary:
            continue
        for field_name in fields:
            value = translation(row, KEYS.get(field_name, field_name), lang)
            out[name(field_name, lang)] = value
    return out


def translated(
    data: Mapping[str, Any],
    current: Mapping | None,
    fields: Iterable[str],
    languages: Iterable[str],
    primary: str,
) -> dict:
    """`current` translations with the texts of the form's languages replaced by `data`'s."""
    out = dict(current or {})
    for lang in languages:
        if lang == primary:
            continue
        texts = {KEYS.get(f, f): data.get(name(f, lang)) for f in fields if name(f, lang) in data}
        out = with_texts(out, lang, texts)
    return out


def only_primary(data: Mapping[str, Any]) -> dict[str, Any]:
    """The cleaned data without the translation fields: the row's own fields."""
    return {k: v for k, v in data.items() if "__" not in k}
