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
_CLAUSE_RE = re.compile(r"^(?P<name>[^\d,]{3,80}?)\s+(?:on|ovat|olisi|olisivat|är)\s+(?P<measure>.*\d.*)$")
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
    if _THAT_RE.search(text) is None:
        return found  # no sentence to split: the common case, kept cheap
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


# "... päästöjä vähintään 80 prosenttia vuoden 2007 tasosta vuoteen 2030 mennessä": a change
# relative to a year's level. What changes is the noun before the number (a partitive object,
# "päästöjä") or the genitives before the noun of change ("alueen kasvihuonepäästöjen laskua").
_FROM_LEVEL_RE = re.compile(
    r"(?P<number>\d+(?:,\d+)?)\s*(?:%(?::\w+)?|prosent\w*)\s+vuoden\s+(?P<base>(?:19|20)\d\d)\s+tasosta"
    r"(?:\s+vuoteen\s+(?P<by>(?:19|20)\d\d)\s+mennessä)?",
    re.IGNORECASE,
)
_TARGET_YEAR_RE = re.compile(r"\b(?:vuoteen|vuonna)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
MAX_GENITIVES = 5


def _is_comparison(word: str) -> bool:
    """ "vähintään", "yli": a word the measure language reads as a bound, not as what is measured."""
    measures = parse_levels(f"{word} 1")
    return bool(measures) and measures[0].kind in ("min", "max")


def _names_change(word: str) -> bool:
    """ "vähentää": a verb of change, whose object is what changes ("vähentää kunnan päästöjä":
    the genitive only says whose), unlike a noun of change ("alueen päästöjen laskua")."""
    measures = parse_levels(f"{word} 1 %")
    return bool(measures) and measures[0].kind == "change_percent"


def _changed_thing(words: list[str]) -> tuple[str, int] | None:
    """What the change is of, and where the measure's own words start (the verb or the noun of
    change before the number)."""
    while words and _is_comparison(words[-1]):
        words = words[:-1]
    if not words or not words[-1].isalpha():
        return None
    genitives: list[str] = []
    for word in reversed(words[:-1]):
        if not word.isalpha() or not word.endswith("n") or len(genitives) >= MAX_GENITIVES:
            break
        genitives.insert(0, word)
    verb = words[-2 - len(genitives)] if len(words) > 1 + len(genitives) else ""
    if genitives and not _names_change(verb):
        # "alueen kasvihuonepäästöjen laskua": the genitives, from the noun of change
        return " ".join(genitives), len(words) - 1
    # "vähentämällä (kunnan) päästöjä": the object, from the verb
    return words[-1], max(len(words) - 2 - len(genitives), 0)


def relative_targets(text: str) -> list[tuple[str, Measure, Measure]]:
    """(what changes, its baseline, its target) for each "N % vuoden YYYY tasosta" in `text`."""
    found: list[tuple[str, Measure, Measure]] = []
    if _FROM_LEVEL_RE.search(text) is None:
        return found
    year = _TARGET_YEAR_RE.search(text)
    for sentence in split_sentences(text):
        match = _FROM_LEVEL_RE.search(sentence)
        if match is None:
            continue
        words = sentence[: match.start()].split(",")[-1].split()
        thing = _changed_thing(words)
        if thing is None:
            continue
        period = match["by"] or (year.group(1) if year else None)
        measure_text = " ".join([*words[thing[1] :], sentence[match.start() : match.end()]])
        measures = [
            m for m in parse_levels(measure_text) if m.kind == "change_percent" and m.value is not None
        ]
        if not measures:
            continue
        target = Measure(text=measure_text, kind="change_percent", value=measures[0].value, period=period)
        baseline = Measure(
            text=f"vuoden {match['base']} taso", kind="value", value=None, period=match["base"]
        )
        found.append((thing[0][:1].upper() + thing[0][1:], baseline, target))
    return found


# "Määräaikaista henkilökuntaa oli vuoden lopussa 89, mikä ...": a report states a figure in a
# sentence of its own. What it states is the sentence's subject (a few words, no number), the
# past copula reports it, and the number after a short time adverbial is the actual value.
_REPORTED_RE = re.compile(
    r"^(?P<name>[A-ZÅÄÖ][^\d,;:()]{2,80}?)\s+(?:oli|olivat|var)\s+"
    r"(?P<when>(?:[^\d\s,;:()]+\s+){0,3}?)(?P<number>\d{1,3}(?:\s\d{3})*(?:,\d+)?(?:\s*%)?)(?=[\s,.;)]|$)"
)
_ANY_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
MAX_SUBJECT_WORDS = 5
MIN_REPORTED = 2


def reported_figures(text: str) -> list[tuple[str, str | None, Measure]]:
    """(what, unit, actual) for each sentence that reports a figure: "<what> oli <when> <number>".
    Only where a paragraph reports two such figures at least (a report's prose, not a goal
    that mentions a number); the year a sentence names is the value's period."""
    found: list[tuple[str, str | None, Measure]] = []
    for sentence in split_sentences(text):
        match = _REPORTED_RE.match(sentence)
        if match is None or len(match["name"].split()) > MAX_SUBJECT_WORDS:
            continue
        name = match["name"].strip()
        if lexicon.last_level_word(name) is not None:
            continue  # "Tavoite oli 80 %": a goal's wording, not a reported figure
        year = _ANY_YEAR_RE.search(match["when"])
        measures = [m for m in parse_levels(match["number"], period=year.group(1) if year else None)]
        measures = [m for m in measures if m.value is not None]
        if measures:
            found.append((name, parse_unit(match["number"]), measures[0]))
    return found if len(found) >= MIN_REPORTED else []
