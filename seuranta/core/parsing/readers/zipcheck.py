"""Checks the Office readers (DOCX, XLSX) make before handing a zip archive to their library.

A DOCX or XLSX file is a zip archive. Before parsing, `check_archive` refuses
what is not one (with the reader's own sentences) and what would unpack into
far more than any plan: too many members, too much in total, or a large
member packed unusually tightly (a zip bomb). The sizes come from the
archive's central directory; Python's zipfile never unpacks a member beyond
its recorded size, so a forged size cannot get past these limits either.
"""

from __future__ import annotations

import io
import zipfile

from seuranta.core.parsing.document import UnreadableDocument

OLE2 = b"\xd0\xcf\x11\xe0"  # encrypted Office files and the old .doc/.xls formats
MAX_MEMBERS = 10_000
MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all members together
MAX_RATIO = 100  # unpacked size / packed size, for members larger than RATIO_FROM
RATIO_FROM = 1024 * 1024

EMPTY = "Tiedosto on tyhjä."
TOO_LARGE = (
    "Tiedosto purkautuisi epätavallisen suureksi tai on pakattu epätavallisen tiiviisti, "
    "joten sitä ei avata turvallisuussyistä."
)


def check_archive(data: bytes, *, old_format: str, wrong_format: str, damaged: str) -> None:
    """Raise UnreadableDocument unless `data` is a zip archive that is safe to open.

    old_format: the sentence for an encrypted or old binary Office file;
    wrong_format: for a file that is no zip archive at all; damaged: for a
    broken archive.
    """
    if not data.strip():
        raise UnreadableDocument(EMPTY)
    if data.startswith(OLE2):
        raise UnreadableDocument(old_format)
    if not data.startswith(b"PK"):
        raise UnreadableDocument(wrong_format)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UnreadableDocument(damaged) from None
    if is_bomb(members):
        raise UnreadableDocument(TOO_LARGE)


def is_bomb(members: list[zipfile.ZipInfo]) -> bool:
    """Too many members, too much unpacked, or a large member packed more than MAX_RATIO times."""
    if len(members) > MAX_MEMBERS:
        return True
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        return True
    return any(
        m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members
    )
