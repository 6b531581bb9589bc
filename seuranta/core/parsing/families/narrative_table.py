"""The small goal table of a narrative plan (Tavoite | Toimenpiteet | Mittarit) rebuilt
from text whose columns the PDF extraction interleaved.

Extraction gives the cells of a row in column order, but a column's cell may be
several paragraphs and nothing marks where one column ends. The cells are found
from the lines (a new cell starts with a capital; a wrapped line starts in lower
case or follows "ja", "sekä", a hyphen), then labelled goal / action / indicator:

* every row is one goal cell followed by action cells and indicator cells;
* each column wraps its lines at its own width, so the labelling whose columns
  have consistent wrap widths is preferred (a wrapped line shows the width was
  too small for the next word, an unwrapped one that it was large enough);
* actions are verbal nouns or passive verbs ("-minen", "-ointi", "-otto",
  "avataan"); a cell without that form fits the indicator column better.

The cheapest labelling is kept; `Row.margin` tells how much
cheaper it was than the next best, for the warnings.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from seuranta.core.parsing.families.narrative_lines import Line, fold, join_wrapped

GOAL, ACTION, INDICATOR = "T", "A", "M"
MAX_STEPS = 200_000  # search steps; past them the best labelling found so far is kept

_ACTION_CUE = re.compile(
    r"\w(?:minen|misen|mista|ointi|oinnin|ointia|otto|oton|ottoa|inta|innan|untaa)\b"
    r"|\w(?:taan|tään|daan|dään)\b|\bjne\b",
    re.IGNORECASE,
)
_INDICATOR_CUE = re.compile(r"%|\d|\b(?:\w*määrä\w*|osuus|\w*tulokset|\w*kysely\w*)\b", re.IGNORECASE)
_JOINING_END = re.compile(r"(?:\b(?:ja|sekä|tai|eli|kuin|vrt\.)|[-–/(])$", re.IGNORECASE)
_CAPITAL_WORD = re.compile(r"(?<=[^\W\d_]) (?=[A-ZÅÄÖ][a-zåäö])")


@dataclass
class Cell:
    lines: list[str]
    first: int  # source line index

    @property
    def text(self) -> str:
        out = ""
        for line in self.lines:
            out = join_wrapped(out, line)
        return fold(out)

    def width_bounds(self) -> tuple[int, float]:
        """Lower and upper bound of the column width the cell's wrapping implies."""
        low = max(len(line) for line in self.lines)
        high: float = float("inf")
        for line, following in zip(self.lines, self.lines[1:], strict=False):
            if line.endswith("-"):
                continue
            high = min(high, len(line) + 1 + len(following.split()[0]))
        return low, high


@dataclass
class Row:
    goal: str
    actions: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    first: int = 0
    margin: float = 0.0
    split_line: bool = False


def split_cells(lines: list[Line]) -> tuple[list[Cell], bool]:
    """Cells of a table region; also whether an over-long line had to be split at capitals."""
    texts: list[tuple[str, int]] = [(ln.text, ln.index) for ln in lines if ln.text.strip()]
    if not texts:
        return [], False
    median = statistics.median(len(t) for t, _ in texts)
    limit = max(40.0, 1.6 * median)
    pieces: list[tuple[str, int, bool]] = []  # text, index, starts a cell for sure
    split = False
    for text, index in texts:
        if len(text) > limit and _CAPITAL_WORD.search(text):
            parts = _CAPITAL_WORD.split(text)
            split = True
            pieces.extend((p, index, True) for p in parts)
        else:
            pieces.append((text, index, False))
    cells: list[Cell] = []
    for text, index, forced in pieces:
        starts = forced or not cells or _starts_cell(cells[-1].lines[-1], text)
        if starts:
            cells.append(Cell([text], index))
        else:
            cells[-1].lines.append(text)
    return cells, split


def _starts_cell(previous: str, text: str) -> bool:
    if _JOINING_END.search(previous.rstrip()):
        return False
    first = text.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def _cue_cost(label: str, cell: Cell) -> float:
    text = cell.text
    acts = bool(_ACTION_CUE.search(text))
    measures = bool(_INDICATOR_CUE.search(text))
    if label == ACTION:
        return (0.0 if acts else 0.5) + (1.0 if measures and not acts else 0.0)
    if label == INDICATOR:
        return 0.4 if acts and not measures else 0.0
    return 0.5 if measures and not acts else 0.0  # a goal that reads like a measure


def _width_cost(low: float, high: float) -> float:
    # character counts only approximate a proportional font: allow two characters
    return max(0.0, (low - high + 1 - 2) / 2)


_ROW_GAP = 1.5  # a row without actions, or without indicators


def _row_cost(kinds: set[str]) -> float:
    return _ROW_GAP * (ACTION not in kinds) + _ROW_GAP * (INDICATOR not in kinds)


def _cue_labels(cells: list[Cell]) -> list[str]:
    """A labelling from the wording alone, for tables too large to search."""
    labels: list[str] = []
    for cell in cells:
        acts = bool(_ACTION_CUE.search(cell.text))
        if not labels or (labels[-1] == INDICATOR and acts):
            labels.append(GOAL)
        elif labels[-1] in (GOAL, ACTION) and (acts or labels[-1] == GOAL):
            labels.append(ACTION)
        else:
            labels.append(INDICATOR)
    return labels


def _next_labels(last: str | None) -> list[str]:
    """The labels a cell may take after a cell labelled `last`: (goal action* indicator*)+."""
    if last is None:
        return [GOAL]
    return [GOAL, ACTION, INDICATOR] if last in (GOAL, ACTION) else [GOAL, INDICATOR]


def label_cells(cells: list[Cell]) -> tuple[list[str], float]:
    """The cheapest labelling and its margin over the second cheapest.

    Labellings follow (goal action* indicator*)+. The search is a depth-first branch and
    bound: the cost of a partial labelling never falls as cells are added (a column's
    width bounds only tighten, a closed row's penalty stays), so a branch is cut as soon
    as it cannot beat the second best found so far.
    """
    if not cells:
        return [], 0.0
    bounds = [cell.width_bounds() for cell in cells]
    cues = [{label: _cue_cost(label, cell) for label in (GOAL, ACTION, INDICATOR)} for cell in cells]
    n = len(cells)
    best: list[tuple[float, list[str]]] = []  # the two cheapest, ascending
    budget = [MAX_STEPS]

    def offer(cost: float, labels: list[str]) -> None:
        best.append((cost, list(labels)))
        best.sort(key=lambda pair: pair[0])
        del best[2:]

    def search(
        labels: list[str], widths: dict[str, tuple[float, float]], spent: float, row: set[str]
    ) -> None:
        budget[0] -= 1
        # _width_cost summed inline: this runs up to MAX_STEPS times per table (same sums, same order)
        width = 0.0
        for lo, hi in widths.values():
            excess = (lo - hi + 1 - 2) / 2
            if excess > 0:
                width += excess
        if len(best) == 2 and spent + width >= best[1][0]:
            return
        i = len(labels)
        if i == n:
            offer(spent + width + _row_cost(row), labels)
            return
        if budget[0] <= 0:
            return
        for label in _next_labels(labels[-1] if labels else None):
            lo, hi = widths.get(label, (0.0, float("inf")))
            new_widths = {**widths, label: (max(lo, bounds[i][0]), min(hi, bounds[i][1]))}
            closed = _row_cost(row) if label == GOAL and labels else 0.0
            new_row = {GOAL} if label == GOAL else row | {label}
            labels.append(label)
            search(labels, new_widths, spent + closed + cues[i][label], new_row)
            labels.pop()

    search([], {}, 0.0, set())
    if not best:
        return _cue_labels(cells), 0.0
    margin = best[1][0] - best[0][0] if len(best) > 1 else float("inf")
    return best[0][1], margin


def split_indicator_cell(text: str) -> list[str]:
    """A Mittarit cell has no bullets; ";" separates two measured things."""
    return [part.strip() for part in text.split(";") if part.strip()]


def rebuild_rows(lines: list[Line]) -> list[Row]:
    """The rows of one interleaved goal table region."""
    cells, split = split_cells(lines)
    labels, margin = label_cells(cells)
    rows: list[Row] = []
    for label, cell in zip(labels, cells, strict=True):
        text = cell.text
        if label == GOAL:
            rows.append(Row(goal=text, first=cell.first, margin=margin, split_line=split))
        elif label == ACTION:
            rows[-1].actions.append(text)
        else:
            rows[-1].indicators.extend(split_indicator_cell(text))
    return rows
