"""The report as a spreadsheet: one row per indicator, every level of the plan a column.

Columns: the plan's levels (each ancestor's title in its level's column), the
responsible unit, the indicator and its unit, baseline, targets, actuals,
status and reason, and the item's status. The header is frozen and filtered.
Every text cell that a spreadsheet would read as a formula (starting with
= + - @, a tab or a carriage return) is neutralised with a leading apostrophe
character, so a plan's text can never run as a formula.
"""

from __future__ import annotations

import io

from seuranta.core.i18n import gettext as _
from seuranta.core.reports.model import IndicatorRow, Report, ReportNode

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that would start a formula gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _levels(report: Report) -> list[str]:
    levels = list(report.levels)
    for node in report.walk():
        if node.level not in levels:
            levels.append(node.level)
    return levels


def _rows(report: Report) -> list[tuple[list[ReportNode], ReportNode, IndicatorRow]]:
    out: list[tuple[list[ReportNode], ReportNode, IndicatorRow]] = []

    def visit(node: ReportNode, path: list[ReportNode]) -> None:
        for row in node.indicators:
            out.append((path, node, row))
        for child in node.children:
            visit(child, [*path, node])

    for node in report.nodes:
        visit(node, [])
    return out


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one worksheet, active
    sheet.title = _("Indicators", report.lang)[:31]
    levels = _levels(report)
    header = [
        *levels,
        _("Responsible unit", report.lang),
        _("Indicator", report.lang),
        _("Unit", report.lang),
        _("Baseline", report.lang),
        _("Target", report.lang),
        _("Actual", report.lang),
        _("Status", report.lang),
        _("Reason", report.lang),
        _("Item status", report.lang),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for path, node, row in _rows(report):
        titles = dict.fromkeys(levels, "")
        unit = None
        for item in [*path, node]:
            titles[item.level] = item.title
            unit = item.unit or unit
        values = [
            *titles.values(),
            unit or "",
            row.name,
            row.unit or "",
            "\n".join(row.baseline),
            "\n".join(row.targets),
            "\n".join(row.actuals),
            row.status_label,
            row.reason,
            node.status_label,
        ]
        sheet.append([neutralise(v) for v in values])
    wrap = Alignment(wrap_text=True, vertical="top")
    for column_cells in sheet.iter_cols(min_row=2):
        for cell in column_cells:
            cell.alignment = wrap
    widths = [28] * len(levels) + [20, 40, 8, 22, 22, 22, 16, 50, 16]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, sheet.max_row)}"
    workbook.properties.title = report.title or report.heading
    workbook.properties.creator = "Seuranta"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
