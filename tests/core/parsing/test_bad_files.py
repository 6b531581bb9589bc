"""Files that cannot be read give UnreadableDocument with one plain Finnish sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seuranta.core.parsing import UnreadableDocument, parse_file
from seuranta.core.parsing.readers import read_bytes

BAD = Path(__file__).resolve().parents[2] / "data" / "bad"

EXPECTED = {
    "empty.pdf": "tyhjä",
    "empty.docx": "tyhjä",
    "encrypted.pdf": "salattu",
    "scanned.pdf": "skannatulta",
    "truncated.pdf": "vajaa",
    "truncated.docx": "vioittunut",
    "picture-renamed.docx": "ei ole Word-asiakirja",
    "legacy-renamed.docx": ".doc",
    "legacy.doc": "ei tueta",
    "plan.odt": "ei tueta",
    "text-renamed.xlsx": "ei ole Excel-taulukko",
}


def one_sentence(message: str) -> bool:
    return (
        message.endswith(".")
        and "\n" not in message
        and not re.search(r"[.!?]\s+[A-ZÅÄÖ]", message)
        and not re.search(r"Error|Exception|Traceback|\bfile\b", message)
    )


def test_every_bad_file_has_an_expectation():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_one_finnish_sentence(name):
    with pytest.raises(UnreadableDocument) as caught:
        parse_file(BAD / name)
    message = str(caught.value)
    assert EXPECTED[name] in message
    assert one_sentence(message), message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_error_carries_no_library_exception(name):
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes((BAD / name).read_bytes(), name)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__ or caught.value.__context__ is None


@pytest.mark.parametrize(
    "name, data",
    [
        ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"),
        ("garbage.docx", b"PK\x03\x04" + bytes(range(256)) * 20),
        ("garbage.xlsx", b"PK\x03\x04" + bytes(range(256)) * 20),
        ("html.pdf", b"<html><body>Ei PDF</body></html>"),
        ("blank.pdf", b"   \n"),
    ],
)
def test_corrupt_content_gives_one_sentence(name, data):
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data, name)
    assert one_sentence(str(caught.value)), str(caught.value)


@pytest.mark.pdf
def test_pdf_with_pages_but_no_text_or_images_says_there_is_no_text():
    weasyprint = pytest.importorskip("weasyprint")
    data = weasyprint.HTML(string="<div style='height: 5cm'></div>").write_pdf()
    with pytest.raises(UnreadableDocument, match="ei ole lainkaan tekstiä"):
        read_bytes(data, "tyhja-sivu.pdf")


def test_docx_with_no_text_says_so():
    import io

    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(UnreadableDocument, match="ei ole lainkaan tekstiä"):
        read_bytes(out.getvalue(), "tyhja.docx")


def test_xlsx_with_no_cells_says_so():
    import io

    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    with pytest.raises(UnreadableDocument, match="ei ole lainkaan tietoja"):
        read_bytes(out.getvalue(), "tyhja.xlsx")
