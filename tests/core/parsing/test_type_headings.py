"""Headings by type: PDF and DOCX lines set larger or in bold than the body text are headings."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Pt

from seuranta.core.parsing.document import Paragraph
from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.readers import read_bytes
from seuranta.core.parsing.type_headings import type_ranks

BODY = [
    ("Terveet elintavat", 18, False),
    ("Kuntalaisten liikunta ja ravinto paranevat kaikissa ikäryhmissä.", 11, False),
    ("Liikunta lisääntyy", 14, False),
    ("Liikuntapaikkoja kunnostetaan ja ohjattua liikuntaa tarjotaan lisää kaikille.", 11, False),
    ("Harrastukset kaikille lapsille", 11, True),
    ("Jokaiselle lapselle maksuton harrastus koulupäivän yhteydessä.", 11, False),
    ("Ravinto paranee", 14, False),
    ("Kouluruoan laatua parannetaan ja kasvisruokaa lisätään kouluissa.", 11, False),
    ("Osallisuus vahvistuu", 18, False),
    ("Kuntalaiset osallistuvat päätöksiin entistä useammin ja monipuolisemmin.", 11, False),
    ("Nuorisovaltuusto kuullaan", 14, False),
    ("Nuorisovaltuusto antaa lausunnon kaikista nuoria koskevista asioista.", 11, False),
]
TITLE = ("Hyvinvointiohjelma 2025", 24, True)
TREE = [
    (
        "Terveet elintavat",
        [("Liikunta lisääntyy", ["Harrastukset kaikille lapsille"]), ("Ravinto paranee", [])],
    ),
    ("Osallisuus vahvistuu", [("Nuorisovaltuusto kuullaan", [])]),
]


def shape(nodes):
    return [(n.title, [(c.title, [g.title for g in c.children]) for c in n.children]) for n in nodes]


def as_pdf(lines) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    body = "".join(
        f'<p style="font-size:{size}pt;font-weight:{"bold" if bold else "normal"}">{text}</p>'
        for text, size, bold in lines
    )
    return weasyprint.HTML(string=f"<style>p{{margin:0 0 8pt}}</style>{body}").write_pdf()


def as_docx(lines) -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(11)
    for text, size, bold in lines:
        run = document.add_paragraph().add_run(text)
        run.font.size, run.bold = Pt(size), bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read(data: bytes, name: str):
    return outline_family.parse(read_bytes(data, name))


def test_the_pdf_reader_gives_each_line_its_size_and_boldness():
    blocks = read_bytes(as_pdf([TITLE, *BODY[:2]]), "a.pdf").blocks
    assert [(b.size, b.bold) for b in blocks if isinstance(b, Paragraph)] == [
        (24, True),
        (18, False),
        (11, False),
    ]


def test_the_docx_reader_gives_each_paragraph_its_size_and_boldness():
    blocks = read_bytes(as_docx([TITLE, *BODY[:2]]), "a.docx").blocks
    assert [(b.size, b.bold) for b in blocks if isinstance(b, Paragraph)] == [
        (24, True),
        (18, False),
        (11, False),
    ]


def test_unnumbered_headings_of_a_pdf_nest_by_their_type():
    plan = read(as_pdf([TITLE, *BODY]), "a.pdf").plan
    assert plan.title == TITLE[0]
    assert shape(plan.nodes) == TREE


def test_unnumbered_headings_of_a_docx_nest_by_their_type():
    assert shape(read(as_docx([TITLE, *BODY]), "a.docx").plan.nodes) == TREE


def test_a_heading_printed_over_two_lines_of_a_pdf_is_one_heading():
    long = ("Kaikkien kuntalaisten hyvinvointi ja terveys paranevat koko " * 2).strip()
    plan = read(as_pdf([TITLE, (long, 18, False), *BODY[1:]]), "a.pdf").plan
    assert [n.title for n in plan.nodes] == [long, "Osallisuus vahvistuu"]


def test_a_heading_keeps_its_own_numbering_over_its_type():
    plan = read(as_docx([("1. Terveet elintavat", 18, False), *BODY[1:4]]), "a.docx").plan
    assert plan.nodes[0].title == "Terveet elintavat"


def test_bold_paragraphs_of_a_web_page_are_headings_over_its_text():
    page = (
        "<p><strong>Liikunta lisääntyy</strong></p><p>Liikuntapaikkoja kunnostetaan kaikille.</p>"
        "<p><b>Ravinto paranee</b></p><p>Kouluruoan laatua parannetaan päivittäin.</p>"
        "<p>Lisäksi <b>kasvisruokaa</b> lisätään kouluissa ja päiväkodeissa.</p>"
    )
    plan = read(page.encode(), "a.html").plan
    assert [n.title for n in plan.nodes] == ["Liikunta lisääntyy", "Ravinto paranee"]


def test_bold_is_no_heading_where_the_body_itself_is_bold():
    blocks = [Paragraph(f"Rivi {n} tekstiä", size=11, bold=True) for n in range(6)]
    assert type_ranks(blocks) == {}


def test_a_sentence_set_large_is_not_a_heading():
    blocks = [Paragraph("Tämä on iso lause.", size=20), *[Paragraph("Leipäteksti jatkuu", size=11)] * 4]
    assert type_ranks(blocks) == {}


def test_type_that_marks_most_lines_is_emphasis_not_headings():
    blocks = [Paragraph("Lyhyt", size=14)] * 5 + [Paragraph("Leipäteksti on tässä pitkä", size=11)] * 3
    assert type_ranks(blocks) == {}
