"""Targets a goal sentence states for several things at once.

Programmes and strategies often put their numeric targets in one sentence after a goal word:
"Ohjelman tavoitteena on, että vuonna 2017 maakunnan työttömyysaste on laskenut 7,5
prosenttiin, kokonaisnettomuutto on plussalla 170 ja väkiluku on 165 000 asukasta." Each
clause "<what> <copula> <number ...>" is an indicator with its target; the year the sentence
names ("vuonna 2017", "år 2030") is the target's period. The goal word comes from the lexicon
(a level or a target word), the rest is sentence structure: clauses split at commas and the
last "ja"/"sekä"/"och", a copula, a number. One clause alone is left to `fields.stated_target`
(a goal whose own title states its target).
"""

from __future__ import annotations

import re

from seuranta.core.measures import parse_levels, parse_unit
from seuranta.core.model import Measure
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.text import split_sentences

_THAT_RE = re.compile(r"\b(?:että|att)\s+", re.IGNORECASE)
_CLAUSE_SPLIT_RE = re.compile(r",\s+|\s+(?:ja|sekä|och|samt)\s+")
_CLAUSE_RE = re.compile(
    r"^(?P<name>[^\d,]{3,80}?)\s+(?:on|ovat|olisi|olisivat|är|ska vara|skall vara)\s+(?P<measure>.*\d.*)$"
)
_YEAR_RE = re.compile(r"\b(?:vuonna|vuoteen|vuodelle|år|till|senast)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_LEADING_YEAR_RE = re.compile(
    r"^(?:vuonna|vuoteen|år|till)\s+(?:19|20)\d\d\s+(?:mennessä\s+)?", re.IGNORECASE
)
MIN_CLAUSES = 2
MAX_NAME_WORDS = 6
MAX_MEASURE_WORDS = 5


def _names_goal(text: str) -> bool:
    for word in lexicon.words(text):
        entry = lexicon.lookup(word)
        if entry is not None and entry.role in ("level", "target"):
            return True
    return False


def _clause(text: str, period: str | None) -> tuple[str, list[Measure]] | None:
    match = _CLAUSE_RE.match(_LEADING_YEAR_RE.sub("", text.strip(" .")))
    if match is None:
        return None
    name, measure_text = match["name"].strip(), match["measure"].strip()
    if len(name.split()) > MAX_NAME_WORDS or len(measure_text.split()) > MAX_MEASURE_WORDS:
        return None
    measures = [m for m in parse_levels(measure_text, period=period) if m.value is not None]
    return (name[:1].upper() + name[1:], measures) if measures else None


def stated_targets(text: str) -> list[tuple[str, str | None, list[Measure]]]:
    """(indicator name, unit, targets) for each clause of a goal sentence that states a number;
    empty unless one sentence states at least two."""
    found: list[tuple[str, str | None, list[Measure]]] = []
    for sentence in split_sentences(text):
        that = _THAT_RE.search(sentence)
        if that is None or not _names_goal(sentence[: that.start()]):
            continue
        year = _YEAR_RE.search(sentence)
        period = year.group(1) if year else None
        clauses = [_clause(part, period) for part in _CLAUSE_SPLIT_RE.split(sentence[that.end() :])]
        stated = [clause for clause in clauses if clause is not None]
        if len(stated) >= MIN_CLAUSES:
            found.extend((name, parse_unit(measures[0].text), measures) for name, measures in stated)
    return found
