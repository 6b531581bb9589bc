"""The DOCX report as a reader opens it in Word: every item, in order, with its text as written."""

import io
import zipfile
from datetime import date

from seuranta.core import model as core
from seuranta.core.i18n import gettext
from seuranta.core.reports import ReportOptions, render, report_for
from tests.factories import core_plan

HEADING_OF_LEVEL = {"Painopiste": "Heading 2", "Tavoite": "Heading 3", "Toimenpide": "Heading 4"}


def _document(plan: core.Plan, **options):
    import docx

    report = report_for(plan, ReportOptions(on=date(2026, 6, 1), **options))
    return docx.Document(io.BytesIO(render(report, "docx")))


def _body_text(document) -> str:
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_docx_has_a_heading_for_every_item_in_plan_order_at_its_level():
    plan = core_plan(12, indicators_per_action=2)
    plan.nodes[0].children.append(
        core.Node(level="Tavoite", title="Tavoite 2", children=[core.Node("Toimenpide", "Viimeinen")])
    )
    document = _document(plan)

    headings = [  # the numbered ones: "1.1.2 Toimenpide: ..."
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name in HEADING_OF_LEVEL.values() and p.text[:1].isdigit()
    ]
    expected = [node.title for node, _ancestors in plan.walk()]
    assert [text.split(": ", 1)[1] for _style, text in headings] == expected
    assert [style for style, _text in headings] == [HEADING_OF_LEVEL[n.level] for n, _a in plan.walk()]


def test_docx_has_an_indicator_table_row_for_every_indicator_with_the_header_repeated():
    plan = core_plan(5, indicators_per_action=3)
    document = _document(plan)

    names = [indicator.name for indicator, _node, _ancestors in plan.indicators()]
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Mittari"]
    first_cells = [row.cells[0].paragraphs[0].text for table in tables for row in table.rows[1::2]]
    assert first_cells == names
    assert all(table.rows[0]._tr.trPr.xpath("w:tblHeader") for table in tables)
    assert all(t.style.name == "Table Grid" for t in document.tables)


def test_docx_keeps_markup_characters_tabs_and_line_breaks_as_written():
    plan = core_plan(1)
    action = plan.nodes[0].children[0].children[0]
    action.title = 'R&D <tiimi> "uusi"\tvaihe 2'
    action.description = "Ensimmäinen rivi\nToinen rivi & loput"
    action.indicators[0].name = "Kävijät < 5 & > 2"
    document = _document(plan)

    paragraphs = [p.text for p in document.paragraphs]
    assert any(text.endswith(': R&D <tiimi> "uusi"\tvaihe 2') for text in paragraphs)
    assert f"{gettext('Description', 'fi')}: Ensimmäinen rivi\nToinen rivi & loput" in paragraphs
    assert "Kävijät < 5 & > 2" in _body_text(document)


def test_docx_drops_control_characters_that_xml_or_the_charts_cannot_hold_and_keeps_the_rest():
    plan = core_plan(1, title="Strate\x01gia", organization="Kau\x02punki")
    plan.nodes[0].title = "Paino\x1episte"
    action = plan.nodes[0].children[0].children[0]
    action.title = "Toimen\x0bpide\x00 \x1fA"
    indicator = action.indicators[0]
    indicator.name = "Mitta\x0cri"
    indicator.actuals = [
        core.Measure("12", "value", 12, year, label="ala-\r\naste") for year in ("2025", "2026")
    ]
    document = _document(plan)

    text = _body_text(document)
    assert "Toimenpide A" in text and "Mittari" in text and "Painopiste" in text
    assert document.sections[0].header.paragraphs[0].text.startswith("Strategia")
    assert document.core_properties.author == "Kaupunki"
    descriptions = document.element.body.xpath("//wp:docPr/@descr")
    assert len(descriptions) == 2 and "Mittari" in descriptions[1]


def test_docx_in_swedish_has_swedish_headings_and_document_language():
    document = _document(core_plan(2), lang="sv")

    assert document.core_properties.language == "sv"
    defaults = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert defaults == ["sv-FI"]
    summary = gettext("Summary", "sv")
    assert summary != "Summary"
    assert summary in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_docx_trend_pictures_have_unique_ids_their_own_images_and_alt_texts():
    import docx

    plan = core_plan(4)
    actions = plan.nodes[0].children[0].children
    for number, action in enumerate(actions):
        value = 12 if number == 3 else 12 + number  # the last chart is drawn as the first: one image for both
        action.indicators[0].actuals = [core.Measure(str(value), "value", value, y) for y in ("2025", "2026")]
    report = report_for(plan, ReportOptions(on=date(2026, 6, 1)))
    data = render(report, "docx")
    document = docx.Document(io.BytesIO(data))
    pictures = document.element.body.xpath("//wp:inline")
    ids = [p.xpath("wp:docPr/@id")[0] for p in pictures]
    assert len(pictures) == 1 + len(actions) and len(set(ids)) == len(ids)  # the summary chart and 4 trends
    images = document.part.related_parts
    embedded = [p.xpath(".//a:blip/@r:embed")[0] for p in pictures]
    assert all(images[rel_id].content_type == "image/png" for rel_id in embedded)
    distinct = 1 + 3  # the summary chart and three different trends
    assert len(set(embedded)) == distinct and embedded[1] == embedded[4]
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
    assert len(media) == distinct
    alts = [p.xpath("wp:docPr/@descr")[0] for p in pictures]
    assert all(indicator.name in alt for indicator, alt in zip(_indicators(plan), alts[1:], strict=True))


def _indicators(plan: core.Plan) -> list[core.Indicator]:
    return [indicator for indicator, _node, _ancestors in plan.indicators()]
