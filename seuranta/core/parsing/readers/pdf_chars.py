"""A PDF page's characters, read once from pdfplumber's pdfminer layout, and its words.

pdfplumber turns every layout object of a page into a dictionary of some thirty resolved
attributes (colours, matrix, marked content...) before a single word is found; for a page of
text that is most of the reading time, and the reader needs only a character's text, box, font
and size. So the characters come from `page.layout` (the same pdfminer objects, produced by the
same interpreter pdfplumber uses) as small dictionaries holding exactly the values pdfplumber
gives those keys, and pdfplumber's own `dedupe_chars` and `extract_words` work on them. The
page's drawn lines, rectangles and curves are only looked for here; pdfplumber's table finder
reads them where there are any (`pdf._ruled_tables`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils import dedupe_chars, extract_words, make_cluster_dict

from seuranta.core.parsing.readers.pdf_lines import count_bold

Word = dict[str, Any]
DRAWINGS = (LTRect, LTLine, LTCurve)  # pdfplumber's rects, lines and curves: what its table finder reads
DEDUPE_KEY = ("upright", "text", "fontname", "size")  # dedupe_chars' grouping, its default extra_attrs
DEDUPE_TOLERANCE = 1  # dedupe_chars' default
WORD_SETTINGS: dict[str, Any] = {
    "x_tolerance": 1.5,
    "y_tolerance": 2,
    "keep_blank_chars": True,
    "use_text_flow": False,
    "extra_attrs": ["size"],
}


@dataclass
class PageObjects:
    chars: list[Word]  # in pdfplumber's order (content stream order, figures' contents in place)
    drawings: bool  # a drawn line, rectangle or curve somewhere on the page
    images: bool


def page_objects(page: Any) -> PageObjects:
    """The characters of a pdfplumber page as pdfplumber's `page.chars` gives them (the keys the
    reader uses), and whether the page draws lines or holds images."""
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[Word] = []
    drawings = images = False
    for obj in _leaves(page.layout):
        kind = type(obj)
        if kind is LTChar:
            chars.append(_char(obj, height, mb_x0, mb_top, page.initial_doctop))
        elif kind in DRAWINGS:
            drawings = True
        elif kind is LTImage:
            images = True
    return PageObjects(chars, drawings, images)


def _leaves(objects: Iterable[Any]) -> Iterator[Any]:
    """Layout objects with figures opened, in order (as pdfplumber walks them without layout analysis)."""
    for obj in objects:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj)
        else:
            yield obj


def _char(obj: LTChar, height: float, mb_x0: float, mb_top: float, doctop: float) -> Word:
    """The values pdfplumber's `Page.process_object` gives these keys (its page, unicode_norm unset)."""
    top = (height - obj.y1) + mb_top
    fontname: Any = obj.fontname
    if isinstance(fontname, bytes):
        fontname = fix_fontname_bytes(fontname)
    return {
        "text": obj.get_text(),
        "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
        "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
        "top": top,
        "bottom": (height - obj.y0) + mb_top,
        "doctop": doctop + top,
        "upright": obj.upright,
        "fontname": fontname,
        "size": obj.size,
    }


class _Positions(list[Word]):
    """Characters whose `index` is a lookup by identity. pdfplumber's `dedupe_chars` puts the
    characters it keeps back in order with `sorted(kept, key=chars.index)`, quadratic in a page's
    characters on a plain list. The character it keeps of equal ones is the first, so its own
    position is the one `list.index` would find."""

    def __init__(self, chars: list[Word]) -> None:
        super().__init__(chars)
        self._at: dict[int, int] = {}
        for position, char in enumerate(chars):
            self._at.setdefault(id(char), position)

    def index(self, value: Word, *_: Any) -> int:
        return self._at[id(value)]


def page_words(chars: list[Word]) -> list[Word]:
    """Words of the page's characters, duplicates (text printed twice to look bold) dropped first,
    as `page.dedupe_chars().extract_words(...)` finds them; each word with its count of printed and
    of bold characters (`pdf_lines.count_bold`)."""
    unique = (
        dedupe_chars(_Positions(chars), DEDUPE_TOLERANCE, DEDUPE_KEY[2:]) if _has_duplicates(chars) else chars
    )
    words = extract_words(unique, return_chars=True, **WORD_SETTINGS)
    for word in words:
        count_bold(word)
    return words


def _has_duplicates(chars: list[Word]) -> bool:
    """Whether `dedupe_chars` would drop a character: it drops all but one of the characters of the
    same text, font and size whose x0 fall in one cluster inside one cluster of their doctops (its
    clusters: sorted values chained within the tolerance). Most pages have none, and telling so
    costs a fraction of deduplicating, which sorts and clusters every group of like characters."""
    groups: dict[tuple[Any, ...], list[Word]] = defaultdict(list)
    like = itemgetter(*DEDUPE_KEY)
    for char in chars:
        groups[like(char)].append(char)
    for group in groups.values():
        if len(group) < 2:
            continue
        row_of = make_cluster_dict([char["doctop"] for char in group], DEDUPE_TOLERANCE)
        spots = sorted((row_of[char["doctop"]], char["x0"]) for char in group)
        if any(
            row == next_row and next_x <= x + DEDUPE_TOLERANCE
            for (row, x), (next_row, next_x) in zip(spots, spots[1:], strict=False)
        ):
            return True
    return False
