"""A PDF page's characters and words, read from pdfplumber's layout: the same as pdfplumber's own."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils import dedupe_chars

from seuranta.core.parsing.readers import pdf
from seuranta.core.parsing.readers.pdf_chars import (
    WORD_SETTINGS,
    _has_duplicates,
    _Positions,
    page_objects,
    page_words,
)

CONVERTED = Path(__file__).resolve().parents[2] / "data" / "converted"
KEYS = ("text", "x0", "x1", "top", "bottom", "doctop", "upright", "fontname", "size")
LINES = ["1. Painopiste: hyvinvointi", "Mittari: liikkuvien osuus, %", "Tavoitetaso 40 % (2026)"]


def simple_pdf(mediabox: tuple[int, int, int, int] = (0, 0, 595, 842), twice: bool = False) -> bytes:
    """A page of Helvetica lines; with `twice`, every line printed again 0.4 pt aside (a fake bold)."""
    pydyf = pytest.importorskip("pydyf")
    document = pydyf.PDF()
    font = pydyf.Dictionary(
        {"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/Helvetica", "Encoding": "/WinAnsiEncoding"}
    )
    document.add_object(font)
    x, y = mediabox[0] + 50, mediabox[3] - 50
    ops = []
    for dx in (0.0, 0.4) if twice else (0.0,):
        ops.append(f"BT /F1 10 Tf 14 TL {x + dx} {y} Td".encode())
        ops += [b"(" + line.encode("cp1252") + b") Tj T*" for line in LINES]
        ops.append(b"ET")
    contents = pydyf.Stream([b"\n".join(ops)])
    document.add_object(contents)
    document.add_page(
        pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": document.pages.reference,
                "MediaBox": pydyf.Array(list(mediabox)),
                "Resources": pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": font.reference})}),
                "Contents": contents.reference,
            }
        )
    )
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def pdf_pages(data: bytes) -> list[tuple[list[dict], list[dict], list[dict], list[dict]]]:
    """Per page (the first three): pdfplumber's chars and deduplicated words, and the reader's."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages[:3]:
            theirs = [{key: char[key] for key in KEYS} for char in page.chars]
            their_words = page.dedupe_chars().extract_words(return_chars=False, **WORD_SETTINGS)
            page.close()
            ours = page_objects(page).chars
            our_words = [
                {k: v for k, v in w.items() if k not in ("printed", "heavy")} for w in page_words(ours)
            ]
            pages.append((theirs, ours, their_words, our_words))
    return pages


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: (CONVERTED / "pori-henkilostostrategia-2026.pdf").read_bytes(), id="converted"),
        pytest.param(lambda: simple_pdf(mediabox=(40, 30, 635, 872)), id="mediabox-off-origin"),
    ],
)
def test_characters_are_the_ones_pdfplumber_gives(data):
    for theirs, ours, _, _ in pdf_pages(data()):
        assert ours == theirs


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: (CONVERTED / "pori-henkilostostrategia-2026.pdf").read_bytes(), id="converted"),
        pytest.param(lambda: simple_pdf(twice=True), id="printed-twice"),
    ],
)
def test_words_are_the_ones_pdfplumber_finds_in_deduplicated_characters(data):
    for _, _, their_words, our_words in pdf_pages(data()):
        assert our_words == their_words


def test_text_printed_twice_to_look_bold_is_read_once():
    assert pdf.read(simple_pdf(twice=True), "x.pdf").text.split("\n") == LINES


def random_chars(rng: random.Random) -> list[dict]:
    """A few like characters near each other (some exact copies): the cases deduplication decides."""
    chars: list[dict] = []
    for _ in range(rng.randint(1, 25)):
        if chars and rng.random() < 0.2:
            chars.append(dict(rng.choice(chars)))
            continue
        top = rng.choice([0, 0.5, 1.0, 1.5, 2.0, 2.7, 10]) + rng.random() * rng.choice([0, 0.3, 2])
        x0 = rng.random() * rng.choice([3, 10, 50])
        chars.append(
            {
                "text": rng.choice("ab"),
                "x0": x0,
                "x1": x0 + 5,
                "top": top,
                "bottom": top + 10,
                "doctop": top,
                "upright": True,
                "fontname": rng.choice(["F", "G"]),
                "size": rng.choice([10.0, 12.0]),
            }
        )
    return chars


def test_duplicates_are_found_exactly_where_pdfplumber_would_drop_a_character():
    rng = random.Random(17)
    for _ in range(1000):
        chars = random_chars(rng)
        assert _has_duplicates(chars) == (dedupe_chars(list(chars)) != chars)


def test_deduplication_keeps_the_same_characters_in_the_same_order_as_on_a_plain_list():
    rng = random.Random(16)
    for _ in range(1000):
        chars = random_chars(rng)
        assert [id(c) for c in dedupe_chars(_Positions(chars))] == [id(c) for c in dedupe_chars(list(chars))]
