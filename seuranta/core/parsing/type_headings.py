"""Headings by their type: a short line set larger, or in bold, than the document's body text.

PDF and DOCX readers give each paragraph its font size and boldness, the HTML reader its
boldness (`Paragraph.size`, `.bold`). A document whose headings carry no numbering and no heading style still shows
them by type, and a reader sees the levels the same way: the larger the type, the higher the
heading; bold at body size is the lowest. Nothing is compared with a fixed size: the body size
is the size most of the document's characters are set in, and a heading must be clearly
larger than it (or bold where the body is not).

    type_ranks(blocks)          block index -> heading rank (1 = the largest type) for such lines
    mark_by_type(lines, ranks)  those lines as outline items of style "type<rank>"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seuranta.core.parsing.document import Block, Paragraph

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Line

LARGER = 1.15  # a heading's size at least this many times the body size
MAX_WORDS = 16
# When more of the paragraphs than this stand out by type, type marks emphasis, not headings.
MAX_SHARE = 0.6
_SENTENCE_ENDS = (".", ",", ";", "!", "?")


def _body(paragraphs: list[Paragraph]) -> tuple[float, bool] | None:
    """The size most characters are set in, and whether most characters are bold (a format
    that gives no sizes, as HTML, has one nominal size: only bold marks its headings)."""
    chars: dict[float, int] = {}
    bold = 0
    for paragraph in paragraphs:
        if paragraph.size is not None:
            chars[paragraph.size] = chars.get(paragraph.size, 0) + len(paragraph.text)
        bold += len(paragraph.text) if paragraph.bold else 0
    if not chars and not bold:
        return None
    total = sum(len(p.text) for p in paragraphs)
    return max(chars, key=lambda size: chars[size]) if chars else 0.0, bold * 2 > total


def _could_head(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    return (
        paragraph.heading is None
        and 0 < len(text.split()) <= MAX_WORDS
        and not text.endswith(_SENTENCE_ENDS)
        and any(ch.isalpha() for ch in text)
    )


def type_ranks(blocks: list[Block]) -> dict[int, int]:
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    body = _body(paragraphs)
    if body is None:
        return {}
    body_size, body_bold = body
    marked: dict[int, float] = {}  # block index -> its heading "size" (bold at body size just above it)
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not _could_head(block):
            continue
        size = body_size if block.size is None else block.size
        if size >= LARGER * body_size > 0:
            marked[index] = size + (0.5 if block.bold else 0.0)
        elif block.bold and not body_bold and size >= body_size:
            marked[index] = size
    if not marked or len(marked) > MAX_SHARE * len(paragraphs):
        return {}
    sizes = sorted(set(marked.values()), reverse=True)
    return {index: sizes.index(size) + 1 for index, size in marked.items()}


def mark_by_type(lines: list[Line], ranks: dict[int, int], join_wrapped: bool) -> list[Line]:
    """Plain text lines set as headings become items of style "type<rank>"; a numbered or
    labelled line keeps what its own marker says. With `join_wrapped` (PDF, one block per
    printed line) a heading printed over two lines in a row is one heading."""
    if not ranks:
        return lines
    out: list[Line] = []
    for line in lines:
        rank = ranks.get(line.source) if line.kind == "text" else None
        if rank is None:
            out.append(line)
            continue
        style = f"type{rank}"
        last = out[-1] if out else None
        if join_wrapped and last is not None and last.style == style and last.source == line.source - 1:
            last.text, last.source = f"{last.text} {line.text}", line.source
            continue
        line.kind, line.style = "item", style
        out.append(line)
    return out
