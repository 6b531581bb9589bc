"""Document families, recognised by structure (never by file name or city).

Each family module exposes:
    NAME: str
    detect(doc: Document) -> float    confidence 0..1 from the document's structure
    parse(doc: Document) -> ParseResult
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# "outline" reads any document by its structure; it is the fallback when nothing else fits.
FAMILY_MODULES = ("keyword_blocks", "goal_table", "brochure", "narrative", "spreadsheet", "report", "outline")


def families() -> list[ModuleType]:
    loaded = []
    for name in FAMILY_MODULES:
        try:
            loaded.append(import_module(f"{__name__}.{name}"))
        except ModuleNotFoundError as exc:  # a family not written yet
            if exc.name != f"{__name__}.{name}":
                raise
    return loaded
