import io
import re
import zipfile
from datetime import date

import pytest

from seuranta.core import model as core
from seuranta.core.reports import ReportOptions, render, report_for
from seuranta.core.reports.charts import summary_chart_png, trend_chart
from seuranta.core.reports.xlsx import neutralise
from tests.factories import core_plan


def test_docx_has_real_headings_tables_toc_page_numbers_and_alt_texts(pori_report):
    import docx

    data = render(pori_report, "docx")
    document = docx.Document(io.BytesIO(data))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 6"} <= styles
    header = [c.text for c in document.tables[1].rows[0].cells]
    assert header == ["Mittari", "Lähtötaso", "Tavoitetaso", "Toteuma", "Tila"]
    assert all(t.style.name == "Table Grid" for t in document.tables)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "TOC \\o" in xml and "w:tblHeader" in xml
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert descriptions and all(d.strip() for d in descriptions)
    footers = "".join(
        zipfile.ZipFile(io.BytesIO(data)).read(n).decode()
        for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if "footer" in n
    )
    assert " PAGE " in footers


def test_xlsx_has_a_row_per_indicator_and_action_autofilter_and_frozen_header(pori_report):
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(render(pori_report, "xlsx"))).active
    indicators = sum(len(n.indicators) for n in pori_report.walk())
    bare_actions = sum(1 for n in pori_report.walk() if not n.indicators and not n.children)
    assert sheet.max_row >= indicators + bare_actions + 1
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Teema", "Painopiste", "Tavoite", "Teko", "Toimenpide"]
    assert {"Lähtötaso", "Tavoitetaso", "Toteuma", "Tila", "Perustelu"} <= set(header)


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_xlsx_neutralises_text_that_would_run_as_a_formula(text):
    import openpyxl

    plan = core_plan(1)
    plan.nodes[0].title = text
    plan.nodes[0].children[0].children[0].indicators[0].name = text
    report = report_for(plan, ReportOptions(on=date(2026, 6, 1)))
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx"))).active
    values = [c.value for c in sheet[2]]
    assert neutralise(text) == "'" + text
    assert "'" + text in values
    assert all(not (isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t", "\r"))) for v in values)


def test_html_is_one_document_with_language_and_chart_alt_texts(pori_report):
    html = render(pori_report, "html").decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fi">' in html
    svgs = re.findall(r"<svg[^>]*>", html)
    assert svgs and all('role="img"' in s and 'aria-label="' in s for s in svgs)
    assert len(re.findall(r"<svg[^>]*><title>[^<]+</title>", html)) == len(svgs)
    assert html.count("<figcaption>") == len(svgs)
    assert "@page" in html and "counter(page)" in html


def test_trend_chart_describes_baseline_targets_and_actuals():
    indicator = core.Indicator(
        name="Asiakkaat",
        baseline=core.Measure("10", "value", 10, "2024"),
        targets=[core.Measure("20", "value", 20, "2026")],
        actuals=[core.Measure("14", "value", 14, "2025")],
    )
    chart = trend_chart(indicator, None, "fi")
    svg = chart.svg if chart else ""
    assert svg.startswith("<svg") and "Lähtötaso: 10 (2024)" in svg and "Toteuma: 14 (2025)" in svg


def test_trend_chart_is_empty_without_two_dated_numbers():
    assert trend_chart(core.Indicator(name="Laatu"), None, "fi") is None


def test_summary_chart_png_is_an_image_with_alt_text(pori_report):
    from PIL import Image

    chart = summary_chart_png(pori_report)
    assert Image.open(io.BytesIO(chart.png)).format == "PNG"
    assert "Porin elinvoimaisuus" in chart.alt


@pytest.mark.pdf
def test_pdf_has_title_and_page_number_on_every_page(pori_report, pori_pdf):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pori_pdf)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) > 2
    for number, text in enumerate(pages, 1):
        assert pori_report.title[:40] in text.replace("\n", " ")
        assert f"Sivu {number} / {len(pages)}" in text
    assert (
        "ä" in "".join(pages)
        and "ö" in "".join(pages)
        and "Mittari Lähtötaso Tavoitetaso Toteuma Tila" in "\n".join(pages)
    )


def test_html_indicator_table_has_one_ruled_row_per_indicator(pori_report):
    html = render(pori_report, "html").decode()
    tables = re.findall(r'<table class="indicators"[^>]*>.*?</table>', html)
    indicators = sum(len(n.indicators) for n in pori_report.walk())
    assert sum(t.count('<th scope="row"') for t in tables) == indicators
    assert all(re.match(r'<table class="indicators" aria-labelledby="n[\d.]+">', t) for t in tables)
    header = "".join(
        f'<th scope="col">{h}</th>' for h in ("Mittari", "Lähtötaso", "Tavoitetaso", "Toteuma", "Tila")
    )
    assert all(f"<thead><tr>{header}</tr></thead>" in t for t in tables)
    assert "table-layout: fixed" in html and "border: .75pt solid" in html and "font-kerning: none" in html
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    avoided = [rule.split("{")[0].strip() for rule in re.findall(r"[^{}]*\{[^{}]*break-inside: avoid", css)]
    assert avoided == ["tr", "figure"]


@pytest.mark.pdf
def test_pdf_indicator_tables_read_back_with_one_row_per_indicator(pori_report, pori_pdf):
    from seuranta.core.parsing.document import Table
    from seuranta.core.parsing.readers import pdf

    header = ["Mittari", "Lähtötaso", "Tavoitetaso", "Toteuma", "Tila"]
    tables = [
        b for b in pdf.read(pori_pdf, "raportti.pdf").blocks if isinstance(b, Table) and b.rows[0] == header
    ]
    rows = [row for table in tables for row in table.rows[1:] if row[4]]
    expected = [row for node in pori_report.walk() for row in node.indicators]
    assert len(rows) == len(expected)
    for row, indicator in zip(rows, expected, strict=True):
        assert " ".join(row[0].split()).startswith(" ".join(indicator.name.split()))
        assert indicator.status_label in row[4]


def test_plan_title_cannot_end_the_style_element_of_the_report():
    plan = core_plan(1, title='Strategia </style><script>alert("x")</script>')
    html = render(report_for(plan, ReportOptions(on=date(2026, 6, 1))), "html").decode()
    assert "<script>" not in html
    assert html.count("</style>") == 1


@pytest.mark.pdf
def test_running_header_shows_a_title_with_markup_quotes_and_backslashes_as_written():
    import pdfplumber

    title = 'Ohjelma <em>2026</em> "uusi" \\ KIND_STRING'
    report = report_for(core_plan(1, title=title), ReportOptions(on=date(2026, 6, 1)))
    with pdfplumber.open(io.BytesIO(render(report, "pdf"))) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert all(page.startswith(title) for page in pages)
    assert "font: 8pt" not in "".join(pages)  # the stylesheet stayed a stylesheet
