"""Goals a plan states in its prose: "Suunnitelman keskeisin tavoite on kehittää ...",
"Hankkeen tavoitteena on ...", "ylätavoitteiksi on nostettu ”Yhdessä” sekä ”Liikunnallinen
elämäntapa”", "målet är att ...".

Welfare plans, council items and programme pages often have no list of goals at all: the
goals are said in a sentence. What makes such a sentence a goal statement is grammar, not
wording: a level word of the lexicon (any inflection, also as a compound's head) as the
subject or predicative of a copula, and what the copula says is the goal. Finnish and Swedish:

- "<level word> on|ovat X" (the nominative or essive "tavoitteena on"); Swedish "<level word>
  [a few words] är [att] X";
- "<level words in the translative> on|ovat <participle> X, Y sekä Z" ("tavoitteiksi on asetettu"),
  or before a passive past ("painopistealueiksi valittiin X, Y ja Z"): a list of goals, the
  quoted names when the names are quoted (unquoted, at least two, so "seuraavaa" names none);
- a clause of means at the end ("... parantamalla energiatehokkuutta ja käyttämällä ...", the
  Finnish "by doing" form) is the goal's description, not its title.

No goal: a level word in a local case ("toimenpiteillä on saatu": a possessor or agent), a copula
of a relative clause or after a clause break, a participle after the copula (a perfect tense or a
state: "on saavutettu", "är uppfyllda"), a "list" whose part opens a relative clause ("ovat
kaikki sellaisia, joiden ...").

A Finnish statement whose goal is a "that" clause ("tavoitteena on, että vuonna 2017 ...")
states targets, not a goal title (`goal_sentences.stated_targets`); the Swedish "att" is also
the infinitive's mark ("målet är att minska ..."), so it is dropped and the goal kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seuranta.core.measures import parse_levels
from seuranta.core.model import Measure
from seuranta.core.parsing import lexicon
from seuranta.core.parsing.text import split_sentences

_COPULAS = frozenset({"on", "ovat", "är"})
# The Finnish relative pronouns in their cases ("joiden", "jossa", "mitkä") and the Swedish ones.
_RELATIVE_RE = re.compile(
    r"^(?:jo(?:ka|nka|ta|ssa|sta|hon|lla|lta|lle|na|ksi|tka|iden|ita|issa|ista|ihin|illa|ilta|ille|ina|iksi)"
    r"|mi(?:kä|nkä|tä|ssä|stä|hin|llä|ltä|lle|nä|ksi|tkä)|som|där|vilka|vilket|vilken)\b",
    re.IGNORECASE,
)
# A Finnish word in a local case before "on" is a possessor or an agent ("toimenpiteillä on saatu",
# "toimenpiteillä on yhteyksiä"): the level word is no subject of the copula then.
_LOCAL_CASES = ("lla", "llä", "lta", "ltä", "lle")
_TOKEN_STRIP = " .,;:!?()”“\"'«»"
_QUOTED_RE = re.compile(r"[”“\"«»]([^”“\"«»]{2,80})[”“\"«»]")
_LIST_SPLIT_RE = re.compile(r",\s+|\s+(?:ja|sekä|och|samt)\s+")
_MEANS_RE = re.compile(r"\s+(?=\w+(?:malla|mällä)\b)")
_THAT_RE = re.compile(r"^,?\s*että\b", re.IGNORECASE)
# Between a Swedish level word and its copula its modifiers may stand, a prepositional phrase
# ("målet innan 2020 är att", "det tredje målet i social översiktsplan är att", "målet för barn
# och unga är att"); a Finnish subject takes its modifiers before it, so its copula follows it.
# A clause break or a relative pronoun ends the search first, so the bound is a loose one.
MAX_MODIFIER_WORDS = 5
MIN_COMPOUND_PART, MIN_COMPOUND_HEAD = 3, 7
MIN_GOAL_WORDS = 2
MAX_GOAL_WORDS = 30
MAX_LISTED_WORDS = 6
MIN_LISTED = 2


@dataclass
class Statement:
    """One goal a sentence states: the level its word names, its title and description."""

    level: str
    title: str
    description: str | None = None
    sentence: str = ""


def _level(token: str) -> str | None:
    """The level a word names; a compound whose inflected head is a level word ("ylätavoitteiksi")
    names a level of its own, its first part joined to the head's name ("Ylätavoite")."""
    word = token.strip(_TOKEN_STRIP)
    entry = lexicon.lookup(word)
    if entry is not None:
        return entry.level if entry.role == "level" and entry.level else None
    for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_HEAD + 1):
        head = lexicon.lookup(word[cut:])
        if head is not None and head.role == "level" and head.level:
            return (word[:cut] + head.level.lower()).capitalize()
    return None


def _is_translative(token: str) -> bool:
    return token.strip(_TOKEN_STRIP).lower().endswith("ksi")


def _participle(token: str, copula: str) -> bool:
    """A past participle after the copula: a perfect tense or a state ("on saavutettu", "är
    uppfyllda"), Finnish or Swedish by the copula (Finnish infinitives end like Swedish
    participles: "on saada")."""
    endings = _SV_PARTICIPLE if copula == "är" else ("ttu", "tty", "ttiin", "nut", "nyt", "neet")
    return token.strip(_TOKEN_STRIP).lower().endswith(endings)


# Swedish past participles of the regular conjugations ("uppdelade", "uppfyllda", "genomförda").
_SV_PARTICIPLE = ("ade", "ad", "da", "dda")


def _passive_past(token: str) -> bool:
    return token.strip(_TOKEN_STRIP).lower().endswith(("ttiin", "tiin"))


def _copula_after(tokens: list[str], at: int) -> int | None:
    """Where the copula of the level word at `at` is, or None: right after it, or for a Swedish
    level word after its modifiers (no clause break or relative clause between them)."""
    for index in range(at + 1, min(at + 2 + MAX_MODIFIER_WORDS, len(tokens))):
        word = tokens[index].strip(_TOKEN_STRIP).lower()
        if _RELATIVE_RE.match(word) or tokens[index - 1][-1:] in ",;:":
            return None  # "tre mål som är uppdelade ...": the copula is a relative clause's
        if word in _COPULAS:
            entry = lexicon.lookup(tokens[at].strip(_TOKEN_STRIP)) if index > at + 1 else None
            return index if index == at + 1 or (entry is not None and entry.language == "sv") else None
    return None


def _title(text: str, level: str) -> Statement | None:
    text = text.strip(_TOKEN_STRIP + " ")
    if _THAT_RE.match(text) or not text:
        return None
    text = re.sub(r"^att\s+", "", text)
    parts = _MEANS_RE.split(text, maxsplit=1)
    title = parts[0].strip(" ,")
    means = parts[1].strip() if len(parts) > 1 else None
    if not MIN_GOAL_WORDS <= len(title.split()) <= MAX_GOAL_WORDS:
        return None
    return Statement(level=level, title=title, description=means)


def _listed(text: str, level: str) -> list[Statement]:
    quoted = _QUOTED_RE.findall(text)
    names = quoted or _LIST_SPLIT_RE.split(text.strip(_TOKEN_STRIP + " "))
    names = [name.strip(_TOKEN_STRIP + " ") for name in names]
    if not names or any(not name or len(name.split()) > MAX_LISTED_WORDS for name in names):
        return []
    if not quoted and len(names) < MIN_LISTED:
        return []  # "tavoitteiksi asetettiin seuraavaa": a pointer to a list, no names
    if not quoted and any(_RELATIVE_RE.match(name) for name in names):
        return []  # "ovat kaikki sellaisia, joiden ...": a relative clause, not a list's name
    return [Statement(level=level, title=name[:1].upper() + name[1:]) for name in names]


def _sentence_statements(sentence: str) -> list[Statement]:
    tokens = sentence.split()
    for at, token in enumerate(tokens):
        chosen = at + 1 < len(tokens) and _passive_past(tokens[at + 1]) and _is_translative(token)
        if chosen and (level := _level(token)) is not None:  # "painopistealueiksi valittiin A, B ja C"
            return _listed(" ".join(tokens[at + 2 :]), level)
        copula = _copula_after(tokens, at)  # cheap first: most words stand before no copula
        if copula is None or token.lower().endswith(_LOCAL_CASES) or (level := _level(token)) is None:
            continue
        rest = tokens[copula + 1 :]
        if _is_translative(token):
            if rest and _participle(rest[0], "on"):
                return _listed(" ".join(rest[1:]), level)
            continue
        if rest and _participle(rest[0], tokens[copula].strip(_TOKEN_STRIP).lower()) or rest[:1] == ["ollut"]:
            continue  # "tavoite on saavutettu", "målen är uppfyllda": a state, not what the goal is
        if rest and _level(rest[-1]) is not None:
            return []  # "päämäärät ovat ... kehittämispäämääriä": a definition of the level
        if tokens[copula].strip(_TOKEN_STRIP).lower() == "ovat":
            return _listed(" ".join(rest), level)  # "päämäärät ovat A, B ja C"
        stated = _title(" ".join(rest), level)
        return [stated] if stated is not None else []
    return []


def goal_statements(text: str) -> list[Statement]:
    """The goals the sentences of a paragraph state, in order."""
    found: list[Statement] = []
    for sentence in split_sentences(text):
        for statement in _sentence_statements(sentence):
            statement.sentence = sentence
            found.append(statement)
    return found


# "minska utanförskapet med 50 procent i specifika delområden", "vähentää päästöjä 30 %": a goal
# worded as a change of something by a percentage; what changes is the words around the number.
_CHANGE_RE = re.compile(
    r"^(?P<verb>[^\W\d_]+)\s+(?P<thing>[^\d]{3,80}?)\s+(?:med\s+|by\s+)?"
    r"(?P<number>\d+(?:,\d+)?\s*(?:%|procent|prosent\w*))(?:\s+(?P<where>[^\d]{3,60}))?$",
    re.IGNORECASE,
)
_ANY_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_TIME_WORDS_RE = re.compile(r"\b(?:vuo\w*|mennessä|år|innan|till|senast)\b", re.IGNORECASE)


def change_target(statement: Statement) -> tuple[str, Measure] | None:
    """What a goal worded as a change by a percentage changes, and its target (the year of the
    stating sentence, when it names one, is the target's period)."""
    match = _CHANGE_RE.match(statement.title)
    if match is None:
        return None
    measures = parse_levels(f"{match['verb']} {match['number']}")
    if not measures or measures[0].kind != "change_percent" or measures[0].value is None:
        return None
    where = match["where"] or ""
    if _TIME_WORDS_RE.search(where):
        where = ""
    years = set(_ANY_YEAR_RE.findall(statement.sentence))
    period = years.pop() if len(years) == 1 else None
    name = f"{match['thing']} {where}".strip()
    text = " ".join(
        part for part in (match["verb"], "med" if " med " in statement.title else "", match["number"]) if part
    )
    return name, Measure(text=text, kind="change_percent", value=measures[0].value, period=period)
