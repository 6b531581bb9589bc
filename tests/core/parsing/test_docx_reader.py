"""The DOCX reader: paragraphs and tables in body order, headings from styles."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from seuranta.core.parsing.document import Paragraph, Table
from seuranta.core.parsing.readers import docx as docx_reader

DATA = Path(__file__).resolve().parents[2] / "data"


def new_document() -> docx.document.Document:
    document = docx.Document()
    document.styles["Normal"].paragraph_format.space_after = Pt(0)
    document.styles["Normal"].paragraph_format.space_before = Pt(0)
    return document


def read(document: docx.document.Document, name: str = "suunnitelma.docx"):
    out = io.BytesIO()
    document.save(out)
    return docx_reader.read(out.getvalue(), name)


def test_converted_docx_text_is_the_original_text():
    name = "pori-sivistystoimiala-toteutuminen-q1-2023"
    doc = docx_reader.read((DATA / "converted" / f"{name}.docx").read_bytes(), f"{name}.docx")
    original = (DATA / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    assert doc.text.strip() == original.strip()


def test_heading_styles_give_heading_levels():
    document = new_document()
    document.add_heading("Hallintotoimen tavoitteet", level=1)
    document.add_heading("Kestävä talous", level=2)
    document.add_paragraph("Menojen kasvua hillitään.")
    assert read(document).blocks == [
        Paragraph("Hallintotoimen tavoitteet", 1),
        Paragraph("Kestävä talous", 2),
        Paragraph("Menojen kasvua hillitään.", None),
    ]


def test_finnish_heading_style_names_give_heading_levels():
    document = new_document()
    style = document.styles.add_style("Otsikko 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Painopiste: Hyvinvoiva Pori", style=style)
    assert read(document).blocks == [Paragraph("Painopiste: Hyvinvoiva Pori", 2)]


def test_paragraphs_and_tables_come_in_body_order():
    document = new_document()
    document.add_paragraph("Ennen taulukkoa")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "Solu"
    document.add_paragraph("Taulukon jälkeen")
    kinds = [type(block).__name__ for block in read(document).blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]


def test_table_block_has_the_cell_texts_row_by_row():
    document = new_document()
    table = document.add_table(rows=2, cols=3)
    for r, values in enumerate(
        [("Tavoite", "Toimenpiteet", "Mittarit"), ("Menojen hallinta", "Digitalisaatio", "Käyttötalous")]
    ):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    assert read(document).blocks == [
        Table(
            [["Tavoite", "Toimenpiteet", "Mittarit"], ["Menojen hallinta", "Digitalisaatio", "Käyttötalous"]]
        )
    ]


def test_horizontally_merged_cell_appears_once():
    document = new_document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Kestävä ja tasapainoinen talous"
    for c, value in enumerate(("Tavoite", "Toimenpiteet", "Mittarit")):
        table.rows[1].cells[c].text = value
    block = read(document).blocks[0]
    assert isinstance(block, Table)
    assert block.rows == [
        ["Kestävä ja tasapainoinen talous", "", ""],
        ["Tavoite", "Toimenpiteet", "Mittarit"],
    ]


def test_vertically_merged_cell_appears_once():
    document = new_document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(1, 0))
    merged.text = "Hyvinvoiva Pori"
    table.cell(0, 1).text = "Ensimmäinen toimenpide"
    table.cell(1, 1).text = "Toinen toimenpide"
    block = read(document).blocks[0]
    assert isinstance(block, Table)
    assert block.rows == [["Hyvinvoiva Pori", "Ensimmäinen toimenpide"], ["", "Toinen toimenpide"]]


def test_table_is_rendered_into_text_cell_by_cell_row_by_row():
    document = new_document()
    document.add_paragraph("MITTARI")
    table = document.add_table(rows=2, cols=2)
    for r, values in enumerate([("Lähtötaso", "Tavoitetaso"), ("9 844 pv", "8 860 pv")]):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    assert read(document).text == "MITTARI\n\nLähtötaso\nTavoitetaso\n\n9 844 pv\n8 860 pv"


def test_bullet_list_items_get_a_bullet():
    document = new_document()
    document.add_paragraph("Varhaisen tuen kehittäminen", style="List Bullet")
    document.add_paragraph("Tiedolla johtaminen", style="List Bullet")
    assert read(document).text == "• Varhaisen tuen kehittäminen\n• Tiedolla johtaminen"


def test_numbered_list_items_get_their_numbers():
    document = new_document()
    document.add_paragraph("Kuntalaisten osallistumista lisätään", style="List Number")
    document.add_paragraph("Kumppanuuksia vahvistetaan", style="List Number")
    assert read(document).text == "1. Kuntalaisten osallistumista lisätään\n2. Kumppanuuksia vahvistetaan"


def test_paragraph_spacing_shows_as_a_blank_line():
    document = new_document()
    document.add_paragraph("TAVOITE Talous on tasapainossa").paragraph_format.space_after = Pt(10)
    document.add_paragraph("MITTARI Vuosikate")
    assert read(document).text == "TAVOITE Talous on tasapainossa\n\nMITTARI Vuosikate"


def test_paragraphs_without_spacing_follow_each_other():
    document = new_document()
    document.add_paragraph("TAVOITE Talous on tasapainossa")
    document.add_paragraph("MITTARI Vuosikate")
    assert read(document).text == "TAVOITE Talous on tasapainossa\nMITTARI Vuosikate"


def test_empty_paragraph_is_a_blank_line():
    document = new_document()
    document.add_paragraph("TAVOITE Talous on tasapainossa")
    document.add_paragraph("")
    document.add_paragraph("MITTARI Vuosikate")
    assert read(document).text == "TAVOITE Talous on tasapainossa\n\nMITTARI Vuosikate"


def test_line_break_inside_a_paragraph_starts_a_new_line():
    document = new_document()
    run = document.add_paragraph().add_run("Lähtötaso")
    run.add_break()
    run.add_text("4,3")
    assert read(document).text == "Lähtötaso\n4,3"


def test_document_says_it_came_from_a_docx():
    document = new_document()
    document.add_paragraph("Teksti")
    doc = read(document, "hallintotoimi.docx")
    assert (doc.source_format, doc.source_name) == ("docx", "hallintotoimi.docx")


def test_running_out_of_memory_is_not_reported_as_a_broken_file(monkeypatch):
    """The bounded import tells a memory limit from a bad file; the reader must let MemoryError through."""
    import pytest

    document = docx.Document()
    document.add_paragraph("Tavoite")
    out = io.BytesIO()
    document.save(out)

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(docx, "Document", exhausted)
    with pytest.raises(MemoryError):
        docx_reader.read(out.getvalue(), "a.docx")
