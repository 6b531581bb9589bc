"""Readers: one per input format, each turning a file's bytes into a Document.

Every reader is a function `read(data: bytes, name: str) -> Document` that
raises `UnreadableDocument` with one plain Finnish sentence when the file
cannot be read (encrypted, scanned without text, empty, corrupt).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import PurePath

from seuranta.core.parsing.document import Document, UnreadableDocument

# suffix -> module under this package
READERS = {
    ".txt": "txt",
    ".text": "txt",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
}


def read_bytes(data: bytes, name: str) -> Document:
    """Read a file's content by its name's suffix."""
    suffix = PurePath(name).suffix.lower()
    module_name = READERS.get(suffix)
    if module_name is None:
        supported = ", ".join(sorted({s for s in READERS if s != ".text"}))
        raise UnreadableDocument(
            f"Tiedostomuotoa {suffix or '(ei päätettä)'} ei tueta; tuetut muodot ovat {supported}."
        )
    if not data:
        raise UnreadableDocument("Tiedosto on tyhjä.")
    read: Callable[[bytes, str], Document] = import_module(f"{__name__}.{module_name}").read
    return read(data, name)
