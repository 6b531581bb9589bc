"""The HTML reader: headings, lists and tables of web pages as a Document."""

from __future__ import annotations

import pytest

from seuranta.core.parsing.document import Paragraph, Table, UnreadableDocument
from seuranta.core.parsing.readers import read_bytes


def read(html: str):
    return read_bytes(html.encode(), "sivu.html")


def test_headings_keep_their_level():
    doc = read("<h1>Strategia</h1><h3>Elinvoima</h3><p>Teksti</p>")
    assert [(b.text, b.heading) for b in doc.blocks] == [("Strategia", 1), ("Elinvoima", 3), ("Teksti", None)]


def test_nested_lists_get_a_bullet_per_depth():
    doc = read("<ul><li>Yksi<ul><li>Alakohta</li></ul></li><li>Kaksi</li></ul>")
    assert [b.text for b in doc.blocks] == ["• Yksi", "◦ Alakohta", "• Kaksi"]


def test_rowspan_and_colspan_fill_every_cell_they_cover():
    doc = read(
        "<table><tr><th>Tavoite</th><th colspan=2>Mittari ja arvo</th></tr>"
        "<tr><td rowspan=2>A</td><td>m1</td><td>1</td></tr><tr><td>m2</td><td>2</td></tr></table>"
    )
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.rows == [
        ["Tavoite", "Mittari ja arvo", "Mittari ja arvo"],
        ["A", "m1", "1"],
        ["A", "m2", "2"],
    ]


def test_scripts_styles_and_navigation_are_not_content():
    doc = read("<nav>Etusivu</nav><script>alert(1)</script><style>p{}</style><p>Sisältö</p>")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["Sisältö"]


def test_the_page_title_heads_a_page_without_h1():
    doc = read("<html><head><title>Mittarit</title></head><body><p>x</p></body></html>")
    assert doc.blocks[0] == Paragraph("Mittarit", heading=1)


def test_a_page_without_text_is_refused_with_a_finnish_message():
    with pytest.raises(UnreadableDocument, match="Verkkosivulla ei ole luettavaa tekstiä"):
        read("<html><body><script>x</script></body></html>")


def test_a_broken_page_is_still_read():
    doc = read("<p>Alku<table><tr><td>solu")
    assert "solu" in doc.text and "Alku" in doc.text
