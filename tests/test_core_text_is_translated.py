"""The core holds no user-facing text outside gettext (seuranta/core/i18n.py).

Every sentence the core shows people (statuses, reasons, report headings, the
plan format's error messages) is an English msgid wrapped in the core's gettext
functions and translated in seuranta/core/locale. This test reads the core's
source and fails on a string literal that reads like words for people (two
words or more) and is not:

- wrapped in a gettext function (`_`, `gettext`, `ngettext`, `pgettext`, `gettext_lazy`, ...);
- a docstring, the message of an exception raised for developers, or a log message for operators;
- markup (HTML, SVG, CSS) or the name of one of Word's built-in styles;
- a regular expression (an argument of a `re` function): the words the measure
  language reads, not words it shows.

The importer (seuranta/core/parsing) is out of scope: its strings are the
vocabulary of the documents it reads (and its lexicon is data in JSON files).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "seuranta" / "core"
OUT_OF_SCOPE = ("parsing",)
GETTEXT = frozenset({"_", "gettext", "ngettext", "pgettext", "gettext_lazy", "pgettext_lazy"})
# Two words of letters with a space between them: "target met", "Tila", not "%", "fi", "achieved".
WORDS = re.compile(r"[^\W\d_]{2,}[ \u00a0][^\W\d_]{2,}")
LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical"})
WORD_STYLES = frozenset({"Table Grid", "List Bullet"})  # python-docx names them in English


def _is_markup(text: str) -> bool:
    return "<" in text or '="' in text or ("{" in text and ";" in text and "}" in text)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_regex_call(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re"


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under which strings are fine: gettext calls, regexes, raises, docstrings."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and (_name(node.func) in GETTEXT | LOG_METHODS or _is_regex_call(node.func))
            or isinstance(node, ast.Raise)
        ):
            exempt.add(id(node))
        elif isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                exempt.add(id(body[0]))
    return exempt


def untranslated_text(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal that reads like words for people and is not in gettext."""
    tree = ast.parse(source)
    exempt = _exempt_nodes(tree)
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if id(node) in exempt:
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if WORDS.search(text) and not _is_markup(text) and text not in WORD_STYLES:
                found.append((node.lineno, text))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def core_modules() -> list[Path]:
    return sorted(path for path in CORE.rglob("*.py") if path.relative_to(CORE).parts[0] not in OUT_OF_SCOPE)


def test_the_core_has_no_user_facing_text_outside_gettext():
    offenders = [
        f"{path.relative_to(CORE)}:{line}: {text!r}"
        for path in core_modules()
        for line, text in untranslated_text(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "wrap these in the core's gettext (seuranta/core/i18n.py):\n" + "\n".join(offenders)


def test_the_check_finds_a_sentence_outside_gettext():
    source = 'def reason(lang):\n    return "tavoite saavutettu"\n'
    assert untranslated_text(source) == [(2, "tavoite saavutettu")]


def test_the_check_accepts_gettext_docstrings_regexes_and_developer_errors():
    source = (
        '"""A module that explains itself in words."""\n'
        "import re\n"
        "from seuranta.core.i18n import gettext as _, pgettext\n"
        'PATTERN = re.compile(r"enemmän kuin|vähemmän kuin")\n'
        "def reason(lang, kind):\n"
        '    """Says why, in words."""\n'
        "    if kind is None:\n"
        '        raise ValueError("unknown report variant")\n'
        '    return _("target met", lang) + pgettext("status", "On track", lang)\n'
    )
    assert untranslated_text(source) == []


def _messages_used() -> set[tuple[str | None, str]]:
    """(context, msgid) of every gettext call in the core with literal arguments."""
    used: set[tuple[str | None, str]] = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _name(node.func) not in GETTEXT:
                continue
            args = [
                a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                for a in node.args
            ]
            if _name(node.func).startswith("p") and len(args) >= 2 and args[0] and args[1]:
                used.add((args[0], args[1]))
            elif args and args[0]:
                used.add((None, args[0]))
                if _name(node.func) == "ngettext" and len(args) > 1 and args[1]:
                    used.add((None, args[1]))
    return used


def test_every_message_the_core_uses_is_in_its_catalogs():
    from tests.test_translations import parse_po

    missing, used = [], _messages_used()
    for lang in ("fi", "sv"):
        entries = parse_po(CORE / "locale" / lang / "LC_MESSAGES" / "django.po")
        known = {(e.msgctxt, e.msgid) for e in entries if not e.obsolete} | {
            (e.msgctxt, e.msgid_plural) for e in entries if e.msgid_plural and not e.obsolete
        }
        missing += [f"{lang}: {message!r}" for message in sorted(used - known, key=str)]
    assert not missing, "not in seuranta/core/locale (run makemessages there):\n" + "\n".join(missing)


def test_no_gettext_call_hides_in_an_f_string():
    """makemessages (xgettext) does not read inside f-strings, so a message there never reaches the catalogs."""
    hidden = [
        f"{path.relative_to(CORE)}:{call.lineno}"
        for path in CORE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.JoinedStr)
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and _name(call.func) in GETTEXT
    ]
    assert not hidden, "take these gettext calls out of their f-strings:\n" + "\n".join(hidden)
