"""Translation for the core: Python's standard gettext against the core's own catalogs.

The core never imports Django, so it cannot ask Django for the active language;
every function that writes text is given the language ("fi", "sv" or "en")
and passes it on. Messages are written in English in the code, wrapped in the
functions below, and translated in `seuranta/core/locale/{fi,sv}/LC_MESSAGES/
django.po` (compiled to .mo and read with `gettext.translation`). The domain is
"django" so that the same commands as in an app work here:

    cd seuranta/core
    ../../.venv/bin/django-admin makemessages -l fi -l sv --no-location
    ../../.venv/bin/django-admin compilemessages

The functions keep gettext's own names and argument order, with the language
last, so that makemessages (xgettext) finds their messages:

    gettext("actual {value}", lang)                 # also as _()
    ngettext("{count} done", "{count} done", n, lang)
    pgettext("status", "Achieved", lang)            # the same English, another meaning
    gettext_lazy("not started")                     # a Message, translated later: msg(lang)

English needs no catalog: its text is the msgid. An unknown language gets
Finnish, the product's first language.
"""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "LANGS",
    "Message",
    "_",
    "gettext",
    "gettext_lazy",
    "lang_of",
    "ngettext",
    "pgettext",
    "pgettext_lazy",
]

LANGS = ("fi", "sv", "en")
DEFAULT_LANG = "fi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"


def lang_of(lang: str | None) -> str:
    """One of LANGS: the language itself, else Finnish."""
    return lang if lang in LANGS else DEFAULT_LANG


@cache
def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of a language (English: the messages as written)."""
    lang = lang_of(lang)
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def gettext(message: str, lang: str) -> str:
    return catalog(lang).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    return catalog(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str) -> str:
    return catalog(lang).pgettext(context, message)


@dataclass(frozen=True)
class Message:
    """A message marked for translation now and translated when the language is known."""

    msgid: str
    context: str | None = None

    def __call__(self, lang: str) -> str:
        if self.context is None:
            return gettext(self.msgid, lang)
        return pgettext(self.context, self.msgid, lang)

    def __str__(self) -> str:
        return self.msgid


def gettext_lazy(message: str) -> Message:
    return Message(message)


def pgettext_lazy(context: str, message: str) -> Message:
    return Message(message, context)
