"""The DOCX report's body written as WordprocessingML text and parsed into the document in blocks.

python-docx builds every paragraph, run and property through its object API, and each style it
assigns looks the document's default style up among all styles: about a millisecond a paragraph,
seconds for a report of 500 actions. The body is plain paragraphs and tables, so it is written here as
the XML python-docx writes for the same calls (a tab as `w:tab`, a line break as `w:br`,
`xml:space="preserve"` where the text has white space at either end) and parsed with python-docx's
own parser (`docx.oxml.parse_xml`), once for each stretch between pictures.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# Characters XML 1.0 cannot hold (python-docx refuses them with a ValueError): dropped, being invisible.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("([\t\r\n])")
BOLD = "<w:rPr><w:b/></w:rPr>"


def clean(text: str) -> str:
    """The text without the characters XML cannot hold, for what python-docx's own API writes."""
    return _NOT_XML.sub("", text)


def escape(text: str) -> str:
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A carriage return written as itself would be read back as a line feed.
    return text.replace('"', "&quot;").replace("\r", "&#13;")


def _t(text: str, *, preserve: bool = False) -> str:
    if preserve or len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


def run(text: str, *, bold: bool = False) -> str:
    """A run as python-docx's `add_run(text)` writes it: tabs and line breaks as elements."""
    props = BOLD if bold else ""
    if not _BREAKS.search(text):
        return f"<w:r>{props}{_t(text)}</w:r>" if text else f"<w:r>{props}</w:r>"
    parts = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            parts.append(_t(piece))
    return f"<w:r>{props}{''.join(parts)}</w:r>"


def paragraph(*runs: str, style: str | None = None) -> str:
    """A paragraph of runs, in the paragraph style with this style id (not the style's name)."""
    props = f'<w:pPr><w:pStyle w:val="{escape(style)}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def field_runs(instruction: str, placeholder: str = "") -> str:
    """A complex field (PAGE, NUMPAGES, TOC) as Word writes it, to be updated when the document opens."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(placeholder)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def table_start(style: str, header: list[str], widths: list[int]) -> str:
    """A fixed-layout table in the table style with this id, its grid and a header row repeated on each page."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr><w:p>{run(title, bold=True)}</w:p></w:tc>'
        for title, w in zip(header, widths, strict=True)
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{escape(style)}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
        'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
        f'<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>{cells}</w:tr>'
    )


TABLE_END = "</w:tbl>"


def table_row(cells: list[list[str]], widths: list[int], *, bold_first: bool = False) -> str:
    """A table row; with one cell for several widths, the cell spans the whole row (gridSpan)."""
    span = len(widths) if len(cells) == 1 and len(widths) > 1 else 1
    out = ["<w:tr>"]
    for index, lines in enumerate(cells):
        if span > 1:
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/><w:gridSpan w:val="{span}"/></w:tcPr>'
            )
        else:
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[index]}" w:type="dxa"/></w:tcPr>')
        for number, line in enumerate(lines or [""]):
            props = BOLD if bold_first and index == 0 and number == 0 else ""
            out.append(f"<w:p><w:r>{props}{_t(line, preserve=True)}</w:r></w:p>")
        out.append("</w:tc>")
    out.append("</w:tr>")
    return "".join(out)


def append_xml(parent: Any, xml: str, before: Any = None) -> list[Any]:
    """Parse `xml` (elements of the w namespace) and move its elements into `parent`, before `before` if given."""
    if not xml:
        return []
    elements = list(parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"))
    for element in elements:
        if before is None:
            parent.append(element)
        else:
            before.addprevious(element)
    return elements
