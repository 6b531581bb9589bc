"""A document's outline from its structure alone: numbering, bullets, headings, labels, tables.

No vocabulary decides the shape here. A line is structural when it carries a
numbering scheme (1., 1.1., 5.1.4., a), I.), a bullet, a heading style (DOCX or
HTML heading, a line in capitals), or a level word of the lexicon in front
("Tavoite 2: ..."). Each kind of marker is a *style*; a style's depth is fixed
where it first appears, the way a reader learns a document's conventions, so a
later line in a known style closes everything below that depth.

    classify(doc)     the document as Lines, one per paragraph, list item or table
    build(lines)      Sections: the outline tree, each with the lines that belong to it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.parsing import lexicon
from seuranta.core.parsing.caption_groups import unnamed_caption_groups
from seuranta.core.parsing.contents import (
    contents_entries,
    expand_contents,
    names_level,
    read_contents,
    split_caps_head,
    split_contents,
)
from seuranta.core.parsing.document import Document, Paragraph, Table
from seuranta.core.parsing.head_items import mark_head_items
from seuranta.core.parsing.inline_lists import split_inline_contents
from seuranta.core.parsing.level_headings import name_by_level_headings
from seuranta.core.parsing.line_tables import header_table_at
from seuranta.core.parsing.page_numbers import strip_page_numbers
from seuranta.core.parsing.repeated_heads import RepeatedHeads, split_repeated_heads
from seuranta.core.parsing.short_headings import LIST_STYLES, MAX_SHORT_HEADING_WORDS, mark_short_headings
from seuranta.core.parsing.statement_lists import mark_statement_labels, names_its_list
from seuranta.core.parsing.tables import text_table_at, year_series_table
from seuranta.core.parsing.text import (
    fold_whitespace,
    is_bullet,
    split_glued_heading,
    strip_bullet,
    title_key,
)
from seuranta.core.parsing.type_headings import mark_by_type, type_ranks

_DECIMAL_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})(\.|\))?\s+(?=\S)")
_ALPHA_RE = re.compile(r"^([a-zåäö])\)\s+(?=\S)")
_ROMAN_RE = re.compile(r"^((?:X{0,2})(?:IX|IV|V?I{1,3}|V))[.)]\s+(?=\S)")
# "A. Vanhemmuuden tukeminen ...": a capital letter numbering a list (after the roman numerals).
_UPPER_ALPHA_RE = re.compile(r"^([A-HJ-UWYZÅÄÖ])[.)]\s+(?=[A-ZÅÄÖ]\w*\s+\w)")
_LABEL_RE = re.compile(r"^([^\W\d_][^:]{0,60}?)\s*:\s*(.*)$")
_LEVEL_NUMBER_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[A-ZÅÄÖ])\b[.):]?\s*(.*)$")
MAX_HEADING_WORDS = 16
MAX_LABEL_WORDS = 5
MAX_GLUED_HEADING_WORDS = 8
MIN_RECORD_FIELDS = 2  # labels per record, the head included, for a repeating template
# A numbered "item" longer than this is a paragraph that starts with a number (a page number
# in text extracted from a PDF, say), not a heading.
MAX_ITEM_WORDS = 40


@dataclass
class Line:
    """One unit of the document in reading order.

    `kind` is "blank", "text", "label" (`label`: `value`), "item" (a structural line: `style`
    names its marker) or "table" (`rows`). `source` is the block index it came from.
    """

    kind: str
    text: str = ""
    source: int = 0
    style: str | None = None
    label: str | None = None
    value: str = ""
    rows: list[list[str]] = field(default_factory=list)
    level: lexicon.Entry | None = None  # a level word in front of an item ("Tavoite 2: ...")
    bullet: bool = False
    contents: bool = False  # an entry of a table of contents


@dataclass
class Section:
    """An outline node: a structural line, the lines under it, and the sections below it."""

    title: str
    style: str
    depth: int
    source: int
    level: lexicon.Entry | None = None
    bullet: bool = False
    body: list[Line] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    contents: bool = False


def _numbering(text: str) -> tuple[str, str] | None:
    """(style, rest) for a numbered line: "1.2. Otsikko" -> ("dec2", "Otsikko")."""
    match = _DECIMAL_RE.match(text)
    if match:
        number, mark, rest = match.group(1), match.group(2), text[match.end() :]
        depth = number.count(".") + 1
        # "12 uutta ..." is a count, not a number; a bare number must lead a capitalised title.
        if mark is None and depth == 1 and not rest[:1].isupper():
            return None
        return f"dec{depth}{')' if mark == ')' else ''}", rest
    for style, regex in (("alpha", _ALPHA_RE), ("roman", _ROMAN_RE), ("ALPHA", _UPPER_ALPHA_RE)):
        match = regex.match(text)
        if match:
            return style, text[match.end() :]
    return None


def _is_caps_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4 and all(ch.isupper() for ch in letters) and len(text.split()) <= MAX_HEADING_WORDS
    )


def _level_item(text: str) -> tuple[lexicon.Entry, str] | None:
    """A line that starts with a level word and a number or colon: "Tavoite 2. Hyvä arki"."""
    entry = lexicon.level_entry(text)
    if entry is None:
        return None
    first = lexicon.words(text)[0]
    rest = text[text.lower().find(first.lower()) + len(first) :]
    if rest.startswith(":"):
        rest = rest[1:].strip()
        return (entry, rest) if rest else None
    match = _LEVEL_NUMBER_RE.match(rest)
    if match and match.group(2) and rest.strip()[:1].isalnum() and rest[:1].isspace():
        return entry, match.group(2).strip(" -–:")
    return None


def _has_words(text: str) -> bool:
    return any(len(word) > 1 for word in lexicon.words(text))


def classify_text(text: str, source: int = 0) -> Line:
    text = fold_whitespace(text)
    if not text:
        return Line("blank", source=source)
    if is_bullet(text):
        rest = strip_bullet(text).strip()
        level_item = _level_item(rest)
        if level_item is not None:  # "• Mål 1: ...": the level word names the item
            return Line(
                "item",
                level_item[1],
                source,
                style="lex:" + level_item[0].term,
                level=level_item[0],
                bullet=True,
            )
        return Line("item", rest, source, style="bullet:" + text[0], bullet=True)
    numbered = _numbering(text)
    if numbered is not None and _has_words(numbered[1]) and len(numbered[1].split()) <= MAX_ITEM_WORDS:
        style, rest = numbered
        level_item = _level_item(rest)
        if level_item is not None:
            return Line("item", level_item[1], source, style="lex:" + level_item[0].term, level=level_item[0])
        return Line("item", rest, source, style=style)
    level_item = _level_item(text)
    if level_item is not None:
        return Line("item", level_item[1], source, style="lex:" + level_item[0].term, level=level_item[0])
    if _is_caps_heading(text):
        return Line("item", text, source, style="caps")
    label = _LABEL_RE.match(text)
    if (
        label
        and len(label.group(1).split()) <= MAX_LABEL_WORDS
        and not label.group(1).endswith(("http", "https"))
    ):
        named = lexicon.level_label(label.group(1), label.group(2).strip())
        if named is not None:  # "Painopistealue ja kehittämiskohteet: Terveyserot": a node so named
            return Line("item", label.group(2).strip(), source, style="lex:" + named.term, level=named)
        return Line("label", text, source, label=label.group(1).strip(), value=label.group(2).strip())
    return Line("text", text, source)


def classify(doc: Document) -> list[Line]:
    blocks = doc.blocks or [Paragraph(line) for line in doc.text.splitlines()]
    lines: list[Line] = []
    blocks = strip_page_numbers(blocks)
    texts = [
        block.text if isinstance(block, Paragraph) and block.heading is None else None for block in blocks
    ]
    skip_to = 0
    for index, block in enumerate(blocks):
        if index < skip_to:
            continue
        text_table = text_table_at(texts, index) or header_table_at(texts, index)
        if text_table is not None:  # a table flattened to lines: one row a line
            lines.append(Line("table", source=index, rows=text_table[0]))
            skip_to = text_table[1]
        elif isinstance(block, Table):
            rows = [[fold_whitespace(cell) for cell in row] for row in block.rows]
            rows = [row for row in rows if any(row)]
            if rows:
                lines.append(Line("table", source=index, rows=rows))
        elif block.heading is not None and fold_whitespace(block.text):
            line = classify_text(block.text, index)
            line.kind, line.style = "item", f"h{block.heading}"
            lines.append(line)
        else:
            lines.extend(_classify_paragraph(block.text, index))
    lines = mark_by_type(lines, type_ranks(blocks), doc.source_format == "pdf")
    return _mark_record_heads(mark_short_headings(mark_head_items(_join_wrapped(lines))))


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """A line of text broken in mid-sentence (the next line goes on in lower case, as PDF and
    slide text breaks them) is one line again: "Kestävän kasvun" + "turvaaminen"."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == "text"
            and line.kind == "text"
            and line.text[:1].islower()
            and not last.text.endswith((".", "!", "?", ":", ";", ","))
        ):
            last.text = f"{last.text} {line.text}"
            continue
        out.append(line)
    return out


def _mark_record_heads(lines: list[Line]) -> list[Line]:
    """Repeated record templates: when the same sequence of labels repeats ("Hanke:", "Vastuu:",
    "Aikataulu:", then "Hanke:" again), each record is one item, headed by its first label's value.
    Only a label that opens at least two records and is followed by other labels counts, and
    only one whose meaning is not a field of its own (lexicon or not)."""
    labels = [(i, line) for i, line in enumerate(lines) if line.kind == "label" and line.value]
    keys = [_label_key(line.label) for _, line in labels]
    if len(labels) < 2 * MIN_RECORD_FIELDS:
        return lines
    first = keys[0]
    starts = [n for n, key in enumerate(keys) if key == first]
    if len(starts) < 2 or any(b - a < MIN_RECORD_FIELDS for a, b in zip(starts, starts[1:], strict=False)):
        return lines
    entry = lexicon.label_role(labels[0][1].label or "")
    if entry is not None and entry.role != "level":
        return lines  # "Mittari:" repeating is a list of indicators, not of records
    # The label names the records' level as the document writes it ("Hanke" -> Hanke).
    head = labels[0][1].label or ""
    level = entry or lexicon.Entry(
        term=first, role="level", language="", forms=(), level=head[:1].upper() + head[1:]
    )
    for n in starts:
        i, line = labels[n]
        lines[i] = Line("item", line.value, line.source, style=f"rec:{first}", level=level)
    return lines


def _label_key(label: str | None) -> str:
    return " ".join(lexicon.words((label or "").lower()))


def _classify_paragraph(text: str, source: int) -> list[Line]:
    """One paragraph as lines: several when a numbered list runs inside it, a table when a
    table of values under a run of years or a table of contents was flattened into it."""
    inline = _inline_level(fold_whitespace(text))
    if inline is not None:  # "Elinvoima ja kestävä kehitys Päämäärä: Kaupunki on houkutteleva."
        head, entry, rest = inline
        after = Line("item", rest, source, style="lex:" + entry.term, level=entry) if entry else None
        return [Line("item", head, source, style="lead"), after or classify_text(rest, source)]
    heads = split_repeated_heads(fold_whitespace(text))
    if heads is not None:  # "Prioriterat område Jobb ... Prioriterat område En likvärdig skola...18"
        return _repeated_head_lines(heads, source)
    entries = split_contents(fold_whitespace(text))
    if entries is not None:
        return [Line("item", entry, source, style=style, contents=True) for entry, style in entries]
    series = year_series_table(text)
    if series is not None:
        before = [classify_text(series[0], source)] if series[0] else []
        return [*before, Line("table", source=source, rows=series[1])]
    found = split_inline_contents(fold_whitespace(text))
    if found is None:
        return _numbered_run_on(fold_whitespace(text), source) or [classify_text(text, source)]
    parts, contents = found
    if _enumeration_in_prose(parts):
        return [classify_text(text, source)]
    return [
        Line("item", part, source, style=style, contents=flag)
        if style
        else (Line("text", part, source) if flag else classify_text(part, source))
        for part, style, flag in expand_contents(parts, contents)
    ]


def _repeated_head_lines(heads: RepeatedHeads, source: int) -> list[Line]:
    """The titles behind a repeated phrase as items at the level the phrase names (the
    lexicon's level when it knows the word, else the phrase as written). The text around the
    run in the same paragraph is the rest of a table of contents (the report's own chapters),
    so it stays text rather than becoming items beside the named ones."""
    phrase = heads.phrase
    level = lexicon.level_entry(phrase) or lexicon.Entry(
        term=phrase.lower(), role="level", language="", forms=(), level=phrase
    )
    items = [Line("item", title, source, style="rep:" + level.term, level=level) for title in heads.titles]
    around = [Line("text", text, source, contents=True) for text in (heads.before, heads.after) if text]
    return [*around[:1], *items, *around[1:]] if heads.before else [*items, *around]


def _numbered_run_on(text: str, source: int) -> list[Line] | None:
    """A numbered heading in capitals with its paragraph run on ("1. HENKILÖSTÖN MÄÄRÄ JA
    RAKENNE Henkilökunnan määrä oli ..."): the heading as an item, the paragraph as its text."""
    numbered = _numbering(text)
    found = split_caps_head(numbered[1], numbered=True) if numbered is not None else None
    if numbered is None or found is None:
        return None
    return [Line("item", found[0], source, style=numbered[0]), Line("text", found[1], source)]


_INLINE_LEVEL_RE = re.compile(r"(?<=\S)\s+([A-ZÅÄÖ][a-zåäö]+):\s+(?=[A-ZÅÄÖ])")


def _inline_level(text: str) -> tuple[str, lexicon.Entry | None, str] | None:
    """A heading and a level word run together with its item, as PDF text joins them: the
    heading, the level and the item ("Elinvoima Päämäärä: Kaupunki on houkutteleva"); or a
    heading glued to its paragraph, as a web page's text loses the break (no level then)."""
    match = _INLINE_LEVEL_RE.search(text)
    if match is None:
        glued = split_glued_heading(text, MAX_GLUED_HEADING_WORDS)
        return (glued[0], None, glued[1]) if glued else None
    entry = lexicon.level_entry(match.group(1))
    head, rest = text[: match.start()].strip(), text[match.end() :].strip()
    if entry is None or head.endswith((".", ",", ";")) or len(head.split()) > MAX_SHORT_HEADING_WORDS:
        return None
    return head, entry, rest


def _enumeration_in_prose(parts: list[tuple[str, str | None]]) -> bool:
    """A sentence that counts things off in lower case ("..., jotka koostuvat 1) turvallisuudesta,
    2) terveydestä ...") is prose, unless what it counts is named as a level ("teemat ovat 1) ...")."""
    head = parts[0][0] if parts and parts[0][1] is None else ""
    items = [part for part, style in parts if style]
    return (
        bool(head)
        and not head.endswith(":")
        and all(item[:1].islower() for item in items)
        and lexicon.last_level_word(head) is None
    )


def build(lines: list[Line]) -> list[Section]:
    """The outline tree: each item opens a section at its style's depth; other lines go to the
    innermost open section (or to the returned root's body, for lines before any item)."""
    root = Section("", "root", 0, 0)
    stack = [root]
    depth_of: dict[str, int] = {}
    after_blank = False
    field_list = False  # a label such as "Mittarit:" is open: its list items are its values
    for line in mark_statement_labels(lines):  # "Tavoitetilat:" over sentences names its items
        if line.kind == "item" and line.bullet and field_list:
            line = Line("text", line.text, line.source)
        elif line.kind == "label":
            entry = lexicon.label_role(line.label or "")
            field_list = not line.value and entry is not None and entry.role != "level" and not line.level
        elif line.kind == "item" or (line.kind == "text" and after_blank):
            field_list = False
        if line.kind != "item" or line.style is None:
            # A list item holds only its own wrapped lines; what follows the list is its parent's.
            while stack[-1].bullet and (line.kind != "text" or after_blank):
                stack.pop()
            after_blank = line.kind == "blank"
            stack[-1].body.append(line)
            continue
        after_blank = False
        if not line.contents:  # the table of contents ended: the body is not one of its entries
            while len(stack) > 1 and stack[-1].contents:
                stack.pop()
        style = line.style
        if style in depth_of:
            depth = min(depth_of[style], len(stack))
        else:
            depth = len(stack)
            depth_of[style] = depth
        del stack[depth:]
        section = Section(
            line.text, style, depth, line.source, level=line.level, bullet=line.bullet, contents=line.contents
        )
        stack[-1].children.append(section)
        stack.append(section)
    _dissolve_captions(root, _item_keys(lines))
    root.body.extend(unnamed_caption_groups(root, _reads_as_caption, _is_list_item))
    name_by_level_headings(root)
    if any(names_level(s) and s.children for s in contents_entries(root.children)):
        root.children = read_contents(root.children)
    return [root]


# A list's caption reads as an unfinished sentence: "Tavoitteemme on, että", "Arvomme ovat".
_CAPTION_ENDINGS = ("että", "ovat", "olivat", "seuraavat", "att", "är", "som")
# Table cells one a line (a flattened row) are list-like too.
_LIST_STYLES = (*LIST_STYLES, "cell")


_DATED_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}\b")


def _is_list_item(section: Section) -> bool:
    """An undated list item: a dated one is a task of the heading above it, not a node."""
    return (
        section.style.startswith(_LIST_STYLES) and not section.children and not _DATED_RE.match(section.title)
    )


def _reads_as_caption(title: str) -> bool:
    return title.rstrip(" ,").lower().endswith(_CAPTION_ENDINGS)


def _item_keys(lines: list[Line]) -> set[str]:
    return {title_key(line.text) for line in lines if line.kind == "item" and line.style != "short"}


def _dissolve_captions(parent: Section, item_keys: set[str]) -> None:
    """A lone short line over a single list is the list's caption, not a node of its own
    ("Hankkeen hyötytavoitteet", "Tulevaisuuden päämääränä on, että"): its items take its place,
    and a level word in it names them. Several such headings whose lists share a style are
    group headings and stay, as does a heading that repeats an item of another list (the
    chapter of a listed goal)."""
    for child in parent.children:
        _dissolve_captions(child, item_keys)
    candidates = [
        child
        for child in parent.children
        if child.style == "short" and child.children and all(_is_list_item(c) for c in child.children)
        if not names_its_list(child.body)
    ]
    shapes: dict[str, int] = {}
    for child in candidates:
        shapes[child.children[0].style] = shapes.get(child.children[0].style, 0) + 1
    # Among group headings, some naming their items' level ("Hankkeen hyötytavoitteet") and
    # others not ("Sidosryhmät"), all are captions: the named lists are nodes, the rest text.
    naming = [lexicon.last_level_word(child.title) is not None for child in candidates]
    named_group = any(naming) and not all(naming)
    dissolved = [
        child
        for child in candidates
        if title_key(child.title) not in item_keys
        and (shapes[child.children[0].style] == 1 or _reads_as_caption(child.title) or named_group)
    ]
    if not dissolved:
        return
    names = {id(child): lexicon.last_level_word(child.title) for child in dissolved}
    some_named = any(names.values())
    out: list[Section] = []
    for child in parent.children:
        if child not in dissolved:
            out.append(child)
            continue
        parent.body.extend(child.body)
        named = names[id(child)]
        if some_named and named is None:
            # Beside a list of named goals, a list its caption does not name (strengths, values) is text.
            parent.body.extend(Line("text", item.title, item.source) for item in child.children)
            continue
        for item in child.children:
            item.depth, item.level = child.depth, item.level or named
        out.extend(child.children)
    parent.children = out
