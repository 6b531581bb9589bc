"""XLSX reader: every visible worksheet as a heading and a table.

Blocks: for each visible worksheet, a `Paragraph` with the sheet's name
(heading 1) followed by a `Table` of its rows, trailing empty rows and columns
trimmed. Only the cells that hold something are read, never the sheet's declared
dimensions: a run of more than MAX_GAP empty rows or columns is shortened to
MAX_GAP, and a sheet whose used range would still exceed MAX_CELLS is refused,
so a tiny file with one far cell (XFD1048576) cannot fill memory. Merged cells keep their value in the top-left cell only. Cell values
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
MAX_GAP = 50  # empty rows or columns kept between two filled ones; longer runs are shortened to this
MAX_CELLS = 2_000_000  # rows x columns of one sheet's table after shortening the gaps
TOO_MANY_CELLS = (
    "Excel-taulukko on liian suuri tuotavaksi (yli {cells} solua yhdellä välilehdellä); "
    "poista ylimääräiset rivit ja sarakkeet tai jaa taulukko osiin."
)
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

        # read_only streams the sheet XML cell by cell instead of building every cell in the range
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        try:
            sheets = [
                (sheet.title, _sheet_rows(sheet))
                for sheet in workbook.worksheets
                if sheet.sheet_state == "visible"
            ]
        finally:
            workbook.close()
    except UnreadableDocument:
        raise
    except zipfile.BadZipFile:
        raise UnreadableDocument(DAMAGED) from None
    except MemoryError:  # a memory limit reached is no fault of the file: the caller says so
        raise
    except Exception:  # openpyxl raises many kinds on a bad file; none may escape
        raise UnreadableDocument(
            "Tiedosto ei ole kelvollinen Excel-taulukko (.xlsx), eikä sitä voi lukea."
        ) from None
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
    """The sheet's rows from A1 to its last filled cell, long empty runs shortened, every row as wide."""
    sheet.reset_dimensions()  # the declared dimension may be forged or far: rows come as stored
    filled: dict[int, dict[int, str]] = {}
    count = 0
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            text = cell_text(cell.value, cell.number_format)
            if text:
                filled.setdefault(cell.row, {})[cell.column] = text
                count += 1
                if count > MAX_CELLS:
                    raise UnreadableDocument(TOO_MANY_CELLS.format(cells=f"{MAX_CELLS:,}".replace(",", " ")))
    if not filled:
        return []
    row_at = _positions(sorted(filled))
    column_at = _positions(sorted({column for cells in filled.values() for column in cells}))
    height, width = max(row_at.values()) + 1, max(column_at.values()) + 1
    if height * width > MAX_CELLS:
        raise UnreadableDocument(TOO_MANY_CELLS.format(cells=f"{MAX_CELLS:,}".replace(",", " ")))
    rows = [[""] * width for _ in range(height)]
    for r, cells in filled.items():
        for c, text in cells.items():
            rows[row_at[r]][column_at[c]] = text
    return rows


def _positions(indexes: list[int]) -> dict[int, int]:
    """Each 1-based sheet index's 0-based position in the table, with every gap kept at most MAX_GAP long."""
    positions: dict[int, int] = {}
    previous, position = 0, -1
    for index in indexes:
        position += min(index - previous - 1, MAX_GAP) + 1
        positions[index] = position
        previous = index
    return positions


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
