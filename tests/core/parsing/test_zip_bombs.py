"""DOCX and XLSX files that would unpack into far too much are refused before parsing."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from seuranta.core.parsing.document import UnreadableDocument
from seuranta.core.parsing.readers import read_bytes, zipcheck
from tests.core.parsing.test_bad_files import one_sentence

NAMES = ["pommi.docx", "pommi.xlsx"]


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data, name)
    return str(caught.value)


@pytest.mark.parametrize("name", NAMES)
def test_a_zip_bomb_is_refused_with_one_finnish_sentence(name):
    data = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(5 * 1024 * 1024)})
    assert len(data) < 20_000  # a few MB of zeros packs into a few kilobytes
    message = refusal(data, name)
    assert "turvallisuussyistä" in message and one_sentence(message), message


@pytest.mark.parametrize("name", NAMES)
def test_an_archive_with_too_many_members_is_refused(name, monkeypatch):
    monkeypatch.setattr(zipcheck, "MAX_MEMBERS", 50)
    data = archive({f"x/{i}.xml": b"<x/>" for i in range(51)})
    assert "turvallisuussyistä" in refusal(data, name)


@pytest.mark.parametrize("name", NAMES)
def test_an_archive_unpacking_into_too_much_in_total_is_refused(name, monkeypatch):
    monkeypatch.setattr(zipcheck, "MAX_UNPACKED", 1024 * 1024)
    data = archive(
        {"a.bin": os.urandom(600_000), "b.bin": os.urandom(600_000)}
    )  # incompressible: no high ratio
    assert "turvallisuussyistä" in refusal(data, name)


def test_small_tightly_packed_members_are_not_a_bomb():
    members = zipfile.ZipFile(io.BytesIO(archive({"styles.xml": bytes(500_000)}))).infolist()
    assert not zipcheck.is_bomb(members)


@pytest.mark.parametrize("name", NAMES)
def test_a_damaged_archive_says_it_is_damaged(name):
    assert "vioittunut" in refusal(b"PK\x03\x04" + bytes(range(256)) * 20, name)
