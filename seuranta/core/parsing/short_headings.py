"""Short lines that stand alone between blank lines: headings in text taken from a web page or a
PDF (the weakest evidence of a heading: such a line becomes a node only if something is found
under it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seuranta.core.parsing import lexicon

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Line

MAX_SHORT_HEADING_WORDS = 10
LIST_STYLES = ("bullet:", "dec", "alpha", "roman", "ALPHA")


def _has_words(text: str) -> bool:
    return any(len(word) > 1 for word in lexicon.words(text))


def _is_short_heading(text: str) -> bool:
    return (
        len(text.split()) <= MAX_SHORT_HEADING_WORDS
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":", "!", "?"))
        and _has_words(text)
    )


def mark_short_headings(lines: list[Line]) -> list[Line]:
    """A short line standing alone between blank lines, before more text, is a heading in
    text taken from a web page or a PDF. It only becomes a node if something is found under it.
    A label without a value that means nothing to the lexicon ("Strategins värderingar:") over
    a list is such a heading too: the list's caption, read as the other captions are."""
    for i, line in enumerate(lines):
        if line.kind == "label" and not line.value and lexicon.label_role(line.label or "") is None:
            following = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].kind != "blank"), None)
            if following is not None and (following.style or "").startswith(LIST_STYLES):
                line.kind, line.style, line.text = "item", "short", line.label or ""
            continue
        if line.kind != "text" or not _is_short_heading(line.text):
            continue
        before = lines[i - 1].kind if i > 0 else "blank"
        after = lines[i + 1].kind if i + 1 < len(lines) else "end"
        if before == "blank" and after == "blank":
            line.kind, line.style = "item", "short"
    return lines
