"""A title for a plan whose document gave none: proposed from the document's first heading.

A family that finds no title leaves the plan untitled; the reviewer then faces an empty title
field and a plan list of "untitled" rows. The proposal is the first block that looks like a
heading near the start of the document, by its style (a heading style, or type set larger or
bolder than the body: `type_headings`) or, where the format keeps no styles (plain text), by its
position (the document's first line, when it is short and not a sentence). Nothing here knows a
word of any language: what the title says is not evidence, where and how it is set is.

    with_title_proposal(result, doc)   the result, with a proposed title and a warning saying so
    proposed_title(doc)                the proposal alone (None when the start holds no heading)
"""

from __future__ import annotations

import re

from seuranta.core.parsing.document import Document, ImportWarning, Paragraph, ParseResult
from seuranta.core.parsing.type_headings import MAX_WORDS, type_ranks

# Only the start of a document holds its title; a heading far in is a chapter's.
WINDOW = 12
MAX_LENGTH = 200
_SENTENCE_ENDS = (".", ",", ";", ":", "!", "?")
# A leading outline number ("1.", "2.3", "IV") is the heading's place in the document, not its title.
_NUMBER_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+")
_SPACE_RE = re.compile(r"\s+")

TITLE_PROPOSED = (
    "Asiakirjasta ei löytynyt suunnitelman nimeä. Nimeksi ehdotetaan asiakirjan ensimmäistä "
    "otsikkoa ”{title}”: tarkista se."
)
TITLE_MISSING = "Asiakirjasta ei löytynyt suunnitelman nimeä eikä otsikkoa, jota ehdottaa. Kirjoita nimi."


def _clean(text: str) -> str | None:
    text = _SPACE_RE.sub(" ", _NUMBER_RE.sub("", text)).strip(" -–—|")
    words = text.split()
    if not words or len(words) > MAX_WORDS or not any(ch.isalpha() for ch in text):
        return None
    return text[:MAX_LENGTH]


def _start(doc: Document) -> list[tuple[int, Paragraph]]:
    """The first paragraphs with text, with their block index (lines of the text for a format
    that gave no blocks)."""
    blocks = doc.blocks or [Paragraph(line) for line in doc.text.splitlines()]
    return [(i, b) for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.strip()][:WINDOW]


def proposed_title(doc: Document) -> str | None:
    start = _start(doc)
    if not start:
        return None
    ranks = type_ranks(doc.blocks) if doc.blocks else {}
    styled = [(i, p) for i, p in start if p.heading is not None or i in ranks]
    if styled:
        # The highest heading at the start: a document's title is set above its chapters.
        top = min(p.heading if p.heading is not None else ranks[i] for i, p in styled)
        for i, p in styled:
            if (p.heading if p.heading is not None else ranks[i]) == top and (title := _clean(p.text)):
                return title
    first = start[0][1].text.strip()
    if first.endswith(_SENTENCE_ENDS):
        return None  # the document starts with its prose
    return _clean(first)


def with_title_proposal(result: ParseResult, doc: Document) -> ParseResult:
    """A plan without a title gets the proposal and a warning on its title, for the reviewer to
    confirm or correct; with nothing to propose, the warning alone."""
    plan = result.plan
    if plan is None or (plan.title or "").strip():
        return result
    proposal = proposed_title(doc)
    if proposal:
        plan.title = proposal
        message = TITLE_PROPOSED.format(title=proposal)
        result.warnings.insert(0, ImportWarning("title_proposed", message, field="title"))
    else:
        result.warnings.insert(0, ImportWarning("title_missing", TITLE_MISSING, field="title"))
    return result
