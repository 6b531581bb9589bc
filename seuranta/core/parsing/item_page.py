"""A page about one item: a climate-watch action, a follow-up site's measure, a project card.

Such a page prints one item's title beside its identifier ("147", "0.3.2", "Åtgärd A21. 2.2.
10"), or twice (a breadcrumb copy, then the heading), and then its fields as a definition
list: a short field name on a line of its own ("Vastuuorganisaatiot", "Ansvarig organisation",
"Eteneminen") with its values on the lines after it, sub-headings over prose, dated tasks. Read
as an outline, every sub-heading would be a node of its own; read as a page, the title is the
one node and everything under it is its text and fields.

    as_item_page(lines, profile)   the lines with the page's title as its only item, or None
                                   when the document does not read as a page about one item

A page that prints no heading and opens with the field describing its item ("Ohjauskeinon
kuvaus" over one sentence) is named by that sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from seuranta.core.parsing import lexicon
from seuranta.core.parsing.outline import Line
from seuranta.core.parsing.profile import Profile, resolve_label
from seuranta.core.parsing.text import title_key

# "147", "0.3.2", "A21. 2.2. 10": codes of digits, dots and one capital letter, a year excluded.
_CODE_RE = re.compile(r"^[A-ZÅÄÖ]?\d{1,3}(?:[.)]\d{1,3})*[.)]?$")
# "0.3.2 Otsikko": an identifier of several levels in front of the title (style dec2, dec3 ...).
_MULTILEVEL_RE = re.compile(r"^dec[2-9]$")
_MULTILEVEL_CODE_RE = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\b|\b\d{1,3}\.\d{1,3}\b(?!\.\d{4})")
MAX_LINES_BEFORE_CODE = 6
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_DATED_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}\b")
# The field names a page prints over their values; a level name is not one.
_FIELD_ROLES = frozenset(
    {"responsible", "schedule", "progress", "milestone", "indicator", "actual", "target"}
)
MAX_CODE_TOKENS = 4
MAX_TITLE_WORDS = 20
MAX_FIELD_WORDS = 2
MIN_FIELD_ROLES = 2
# Numbered items of one kind that make a list of several items (two may be a page's title and
# the next item's link).
MIN_LIST = 3  # distinct field names that make a page of a document with no identifier
_STRUCTURE_STYLES = ("dec", "lex:", "rec:", "roman", "alpha", "ALPHA", "toc:")


def _is_code(line: Line) -> bool:
    """An identifier on a line of its own, or after one word that names what it identifies."""
    tokens = line.text.split()
    if not tokens or len(tokens) > MAX_CODE_TOKENS:
        return False
    codes = tokens[1:] if not _CODE_RE.match(tokens[0]) else tokens
    return bool(codes) and all(_CODE_RE.match(t) and not _YEAR_RE.match(t) for t in codes)


def _reads_as_title(line: Line) -> bool:
    words = line.text.split()
    return (
        line.kind in ("text", "item")
        and not line.bullet
        and 2 <= len(words) <= MAX_TITLE_WORDS
        and line.text[:1].isupper()
        and not line.text.endswith((".", ":", ";", ",", "?", "!"))
        and not _is_code(line)
    )


def _field_role(line: Line, profile: Profile | None) -> str | None:
    """The field a short line names when it stands over its values, or a label names."""
    if line.kind == "label":
        text = line.label or ""
    elif line.kind in ("text", "item") and not line.bullet and len(line.text.split()) <= MAX_FIELD_WORDS:
        text = line.text
    else:
        return None
    decision = resolve_label(text, profile)
    return decision.role if decision is not None and decision.role in _FIELD_ROLES else None


def _title_index(lines: list[Line]) -> tuple[int, int | None, bool] | None:
    """The page's title, the identifier beside it, and whether the title is sure: the next
    title-like line after a code (else the one before it), or the one numbered item of its
    kind ("0.3.2 Otsikko"); with no identifier, a heading printed twice (the later copy), or
    at worst the first title-like line after a breadcrumb word."""
    shown = [i for i, line in enumerate(lines) if line.kind != "blank"]
    styles = Counter(line.style for line in lines if line.kind == "item")
    for n, i in enumerate(shown):
        line = lines[i]
        numbered = (
            line.kind == "item" and _MULTILEVEL_RE.match(line.style or "") and styles[line.style] < MIN_LIST
        )
        if numbered and _reads_as_title(replace(line, kind="text")):
            return i, None, True
        if not _is_code(line):
            continue
        # The title is next to its code, past single words of navigation: after it, else before.
        after = next((shown[m] for m in range(n + 1, len(shown)) if not _is_crumb(lines[shown[m]])), None)
        before = next((shown[m] for m in range(n - 1, -1, -1) if not _is_crumb(lines[shown[m]])), None)
        title = next((k for k in (after, before) if k is not None and _reads_as_title(lines[k])), None)
        if title is not None:
            return title, i, True
    for n, i in enumerate(shown[1:], start=1):
        previous = lines[shown[n - 1]]
        if _reads_as_title(lines[i]) and title_key(previous.text).endswith(title_key(lines[i].text)):
            return i, None, True
    found = _unsure_title(lines, shown)
    return (found, None, False) if found is not None else None


def _unsure_title(lines: list[Line], shown: list[int]) -> int | None:
    """A page that opens with the field describing its item ("Kuvaus") over one sentence: that
    sentence is the item's wording, so its name. Else the first title-like line after a
    breadcrumb word, before any field heading (a field's value is no title)."""
    if len(shown) > 1 and _describes(lines[shown[0]]) and _one_sentence(lines[shown[1]]):
        return shown[1]
    for n, i in enumerate(shown[1:], start=1):
        if _field_role(lines[i], None) is not None:
            return None
        if _reads_as_title(lines[i]) and _is_crumb(lines[shown[n - 1]]):
            return i
    return None


def _describes(line: Line) -> bool:
    entry = lexicon.label_role(line.label or "" if line.kind == "label" else line.text)
    return entry is not None and entry.role == "description" and not line.value


def _one_sentence(line: Line) -> bool:
    text = line.text.rstrip(" .")
    return line.kind == "text" and "." not in text and 2 <= len(text.split()) <= MAX_TITLE_WORDS


def _heads_page(lines: list[Line], code_at: int | None) -> bool:
    """An identifier of several levels ("0.3.2") among the first lines heads a page about one
    item even when the page's fields were cut off; a lone number ("12") may be a page number."""
    if code_at is None or not _MULTILEVEL_CODE_RE.search(lines[code_at].text):
        return False
    return sum(1 for line in lines[:code_at] if line.kind != "blank") < MAX_LINES_BEFORE_CODE


def _is_crumb(line: Line) -> bool:
    """A single word on a line of its own, as a page's breadcrumb or navigation prints it."""
    return line.kind in ("text", "item") and len(line.text.split()) == 1 and not _is_code(line)


def as_item_page(lines: list[Line], profile: Profile | None = None) -> list[Line] | None:
    """The document as one item: its title the only item (named by a level word in front of its
    identifier or on the line before it, "Toimenpiteet" over "147"), every other heading and
    list item text under it, dated tasks kept as its milestones. None for a document whose
    numbering or repeated labels give it several items, or without field names and a title."""
    styles = Counter(line.style for line in lines if line.kind == "item")
    if any(
        (style or "").startswith(_STRUCTURE_STYLES) and count >= MIN_LIST for style, count in styles.items()
    ):
        return None  # numbered items, level words or records in a row: a list of several items
    found = _title_index(lines)
    if found is None:
        return None
    title_at, code_at, sure = found
    roles = {role for line in lines[title_at:] if (role := _field_role(line, profile))}
    if not roles and not _heads_page(lines, code_at):
        return None
    if not sure and len(roles) < MIN_FIELD_ROLES:
        return None
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i == title_at:
            title = line.text.rstrip(" .")
            out.append(
                replace(line, kind="item", style="page", text=title, level=_level(lines, title_at, code_at))
            )
        elif i < title_at:
            out.append(replace(line, kind="text") if line.kind == "item" else line)
        elif line.kind == "item" and not (line.bullet and _DATED_RE.match(line.text)):
            out.append(replace(line, kind="text", style=None, bullet=False, level=None))
        else:
            out.append(line)
    return out


def _level(lines: list[Line], title_at: int, code_at: int | None) -> lexicon.Entry | None:
    """The level a word in front of the identifier, or the first word of a short line before
    the title (a breadcrumb, or a field heading naming the item: "Ohjauskeinon kuvaus"), names."""
    if code_at is not None and (entry := lexicon.level_entry(lines[code_at].text)) is not None:
        return entry
    for line in lines[:title_at]:
        found = lexicon.words(line.text)
        if 0 < len(found) <= MAX_FIELD_WORDS and (entry := lexicon.level_entry(line.text)) is not None:
            return entry
    return None
