"""Open data: a plan's indicators with their baselines, targets, actuals and statuses, as CSV, XLSX
and JSON, and one JSON dump of an organisation's plans, each under the organisation's licence.

One row per measure (an indicator without any has one row of its own), so a spreadsheet can filter
and chart them; the JSON nests the measures under their indicator.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from seuranta.core import model as core
from seuranta.core.evaluation import evaluate_plan
from seuranta.core.vocabulary import status_label
from seuranta.plans.models import Plan
from seuranta.plans.storage import load_core_plans
from seuranta.values.models import OpenDataSettings

COLUMNS = (
    "plan_id",
    "plan",
    "indicator_id",
    "indicator",
    "path",
    "unit",
    "source",
    "status",
    "status_label",
    "reason",
    "role",
    "period",
    "sub_series",
    "value",
    "text",
    "licence",
)


def _measure(role: str, m: core.Measure) -> dict:
    return {"role": role, "period": m.period, "sub_series": m.label, "value": m.value, "text": m.text}


def _measures(indicator: core.Indicator) -> list[dict]:
    found = [_measure("baseline", indicator.baseline)] if indicator.baseline else []
    found += [_measure("baseline", m) for m in indicator.baseline_series]
    found += [_measure("target", m) for m in indicator.targets]
    found += [_measure("actual", m) for m in indicator.actuals]
    return found


def plan_indicators(plan: Plan, core_plan: core.Plan, on: date, lang: str) -> list[dict]:
    """Each indicator of the plan with its measures and its status on `on`."""
    result = evaluate_plan(core_plan, on, lang)
    found = []
    for node, ancestors in core_plan.walk():
        path = [a.title for a in ancestors] + [node.title]
        for indicator in node.indicators:
            judged = result.indicator(indicator)
            found.append(
                {
                    "plan_id": plan.pk,
                    "plan": plan.title,
                    "indicator_id": indicator.key,
                    "indicator": indicator.name,
                    "path": path,
                    "unit": indicator.unit,
                    "source": indicator.source,
                    "status": str(judged.status),
                    "status_label": status_label(judged.status, lang),
                    "reason": judged.reason,
                    "measures": _measures(indicator),
                }
            )
    return found


def licence_of(settings: OpenDataSettings) -> dict:
    return {"name": settings.licence, "url": settings.licence_url or None}


def plans_document(plans: list[Plan], settings: OpenDataSettings, on: date, lang: str) -> dict:
    """The JSON of one plan or an organisation's plans: the licence, then each plan's indicators."""
    cores = load_core_plans(plans)
    return {
        "licence": licence_of(settings),
        "on": on.isoformat(),
        "plans": [
            {
                "id": plan.pk,
                "title": plan.title,
                "organization": plan.organization.name if plan.organization else None,
                "period": plan.period,
                "state": plan.state,
                "indicators": plan_indicators(plan, cores[plan.pk], on, lang),
            }
            for plan in plans
        ],
    }


def flat_rows(document: dict) -> list[list]:
    """The document as table rows under COLUMNS: one per measure."""
    licence = document["licence"]["name"]
    rows = []
    for plan in document["plans"]:
        for indicator in plan["indicators"]:
            head = {**indicator, "path": " > ".join(indicator["path"]), "licence": licence}
            for measure in indicator["measures"] or [{}]:
                merged = {**head, **measure}
                rows.append([merged.get(column) for column in COLUMNS])
    return rows


FORMULA_START = ("=", "+", "@", "\t", "\r")


def inert(cell):
    """A text cell that a spreadsheet would run as a formula, quoted so that it stays text."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell


def append_as_text(sheet, row: list) -> None:
    """Append a row to an openpyxl sheet; text beginning with "=" stays text, not a formula."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def as_csv(document: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows([inert(cell) for cell in row] for row in flat_rows(document))
    return out.getvalue().encode("utf-8-sig")  # Excel opens it with the Finnish letters right


def as_xlsx(document: dict, licence_sentence: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = "indicators"
    sheet.append(list(COLUMNS))
    for row in flat_rows(document):
        append_as_text(sheet, row)
    about = book.create_sheet("licence")
    about.append([licence_sentence])
    about.append([document["licence"]["name"], document["licence"]["url"] or ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
