"""Keyword-block documents cut into segments: labels, MITTARI regions, milestones, headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.model import Milestone
from seuranta.core.parsing import layouts
from seuranta.core.parsing.families.keyword_blocks_levels import HEADER_RE, RawIndicator
from seuranta.core.parsing.text import (
    strip_bullet,
)

# The layout's words and level order are data: layouts/keyword_blocks.json.
_LAYOUT = layouts.load("keyword_blocks")
RANKS = _LAYOUT.level_rank()
# A level label as printed in capitals ("TAVOITTEET") -> its level name.
_LABEL_WORDS = {
    word.upper(): column.level
    for word, column in _LAYOUT.column_words().items()
    if column.role == "level" and column.level
}
_LABEL_RE = re.compile(
    rf"^\s*({layouts.alternatives(_LABEL_WORDS)})"
    r"(?:\s+(\d{1,2}(?:\.\d{1,2})*)(?![\d.]))?\s*[:.]?(?=\s|$)(.*)$"
)
_LABEL_TITLE_RE = re.compile(
    rf"^\s*({layouts.alternatives(_LAYOUT.levels)})(?:\s+(\d{{1,2}}(?:\.\d{{1,2}})*))?\s*:\s*(.*)$"
)
MITTARI_RE = re.compile(
    r"^\s*(?:MITTARIT?|Mittari(?=\s*\d*\s*:))(?:\s+(\d{1,2})(?!\d))?\s*[:.]?(?=\s|$)(.*)$"
)
MILESTONE_RE = re.compile(
    rf"^\s*(?:{_LAYOUT.pattern('milestone')})\s*(\d{{1,2}})?\s*[:.)]\s*(.*)$", re.IGNORECASE
)
_MS_INTRO_RE = re.compile(r"osatavoitteet\b.*:\s*$", re.IGNORECASE)
_RESPONSIBLE_RE = re.compile(rf"^\s*(?:{_LAYOUT.pattern('responsible')})\s*:\s*(.*)$", re.IGNORECASE)
_SCHEDULE_RE = re.compile(rf"^\s*(?:{_LAYOUT.pattern('schedule')})\s*:\s*(.*)$", re.IGNORECASE)
PROGRESS_RE = re.compile(
    r"^\s*(?:(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuun\s+"
    r"|(?:ensimmäisen|toisen|kolmannen|neljännen)\s+(?:tertiaalin|neljänneksen|vuosineljänneksen|kvartaalin)\s+)?"
    rf"(?:{_LAYOUT.pattern('progress')})\b[^:]{{0,200}}:\s*(.*)$",
    re.IGNORECASE,
)
FOOTNOTE_RE = re.compile(r"^\s*\*+[^\s*]")
_HEADER_WORD_RE = re.compile(
    rf"^\s*(?:{_LAYOUT.pattern('baseline')}|{_LAYOUT.pattern('target')})\b", re.IGNORECASE
)
_UNIT_SUFFIXES = _LAYOUT.lists["unit_suffixes"]
_STATE_LINES = _LAYOUT.words("state_lines")


@dataclass
class Segment:
    kind: str  # preamble, label, mittari, milestone, ms_intro, responsible, schedule, progress, heading
    rest: str = ""
    body: list[str] = field(default_factory=list)
    level: str | None = None
    number: str | None = None  # label or MITTARI number
    header: str = ""  # a progress statement's heading line
    opens_block: bool = False  # for headings: printed just above a block-opening label
    heading_kind: str | None = None  # unit or theme


@dataclass
class Build:
    level: str
    spellings: list[str]
    unit: str | None
    parent: Build | None = None
    number: str | None = None  # "TAVOITE 2": numbered headings with equal text stay apart
    children: list[Build] = field(default_factory=list)
    indicators: list[RawIndicator] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[tuple[str, str]] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    schedule: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return RANKS[self.level]


def label_of(line: str) -> tuple[str, str, str | None] | None:
    """(level, cell text on the label line, label number) of a labelled line."""
    m = _LABEL_RE.match(line) or _LABEL_TITLE_RE.match(line)
    if not m:
        return None
    word = m.group(1)
    return _LABEL_WORDS.get(word, word.capitalize()), m.group(3), m.group(2)


def _classify(raw: str) -> Segment | None:
    """A segment-opening line, or None for a line of text."""
    line = strip_bullet(raw.rstrip())
    if label := label_of(line):
        return Segment("label", rest=label[1], level=label[0], number=label[2])
    if m := MITTARI_RE.match(line):
        return Segment("mittari", rest=m.group(2), number=m.group(1))
    if m := MILESTONE_RE.match(line):
        return Segment("milestone", rest=m.group(2), number=m.group(1))
    if "osatavoitteet" in line.lower() and len(line) < 160 and _MS_INTRO_RE.search(line):
        return Segment("ms_intro")
    if m := _RESPONSIBLE_RE.match(line):
        return Segment("responsible", rest=m.group(1))
    if m := _SCHEDULE_RE.match(line):
        return Segment("schedule", rest=m.group(1))
    if m := PROGRESS_RE.match(line):
        return Segment("progress", rest=m.group(1), header=line[: line.rfind(":", 0, m.start(1)) + 1])
    return None


def _segments(lines: list[str]) -> list[Segment]:
    segments = [Segment("preamble")]
    for raw in lines:
        segment = _classify(raw)
        if segment:
            segments.append(segment)
        else:
            line = strip_bullet(raw.strip()).strip()
            segments[-1].body.append(line)
    return _merge_name_only_mittari(segments)


def _name_only(seg: Segment) -> bool:
    """A MITTARI region holding one paragraph of name lines and no column header."""
    lines = [seg.rest.strip(), *seg.body]
    while lines and not lines[-1]:
        lines.pop()
    return (
        bool(lines)
        and bool(lines[0])
        and all(lines)
        and not any(HEADER_RE.search(line) or _HEADER_WORD_RE.match(line) for line in lines)
    )


def _merge_name_only_mittari(segments: list[Segment]) -> list[Segment]:
    """ "Mittari: A" / "Mittari: B" / "Lähtötaso Tavoitetaso" / levels of A and B: one region.

    An unnumbered MITTARI label holding only a name (one paragraph, no column header)
    directly followed by another unnumbered MITTARI label lists the names of a shared
    level table.
    """
    out: list[Segment] = []
    for seg in segments:
        previous = out[-1] if out else None
        if (
            seg.kind == "mittari"
            and previous is not None
            and previous.kind == "mittari"
            and previous.number is None
            and seg.number is None
            and _name_only(previous)
        ):
            names = [previous.rest, *[line for line in previous.body if line]]
            out[-1] = Segment("mittari", rest=names[0], body=[*names[1:], seg.rest, *seg.body])
            continue
        out.append(seg)
    return out


def is_unit_name(line: str) -> bool:
    """A unit heading: a short name ending in a unit word ("Sivistystoimiala", "Tekninen toimiala")."""
    words = line.split()
    if not 1 <= len(words) <= 3 or not _heading_like(line):
        return False
    last = words[-1].lower()
    if last in _UNIT_SUFFIXES:
        # A bare "palvelut" or "toimiala" names a unit after a singular adjective ("Tekninen
        # toimiala"), not after a plural one ("Toimivat palvelut" is a theme).
        return len(words) == 1 or words[-2].lower().endswith("nen")
    return last.endswith(_UNIT_SUFFIXES)


def _heading_like(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 7
        and len(line) <= 70
        and line[:1].isupper()
        and line[:1].isalpha()
        and not re.search(r"[\d()]", line)
        and not line.endswith((".", ":", ";", ",", "!", "?", "-"))
        and line.lower() not in _STATE_LINES
        and not FOOTNOTE_RE.match(line)
        and not HEADER_RE.search(line)
    )


def peel_headings(body: list[str], *, units_only: bool, at_start_ok: bool) -> tuple[list[str], list[Segment]]:
    """Split the heading lines printed at the end of a segment, just above a new block."""
    run: list[tuple[int, str]] = []  # (index, kind), bottom-up
    k = len(body) - 1
    while True:
        while k >= 0 and not body[k]:
            k -= 1
        if k < 0:
            break
        line = body[k]
        if is_unit_name(line):
            run.append((k, "unit"))
        elif not units_only and not run and _heading_like(line):
            run.append((k, "theme"))
        else:
            break
        k -= 1
    # Headings are paragraphs of their own: the line above the top one must be blank.
    while run:
        top = run[-1][0]
        if (top == 0 and at_start_ok) or (top > 0 and not body[top - 1]):
            break
        run.pop()
    if not run:
        return body, []
    top = run[-1][0]
    headings = [
        Segment("heading", rest=body[i], heading_kind=kind, opens_block=True) for i, kind in reversed(run)
    ]
    return body[:top], headings


def opening_labels(segments: list[Segment]) -> list[bool]:
    """For each segment, whether it is a label that opens a new block."""
    out, last = [], None
    for seg in segments:
        opens = seg.kind == "label" and (last is None or RANKS[seg.level or "Teema"] <= last)
        if seg.kind == "label":
            last = RANKS[seg.level or "Teema"]
        out.append(opens)
    return out
