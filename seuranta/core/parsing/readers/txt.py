"""Plain text reader: text extracted from a PDF, or typed, in any common encoding.

UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are
read as such; anything else is Windows-1252 or, when it uses bytes that
Windows-1252 leaves undefined, Latin-1. Newlines are normalised to "\\n" and every
line is kept as written, trailing spaces included: PDF extraction leaves a
trailing space at soft wraps, and families may read it. `blocks` holds one
Paragraph per line, empty lines included, so block i is line i.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from seuranta.core.parsing.document import Document, Paragraph, UnreadableDocument

# Bytes Windows-1252 does not define; text using them is Latin-1 (C1 controls).
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Control characters that do not belong in text (tab, newline, form feed, CR are fine).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n|\f|\v|\x85|\u2028|\u2029")

UNREADABLE = "Tiedosto ei ole tekstitiedosto, tai sen merkistöä ei tunnistettu."
NO_LETTERS = "Tiedostossa ei ole luettavaa tekstiä."


def decode(data: bytes) -> str:
    """The text of `data`: UTF-8 or UTF-16 by byte order mark, else UTF-8, else cp1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if len(data) >= 4 and len(data) % 2 == 0:
        # UTF-16 without a byte order mark: every other byte of Latin text is zero.
        odd, even = data[1::2].count(0), data[0::2].count(0)
        guess = (
            "utf-16-le"
            if odd > 0.4 * len(data) / 2 and even == 0
            else ("utf-16-be" if even > 0.4 * len(data) / 2 and odd == 0 else None)
        )
        if guess:
            text = data.decode(guess, errors="replace")
            if sum(ord(ch) < 0x250 for ch in text) >= 0.9 * len(text):
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if any(byte in _CP1252_UNDEFINED for byte in data):
        return data.decode("latin-1")
    return data.decode("cp1252", errors="replace")


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    controls = len(_CONTROL_RE.findall(text))
    return controls <= max(2, len(text) // 50)


def read(data: bytes, name: str) -> Document:
    """Read a text file into a Document; UnreadableDocument for binary data or text without letters."""
    text = decode(data)
    if not _looks_like_text(text):
        has_letters = any(ch.isalpha() for ch in text)
        raise UnreadableDocument(UNREADABLE if has_letters or "\x00" in text else NO_LETTERS)
    text = unicodedata.normalize("NFC", _NEWLINE_RE.sub("\n", text))
    lines = text.split("\n")
    return Document(
        text=text,
        blocks=[Paragraph(line) for line in lines],
        source_name=name,
        source_format="txt",
    )
