"""The report as a spreadsheet: a row per indicator (per sub-series), every level of the plan a column.

Columns: the plan's levels (each ancestor's title in its level's column), the
responsible unit, the indicator, its sub-series and unit, then the baseline, the
last target and the latest actual, each a number (a state such as "Kyllä" stays
text) with its period beside it, the target as written, status and reason, and
the item's status. An action without indicators has a row of its own too. The header is frozen and filtered.
Every text cell that a spreadsheet would read as a formula (starting with
= + - @, a tab or a carriage return) is neutralised with a leading apostrophe
character, so a plan's text can never run as a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from seuranta.core.i18n import gettext as _
from seuranta.core.model import Measure
from seuranta.core.periods import measure_date
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


@dataclass(frozen=True)
class SheetRow:
    path: list[ReportNode]
    node: ReportNode
    row: IndicatorRow | None  # None: an action without indicators
    label: str | None = None  # the sub-series
    baseline: Measure | None = None
    target: Measure | None = None
    actual: Measure | None = None


def _latest(measures: list[Measure]) -> Measure | None:
    """The measure of the latest period (the last written when undated)."""
    if not measures:
        return None
    dated = [(measure_date(m.period) or date.min, i, m) for i, m in enumerate(measures)]
    return max(dated, key=lambda item: (item[0], item[1]))[2]


def _series_rows(path: list[ReportNode], node: ReportNode, row: IndicatorRow) -> list[SheetRow]:
    """One row per sub-series ("ala-aste", "yläaste"), or one for an indicator without them."""
    indicator = row.indicator
    baselines = ([indicator.baseline] if indicator.baseline else []) + list(indicator.baseline_series)
    measures = baselines + list(indicator.targets) + list(indicator.actuals)
    labels = list(dict.fromkeys(m.label for m in measures)) or [None]
    if len(labels) > 1 and None in labels and not any(m.label is None for m in indicator.actuals):
        labels.remove(None)  # a shared baseline or target without a label belongs to every sub-series
    out = []
    for label in labels:

        def own(items: list[Measure], label: str | None = label) -> list[Measure]:
            mine = [m for m in items if m.label == label]
            return mine or [m for m in items if m.label is None]

        out.append(
            SheetRow(
                path,
                node,
                row,
                label,
                _latest(own(baselines)),
                _latest(own(list(indicator.targets))),
                _latest(own(list(indicator.actuals))),
            )
        )
    return out


def _rows(report: Report) -> list[SheetRow]:
    """Every indicator (a row per sub-series) and every action without indicators, in plan order."""
    out: list[SheetRow] = []

    def visit(node: ReportNode, path: list[ReportNode]) -> None:
        for row in node.indicators:
            out.extend(_series_rows(path, node, row))
        if not node.indicators and not node.children:
            out.append(SheetRow(path, node, None))
        for child in node.children:
            visit(child, [*path, node])

    for node in report.nodes:
        visit(node, [])
    return out


def number_or_text(measure: Measure | None) -> object:
    """A numeric level as a number (the unit is in its own column); a state ("Kyllä") as its text."""
    if measure is None:
        return None
    value = measure.value
    if isinstance(value, int | float) and not isinstance(value, bool) and measure.kind != "change_percent":
        return value
    return measure.text


def _header(report: Report, levels: list[str]) -> list[str]:
    lang = report.lang
    return [
        *levels,
        _("Responsible unit", lang),
        _("Indicator", lang),
        _("Sub-series", lang),
        _("Unit", lang),
        _("Baseline", lang),
        _("Baseline period", lang),
        _("Target", lang),
        _("Target as written", lang),
        _("Target period", lang),
        _("Actual", lang),
        _("Actual period", lang),
        _("Status", lang),
        _("Reason", lang),
        _("Item status", lang),
    ]


def _values(levels: list[str], item: SheetRow) -> list[object]:
    titles = dict.fromkeys(levels, "")
    unit = None
    for ancestor in [*item.path, item.node]:
        titles[ancestor.level] = ancestor.title
        unit = ancestor.unit or unit
    row = item.row
    measures = (item.baseline, item.target, item.actual)
    baseline, target, actual = (number_or_text(m) for m in measures)
    period = [m.period if m else None for m in measures]
    return [
        *titles.values(),
        unit or "",
        row.name if row else "",
        item.label or "",
        (row.unit or "") if row else "",
        baseline,
        period[0],
        target,
        item.target.text if item.target else None,
        period[1],
        actual,
        period[2],
        row.status_label if row else "",
        row.reason if row else item.node.reason,
        item.node.status_label,
    ]


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's only sheet
    sheet.title = _("Indicators", report.lang)[:31]
    levels = _levels(report)
    header = _header(report, levels)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in _rows(report):
        sheet.append([neutralise(v) for v in _values(levels, item)])
    wrap = Alignment(wrap_text=True, vertical="top")
    for column_cells in sheet.iter_cols(min_row=2):
        for cell in column_cells:
            cell.alignment = wrap
    widths = [28] * len(levels) + [20, 40, 14, 8, 12, 12, 12, 22, 12, 12, 12, 16, 50, 16]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, sheet.max_row)}"
    workbook.properties.title = report.title or report.heading
    workbook.properties.creator = "Seuranta"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
