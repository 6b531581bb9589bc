"""HTML reader: indicator pages, council meeting items and plans published as web pages.

Headings h1-h6 become headed paragraphs, list items bulleted lines (nested lists
get a different bullet per depth, so the outline sees their nesting), `<br>`
breaks a paragraph into lines, and tables become cell grids with rowspan and
colspan spread over the cells they cover. Scripts, styles, navigation and forms
are not content. Only the standard library's tolerant parser is used: pages in
the wild are rarely valid.
"""

from __future__ import annotations

from html.parser import HTMLParser

from seuranta.core.parsing.document import Document, Paragraph, Table, UnreadableDocument
from seuranta.core.parsing.readers.txt import decode
from seuranta.core.parsing.text import fold_whitespace

BOLD = frozenset({"strong", "b"})
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "form", "select", "button", "head"}
)
BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "figcaption",
        "caption",
        "address",
        "hr",
    }
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
LIST_BULLETS = "•◦▪"
# A table larger than this is a data dump, not a plan table; its cells are still read as text.
MAX_SPAN = 1000


class _TableBuilder:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.pending: dict[tuple[int, int], str] = {}  # cells covered by an earlier rowspan
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def start_row(self) -> None:
        self.end_row()
        self.row = []

    def start_cell(self, rowspan: int, colspan: int) -> None:
        self.end_cell()
        if self.row is None:
            self.start_row()
        self.cell, self.span = [], (rowspan, colspan)

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = fold_whitespace(" ".join(self.cell))
        r = len(self.rows)
        rowspan, colspan = self.span
        self._fill_pending()
        for dc in range(colspan):
            col = len(self.row)
            self.row.append(text)
            for dr in range(1, rowspan):
                self.pending[(r + dr, col)] = text
            if dc + 1 < colspan:
                self._fill_pending()
        self.cell = None

    def _fill_pending(self) -> None:
        assert self.row is not None
        r = len(self.rows)
        while (r, len(self.row)) in self.pending:
            self.row.append(self.pending.pop((r, len(self.row))))

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            self._fill_pending()
            self.rows.append(self.row)
        self.row = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Paragraph | Table] = []
        self.text: list[str] = []
        self.heading: int | None = None
        self.skip_depth = 0
        self.lists: list[str] = []
        self.tables: list[_TableBuilder] = []
        self.title: str | None = None
        self.in_title = False
        self.bold_depth = 0  # inside <strong>/<b>
        self.bold_chars = 0  # letters of the current paragraph set in bold

    def flush(self) -> None:
        text = fold_whitespace(" ".join(self.text))
        bold = self.bold_chars >= sum(1 for ch in text if ch.isalnum()) > 0
        self.text, self.bold_chars = [], 0
        if not text:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(text)
            return
        self.blocks.append(Paragraph(text, self.heading, bold=bold))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip_depth += 1
            self.in_title = False
            return
        if tag == "title":
            self.in_title = True
        if self.skip_depth:
            return
        if tag in BOLD:
            self.bold_depth += 1
        elif tag in HEADINGS:
            self.flush()
            self.heading = HEADINGS[tag]
        elif tag == "br" or tag in BLOCKS:
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag == "li":
            self.flush()
            depth = max(len(self.lists), 1)
            self.text.append(LIST_BULLETS[(depth - 1) % len(LIST_BULLETS)])
        elif tag == "table":
            self.flush()
            self.tables.append(_TableBuilder())
        elif tag == "tr" and self.tables:
            self.tables[-1].start_row()
        elif tag in ("td", "th") and self.tables:
            self.flush()
            values = dict(attrs)
            self.tables[-1].start_cell(_span(values.get("rowspan")), _span(values.get("colspan")))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "title":
            self.in_title = False
        if self.skip_depth:
            return
        if tag in BOLD:
            self.bold_depth = max(0, self.bold_depth - 1)
        elif tag in HEADINGS:
            self.flush()
            self.heading = None
        elif tag in BLOCKS or tag == "li":
            self.flush()
        elif tag in ("ul", "ol") and self.lists:
            self.flush()
            self.lists.pop()
        elif tag in ("td", "th") and self.tables:
            self.flush()
            self.tables[-1].end_cell()
        elif tag == "tr" and self.tables:
            self.tables[-1].end_row()
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            table.end_row()
            if table.rows:
                self.blocks.append(Table(table.rows))

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title = fold_whitespace(f"{self.title or ''} {data}")
        elif not self.skip_depth:
            self.text.append(data)
            if self.bold_depth:
                self.bold_chars += sum(1 for ch in data if ch.isalnum())


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def read(data: bytes, name: str) -> Document:
    reader = _Reader()
    reader.feed(decode(data))
    reader.close()
    reader.flush()
    while reader.tables:
        table = reader.tables.pop()
        table.end_row()
        if table.rows:
            reader.blocks.append(Table(table.rows))
    blocks = reader.blocks
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise UnreadableDocument("Verkkosivulla ei ole luettavaa tekstiä.")
    if reader.title and not any(isinstance(b, Paragraph) and b.heading == 1 for b in blocks):
        blocks.insert(0, Paragraph(reader.title, heading=1))
    lines = [
        b.text if isinstance(b, Paragraph) else "\n".join(" | ".join(row) for row in b.rows) for b in blocks
    ]
    return Document(text="\n".join(lines), blocks=blocks, source_name=name, source_format="html")
