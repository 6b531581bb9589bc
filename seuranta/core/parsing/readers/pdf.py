"""PDF reader: the text layer of a PDF, line by line in reading order.

The text follows the conventions of the corpus files (PDF text extraction):
one line per printed line with the space characters the PDF holds (so a
wrapped line keeps the trailing space that marks a soft wrap, and words that
are merely set apart get one space), a blank line
where the layout leaves a vertical gap of a line or more (between paragraphs,
between columns, at a page break that falls between paragraphs). Nothing else
is undone: hyphenation at line ends stays for the families to handle.

Multi-column pages are read column by column. A column gutter is a vertical
strip of the page that no word crosses, with a real column of text (not a
narrow bullet or label column) on both sides; rows that do cross it (a title
over both columns) split the page into bands, each read in turn. Pages without
such a gutter keep their lines as they are.

Ruled tables (cells drawn with lines or thin rectangles, as WeasyPrint and
word processors print table borders) are found with pdfplumber's line-based
table finder and become `Table` blocks in reading order among the Paragraph
blocks: one string per cell, its paragraphs on lines of their own (a vertical
gap inside a cell starts a paragraph; its wrapped lines are joined as
`text.join_lines` joins them, a word hyphenated at a line end made whole).
In `text` a table is written cell by cell, row by row, as printed lines, with
a blank line around the table and between rows (as the DOCX reader does), so
text-based families read it as they read any other text. Text that is not in
a ruled table stays as it is, and pages without any drawn lines skip the table
finder altogether.

Files that cannot be read raise `UnreadableDocument` with one Finnish sentence:
encrypted, scanned (images without a text layer), truncated or corrupt.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from statistics import median
from typing import Any

from seuranta.core.parsing.document import Block, Document, Paragraph, Table, UnreadableDocument
from seuranta.core.parsing.readers.pdf_chars import page_objects, page_words
from seuranta.core.parsing.readers.pdf_lines import (
    BREAK,
    Line,
    Word,
    group_lines,
    reading_order,
)
from seuranta.core.parsing.text import join_lines

ENCRYPTED = "Tiedosto on salattu; poista salasana ja tuo se uudelleen."
SCANNED = (
    "PDF-tiedostossa ei ole tekstiä; se näyttää skannatulta kuvalta, "
    "joten aja sille tekstintunnistus (OCR) ja tuo se uudelleen."
)
NO_TEXT = "PDF-tiedostossa ei ole lainkaan tekstiä."
NOT_PDF = "Tiedosto ei ole PDF-tiedosto, vaikka sen nimi päättyy .pdf."
TRUNCATED = (
    "PDF-tiedosto on vajaa tai vioittunut; tallenna tai lataa se uudelleen ja tuo se sitten uudelleen."
)
CORRUPT = "PDF-tiedosto on vioittunut, eikä sen tekstiä voi lukea."
NO_UNICODE = (
    "PDF-tiedoston tekstiä ei voi purkaa, koska sen fonteista puuttuu merkkitaulukko; "
    "tallenna tiedosto uudelleen PDF-muotoon tai tuo alkuperäinen Word-tiedosto."
)

# Ligatures some PDF fonts map to one character; extraction conventions spell them out.
LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
MAX_BLANKS = 3  # blank lines kept for one vertical gap
CID = re.compile(r"\(cid:\d+\)")
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
CELL_PARAGRAPH_GAP = 1.6  # line tops further apart than this many line heights: a new paragraph in a cell


@dataclass
class TableItem:
    """A ruled table on a page: rows of cells, each cell its paragraphs, each paragraph its printed lines."""

    rows: list[list[list[list[Line]]]]
    top: float
    bottom: float

    def block(self) -> Table:
        return Table(
            [
                [
                    "\n".join(
                        _join_cell_lines([_clean(line.text) for line in paragraph]) for paragraph in cell
                    )
                    for cell in row
                ]
                for row in self.rows
            ]
        )


SPACED_DASH_THEN_NUMBER = re.compile(r"\s[-–]\s*$")


def _join_cell_lines(lines: list[str]) -> str:
    """A cell paragraph's printed lines as one string (text.join_lines), except that a dash set
    apart at a line end before a number keeps its spaces ("kevät 2022 -" + "56")."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if parts[-1] and SPACED_DASH_THEN_NUMBER.search(parts[-1][-1]) and line.strip()[:1].isdigit():
            parts.append([])
        parts[-1].append(line)
    return " ".join(join_lines(part) for part in parts if part)


def read(data: bytes, name: str) -> Document:
    if not data.strip():
        raise UnreadableDocument("Tiedosto on tyhjä.")
    if b"%PDF-" not in data[:1024]:
        raise UnreadableDocument(NOT_PDF)
    pages = _extract_pages(data)
    text, blocks = _join_pages(pages)
    chars = re.sub(r"\s", "", text)
    if CID.search(text) and len(CID.sub("", chars)) < len(chars) / 2:
        raise UnreadableDocument(NO_UNICODE)
    if not chars:
        raise UnreadableDocument(SCANNED if any(p.has_images for p in pages) else NO_TEXT)
    return Document(text=text, blocks=blocks, source_name=name, source_format="pdf")


@dataclass
class PageText:
    items: list[Line | TableItem | None]  # lines and tables in reading order, BREAK between columns
    top: float  # top of the page's text area
    bottom: float
    has_images: bool
    height: float


def _extract_pages(data: bytes) -> list[PageText]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    truncated = b"%%EOF" not in data[-4096:]
    pages: list[PageText] = []
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                try:
                    pages.append(_read_page(page))
                finally:
                    page.close()  # drop the page's cached layout: memory stays flat over long documents
    except MemoryError:  # a memory limit reached is no fault of the file: the caller says so
        raise
    except Exception as exc:  # pdfminer raises many kinds on a bad file; none may escape
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or b"/Encrypt" in data:
            raise UnreadableDocument(ENCRYPTED) from None
        raise UnreadableDocument(TRUNCATED if truncated else CORRUPT) from None
    if truncated:
        raise UnreadableDocument(TRUNCATED)
    if not pages:
        raise UnreadableDocument(CORRUPT)
    return pages


def _read_page(page: Any) -> PageText:
    objects = page_objects(page)
    words = page_words(objects.chars)
    tables = _ruled_tables(page) if objects.drawings else []
    items: list[Line | TableItem | None] = (
        [*reading_order(words)] if not tables else _with_tables(words, tables)
    )
    lines = [item for item in items if item is not None]
    return PageText(
        items=items,
        top=min((line.top for line in lines), default=0.0),
        bottom=max((line.bottom for line in lines), default=0.0),
        has_images=objects.images,
        height=float(page.height),
    )


# -- ruled tables ---------------------------------------------------------------------


def _ruled_tables(page: Any) -> list[Any]:
    """pdfplumber's tables found from drawn lines (a page that has some): two rows and two columns at least."""
    try:
        tables = page.find_tables(TABLE_SETTINGS)
    except Exception:  # odd drawings must not make a readable page unreadable: read it as text
        return []
    return [
        table for table in tables if len(table.rows) >= 2 and max(len(row.cells) for row in table.rows) >= 2
    ]


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x: float = (word["x0"] + word["x1"]) / 2
    y: float = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _with_tables(words: list[Word], tables: list[Any]) -> list[Line | TableItem | None]:
    """The page's items with each ruled table in its place: the text above it, the table, the rest."""
    rest = words
    found: list[tuple[Any, list[Word]]] = []
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        inside = [w for w in rest if _inside(w, table.bbox) and w["text"].strip()]
        if not inside:
            continue  # ruling without text (a frame, a chart's grid): nothing to read as a table
        rest = [w for w in rest if not _inside(w, table.bbox)]
        found.append((table, inside))
    items: list[Line | TableItem | None] = []
    for table, inside in found:
        top = table.bbox[1]
        above = [w for w in rest if (w["top"] + w["bottom"]) / 2 < top]
        rest = [w for w in rest if (w["top"] + w["bottom"]) / 2 >= top]
        if items and above:
            items.append(BREAK)
        items.extend(reading_order(above))
        items.append(_table_item(table, inside))
    if rest:
        items.append(BREAK)
        items.extend(reading_order(rest))
    return items


def _table_item(table: Any, words: list[Word]) -> TableItem:
    """The table's cells with the words whose middle falls in them, as paragraphs of printed lines."""
    rows: list[list[list[Word]]] = []
    boxes: list[tuple[int, int, tuple[float, float, float, float]]] = []
    for r, row in enumerate(table.rows):
        rows.append([[] for _ in row.cells])
        boxes.extend((r, c, box) for c, box in enumerate(row.cells) if box is not None)
    for word in words:
        for r, c, box in boxes:
            if _inside(word, box):
                rows[r][c].append(word)
                break
    width = max(len(row) for row in rows)
    cells = [[_cell_paragraphs(cell) for cell in row] + [[] for _ in range(width - len(row))] for row in rows]
    return TableItem(rows=cells, top=float(table.bbox[1]), bottom=float(table.bbox[3]))


def _cell_paragraphs(words: list[Word]) -> list[list[Line]]:
    paragraphs: list[list[Line]] = []
    previous: Line | None = None
    for line in group_lines(words):
        if previous is None or line.top - previous.top > CELL_PARAGRAPH_GAP * max(
            line.height, previous.height
        ):
            paragraphs.append([])
        paragraphs[-1].append(line)
        previous = line
    return paragraphs


# -- text ------------------------------------------------------------------------------


def _join_pages(pages: list[PageText]) -> tuple[str, list[Block]]:
    """Lines of all pages, with blank lines where the layout leaves vertical gaps, and the blocks:
    a Paragraph per line, a Table per ruled table."""
    step = _line_step(pages)
    text_pages = [p for p in pages if any(item is not None for item in p.items)]
    body_top = min((p.top for p in text_pages), default=0.0)
    body_bottom = max((p.bottom for p in text_pages), default=0.0)
    out: list[str] = []
    blocks: list[Block] = []
    for index, page in enumerate(text_pages):
        if index:
            blanks_above = _blanks(page.top - body_top + step, step)
            above = text_pages[index - 1]
            blanks_below = _blanks(body_bottom - above.bottom + step, step)
            if above.bottom < 0.75 * above.height:  # the page before ends early: a new section
                blanks_below = max(blanks_below, 1)
            out.extend([""] * max(blanks_above, blanks_below))
        previous: Line | None = None
        for item in page.items:
            if item is BREAK:
                if previous is not None:
                    out.append("")
                previous = None
                continue
            if isinstance(item, TableItem):
                _write_table(item, out)
                blocks.append(item.block())
                previous = None
                continue
            if previous is not None:
                out.extend([""] * _blanks(item.top - previous.top, step))
            line = _clean(item.text)
            out.append(line)
            if line.strip():
                blocks.append(Paragraph(line.strip(), size=item.size, bold=item.bold))
            previous = item
    while out and not out[-1]:
        out.pop()
    return "\n".join(out), blocks


def _write_table(table: TableItem, out: list[str]) -> None:
    """A table as text: cell by cell, row by row, its printed lines, a blank line around it and between rows."""
    if out and out[-1].strip():
        out.append("")
    for row in table.rows:
        lines = [_clean(line.text) for cell in row for paragraph in cell for line in paragraph]
        out.extend(line for line in lines if line.strip())
        if out and out[-1].strip():
            out.append("")


def _line_step(pages: list[PageText]) -> float:
    """The single line spacing: the distance from one line's top to the next's.

    The smaller deltas between consecutive lines are the ones inside paragraphs;
    where nearly every line is followed by a gap, the font size bounds it.
    """
    deltas: list[float] = []
    heights: list[float] = []
    for page in pages:
        previous: Line | None = None
        for item in page.items:
            if isinstance(item, TableItem):
                item = None
            if item is not None:
                heights.append(item.height)
                if previous is not None and item.top > previous.top + 0.5 * item.height:
                    deltas.append(item.top - previous.top)
            previous = item
    if not heights:
        return 12.0
    cap = 1.35 * max(median(heights), 1.0)
    if not deltas:
        return cap
    deltas.sort()
    return min(deltas[len(deltas) * 15 // 100], cap)


def _blanks(delta: float, step: float) -> int:
    """Blank lines a vertical distance between two line tops stands for."""
    if delta < 1.6 * step:
        return 0
    return min(MAX_BLANKS, max(1, round(delta / step) - 1))


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line.translate(LIGATURES))
    if line.endswith("\u00ad"):
        line = line[:-1] + "-"
    return line.replace("\u00ad", "")
