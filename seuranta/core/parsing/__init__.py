"""The importer: municipal plan documents in, `seuranta-plan/1` plans out.

    parse_file(path)            read and parse a file on disk
    parse_bytes(data, name)     the same for uploaded content
    parse_document(doc)         pick the family whose structure fits best, parse
                                (each takes an optional Profile: what an organisation taught
                                the importer in review, applied first)

`UnreadableDocument` is raised only for files that cannot be read at all; a
readable file always gives a ParseResult (its plan is None when nothing
plan-like was found, with a warning saying so).
"""

from __future__ import annotations

from pathlib import Path

from seuranta.core.parsing.document import (
    Document,
    ImportWarning,
    ParseResult,
    SourceLine,
    UnreadableDocument,
)
from seuranta.core.parsing.families import families, outline
from seuranta.core.parsing.outline import classify
from seuranta.core.parsing.profile import Profile
from seuranta.core.parsing.readers import read_bytes
from seuranta.core.parsing.title import with_title_proposal

__all__ = [
    "Document",
    "ImportWarning",
    "ParseResult",
    "Profile",
    "SourceLine",
    "UnreadableDocument",
    "parse_bytes",
    "parse_document",
    "parse_file",
]


# A family recognised only faintly (one kind of block label, printed twice) has not found its
# layout: the general reader, which reads any layout, does better with such a document.
MIN_FAMILY_CONFIDENCE = 0.3


def parse_document(doc: Document, profile: Profile | None = None) -> ParseResult:
    """Parse with the family whose structure fits best; when none fits, or the one that fits
    finds no goal tree, read the document's outline instead, so a readable file never gives
    "no plan" (the reviewer maps the outline rather than being refused). An organisation's
    profile (what it taught the importer in review) goes first: a document whose labels or
    table headers it names is read by its outline with that profile; a document a family
    recognises is otherwise read by that family, with the organisation's own level names
    (`_family_reading`). A plan the document gave no title gets one proposed from its first
    heading, with a warning (`title.with_title_proposal`)."""
    if profile is None or not _names_lines_of(profile, doc):
        result = _family_reading(doc, profile)
        if result is not None:
            return with_title_proposal(result, doc)
    result = outline.parse(doc, profile)
    result.family = outline.NAME
    return with_title_proposal(result, doc)


def _family_reading(doc: Document, profile: Profile | None) -> ParseResult | None:
    """The reading of the family that fits best, or None when none fits or it finds no goal tree.

    A family knows its layout better than the general reader, so an organisation's profile
    taught on other documents does not take its documents from it (one level renamed in review
    would otherwise send a keyword-block plan to the outline reader, which reads little of it);
    the profile's level names still apply to its plan."""
    candidates = [(family.detect(doc), family) for family in families() if family is not outline]
    candidates = [(score, family) for score, family in candidates if score >= MIN_FAMILY_CONFIDENCE]
    if not candidates:
        return None
    _, family = max(candidates, key=lambda pair: pair[0])
    result: ParseResult = family.parse(doc)
    result.family = family.NAME
    if result.plan is None or not result.plan.nodes:
        return None
    if profile is not None:
        profile.rename_levels(result.plan)
    return result


def _names_lines_of(profile: Profile, doc: Document) -> bool:
    """Whether a label rule of the profile reads a `Label: value` line or a table header cell of
    the document otherwise than the lexicon: then the organisation taught the importer this
    layout, and its profile reads it."""
    if not profile.labels:
        return False
    for line in classify(doc):
        if line.kind == "label" and profile.teaches(line.label or ""):
            return True
        if line.kind == "table" and any(profile.teaches(cell) for row in line.rows[:3] for cell in row):
            return True
    return False


def parse_bytes(data: bytes, name: str, profile: Profile | None = None) -> ParseResult:
    return parse_document(read_bytes(data, name), profile)


def parse_file(path: str | Path, profile: Profile | None = None) -> ParseResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"Tiedostoa {path.name} ei voi lukea: {exc.strerror}.") from exc
    return parse_bytes(data, path.name, profile)
