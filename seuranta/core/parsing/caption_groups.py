"""Groups of lists a caption introduces without naming a plan level: text, not nodes.

"Hämeenlinnan kaupungin arvot ovat" over "Yhdenvertaisuus ja yhteisöllisyys" (two bullets),
"Luovuus ja rohkeus" (two bullets) ...: the caption reads as an unfinished sentence whose
subject names what follows. When no level word is in it (values, strengths, principles) while
the document has other lists, the groups are explanation beside the plan, as the outline already
treats one such captioned list (`outline._dissolve_captions`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from seuranta.core.parsing import lexicon

if TYPE_CHECKING:
    from seuranta.core.parsing.outline import Line, Section

MIN_GROUPS = 2


def _group_run(siblings: list[Section], start: int, is_list_item: Callable[[Section], bool]) -> list[Section]:
    """The sections after `siblings[start]` that share one style and each hold only a list."""
    run: list[Section] = []
    for section in siblings[start + 1 :]:
        if run and section.style != run[0].style:
            break
        if not section.children or not all(is_list_item(item) for item in section.children):
            break
        run.append(section)
    return run


def unnamed_caption_groups(
    parent: Section, reads_as_caption: Callable[[str], bool], is_list_item: Callable[[Section], bool]
) -> list[Line]:
    """Removes from `parent` each caption naming no level with the groups of lists it
    introduces, when other lists remain; returns their lines as text, in order."""
    from seuranta.core.parsing.outline import Line

    for child in parent.children:
        parent.body.extend(unnamed_caption_groups(child, reads_as_caption, is_list_item))
    out: list[Line] = []
    siblings = parent.children
    at = 0
    while at < len(siblings):
        caption = siblings[at]
        if (
            caption.children
            or not reads_as_caption(caption.title)
            or lexicon.last_level_word(caption.title) is not None
        ):
            at += 1
            continue
        run = _group_run(siblings, at, is_list_item)
        removed = [caption, *run]
        rest = [s for s in siblings if s not in removed]
        if len(run) < MIN_GROUPS or not any(s.children or is_list_item(s) for s in rest):
            at += 1
            continue
        for section in removed:
            out.append(Line("text", section.title, section.source))
            out.extend(section.body)
            out.extend(Line("text", item.title, item.source) for item in section.children)
        siblings = siblings[:at] + siblings[at + len(removed) :]
    parent.children = siblings
    return out
