"""Line-level reading for narrative service plans: bullets, numbered headings, wrapped items.

PDF text extraction gives one line per printed line, usually with an empty line
between them, so paragraphs cannot be told from blank lines. What the narrative
family relies on instead: bullet glyphs ("-" first level, "o" second, Wingdings
glyphs third), list numbers ("5.1.1."), upper-case chapter headings and the way
a wrapped line continues (lower-case start, or the previous line ends mid-phrase).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.parsing.text import BULLETS, fold_whitespace, join_lines

# First-level, second-level and deeper bullet glyphs as PDF extraction gives them
# (Word symbols from the Symbol/Wingdings fonts land in the private use area).
_LEVEL1 = "-–"
_LEVEL2 = "o◦"
_DEEPER = "".join(dict.fromkeys(BULLETS + "•▪■□●◆❖➢➤✓✔*·\uf0a8\uf0fc\uf0e0\uf0d7"))
_BULLET = re.compile(rf"^\s*([{re.escape(_LEVEL1 + _LEVEL2 + _DEEPER)}])(?:\s+|$)")
_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)(\.?)\s+(?=\S)(.*)$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:\d{1,3}|sivu\s+\d+(?:\s*/\s*\d+)?|\d{1,3}\s*/\s*\d{1,3})\s*$", re.IGNORECASE
)
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_SOFT_END = re.compile(r"(?:\b(?:ja|sekä|tai|eli|kuin|että|mm\.|esim\.)|[,\-–(/])$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?:;]$")


@dataclass
class Line:
    """One non-empty extracted line: its number (0-based), bullet level and text."""

    index: int
    raw: str
    text: str
    glyph: str | None = None
    level: int = 0  # 0 = no bullet, 1 = "-", 2 = "o", 3 = deeper glyph

    @property
    def is_bullet(self) -> bool:
        return self.glyph is not None


@dataclass
class Item:
    """A bullet item (or a paragraph) with its wrapped continuation lines joined."""

    text: str
    level: int
    first: int  # index of the first line
    children: list[Item] = field(default_factory=list)
    bullet: bool = True


def fold(text: str) -> str:
    """Whitespace folded to single spaces, no-break spaces included."""
    return fold_whitespace(text)


def read_lines(text: str) -> list[Line]:
    """The document's non-empty lines with their bullet glyphs recognised."""
    out: list[Line] = []
    for index, raw in enumerate(text.splitlines()):
        stripped = fold(raw)
        if not stripped or _PAGE_NUMBER.match(stripped):
            continue  # blank lines and page numbers
        glyph, level, body = None, 0, stripped
        m = _BULLET.match(raw)
        if m and (m[1] != "o" or re.match(r"^\s*o\s+\S", raw)):
            glyph = m[1]
            body = fold(raw[m.end() :])
            level = 1 if glyph in _LEVEL1 else 2 if glyph in _LEVEL2 else 3
            if not body:
                continue
        out.append(Line(index, raw, body, glyph, level))
    return out


def numbered(text: str) -> tuple[tuple[int, ...], str] | None:
    """("5.1.1. Tietohallintopalvelut") -> ((5, 1, 1), "Tietohallintopalvelut"), else None.

    A single number needs its dot ("2. STRATEGISET ...") so that a line starting with
    a count ("3 kertaa vuodessa") is not taken for a list number.
    """
    m = _NUMBER.match(text)
    if not m:
        return None
    parts = tuple(int(p) for p in m[1].split("."))
    if len(parts) == 1 and not m[2]:
        return None
    title = fold(m[3])
    if not title or not re.match(r"[^\W\d_]", title):
        return None
    return parts, title


def is_upper_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def join_wrapped(left: str, right: str) -> str:
    """Join a line and its continuation, undoing hyphenation at the break (text.join_lines).

    No document-wide hyphen prefixes are passed: in these plans a prefix written with a
    hyphen elsewhere ("tietosuoja-asetus") is still a soft break in another compound
    ("tietosuoja-" + "tietoisuuden" -> "tietosuojatietoisuuden").
    """
    return join_lines([left, right])


def continues(previous: str, line: Line) -> bool:
    """Whether a bullet-less line carries on the text of the line before it."""
    if line.is_bullet or not previous:
        return False
    first = line.text[0]
    if first.islower() or first in "(,;:&-–)" or first.isdigit():
        return True
    return bool(_SOFT_END.search(previous))


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def build_items(lines: list[Line], *, wrap: str = "sentence") -> list[Item]:
    """Bullet lines as a tree of items; a bullet-less line may continue the item before it.

    `wrap` says when a bullet-less line continues the previous item: "always", "sentence"
    (unless the previous item ended a sentence and the line does not look wrapped) or
    "line" (only when it looks wrapped: lower-case start, or "ja", a comma, a hyphen
    before it); otherwise it starts a new top-level paragraph item.
    """
    roots: list[Item] = []
    stack: list[Item] = []
    base = min((ln.level for ln in lines if ln.is_bullet), default=1)
    for ln in lines:
        if not ln.is_bullet and stack:
            last = stack[-1]
            wrapped = continues(last.text, ln)
            if wrap == "always" or wrapped or (wrap == "sentence" and not ends_sentence(last.text)):
                last.text = join_wrapped(last.text, ln.text)
                continue
        level = max((ln.level - base + 1) if ln.is_bullet else 1, 1)
        # a third-level glyph right under a first-level item is its second level
        if stack and level > stack[-1].level + 1:
            level = stack[-1].level + 1
        item = Item(ln.text, level, ln.index, bullet=ln.is_bullet)
        while stack and stack[-1].level >= level:
            stack.pop()
        if stack:
            stack[-1].children.append(item)
        else:
            roots.append(item)
        stack.append(item)
    return roots


def render_items(items: list[Item], depth: int = 0) -> list[str]:
    """Items as "- text" lines, nested ones indented by two spaces per level."""
    out: list[str] = []
    for item in items:
        out.append("  " * depth + "- " + item.text)
        out.extend(render_items(item.children, depth + 1))
    return out


def strip_heading_punctuation(text: str) -> str:
    return text.rstrip(" :;.").strip()
