"""Page numbers in front of the lines of text converted page by page from a PDF."""

from __future__ import annotations

import re
from dataclasses import replace

from seuranta.core.parsing.document import Block, Paragraph

_PAGE_PREFIX_RE = re.compile(r"^\s*(\d{1,3}) (?=\S)")
MIN_PAGES = 3
MIN_PAGE_CHARS = 300  # a converted page, not a numbered heading


def _two_pages(blocks: list[Block], numbered: list[tuple[int, int]], steps: list[int]) -> bool:
    """Two numbers in a row in front of two whole pages of text are page numbers too."""
    return (
        len(numbered) == 2
        and steps == [1]
        and all(len(getattr(blocks[i], "text", "")) >= MIN_PAGE_CHARS for i, _ in numbered)
    )


def strip_page_numbers(blocks: list[Block]) -> list[Block]:
    """Text of a PDF converted page by page starts each page with its number ("2 SISÄLTÖ: ...",
    "3 1. JOHDANTO ..."): when the bare numbers in front of lines count up by one at least every other time, they
    are page numbers, not a numbering of items, and go."""
    numbered = [
        (i, int(m.group(1)))
        for i, block in enumerate(blocks)
        if isinstance(block, Paragraph) and (m := _PAGE_PREFIX_RE.match(block.text))
    ]
    steps = [b - a for (_, a), (_, b) in zip(numbered, numbered[1:], strict=False)]
    if len(numbered) < MIN_PAGES and not _two_pages(blocks, numbered, steps):
        return blocks
    if sum(step == 1 for step in steps) * 2 < len(steps):
        return blocks
    out = list(blocks)
    for i, _ in numbered:
        block = out[i]
        assert isinstance(block, Paragraph)
        out[i] = replace(block, text=_PAGE_PREFIX_RE.sub("", block.text, count=1))
    return out
