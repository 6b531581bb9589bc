"""Reading an uploaded table (CSV or XLSX) into rows keyed by column, and Finnish numbers in it.

Column names are matched without case and surrounding space, in Finnish, Swedish or English
(`COLUMNS`); unknown columns are ignored. Errors are `TableError`s with a sentence for the person.
"""

from __future__ import annotations

import csv
import io
import math

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# field -> the column names that mean it
COLUMNS = {
    "indicator": ("mittari", "indikator", "indicator", "mittarin id", "id"),
    "period": ("kausi", "ajanjakso", "period", "vuosi", "år", "year"),
    "value": ("arvo", "värde", "value"),
    "label": ("osasarja", "delserie", "sub-series", "label"),
    "source": ("lähde", "källa", "source"),
    "note": ("huomautus", "anmärkning", "note"),
    "unit": ("yksikkö", "ryhmä", "enhet", "unit", "group"),
    "question": ("kysymys", "fråga", "question"),
    "respondents": ("vastaajia", "vastaajamäärä", "svarande", "respondents"),
    "average": ("keskiarvo", "medelvärde", "average", "mean"),
    "share": ("osuus", "andel", "share"),
}


class TableError(Exception):
    """The file cannot be read as a table; the message says why, for the person who sent it."""


def parse_number(text) -> float | None:
    """A number as a Finnish or English spreadsheet writes it ("12,5", "1 234", "45 %"); None if it is none."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else None
    cleaned = str(text or "").replace("\u00a0", "").replace(" ", "").replace("−", "-").rstrip("%").strip()
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _field(header: str) -> str | None:
    name = " ".join(str(header or "").strip().lower().replace("_", " ").split())
    return next((field for field, names in COLUMNS.items() if name in names), None)


def _rows(table: list[list]) -> list[tuple[int, dict]]:
    """(line number, {field: text}) for each non-empty row under the header row."""
    if not table:
        raise TableError(_("The file is empty."))
    fields = [_field(h) for h in table[0]]
    if not any(fields):
        raise TableError(
            _("The first row must name the columns, for example: mittari; kausi; arvo; osasarja.")
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        row = {f: ("" if c is None else c) for f, c in zip(fields, cells, strict=False) if f}
        row = {f: (c.strip() if isinstance(c, str) else c) for f, c in row.items()}
        if any(c not in ("", None) for c in row.values()):
            rows.append((number, row))
    if len(rows) > MAX_ROWS:
        raise TableError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    return rows


def _csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx(data: bytes) -> list[list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or renamed file: openpyxl raises many kinds
        raise TableError(_("The file is not a readable XLSX workbook.")) from exc
    sheet = book.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    book.close()
    return table


def read_table(upload) -> list[tuple[int, dict]]:
    """The rows of an uploaded CSV or XLSX file (the first sheet)."""
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > MAX_BYTES:
        raise TableError(_("The file is larger than 5 MB."))
    data = upload.read()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _rows(_xlsx(data))
    if name.endswith((".csv", ".txt")) or not name:
        return _rows(_csv(data))
    raise TableError(_("Send a CSV or XLSX file."))
