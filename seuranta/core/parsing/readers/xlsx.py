"""XLSX reader: every visible worksheet as a heading and a table.

Blocks: for each visible worksheet, a `Paragraph` with the sheet's name
(heading 1) followed by a `Table` of its rows, trailing empty rows and columns
trimmed. Merged cells keep their value in the top-left cell only. Cell values
become text as a person reads them in Finnish: decimal comma ("3,4"), percent
cells as percents ("10 %"), dates as ISO dates ("2026-12-31"), booleans as
"Kyllä"/"Ei"; formulas give the value Excel last saved.

Text: the sheet name, then one line per row with the non-empty cells joined by
" | ", and a blank line between sheets. The spreadsheet family reads the
tables; the text is for the other families and for people reviewing an import.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from seuranta.core.parsing.document import Block, Document, Paragraph, Table, UnreadableDocument
from seuranta.core.parsing.readers.zipcheck import check_archive

CELL_SEPARATOR = " | "
DAMAGED = "Excel-tiedosto on vajaa tai vioittunut, eikä sitä voi avata."


def read(data: bytes, name: str) -> Document:
    check_archive(
        data,
        old_format="Tiedosto on salattu tai vanhaa Excel-muotoa (.xls); poista salasana tai tallenna se "
                   "Excelissä .xlsx-muodossa ja tuo se uudelleen.",
        wrong_format="Tiedosto ei ole Excel-taulukko (.xlsx), vaikka sen nimi päättyy .xlsx.",
        damaged=DAMAGED,
    )
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheets = [(sheet.title, _sheet_rows(sheet)) for sheet in workbook.worksheets
                  if sheet.sheet_state == "visible"]
    except zipfile.BadZipFile:
        raise UnreadableDocument(DAMAGED) from None
    except Exception:  # openpyxl raises many kinds on a bad file; none may escape
        raise UnreadableDocument("Tiedosto ei ole kelvollinen Excel-taulukko (.xlsx), eikä sitä voi lukea.") from None
    blocks: list[Block] = []
    lines: list[str] = []
    for title, rows in sheets:
        if not rows:
            continue
        if lines:
            lines.append("")
        blocks.append(Paragraph(title, heading=1))
        blocks.append(Table(rows))
        lines.append(title)
        for row in rows:
            cells = [cell for cell in row if cell]
            if cells:
                lines.append(CELL_SEPARATOR.join(cell.replace("\n", " ") for cell in cells))
    if not blocks:
        raise UnreadableDocument("Excel-taulukossa ei ole lainkaan tietoja.")
    return Document(text="\n".join(lines), blocks=blocks, source_name=name, source_format="xlsx")


def _sheet_rows(sheet: Any) -> list[list[str]]:
    rows = [[cell_text(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]


def cell_text(value: Any, number_format: str | None = "General") -> str:
    """A cell value as a Finnish reader sees it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Kyllä" if value else "Ei"
    if isinstance(value, int | float):
        if number_format and "%" in number_format:
            return f"{_number(value * 100)} %"
        return _number(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}".replace(".", ",")
