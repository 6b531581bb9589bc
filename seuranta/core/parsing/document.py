"""The plain intermediate document every reader produces and every family reads.

Readers (one per input format) turn a file into a `Document`; document
families (keyword blocks, goal tables, brochures, narrative plans) recognise
its structure and build a `seuranta.core.model.Plan`. Nothing here raises on
odd input: what a step was unsure of goes into `ParseResult.warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seuranta.core.model import Plan


@dataclass
class Paragraph:
    """A paragraph of text; `heading` is its outline level (1 = top) when the source marks one.

    `size` (points) and `bold` are its type where the format tells it (PDF, DOCX): the
    outline takes a short line set larger or in bold than the body text as a heading. They
    are evidence, not content: two paragraphs are equal by their text and heading level."""

    text: str
    heading: int | None = None
    size: float | None = field(default=None, compare=False)
    bold: bool = field(default=False, compare=False)


@dataclass
class Table:
    """A table as rows of cell texts; the first row is usually the header."""

    rows: list[list[str]]


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader extracted from one file.

    `text` is the whole content in reading order, one line per extracted line,
    as PDF text extraction gives it (the corpus files are such text). `blocks`
    keeps structure where the format has it (DOCX paragraphs and tables, XLSX
    rows); for plain text each line is a Paragraph.
    """

    text: str
    blocks: list[Block] = field(default_factory=list)
    source_name: str = ""
    source_format: str = "txt"


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer was unsure of, located so a reviewer can find it.

    `path` holds node titles from the root down to the node concerned (empty
    for the document itself); `indicator` names an indicator of that node and
    `field` the field in doubt ("title", "targets", "baseline", "level"...).
    `message` is one Finnish sentence for the reviewer; `code` is stable and
    machine-readable ("ambiguous_column", "unparsed_measure"...).
    """

    code: str
    message: str
    path: tuple[str, ...] = ()
    indicator: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class SourceLine:
    """What the importer made of one line (or table) of the document, and why.

    `source` is the block index in `Document.blocks` (the line number for text); `role`
    is "node", a field role ("indicator", "baseline", "target", "actual", "responsible",
    "schedule", "milestone", "progress", "source", "description"), "table", "unit" or
    "ignore" (not imported); `rule` names what decided it ("style:dec2",
    "lexicon:fi:mittari", "profile:label:keino", "prose", "unused") and `rules` every rule
    that took part, the deciding one first (a node's style, then what named its level:
    "level:word", "level:intro", "level:default"...); `depth` is a node's level in the tree
    (1 = top). `style` is the line's outline style and `label` its label, the keys a
    reviewer's "apply to all like this" uses. Warnings come from low confidence
    (`seuranta.core.parsing.confidence`), not from messages of their own.
    """

    source: int
    text: str
    role: str
    rule: str
    confidence: float
    style: str | None = None
    label: str | None = None
    rules: tuple[str, ...] = ()
    depth: int | None = None

    def __post_init__(self) -> None:
        if not self.rules:
            object.__setattr__(self, "rules", (self.rule,))


@dataclass
class ParseResult:
    """A parsed plan (None when the file yielded none) and the importer's doubts.

    `lines` traces each source line's role where the family records it (the outline reader
    does); it is empty for families that do not."""

    plan: Plan | None
    warnings: list[ImportWarning] = field(default_factory=list)
    family: str | None = None
    lines: list[SourceLine] = field(default_factory=list)


class UnreadableDocument(Exception):
    """A file no reader can turn into text: encrypted, scanned, empty, corrupt, unsupported.

    The message is one plain Finnish sentence meant for the user as is.
    """
