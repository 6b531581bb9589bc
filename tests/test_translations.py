"""The Finnish and Swedish catalogs stay complete, correct and compiled.

Every app keeps its own catalog in seuranta/<app>/locale/{fi,sv}/LC_MESSAGES
(the project-wide strings of settings.py in seuranta/locale). These tests read
the .po files with a small parser of their own, so they need no gettext tools:

- every message is translated, none is fuzzy, and the placeholders and HTML
  tags of each translation match its msgid;
- the committed .mo files say what the .po files say (a fresh checkout needs
  no msgfmt, so a forgotten `compilemessages` would otherwise go unnoticed);
- a msgid translated in two catalogs is translated the same way, because
  Django merges the catalogs and only one translation wins;
- pages rendered in Finnish and Swedish show no English msgid.
"""

from __future__ import annotations

import functools
import gettext
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PACKAGE = Path(__file__).resolve().parent.parent / "seuranta"
LANGS = ("fi", "sv")
# Apps with gettext strings, and the core (seuranta/core/locale, read by core/i18n.py);
# "" is the project catalog (seuranta/locale, for settings.py).
APPS = (
    "plans",
    "web",
    "importing",
    "monitoring",
    "reports",
    "api",
    "organizations",
    "sso",
    "public",
    "values",
    "core",
    "",
)
DJANGO_APPS = tuple(app for app in APPS if app != "core")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def where(self, path: Path) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"{path.relative_to(PACKAGE.parent)}:{self.line}: {context}{self.msgid!r}"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")\s*$')


def _unquote(text: str) -> str:
    text = text.strip()
    assert len(text) >= 2 and text[0] == text[-1] == '"', f"not a quoted string: {text}"
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], "\\" + m[1]), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header is the entry with an empty msgid)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None
    has_msgstr = False

    def start(number: int) -> Entry:
        nonlocal entry, has_msgstr
        if entry is not None:
            entries.append(entry)
        entry, has_msgstr = Entry(line=number), False
        return entry

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#"):
            if entry is None or has_msgstr:
                start(number)
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if match := _KEYWORD.match(line):
            keyword, index, value = match[1], match[2], _unquote(match[3])
            if entry is None or (has_msgstr and keyword in ("msgctxt", "msgid")):
                start(number)
            entry.obsolete = entry.obsolete or obsolete
            if keyword == "msgstr":
                has_msgstr = True
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = value
            else:
                target = (keyword, 0)
                setattr(entry, keyword, value)
        elif line.startswith('"') and entry is not None and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, name, getattr(entry, name) + _unquote(line))
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    if entry is not None:
        entries.append(entry)
    return entries


def catalog_dir(app: str, lang: str) -> Path:
    return (PACKAGE / app if app else PACKAGE) / "locale" / lang / "LC_MESSAGES"


CATALOGS = [pytest.param(app, lang, id=f"{app or 'project'}-{lang}") for app in APPS for lang in LANGS]


def messages(app: str, lang: str) -> list[Entry]:
    return list(_messages(app, lang))


@functools.cache
def _messages(app: str, lang: str) -> tuple[Entry, ...]:
    # The committed catalogs do not change during a run; many tests read them all.
    return tuple(
        e for e in parse_po(catalog_dir(app, lang) / "django.po") if not e.obsolete and not e.is_header
    )


def all_catalog_dirs() -> list[Path]:
    return sorted({p.parent for p in PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po")})


# %(name)s, %s, %d, {name}, {0}; and %% when the string is formatted with %.
_PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[A-Za-z_0-9]*\}"
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def placeholders(text: str, python_format: bool) -> Counter:
    found = Counter(_PLACEHOLDER.findall(text))
    if python_format and "%%" in text:
        found["%%"] = text.count("%%")
    return found


def tags(text: str) -> Counter:
    return Counter(re.sub(r"\s+", " ", t) for t in _TAG.findall(text))


def test_every_app_with_strings_has_fi_and_sv_catalogs():
    missing = [
        str(catalog_dir(app, lang) / name)
        for app in APPS
        for lang in LANGS
        for name in ("django.po", "django.mo")
        if not (catalog_dir(app, lang) / name).exists()
    ]
    assert not missing, "missing catalogs: " + ", ".join(missing)
    stray = [str(d) for d in all_catalog_dirs() if d.parent.name not in LANGS]
    assert not stray, "catalogs in languages the site does not offer: " + ", ".join(stray)


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_header_names_the_language_and_its_plural_forms(app, lang):
    headers = [e for e in parse_po(catalog_dir(app, lang) / "django.po") if e.is_header]
    assert len(headers) == 1, "one header entry expected"
    header = dict(line.split(":", 1) for line in headers[0].msgstr[0].splitlines() if ":" in line)
    assert header.get("Language", "").strip() == lang
    assert header.get("Plural-Forms", "").strip() == PLURAL_FORMS
    assert "charset=UTF-8" in header.get("Content-Type", "")
    assert "fuzzy" not in headers[0].flags


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_every_message_is_translated_and_none_is_fuzzy(app, lang):
    path = catalog_dir(app, lang) / "django.po"
    entries = messages(app, lang)
    assert entries, f"{path} has no messages"
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.where(path)}")
        expected_forms = {0, 1} if entry.msgid_plural is not None else {0}
        if set(entry.msgstr) != expected_forms:
            problems.append(
                f"plural forms {sorted(entry.msgstr)}, expected {sorted(expected_forms)}: {entry.where(path)}"
            )
        if not all(s.strip() for s in entry.msgstr.values()):
            problems.append(f"untranslated: {entry.where(path)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_placeholders_and_html_of_translations_match_the_msgid(app, lang):
    path = catalog_dir(app, lang) / "django.po"
    problems = []
    for entry in messages(app, lang):
        python_format = "python-format" in entry.flags
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural is not None else [])
        wanted = placeholders(entry.msgid, python_format)
        for source in sources[1:]:
            wanted |= placeholders(source, python_format)
        for index, translation in entry.msgstr.items():
            got = placeholders(translation, python_format)
            # A singular form may leave out the count ("yksi kohta"), but no form may add or misspell one.
            if entry.msgid_plural is not None:
                ok = set(got) <= set(wanted) and (index != 1 or set(got) == set(wanted))
            else:
                ok = got == wanted
            if not ok:
                problems.append(
                    f"placeholders {dict(got)} != {dict(wanted)} in msgstr[{index}]: {entry.where(path)}"
                )
            if tags(translation) != tags(entry.msgid):
                problems.append(f"HTML tags differ in msgstr[{index}]: {entry.where(path)}")
        if python_format:
            for translation in entry.msgstr.values():
                # A lone % (not %%, not a placeholder) breaks the % formatting.
                rest = _PLACEHOLDER.sub("", translation).replace("%%", "")
                if "%" in rest:
                    problems.append(f"lone % in {translation!r}: {entry.where(path)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("app", APPS, ids=lambda app: app or "project")
def test_finnish_and_swedish_catalogs_have_the_same_messages(app):
    def keys(lang):
        return {(e.msgctxt, e.msgid) for e in messages(app, lang)}

    assert keys("fi") == keys("sv")


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_compiled_mo_says_what_the_po_says(app, lang):
    """The committed .mo must be compiled from the current .po: every translation must come out of it."""
    directory = catalog_dir(app, lang)
    with (directory / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(app, lang):
        if entry.msgid_plural is not None:
            for n, index in ((1, 0), (2, 1)):
                got = (
                    compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if entry.msgctxt
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                if got != entry.msgstr[index]:
                    stale.append(f"{entry.where(directory / 'django.po')}: .mo has {got!r}")
        else:
            got = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else compiled.gettext(entry.msgid)
            )
            if got != entry.msgstr[0]:
                stale.append(f"{entry.where(directory / 'django.po')}: .mo has {got!r}")
    assert not stale, "run compilemessages; stale .mo:\n" + "\n".join(stale)
    assert compiled.info().get("plural-forms", "").strip() == PLURAL_FORMS


@pytest.mark.parametrize("lang", LANGS)
def test_a_message_in_several_catalogs_is_translated_the_same_everywhere(lang):
    """Django merges every app's catalog and only one translation of a msgid wins.

    The core's catalog is read on its own (core/i18n.py), never merged, so its words may differ:
    "Status" is "Tila" in a report's table and "Tilanne" on a page.
    """
    seen: dict[tuple, dict[str, tuple]] = {}
    for app in DJANGO_APPS:
        for entry in messages(app, lang):
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            seen.setdefault(key, {})[app or "project"] = tuple(sorted(entry.msgstr.items()))
    clashes = [f"{key[1]!r}: {apps}" for key, apps in seen.items() if len(set(apps.values())) > 1]
    assert not clashes, "\n".join(clashes)


# Rendering: no English msgid on a Finnish or Swedish page.


@functools.cache
def english_msgids() -> frozenset[str]:
    """Multi-word msgids whose translations differ from them: text that must not show on fi/sv pages."""
    english = set()
    for app in APPS:
        translated = {lang: {(e.msgctxt, e.msgid): e for e in messages(app, lang)} for lang in LANGS}
        for key, entry in translated["fi"].items():
            texts = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            for text in texts:
                if (
                    " " not in text
                    or _PLACEHOLDER.search(text)
                    or "%" in text
                    or "<" in text
                    or any(text in s for lang in LANGS for s in translated[lang][key].msgstr.values())
                ):
                    continue
                english.add(text)
    return frozenset(english)


def test_there_is_a_sample_of_english_to_look_for():
    sample = english_msgids()
    assert {"Log in", "Published plans", "Skip to content", "Goals and actions"} <= sample
    assert len(sample) > 100


@pytest.fixture
def pages(client, personas):
    from tests.factories import make_plan

    plan = make_plan(2, organization=personas.organization)
    node = plan.nodes.filter(parent__isnull=False).order_by("pk").first()
    return {
        "home": reverse("home"),
        "login": reverse("login"),
        "plan": reverse("plan", args=[plan.pk]),
        "node": reverse("node", args=[node.pk]),
    }


def _visible(content: str) -> str:
    """The page's text and attribute values, with scripts and styles left out."""
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S | re.I)
    return html.unescape(content)


def english_on_pages(client, personas, pages, lang: str, role: str) -> dict[str, list[str]]:
    if role != "anonymous":
        client.force_login(getattr(personas, role))
        pages = {name: url for name, url in pages.items() if name != "login"}  # logged in: redirects home
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    english = english_msgids()
    leaks = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        content = response.content.decode()
        assert f'<html lang="{lang}"' in content, name
        text = _visible(content)
        found = sorted(  # `in` first: a regular expression for each of a thousand msgids is slow
            msgid
            for msgid in english
            if msgid in text and re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)
        )
        if found:
            leaks[name] = found
    return leaks


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_pages_in_finnish_and_swedish_show_no_english(client, personas, pages, lang, role):
    leaks = english_on_pages(client, personas, pages, lang, role)
    assert not leaks, f"English on {lang} pages: {leaks}"


def test_the_check_finds_english_on_english_pages(client, personas, pages):
    leaks = english_on_pages(client, personas, pages, "en", "anonymous")
    assert set(leaks) == set(pages)
    assert "Published plans" in leaks["home"] and "Goals and actions" in leaks["plan"]
