"""Printed lines of a PDF page in reading order: words grouped into lines, columns read one after the other."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from typing import Any

Word = dict[str, Any]
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)  # in a font's name
BOLD_SHARE = 0.9


@dataclass
class Line:
    """One printed line: its words left to right and its vertical extent."""

    words: list[Word]
    top: float
    bottom: float

    @property
    def text(self) -> str:
        """Runs of characters as printed, spaces the PDF holds included (a space left at
        the end of a wrapped line is an extraction convention the families read);
        runs apart without a space character between them get one."""
        text = ""
        for word in self.words:
            if text and not text[-1].isspace() and not word["text"][:1].isspace():
                text += " "
            text += word["text"]
        return text

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float | None:
        """The font size most of the line's characters are set in."""
        sizes = [(float(w["size"]), len(w["text"].strip())) for w in self.words if "size" in w]
        if not sizes:
            return None
        half, count = sum(n for _, n in sizes) / 2, 0
        for size, n in sorted(sizes):
            count += n
            if count >= half:
                return round(size, 1)
        return None

    @property
    def bold(self) -> bool:
        """Whether (nearly) all its printed characters are in a bold face (the words' counts:
        `count_bold`)."""
        printed: int = sum(w.get("printed", 0) for w in self.words)
        heavy: int = sum(w.get("heavy", 0) for w in self.words)
        return printed > 0 and heavy >= BOLD_SHARE * printed


def count_bold(word: Word) -> None:
    """Put in place of a word's characters how many of them are printed (not spaces) and how many
    of those in a bold face: all a line needs of them, and far fewer objects to keep while the
    rest of the document is read."""
    chars = [c for c in word.pop("chars", ()) if c["text"].strip()]
    word["printed"] = len(chars)
    word["heavy"] = sum(1 for c in chars if BOLD_FONT.search(c.get("fontname") or ""))


# A column break inside a page: the reader starts a new paragraph there.
BREAK = None


# -- lines and columns -----------------------------------------------------------------


def group_lines(words: list[Word]) -> list[Line]:
    """Group words into printed lines by vertical overlap, top to bottom."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        height = word["bottom"] - word["top"]
        if lines:
            last = lines[-1]
            overlap = min(last.bottom, word["bottom"]) - max(last.top, word["top"])
            if overlap >= 0.5 * min(height, last.height):
                last.words.append(word)
                continue
        lines.append(Line([word], word["top"], word["bottom"]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        line.top = min(w["top"] for w in line.words)
        line.bottom = max(w["bottom"] for w in line.words)
    return lines


def reading_order(words: list[Word], depth: int = 0) -> list[Line | None]:
    """Lines of a region in reading order, splitting at column gutters recursively."""
    if not words:
        return []
    rows = group_lines(words)
    gutter = _find_gutter(words, rows) if depth < 3 else None
    if gutter is None:
        return list(rows)
    left_edge, right_edge = gutter
    out: list[Line | None] = []
    band: list[Line] = []

    def flush() -> None:
        if not band:
            return
        band_words = [w for line in band for w in line.words]
        left = [w for w in band_words if w["x1"] <= right_edge]
        right = [w for w in band_words if w["x1"] > right_edge]
        if out:
            out.append(BREAK)
        out.extend(reading_order(left, depth + 1))
        if left and right:
            out.append(BREAK)
        out.extend(reading_order(right, depth + 1))
        band.clear()

    for row in rows:
        if any(_crosses(w, left_edge, right_edge) for w in row.words):
            flush()
            if out and out[-1] is not BREAK and _in_band(out):
                out.append(BREAK)
            out.append(row)
        else:
            band.append(row)
    flush()
    return out


def _in_band(items: list[Line | None]) -> bool:
    """Whether the last items came from a column band (there is a break among them)."""
    return BREAK in items


def _crosses(word: Word, left: float, right: float) -> bool:
    return bool(word["x0"] < right and word["x1"] > left and word["text"].strip())


def _find_gutter(words: list[Word], rows: list[Line]) -> tuple[float, float] | None:
    """The widest vertical strip that (almost) no row crosses, with real text on both sides."""
    if len(rows) < 4:
        return None
    x_min = min(w["x0"] for w in words)
    x_max = max(w["x1"] for w in words)
    width = x_max - x_min
    size = median(w["bottom"] - w["top"] for w in words)
    if width < 10 * size:
        return None
    start, stop = int(x_min), int(x_max) + 1
    crossing = [0] * (stop - start + 1)
    for row in rows:
        for w in row.words:
            if not w["text"].strip():
                continue
            for x in range(max(start, int(w["x0"]) + 1), min(stop, int(w["x1"])) + 1):
                crossing[x - start] += 1
    allowed = max(2, len(rows) // 5)  # rows over the columns: a title, a footer, a wide figure
    best: tuple[float, float] | None = None
    for left, right in _runs(crossing, allowed):
        # Rows over the whole strip (a title over both columns) may cross it; rows that only
        # reach into it (a long word at a column's edge) narrow it down to the true gutter.
        spanning = sum(
            1 for row in rows if _covered(row, start + left, start + right) >= (right - left + 1) / 2
        )
        left, right = _longest_run_at_most(crossing[left : right + 1], spanning, left)
        left, right = left + start, right + start
        if right - left < 0.8 * size or left <= x_min + 1 or right >= x_max - 1:
            continue
        if (best is None or right - left > best[1] - best[0]) and _columns_on_both_sides(
            rows, left, right, width
        ):
            best = (float(left), float(right))
    return best


def _runs(counts: list[int], limit: int) -> list[tuple[int, int]]:
    """(first, last) index of each run of counts at or under the limit."""
    runs: list[tuple[int, int]] = []
    run_start: int | None = None
    for i, count in enumerate([*counts, limit + 1]):
        if count <= limit and run_start is None:
            run_start = i
        elif count > limit and run_start is not None:
            runs.append((run_start, i - 1))
            run_start = None
    return runs


def _longest_run_at_most(counts: list[int], limit: int, offset: int) -> tuple[int, int]:
    """The longest stretch of counts at or under the limit, as (first, last) index plus offset."""
    best = (0, -1)
    for first, last in _runs(counts, limit):
        if last - first > best[1] - best[0]:
            best = (first, last)
    return best[0] + offset, best[1] + offset


def _covered(row: Line, left: int, right: int) -> int:
    """How many points of the strip from left to right the row's words cover."""
    return sum(max(0, min(right, int(w["x1"])) - max(left, int(w["x0"]) + 1) + 1) for w in row.words)


def _columns_on_both_sides(rows: list[Line], left: float, right: float, width: float) -> bool:
    """Real columns: several rows on each side, as wide as prose, not bullets or labels."""
    lefts: list[float] = []
    rights: list[float] = []
    for row in rows:
        row_left = [w for w in row.words if w["x1"] <= right]
        row_right = [w for w in row.words if w["x0"] >= left]
        if any(_crosses(w, left, right) for w in row.words):
            continue
        if row_left:
            lefts.append(max(w["x1"] for w in row_left) - min(w["x0"] for w in row_left))
        if row_right:
            rights.append(max(w["x1"] for w in row_right) - min(w["x0"] for w in row_right))
    if len(lefts) < 3 or len(rights) < 3:
        return False
    return median(lefts) >= 0.2 * width and median(rights) >= 0.2 * width
