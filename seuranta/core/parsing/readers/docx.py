"""DOCX reader: paragraphs and tables in body order.

Blocks: every non-empty paragraph becomes a `Paragraph` (its `heading` from
the paragraph style: Heading 1 / Otsikko 1 / Rubrik 1..., or the outline level
set on the paragraph or its style), every table a `Table` whose merged cells
appear once (the other grid positions they cover are empty strings, so every
row keeps the table's column count).

Text follows the conventions of PDF text extraction, so the text-based
families read a DOCX as they read the corpus: one line per paragraph (a line
break inside a paragraph starts a new line), list items with their bullet or
number, a blank line where the paragraph spacing leaves a gap and where the
document has an empty paragraph, and tables cell by cell, row by row, with a
blank line between rows and around the table.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from seuranta.core.parsing.document import Block, Document, Paragraph, Table, UnreadableDocument
from seuranta.core.parsing.readers.zipcheck import check_archive

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

HEADING_STYLE = re.compile(r"^(?:heading|otsikko|rubrik|überschrift|titre)\s*(\d)$", re.IGNORECASE)
TITLE_STYLES = {"title", "otsikko", "rubrik", "titel", "titre"}
# Spacing (in twentieths of a point) above which a gap between paragraphs shows as a blank line.
GAP_TWIPS = 80
LETTERS = "abcdefghijklmnopqrstuvwxyz"
DAMAGED = "Word-tiedosto on vajaa tai vioittunut, eikä sitä voi avata."


def read(data: bytes, name: str) -> Document:
    check_archive(
        data,
        old_format="Tiedosto on salattu tai vanhaa Word-muotoa (.doc); poista salasana tai tallenna se "
        "Wordissa .docx-muodossa ja tuo se uudelleen.",
        wrong_format="Tiedosto ei ole Word-asiakirja (.docx), vaikka sen nimi päättyy .docx.",
        damaged=DAMAGED,
    )
    try:
        import docx

        word = docx.Document(io.BytesIO(data))
        reader = _Reader(word)
        return reader.document(name)
    except UnreadableDocument:
        raise
    except zipfile.BadZipFile:
        raise UnreadableDocument(DAMAGED) from None
    except MemoryError:  # a memory limit reached is no fault of the file: the caller says so
        raise
    except Exception:  # python-docx and lxml raise many kinds on a bad file; none may escape
        raise UnreadableDocument(
            "Tiedosto ei ole kelvollinen Word-asiakirja (.docx), eikä sitä voi lukea."
        ) from None


class _Reader:
    """Walks one document's body; knows its styles and list numbering."""

    def __init__(self, word: Any) -> None:
        self.styles = {}
        self.default_style: str | None = None
        for style in word.styles.element.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id:
                self.styles[style_id] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                    self.default_style = style_id
        self.default_spacing = _spacing(word.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        self.default_type = _run_type(word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        self.numbering = _Numbering(word)
        self.body = word.element.body
        self.lines: list[str] = []
        self.blocks: list[Block] = []

    def document(self, name: str) -> Document:
        previous_after = 0
        for element in _body_items(self.body):
            if element.tag == f"{W}tbl":
                rows = _table_rows(element)
                if any(any(cell for cell in row) for row in rows):
                    self.blocks.append(Table(rows))
                    self._blank()
                    for row in rows:
                        for cell in row:
                            if cell:
                                self.lines.extend(cell.split("\n"))
                        self._blank()
                previous_after = 0
                continue
            text = _paragraph_text(element)
            style_id = _style_id(element) or self.default_style
            before, after = self._paragraph_spacing(element, style_id)
            if not text.strip():
                self.lines.append(text if "\n" not in text else "")
                previous_after = 0
                continue
            if max(previous_after, before) >= GAP_TWIPS:
                self._blank()
            marker = self.numbering.marker(element, style_id, self.styles)
            if marker:
                text = f"{marker} {text}"
            self.lines.extend(text.split("\n"))
            size, bold = self._type(element, style_id)
            self.blocks.append(Paragraph(text, self._heading_level(element, style_id), size, bold))
            previous_after = after
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        first = next((i for i, line in enumerate(self.lines) if line.strip()), len(self.lines))
        del self.lines[:first]  # at once: popping the front line by line is quadratic
        if not self.lines:
            raise UnreadableDocument("Word-asiakirjassa ei ole lainkaan tekstiä.")
        return Document(
            text="\n".join(self.lines), blocks=self.blocks, source_name=name, source_format="docx"
        )

    def _blank(self) -> None:
        if self.lines and self.lines[-1].strip():
            self.lines.append("")

    def _style_chain(self, style_id: str | None) -> Iterator[Any]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def _heading_level(self, paragraph: Any, style_id: str | None) -> int | None:
        level = _outline_level(paragraph.find(f"{W}pPr"))
        for style in self._style_chain(style_id):
            name_element = style.find(f"{W}name")
            name = (name_element.get(f"{W}val") if name_element is not None else "") or ""
            match = HEADING_STYLE.match(name.strip()) or HEADING_STYLE.match(style.get(f"{W}styleId") or "")
            if match:
                return int(match.group(1))
            if name.strip().lower() in TITLE_STYLES:
                return 1
            if level is None:
                level = _outline_level(style.find(f"{W}pPr"))
        return level

    def _type(self, paragraph: Any, style_id: str | None) -> tuple[float | None, bool]:
        """The font size (points) most of a paragraph's characters are set in, and whether all
        of them are bold: each run's own setting, else its paragraph style's, else the default."""
        size, bold = self.default_type
        for style in reversed(list(self._style_chain(style_id))):
            style_size, style_bold = _run_type(style.find(f"{W}rPr"))
            size, bold = style_size or size, bold if style_bold is None else style_bold
        by_size: dict[float | None, int] = {}
        all_bold = True
        for run in paragraph.iter(f"{W}r"):
            chars = sum(len((t.text or "").strip()) for t in run.findall(f"{W}t"))
            if not chars:
                continue
            run_size, run_bold = _run_type(run.find(f"{W}rPr"))
            by_size[run_size or size] = by_size.get(run_size or size, 0) + chars
            all_bold = all_bold and bool(bold if run_bold is None else run_bold)
        if not by_size:
            return size, bool(bold)
        return max(by_size, key=lambda k: by_size[k]), all_bold

    def _paragraph_spacing(self, paragraph: Any, style_id: str | None) -> tuple[int, int]:
        before, after = _spacing(paragraph.find(f"{W}pPr"))
        for style in self._style_chain(style_id):
            style_before, style_after = _spacing(style.find(f"{W}pPr"))
            before = before if before is not None else style_before
            after = after if after is not None else style_after
        before = before if before is not None else self.default_spacing[0]
        after = after if after is not None else self.default_spacing[1]
        return before or 0, after or 0


def _run_type(rpr: Any) -> tuple[float | None, bool | None]:
    """A run property set's font size in points and bold setting (None where it sets none)."""
    if rpr is None:
        return None, None
    size = rpr.find(f"{W}sz")
    bold = rpr.find(f"{W}b")
    points = _int(size, 0) / 2 if size is not None else None
    return points or None, None if bold is None else bold.get(f"{W}val") not in ("0", "false", "off")


def _body_items(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            yield from _body_items(content if content is not None else child)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's visible text: runs, hyperlinks, tabs and line breaks; deleted text left out."""
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == f"{W}t":
            if not _inside(element, paragraph, {f"{W}del", FALLBACK}):
                parts.append(element.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            if not _inside(element, paragraph, {f"{W}pPr"}):
                parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}softHyphen":
            parts.append("\u00ad")
    return "".join(parts).replace("\u00ad", "")


def _inside(element: Any, stop: Any, tags: set[str]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _style_id(paragraph: Any) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    outline = ppr.find(f"{W}outlineLvl")
    if outline is None:
        return None
    try:
        level = int(outline.get(f"{W}val") or "9")
    except ValueError:
        return None
    return level + 1 if level < 9 else None


def _spacing(ppr: Any) -> tuple[int | None, int | None]:
    if ppr is None:
        return None, None
    spacing = ppr.find(f"{W}spacing")
    if spacing is None:
        return None, None
    values = []
    for key in ("before", "after"):
        raw = spacing.get(f"{W}{key}")
        try:
            values.append(int(raw) if raw is not None else None)
        except ValueError:
            values.append(None)
    return values[0], values[1]


def _table_rows(table: Any) -> list[list[str]]:
    """Rows of cell texts; a merged cell's text once, the grid positions it also covers empty."""
    rows: list[list[str]] = []
    for tr in table.iter(f"{W}tr"):
        if _nearest_table(tr) is not table:
            continue
        row: list[str] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        row.extend([""] * _int(before, 0))
        for tc in tr:
            cells = [tc] if tc.tag == f"{W}tc" else list(tc.iter(f"{W}tc")) if tc.tag == f"{W}sdt" else []
            for cell in cells:
                tcpr = cell.find(f"{W}tcPr")
                span = _int(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, 1)
                merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                continued = merge is not None and merge.get(f"{W}val") in (None, "continue")
                row.append("" if continued else _cell_text(cell))
                row.extend([""] * (span - 1))
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _nearest_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, one per line; a nested table's cells on lines of their own."""
    lines: list[str] = []
    for element in _body_items(cell):
        if element.tag == f"{W}tbl":
            for row in _table_rows(element):
                lines.extend(text for text in row if text)
        else:
            lines.append(_paragraph_text(element).strip())
    return "\n".join(line for line in lines if line).strip()


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, int(element.get(f"{W}val") or default))
    except ValueError:
        return default


class _Numbering:
    """List markers as a reader sees them: "•" for bullets, "1." / "a)" for numbered items."""

    def __init__(self, word: Any) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            numbering = word.part.numbering_part.element
        except Exception:  # no numbering part: no lists
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for element in numbering.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in element.findall(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[_int_attr(lvl, "ilvl")] = (
                    fmt.get(f"{W}val") if fmt is not None else "bullet",
                    text.get(f"{W}val") if text is not None else "",
                    _int(start, 1),
                )
            abstract[element.get(f"{W}abstractNumId") or ""] = levels
        for num in numbering.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val") if ref is not None else "", {})
            for ilvl, spec in levels.items():
                self.formats[(num.get(f"{W}numId") or "", ilvl)] = spec

    def marker(self, paragraph: Any, style_id: str | None, styles: dict[str, Any]) -> str:
        numpr = paragraph.find(f"{W}pPr/{W}numPr")
        if numpr is None and style_id in styles:
            numpr = styles[style_id].find(f"{W}pPr/{W}numPr")
        if numpr is None:
            return ""
        num = numpr.find(f"{W}numId")
        num_id = num.get(f"{W}val") if num is not None else ""
        ilvl = _int(numpr.find(f"{W}ilvl"), 0)
        spec = self.formats.get((num_id or "", ilvl))
        if spec is None:
            return ""
        fmt, text, start = spec
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        key = (num_id or "", ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == key[0] and k[1] > ilvl]:
            del self.counters[deeper]

        def number(level: int) -> str:
            value = self.counters.get((key[0], level), self.formats.get((key[0], level), ("", "", 1))[2])
            level_fmt = self.formats.get((key[0], level), ("decimal", "", 1))[0]
            if level_fmt in ("lowerLetter", "upperLetter"):
                letter = LETTERS[(value - 1) % 26]
                return letter.upper() if level_fmt == "upperLetter" else letter
            return str(value)

        marker = re.sub(r"%(\d)", lambda m: number(int(m.group(1)) - 1), text or "%1.")
        return marker.strip()


def _int_attr(element: Any, name: str) -> int:
    try:
        return int(element.get(f"{W}{name}") or 0)
    except ValueError:
        return 0
