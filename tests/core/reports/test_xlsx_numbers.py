"""The XLSX report: numbers as numbers with the unit in its own column, and every action."""

import io
from datetime import date

import openpyxl

from seuranta.core import model as core
from seuranta.core.reports import ReportOptions, render, report_for
from tests.factories import core_plan


def sheet_of(plan: core.Plan):
    report = report_for(plan, ReportOptions(on=date(2026, 6, 1)))
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    return header, rows


def test_levels_are_numbers_with_the_unit_and_period_in_their_own_columns():
    plan = core_plan(1)
    indicator = plan.nodes[0].children[0].children[0].indicators[0]
    indicator.actuals = [
        core.Measure("12,5", "value", 12.5, "2025"),
        core.Measure("14", "value", 14, "2026-Q1"),
    ]
    _header, rows = sheet_of(plan)
    row = next(r for r in rows if r["Mittari"] == indicator.name)
    assert row["Lähtötaso"] == 10 and row["Tavoitetaso"] == 20 and row["Toteuma"] == 14
    assert row["Yksikkö"] == "kpl" and row["Toteuman ajankohta"] == "2026-Q1"
    assert isinstance(row["Toteuma"], int | float)


def test_an_action_without_indicators_has_a_row_of_its_own():
    plan = core_plan(2)
    plan.nodes[0].children[0].children[1].indicators = []
    _header, rows = sheet_of(plan)
    assert any(r["Toimenpide"] == "Toimenpide 2" and not r["Mittari"] for r in rows)


def test_each_sub_series_has_its_own_row_with_its_numbers():
    plan = core_plan(1)
    indicator = plan.nodes[0].children[0].children[0].indicators[0]
    indicator.targets = [
        core.Measure("15", "max", 15, "2026", label="ala-aste"),
        core.Measure("17", "max", 17, "2026", label="yläaste"),
    ]
    indicator.actuals = [
        core.Measure("17,0", "value", 17.0, "2025", label="ala-aste"),
        core.Measure("19,5", "value", 19.5, "2025", label="yläaste"),
    ]
    _header, rows = sheet_of(plan)
    series = {r["Osasarja"]: (r["Tavoitetaso"], r["Toteuma"]) for r in rows if r["Mittari"] == indicator.name}
    assert series == {"ala-aste": (15, 17.0), "yläaste": (17, 19.5)}


def test_a_qualitative_level_stays_text():
    plan = core_plan(1)
    indicator = plan.nodes[0].children[0].children[0].indicators[0]
    indicator.baseline = core.Measure("Ei", "state", None, "2025")
    indicator.targets = [core.Measure("Kyllä", "state", None, "2026")]
    _header, rows = sheet_of(plan)
    row = next(r for r in rows if r["Mittari"] == indicator.name)
    assert (row["Lähtötaso"], row["Tavoitetaso"]) == ("Ei", "Kyllä")
