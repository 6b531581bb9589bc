"""Paragraphs that repeat one template, "Short name – sentence ...", are a list.

Web pages and programme summaries print their spearheads, themes or goals as paragraphs that
each open with a short name and a dash ("Älykäs erikoistuminen - Pohjois-Karjalassa
panostetaan ...", "Öljyvapaa maakunta – Voimistuva biotalous ..."). One such paragraph is
prose; two or more in a row (blank lines between them allowed, nothing else) are the items of
a list, each a name with its description, the way a bulleted list "• Name: text" is read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Line

# A capitalised name without sentence punctuation, a dash with spaces, a capitalised sentence.
_HEAD_DASH_RE = re.compile(r"^(?P<head>[A-ZÅÄÖ][^.:;!?–—]{1,80}?)\s+(?P<dash>[–—-])\s+(?P<rest>[A-ZÅÄÖ].*)$")
MAX_HEAD_WORDS = 6
MIN_REST_WORDS = 4
MIN_RUN = 2
STYLE = "bullet:head"


def _head_dash(text: str) -> str | None:
    """The dash of a "Name – sentence" paragraph, or None when the paragraph is not one."""
    match = _HEAD_DASH_RE.match(text)
    if match is None or len(match["head"].split()) > MAX_HEAD_WORDS:
        return None
    return match["dash"] if len(match["rest"].split()) >= MIN_REST_WORDS else None


def mark_head_items(lines: list[Line]) -> list[Line]:
    """Runs of "Name – sentence" paragraphs become list items (style `bullet:head`)."""
    run: list[int] = []

    def close() -> None:
        if len(run) >= MIN_RUN:
            for i in run:
                line = lines[i]
                line.kind, line.style, line.bullet = "item", STYLE, True
        run.clear()

    for i, line in enumerate(lines):
        if line.kind == "blank":
            continue
        if line.kind == "text" and _head_dash(line.text) is not None:
            run.append(i)
        else:
            close()
    close()
    return lines
