"""The plain text reader: encodings, newlines, lines kept as written, unreadable input."""

from __future__ import annotations

import codecs

import pytest

from seuranta.core.parsing.document import Paragraph, UnreadableDocument
from seuranta.core.parsing.readers import read_bytes
from seuranta.core.parsing.readers.txt import read


def test_reads_utf8():
    assert read(b"Hyvinvoiva Pori", "a.txt").text == "Hyvinvoiva Pori"


def test_drops_utf8_byte_order_mark():
    assert read(codecs.BOM_UTF8 + "Äänestys".encode(), "a.txt").text == "Äänestys"


def test_reads_utf16_with_byte_order_mark():
    assert read("Työhyvinvointi\nkysely".encode("utf-16"), "a.txt").text == "Työhyvinvointi\nkysely"


def test_reads_utf16_without_byte_order_mark():
    assert read("Työhyvinvointi".encode("utf-16-le"), "a.txt").text == "Työhyvinvointi"


def test_falls_back_to_cp1252():
    assert read("Säästö 5 € – ”hyvä”".encode("cp1252"), "a.txt").text == "Säästö 5 € – ”hyvä”"


def test_falls_back_to_latin1_when_cp1252_leaves_bytes_undefined():
    assert read(b"Ty\xf6 \x81 ja l\xe4hde", "a.txt").text == "Työ \x81 ja lähde"


def test_normalises_crlf_and_cr_newlines():
    assert read(b"a\r\nb\rc\n", "a.txt").text == "a\nb\nc\n"


def test_form_feed_is_a_line_break():
    assert read(b"sivu 1\x0csivu 2", "a.txt").text == "sivu 1\nsivu 2"


def test_keeps_trailing_spaces():
    doc = read(b"MITTARI \nTiedonvaihto toimii ", "a.txt")
    assert doc.text.split("\n") == ["MITTARI ", "Tiedonvaihto toimii "]


def test_one_paragraph_per_line_including_blank_lines():
    doc = read(b"eka\n\ntoka ", "a.txt")
    assert doc.blocks == [Paragraph("eka"), Paragraph(""), Paragraph("toka ")]


def test_composes_decomposed_letters():
    assert read("La\u0308hto\u0308taso".encode(), "a.txt").text == "Lähtötaso"


def test_records_name_and_format():
    doc = read(b"teksti", "suunnitelma.txt")
    assert (doc.source_name, doc.source_format) == ("suunnitelma.txt", "txt")


def test_binary_garbage_is_unreadable():
    with pytest.raises(UnreadableDocument, match="tekstitiedosto"):
        read(bytes(range(256)) * 8, "a.txt")


def test_nul_bytes_are_unreadable():
    with pytest.raises(UnreadableDocument):
        read(b"abc\x00\x00\x00def\x00", "a.txt")


def test_text_without_letters_is_unreadable():
    with pytest.raises(UnreadableDocument, match="ei ole luettavaa tekstiä"):
        read(b"12 345 ... 67\n--\n", "a.txt")


def test_unreadable_message_is_one_finnish_sentence():
    with pytest.raises(UnreadableDocument) as info:
        read(b"\x00\x01\x02\x03" * 50, "a.txt")
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0 and message[0].isupper()


def test_empty_file_is_unreadable_through_read_bytes():
    with pytest.raises(UnreadableDocument):
        read_bytes(b"", "a.txt")


def test_read_bytes_dispatches_txt_suffix_case_insensitively():
    assert read_bytes(b"Teksti", "A.TXT").text == "Teksti"
