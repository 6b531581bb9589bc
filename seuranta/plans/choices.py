"""Django choices from the core's vocabulary (`seuranta.core.vocabulary`), so nothing lists them twice.

`text_choices(Phase)` is a `models.TextChoices` whose members are the core
enum's, labelled lazily with the core's own translation in the active language
(`label`). Models, forms and templates use these and no list of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_lazy

from seuranta.core.i18n import Message

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise  # typing only: Django's lazy strings


def _language() -> str:
    """The active language as the core names it; none active (migrations, commands) is English."""
    return (get_language() or "en").split("-")[0]


def _translate(message: Message) -> str:
    return message(_language())


# django-stubs types lazy() as returning the function itself; it returns a function of lazy strings.
_lazy_translate: Callable[[Message], StrPromise] = lazy(_translate, str)  # type: ignore[assignment]


def label(message: Message) -> StrPromise:
    """A core message as a Django lazy string, translated when shown."""
    return _lazy_translate(message)


def text_choices(vocabulary: type[StrEnum]) -> type[models.TextChoices]:
    """A TextChoices with the members of a core vocabulary enum and their translated labels."""
    members = [(member.name, (member.value, label(member.label))) for member in vocabulary]  # type: ignore[attr-defined]
    # mypy checks Enum's functional API against TextChoices.__init__, which takes a member's value.
    return models.TextChoices(vocabulary.__name__, members)  # type: ignore[call-overload]


# The languages a plan's content can be written in (seuranta.core.translations.CONTENT_LANGS).
CONTENT_LANGUAGES = [
    ("fi", gettext_lazy("Finnish")),
    ("sv", gettext_lazy("Swedish")),
    ("en", gettext_lazy("English")),
]
