"""A node's fields filled by role: one place for labelled lines and table cells alike.

A role is a lexicon role ("indicator", "baseline", "target", "actual", "source",
"responsible", "schedule", "milestone", "progress", "description"). Measures go
to the node's last indicator; a baseline or target with no indicator before it
measures the node itself, so it gets an indicator named after the node.
"""

from __future__ import annotations

import re

from seuranta.core.measures import parse_levels, parse_measure, parse_unit
from seuranta.core.model import Indicator, Measure, Milestone, Node, Progress
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.text import ends_sentence, fold_whitespace, split_sentences
from seuranta.core.periods import parse_period

_SPLIT_PEOPLE_RE = re.compile(r"\s*[;,]\s*")
# "Mittareita ovat mm. a, b sekä c." / "Mätarna är a, b och c": a copula after the word, a list after it.
_COPULA_RE = re.compile(r"^(?:ovat|on|olivat|oli|är|var)(?:\s+(?:mm\.|esim\.|muun muassa|bl\.a\.))?\s+|^:\s*")
_ITEM_SPLIT_RE = re.compile(r",\s+|\s+(?:sekä|samt)\s+")
_LAST_JOIN_RE = re.compile(r"\s+(?:ja|och)\s+")
MAX_LISTED_WORDS = 8
MIN_LISTED = 2


def last_indicator(node: Node) -> Indicator:
    if not node.indicators:
        node.indicators.append(Indicator(name=node.title))
    return node.indicators[-1]


def add_responsible(node: Node, value: str) -> None:
    for person in _SPLIT_PEOPLE_RE.split(value):
        if person and person not in node.responsible:
            node.responsible.append(person)


def set_field(
    node: Node, role: str, value: str, period: str | None = None, indicator: Indicator | None = None
) -> None:
    """Put `value` into the field `role` names; measures into `indicator` or the node's last one."""
    value = fold_whitespace(value)
    if not value:
        return
    if role == "indicator":
        node.indicators.append(Indicator(name=value, unit=parse_unit(value)))
    elif role in ("baseline", "target", "actual", "source"):
        target = indicator or last_indicator(node)
        if role == "baseline":
            target.baseline = parse_measure(value, period=period)
        elif role == "target":
            target.targets.extend(parse_levels(value, period=period))
        elif role == "actual":
            target.actuals.extend(parse_levels(value, period=period))
        else:
            target.source = value
    elif role == "responsible":
        add_responsible(node, value)
    elif role == "schedule":
        node.schedule = value
    elif role == "milestone":
        node.milestones.append(Milestone(title=value, due=parse_period(value)))
    elif role == "progress":
        node.progress.append(Progress(text=value, period=period))
    elif role == "description":
        node.description = f"{node.description} {value}" if node.description else value


MAX_NAME_SENTENCE_WORDS = 12


def fits_field(role: str, text: str) -> bool:
    """Whether a line can be a value of the field `role`: an indicator is named, not explained,
    so a paragraph of sentences under "Mittari" is prose about it, not more indicators."""
    if role != "indicator":
        return True
    sentences = split_sentences(text)
    return len(sentences) < 2 and not (ends_sentence(text) and len(text.split()) > MAX_NAME_SENTENCE_WORDS)


def listed_indicators(text: str) -> list[tuple[str, list[str]]]:
    """Indicators sentences list after an indicator word and a copula, each list with what it
    measures: "Elinvoiman kasvun keskeisiä mittareita ovat mm. yritysten määrä, yritysten
    liikevaihto sekä työllisyystilanne." gives ("Elinvoiman kasvun", [...]). The list is split at
    commas and "sekä", its last item at "ja"; what is measured is the run of genitives the
    sentence starts with ("" when there is none)."""
    found: list[tuple[str, list[str]]] = []
    for sentence in split_sentences(text):
        for match in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", sentence):
            after = sentence[match.end() :]
            after = after if after.startswith(":") else after.lstrip(" ")
            copula = _COPULA_RE.match(after)
            entry = lexicon.lookup(match.group()) if copula is not None else None
            if entry is None or entry.role != "indicator" or copula is None:
                continue
            rest = after[copula.end() :].rstrip(" .")
            items = [item.strip() for item in _ITEM_SPLIT_RE.split(rest) if item.strip()]
            if items and len(items) >= MIN_LISTED:
                items[-1:] = [part for part in _LAST_JOIN_RE.split(items[-1]) if part]
            if len(items) >= MIN_LISTED and all(len(item.split()) <= MAX_LISTED_WORDS for item in items):
                found.append((_genitive_subject(sentence[: match.start()]), items))
                break
    return found


def _genitive_subject(text: str) -> str:
    """The genitives a Finnish sentence opens with: "Elinvoiman kasvun keskeisiä" -> "Elinvoiman kasvun"."""
    words = []
    for word in text.split():
        if not word.endswith("n") or not any(ch.isalpha() for ch in word):
            break
        words.append(word)
    return " ".join(words)


# A goal that states its own target: "Tilikauden tulos on vähintään nolla (0)", "20 000 invånare år 2020".
_COMPARISON_RE = re.compile(
    r"\b(?:vähintään|enintään|korkeintaan|yli|alle|minst|högst|över|under)\s+(?=[-\d]|nolla\b)", re.IGNORECASE
)
_NUMBER_FIRST_RE = re.compile(r"^(?P<number>\d{1,3}(?: \d{3})*(?:,\d+)?)\s+(?P<noun>[^\W\d_]{3,})\b")
_RELATIVE_RE = re.compile(r"^(?:joka|jotka|joista|joita|mikä|mitkä|som|vilka)\b", re.IGNORECASE)
_TRAILING_COPULA_RE = re.compile(r"\s+(?:on|ovat|olla|är|vara)\s*$")
MAX_STATED_NAME_WORDS = 8
MAX_STATED_MEASURE_WORDS = 6


def stated_target(title: str, period: str | None = None) -> tuple[str, list[Measure]] | None:
    """The indicator and target a goal's own wording states: the thing before "on vähintään ..."
    (or the noun after a leading number) and the measure; None when the title states none."""
    head, _, rest = title.partition(", ")
    if _RELATIVE_RE.match(rest):
        return None  # the number is described, not aimed at: "mittareita on yli 50, jotka ..."
    first = _NUMBER_FIRST_RE.match(head)
    comparison = _COMPARISON_RE.search(head)
    if comparison is not None:
        name = _TRAILING_COPULA_RE.sub("", head[: comparison.start()]).strip()
        measure_text = head[comparison.start() :]
    elif first is not None:
        name, measure_text = first["noun"], head
    else:
        return None
    if len(measure_text.split()) > MAX_STATED_MEASURE_WORDS:
        return None  # a sentence goes on: "mittareita on yli 50, jotka jakautuvat ..."
    measures = [m for m in parse_levels(measure_text, period=period) if m.value is not None]
    if comparison is None and not any(m.period for m in measures):
        return None  # a leading number is a target only with its year: "20 000 invånare år 2020"
    words = name.split()
    if not measures or not words or len(words) > MAX_STATED_NAME_WORDS or not name[:1].isalpha():
        return None
    return name, measures
