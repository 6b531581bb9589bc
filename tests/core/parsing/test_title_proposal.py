"""A plan whose document gives no title gets one proposed from its first heading, with a warning."""

from __future__ import annotations

from seuranta.core.model import Node, Plan
from seuranta.core.parsing import parse_bytes
from seuranta.core.parsing.document import Document, Paragraph, ParseResult
from seuranta.core.parsing.title import proposed_title, with_title_proposal

KEYWORD_BLOCKS = (
    "Ympäristöpalvelut\n"
    "PAINOPISTE   Puhdas ympäristö\n"
    "TAVOITE   Vesistöt ovat hyvässä tilassa.\n"
    "TOIMENPIDE   Hulevedet ohjataan kosteikoille.\n"
    "MITTARI\n"
    "Vesistöjen ekologinen tila\n"
)


def untitled(blocks: list[Paragraph]) -> tuple[ParseResult, Document]:
    doc = Document(text="\n".join(b.text for b in blocks), blocks=list(blocks), source_format="docx")
    return ParseResult(plan=Plan(title=None, nodes=[Node(level="Tavoite", title="A")])), doc


def test_a_document_without_a_title_gets_its_first_line_proposed_with_a_warning():
    result = parse_bytes(KEYWORD_BLOCKS.encode(), "ymparisto.txt")
    assert result.plan.title == "Ympäristöpalvelut"
    title_warnings = [w for w in result.warnings if w.field == "title"]
    assert [w.code for w in title_warnings] == ["title_proposed"]
    assert "Ympäristöpalvelut" in title_warnings[0].message


def test_the_proposal_is_the_highest_heading_by_style_not_the_first_line():
    result, doc = untitled(
        [
            Paragraph("Luonnos 3.2.2026"),
            Paragraph("Liikuntaohjelma 2026–2029", heading=1),
            Paragraph("Liikunta lisääntyy", heading=2),
        ]
    )
    with_title_proposal(result, doc)
    assert result.plan.title == "Liikuntaohjelma 2026–2029"


def test_the_proposal_is_a_heading_set_larger_than_the_body_where_no_style_marks_it():
    body = "Kuntalaiset liikkuvat enemmän ja useammin kuin ennen, kaikissa ikäryhmissä."
    doc = Document(
        text="",
        blocks=[
            Paragraph("Sivu 1", size=9),
            Paragraph("Kulttuurisuunnitelma", size=22, bold=True),
            Paragraph(body, size=11),
            Paragraph("Kirjastot", size=15),
            Paragraph(body, size=11),
            Paragraph(body, size=11),
        ],
    )
    assert proposed_title(doc) == "Kulttuurisuunnitelma"


def test_a_headings_outline_number_is_not_part_of_the_proposed_title():
    _, doc = untitled([Paragraph("1. Hyvinvointikertomus", heading=1), Paragraph("Tekstiä.")])
    assert proposed_title(doc) == "Hyvinvointikertomus"


def test_a_document_that_starts_with_prose_gets_no_proposal_but_a_warning_to_write_one():
    result, doc = untitled(
        [Paragraph("Tämä suunnitelma kertoo, mitä kunta tekee vuonna 2026."), Paragraph("A")]
    )
    with_title_proposal(result, doc)
    assert result.plan.title is None
    assert [(w.code, w.field) for w in result.warnings] == [("title_missing", "title")]


def test_a_plan_with_a_title_is_left_alone():
    result, doc = untitled([Paragraph("Otsikko", heading=1)])
    result.plan.title = "Strategia 2030"
    with_title_proposal(result, doc)
    assert result.plan.title == "Strategia 2030"
    assert result.warnings == []
