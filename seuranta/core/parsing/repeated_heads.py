"""Items run together behind the same repeated words: "Prioriterat område Jobb och näringsliv
Prioriterat område En likvärdig skola...18 Prioriterat område Goda livsvillkor...24".

A report's table of contents, or a list pasted as one paragraph, often prints the level of
each entry in front of it. When the line breaks are lost, what is left is the same phrase,
again and again, each time in front of a short capitalised title. That repetition is the
structure (a record template without colons): the phrase names the level (as the document
writes it, whether or not the lexicon knows the word) and each title is an item. A title ends
where the phrase comes again, or at its page leader ("...18"); the text around the run stays
text. A phrase counts only when it opens at least three such titles one after another, and
either a title ends at a page leader (the run is a table of contents) or the phrase is a level
word of the lexicon; a name repeated in a list of names ("Sundsvall Vatten AB Sundsvall Energi
AB") is neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seuranta.core.parsing import lexicon
from seuranta.core.parsing.text import fold_whitespace

MIN_REPEATS = 3
MAX_PHRASE_WORDS = 3
MAX_TITLE_WORDS = 8
# A page leader after an entry: dots or an ellipsis, then the page number.
_LEADER_RE = re.compile(r"(?:\.{2,}|\u2026)\s*\d{0,3}")
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class RepeatedHeads:
    """The phrase that names the level, the items it opens, and the text before and after."""

    phrase: str
    titles: list[str]
    before: str
    after: str


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _title_case(word: str) -> bool:
    """ "Prioriterat", not "AB": an abbreviation in capitals is part of a name, not a level."""
    return _capitalised(word) and any(ch.islower() for ch in word[1:])


def _title_end(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """Where the title that starts at `start` ends (and where the text after it begins): at the
    next occurrence (`stop`) or at a page leader before it. None when the title is not one."""
    leader = _LEADER_RE.search(text, start, stop)
    end, resume = (leader.start(), leader.end()) if leader else (stop, stop)
    title = text[start:end].strip()
    words = title.split()
    if not words or len(words) > MAX_TITLE_WORDS or not _capitalised(words[0]):
        return None
    if re.search(r"[.!?:;]\s", title + " ") and not title.endswith("."):
        return None  # a sentence, not a title
    return end, resume


def _occurrences(text: str, phrase: str) -> list[int]:
    pattern = re.compile(r"(?<!\S)" + re.escape(phrase) + r"(?=\s+\S)")
    return [match.start() for match in pattern.finditer(text)]


def _candidates(text: str) -> list[str]:
    """Capitalised phrases of one to three words that occur at least MIN_REPEATS times."""
    words = [match.group() for match in _WORD_RE.finditer(text)]
    counts: dict[str, int] = {}
    for size in range(MAX_PHRASE_WORDS, 0, -1):
        for i in range(len(words) - size):
            gram = words[i : i + size]
            if not all(word.isalpha() for word in gram) or not _title_case(gram[0]):
                continue
            key = " ".join(gram)
            counts[key] = counts.get(key, 0) + 1
    return [phrase for phrase, count in counts.items() if count >= MIN_REPEATS]


def _read(text: str, phrase: str) -> RepeatedHeads | None:
    starts = _occurrences(text, phrase)
    if len(starts) < MIN_REPEATS:
        return None
    titles: list[str] = []
    resume, led = 0, False
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(text)
        found = _title_end(text, start + len(phrase), stop)
        if found is None or (n + 1 < len(starts) and found[1] < stop and text[found[1] : stop].strip()):
            return None  # an occurrence that does not open a title, or text between two titles
        titles.append(fold_whitespace(text[start + len(phrase) : found[0]]).strip(" .,;"))
        led = led or found[1] > found[0]
        resume = found[1]
    if not led and lexicon.level_entry(phrase) is None:
        return None
    return RepeatedHeads(phrase, titles, text[: starts[0]].strip(), text[resume:].strip())


def split_repeated_heads(text: str) -> RepeatedHeads | None:
    """The longest phrase (most words) that opens at least three titles in the paragraph."""
    best: RepeatedHeads | None = None
    for phrase in _candidates(text):
        found = _read(text, phrase)
        if found is not None and (best is None or len(phrase.split()) > len(best.phrase.split())):
            best = found
    return best
