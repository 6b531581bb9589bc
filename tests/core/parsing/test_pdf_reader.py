"""The PDF reader: text layer line by line in reading order, columns read one by one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seuranta.core.parsing.document import Paragraph, Table
from seuranta.core.parsing.readers import pdf

pytestmark = pytest.mark.pdf  # makes its PDFs with WeasyPrint; left out by --fast

DATA = Path(__file__).resolve().parents[2] / "data"
CONVERTED = DATA / "converted"
CORPUS = DATA / "corpus"

STYLE = "<style>@page { size: A4; margin: 2cm } body { font: 10pt sans-serif }</style>"


def make_pdf(body: str, style: str = "") -> bytes:
    # Imported here, not when the tests are collected: it takes a second, and --fast leaves these out.
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=f"{STYLE}<style>{style}</style>{body}").write_pdf()


def words_and_breaks(text: str) -> list[str]:
    """Words of a text with a marker for each paragraph break; line wrapping ignored."""
    out: list[str] = []
    for line in text.strip("\n").split("\n"):
        words = [w for w in line.split() if not re.fullmatch(r"[\uf000-\uf8ff•]+", w)]
        if not line.strip():
            if out and out[-1] != "¶":
                out.append("¶")
        else:
            out.extend(words)
    return out


def test_converted_pdf_gives_the_original_words_in_the_original_order():
    name = "pori-konsernipalvelut-tavoitteet-2026"
    doc = pdf.read((CONVERTED / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    original = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    assert words_and_breaks(doc.text) == words_and_breaks(original)


def test_lines_that_fit_on_the_page_come_out_as_the_original_lines():
    name = "pori-henkilostostrategia-2026"
    doc = pdf.read((CONVERTED / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    original = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    printed = {" ".join(line.split()) for line in doc.text.split("\n")}
    fitting = [" ".join(line.split()) for line in original.split("\n") if 0 < len(line) <= 78]
    missing = [line for line in fitting if line not in printed and not re.search(r"[\uf000-\uf8ff]", line)]
    assert missing == []


def test_a_vertical_gap_between_paragraphs_becomes_a_blank_line():
    doc = pdf.read(make_pdf("<p>MITTARI</p><p style='margin-top:2em'>Lähtötaso 4,3</p>"), "x.pdf")
    assert doc.text == "MITTARI\n\nLähtötaso 4,3"


def test_lines_of_one_paragraph_follow_each_other_without_blank_lines():
    doc = pdf.read(make_pdf("<p style='margin:0'>TOIMENPIDE Sovitaan<br>toimintatavoista.</p>"), "x.pdf")
    assert doc.text == "TOIMENPIDE Sovitaan\ntoimintatavoista."


def test_two_column_page_is_read_column_by_column():
    left = " ".join(f"vasen{i} sana tekstiä" for i in range(60))
    right = " ".join(f"oikea{i} sana tekstiä" for i in range(60))
    data = make_pdf(
        f"<div class=cols><p>{left}</p><p>{right}</p></div>", ".cols { column-count: 2; column-gap: 1cm }"
    )
    words = [w for w in pdf.read(data, "x.pdf").text.split() if w.startswith(("vasen", "oikea"))]
    assert words == [f"vasen{i}" for i in range(60)] + [f"oikea{i}" for i in range(60)]


def test_title_over_two_columns_comes_before_them_and_footer_after():
    left = " ".join(f"vasen{i} sana tekstiä" for i in range(60))
    data = make_pdf(
        f"<h1>Henkilöstöstrategia 2026</h1><div class=cols><p>{left}</p></div>"
        "<p>Alaviite, joka jatkuu koko sivun leveydeltä sivun poikki ja vielä vähän lisää.</p>",
        ".cols { column-count: 2; column-gap: 1cm }",
    )
    lines = pdf.read(data, "x.pdf").text.split("\n")
    assert lines[0] == "Henkilöstöstrategia 2026"
    assert lines[-1].startswith("Alaviite")
    assert "vasen59" in lines[-3]


def test_three_column_page_is_read_column_by_column():
    texts = [" ".join(f"{name}{i} sana" for i in range(70)) for name in ("eka", "toka", "kolmas")]
    data = make_pdf(
        "<div class=cols>" + "".join(f"<p>{t}</p>" for t in texts) + "</div>",
        ".cols { column-count: 3; column-gap: 1cm }",
    )
    words = [w for w in pdf.read(data, "x.pdf").text.split() if w.startswith(("eka", "toka", "kolmas"))]
    expected = [f"{name}{i}" for name in ("eka", "toka", "kolmas") for i in range(70)]
    assert words == expected


def test_bullet_list_is_not_taken_for_columns():
    items = "".join(f"<li>Toimenpide {i} kehitetään yhdessä henkilöstön kanssa</li>" for i in range(12))
    lines = pdf.read(make_pdf(f"<ul>{items}</ul>"), "x.pdf").text.split("\n")
    assert lines[0] == "• Toimenpide 0 kehitetään yhdessä henkilöstön kanssa"
    assert lines[11] == "• Toimenpide 11 kehitetään yhdessä henkilöstön kanssa"


def test_small_table_in_single_column_text_keeps_its_rows():
    prose = "<p>" + " ".join(["Henkilöstön hyvinvointia seurataan kyselyllä vuosittain."] * 6) + "</p>"
    table = (
        "<table><tr><td>Lähtötaso</td><td style='padding-left:3cm'>Tavoitetaso</td></tr>"
        "<tr><td>9 844 pv</td><td style='padding-left:3cm'>8 860 pv</td></tr></table>"
    )
    lines = pdf.read(make_pdf(prose + table + prose), "x.pdf").text.split("\n")
    assert "Lähtötaso Tavoitetaso" in lines
    assert "9 844 pv 8 860 pv" in lines


def test_pages_follow_each_other():
    data = make_pdf("<p>Ensimmäinen sivu</p><p style='page-break-before: always'>Toinen sivu</p>")
    assert pdf.read(data, "x.pdf").text.split("\n")[::2] == ["Ensimmäinen sivu", "Toinen sivu"]


def test_ligatures_are_spelled_out():
    assert pdf._clean("\ufb01nanssi ja \ufb02ow") == "finanssi ja flow"


def test_soft_hyphen_at_line_end_shows_as_a_hyphen():
    assert pdf._clean("henkilöstö\u00ad") == "henkilöstö-"


def test_decomposed_letters_are_composed():
    assert pdf._clean("ta\u0308ma\u0308") == "tämä"


def test_document_says_it_came_from_a_pdf_and_has_a_paragraph_per_line():
    doc = pdf.read(make_pdf("<p>TAVOITE Talous on tasapainossa</p>"), "suunnitelma.pdf")
    assert (doc.source_format, doc.source_name) == ("pdf", "suunnitelma.pdf")
    assert doc.blocks == [Paragraph("TAVOITE Talous on tasapainossa")]


RULED = "table { border-collapse: collapse; width: 100% } td, th { border: 1px solid #888; padding: 2pt 3pt }"


def test_ruled_table_becomes_a_table_block_among_the_paragraphs():
    table = (
        "<table><tr><th>Mittari</th><th>Lähtötaso</th><th>Tavoitetaso</th></tr>"
        "<tr><td>Sairauspoissaolot</td><td>9 844 pv</td><td>8 860 pv</td></tr>"
        "<tr><td>Työtyytyväisyys</td><td>3,8</td><td>4,1</td></tr></table>"
    )
    doc = pdf.read(make_pdf(f"<p>Ennen taulukkoa</p>{table}<p>Taulukon jälkeen</p>", RULED), "x.pdf")
    assert doc.blocks == [
        Paragraph("Ennen taulukkoa"),
        Table(
            [
                ["Mittari", "Lähtötaso", "Tavoitetaso"],
                ["Sairauspoissaolot", "9 844 pv", "8 860 pv"],
                ["Työtyytyväisyys", "3,8", "4,1"],
            ]
        ),
        Paragraph("Taulukon jälkeen"),
    ]
    assert doc.text == (
        "Ennen taulukkoa\n\nMittari\nLähtötaso\nTavoitetaso\n\nSairauspoissaolot\n9 844 pv\n"
        "8 860 pv\n\nTyötyytyväisyys\n3,8\n4,1\n\nTaulukon jälkeen"
    )


def test_cell_paragraphs_are_lines_and_wrapped_lines_are_joined():
    name = "Työhyvinvointikyselyn väittämä työyhteisön toimintatavoista ja ilmapiiristä"
    table = (
        "<table><col style='width:20%'><col><tr><th>Mittari</th><th>Tavoitetaso</th></tr>"
        f"<tr><td>{name}</td><td><p style='margin:0 0 .5em'>3,9 (2026)</p>"
        "<p style='margin:0'>4,1 (2028)</p></td></tr></table>"
    )
    doc = pdf.read(make_pdf(table, RULED + " table { table-layout: fixed }"), "x.pdf")
    [block] = doc.blocks
    assert isinstance(block, Table)
    assert block.rows[1] == [name, "3,9 (2026)\n4,1 (2028)"]
    assert len(doc.text.split("\n")) > 6  # the name wraps: printed lines in the text


def test_table_spread_over_two_pages_gives_a_table_on_each():
    rows = "".join(f"<tr><td>Mittari {i}</td><td>{i} %</td></tr>" for i in range(80))
    doc = pdf.read(
        make_pdf(f"<table><thead><tr><th>Mittari</th><th>Toteuma</th></tr></thead>{rows}</table>", RULED),
        "x.pdf",
    )
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 2 and all(t.rows[0] == ["Mittari", "Toteuma"] for t in tables)
    assert [r for t in tables for r in t.rows[1:]] == [[f"Mittari {i}", f"{i} %"] for i in range(80)]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["kehittämis-", "suunnitelma"], "kehittämissuunnitelma"),
        (["yhdenvertaisuus-", "ja tasa-arvo"], "yhdenvertaisuus- ja tasa-arvo"),
        (["kevät 2022 -", "56 (2022)"], "kevät 2022 - 56 (2022)"),
        (["Kurssien määrä", "8/2022", "(2022-08)"], "Kurssien määrä 8/2022 (2022-08)"),
    ],
)
def test_wrapped_lines_of_a_cell_paragraph_are_joined(lines, joined):
    assert pdf._join_cell_lines(lines) == joined
