"""Finnish wording rules of narrative plans: who is responsible, names in the nominative,
indicators written as sentences.

Narrative plans have no Vastuutaho column; a duty is given inside the sentence:
"Esihenkilöiden tulee huolehtia ..." (the supervisors must see to ...), "Paperiset
asiakirjat tulee kaikkien toimialojen ... hävittää", "aluksi ao. esihenkilöt,
työterveyshuollon edustajat ja työhyvinvointipäällikkö työstävät ...". Headings
name the organisation in the genitive ("HALLINTOTOIMEN PALVELUT") and the level
of a list in the translative ("koottu kolmeksi ohjelmakokonaisuudeksi").
"""

from __future__ import annotations

import re

from seuranta.core.measures import parse_measure, parse_unit
from seuranta.core.model import Indicator, Measure
from seuranta.core.periods import parse_period

_I = re.IGNORECASE

# plural genitive endings ("esihenkilöiden", "toimialojen", "kaikkien")
_PLURAL_GENITIVE = r"[^\W\d_]+(?:iden|itten|jen|ien|sten)"
_INFINITIVE = r"[^\W\d_]+(?:a|ä)"
_ADVERB = r"(?:[^\W\d_]+sti|itse|jatkossa|aina|myös|yhdessä)"
_DUTY_AFTER = re.compile(
    rf"\btulee\s+((?:{_PLURAL_GENITIVE}\s+){{0,1}}{_PLURAL_GENITIVE})\s+(?:{_ADVERB}\s+)?{_INFINITIVE}\b", _I
)
_DUTY_BEFORE = re.compile(
    rf"(?:^|[;,.]\s*|\b(?:että|jotta)\s+)((?:{_PLURAL_GENITIVE}\s+){{0,1}}{_PLURAL_GENITIVE})"
    rf"\s+tulee\s+(?:{_ADVERB}\s+)?{_INFINITIVE}\b",
    _I,
)
_PRONOUNS = {
    "kaikkien": "kaikki",
    "muiden": "muut",
    "näiden": "nämä",
    "niiden": "ne",
    "joiden": "jotka",
    "eri": "eri",
}
_ROLE = re.compile(
    r"^[^\W\d_]*(?:esihenkilö|esimie[sh]|johtaja|päällikk?ö|edustaja|koordinaattori|asiantuntija|"
    r"sihteeri|suunnittelija|työryhmä|toimikunta|lautakunta|hallitus|valtuusto|vastuuhenkilö|"
    r"yhteyshenkilö|luottamushenkilö)(?:t|et|n)?$",
    _I,
)
_SINGULAR_VERBS = frozenset(
    [
        "vastaa",
        "huolehtii",
        "koordinoi",
        "johtaa",
        "valmistelee",
        "toteuttaa",
        "seuraa",
        "raportoi",
        "työstää",
        "laatii",
        "käsittelee",
    ]
)
_CLAUSE_END = re.compile(r";|:\s|\.\s+(?=[A-ZÅÄÖ])")
_ABBREVIATION = re.compile(r"^[a-zåäö]{1,4}\.$")


def plural_nominative(genitive: str) -> str:
    """ "esihenkilöiden" -> "esihenkilöt", "toimialojen" -> "toimialat", "kaikkien" -> "kaikki"."""
    word = genitive.lower()
    if word in _PRONOUNS:
        return _PRONOUNS[word]
    for ending, replacement in (
        ("miesten", "miehet"),
        ("sten", "set"),
        ("joiden", "jat"),
        ("jöiden", "jät"),
        ("itten", "t"),
        ("iden", "t"),
        ("ojen", "at"),
        ("öjen", "ät"),
        ("ujen", "ut"),
        ("yjen", "yt"),
        ("ien", "at" if re.search(r"[aou]", word) else "ät"),
    ):
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word


def _genitive_phrase(phrase: str) -> str:
    return " ".join(plural_nominative(w) for w in phrase.split())


def _role_phrase(words: list[str], *, allow_lead: bool) -> str | None:
    """The role words at the end of a list item: a role noun with its genitive or abbreviation
    modifiers ("ao. esihenkilöt", "työterveyshuollon edustajat"); None if the item is not one."""
    if not words or not _ROLE.match(words[-1]):
        return None
    start = len(words) - 1
    while (
        start > 0
        and len(words) - start < 3
        and (_ABBREVIATION.match(words[start - 1]) or words[start - 1].lower().endswith("n"))
    ):
        start -= 1
    if start > 0 and not allow_lead:
        return None
    return " ".join(words[start:])


def _listed_roles(clause: str) -> list[str]:
    """Roles listed as the subject of a clause: "A, B ja C työstävät ..."."""
    words = clause.split()
    for i, verb in enumerate(words):
        bare = verb.lower().strip(",.")
        if i == 0 or not (re.search(r"(?:vat|vät)$", bare) or bare in _SINGULAR_VERBS):
            continue
        subject = " ".join(words[:i])
        items = [p.split() for p in re.split(r"\s*,\s*|\s+(?:ja|sekä)\s+", subject) if p.strip()]
        if not items:
            continue
        roles = []
        for k, item in enumerate(reversed(items)):
            role = _role_phrase(item, allow_lead=(k == len(items) - 1))
            if role is None:
                break
            roles.append(role)
        else:
            if roles:
                return list(reversed(roles))
    return []


def responsible_in(sentence: str) -> list[str]:
    """Persons, roles or units a sentence gives a duty to, in the nominative, in order."""
    found: list[tuple[int, str]] = []
    for pattern in (_DUTY_AFTER, _DUTY_BEFORE):
        for m in pattern.finditer(sentence):
            found.append((m.start(1), _genitive_phrase(m[1])))
    start = 0
    breaks = [(b.start(), b.end()) for b in _CLAUSE_END.finditer(sentence)]
    for end, after in [*breaks, (len(sentence), len(sentence))]:
        clause = sentence[start:end]
        for role in _listed_roles(clause):
            found.append((start + clause.find(role.split()[0]), role))
        start = after
    out: list[str] = []
    for _, role in sorted(found):
        if role.lower() not in (r.lower() for r in out):
            out.append(role)
    return out


# --- names in the nominative -----------------------------------------------------------------

_GENITIVE_ENDINGS = (
    ("eiden", "eet"),
    ("uiden", "ut"),
    ("yiden", "yt"),
    ("oiden", "ot"),
    ("öiden", "öt"),
    ("uksen", "us"),
    ("yksen", "ys"),
    ("uuden", "uus"),
    ("yyden", "yys"),
    ("sen", "nen"),
    ("nnan", "nta"),
    ("nnän", "ntä"),
    ("kön", "kkö"),
    ("kon", "kko"),
    ("een", "e"),
    ("en", "i"),
    ("n", ""),
)
_TRANSLATIVE_ENDINGS = (
    ("uudeksi", "uus"),
    ("yydeksi", "yys"),
    ("iseksi", "inen"),
    ("kseksi", "s"),
    ("tteeksi", "te"),
    ("eeksi", "e"),
    ("oiksi", "a"),
    ("öiksi", "ä"),
    ("iksi", "i"),
    ("aksi", "a"),
    ("äksi", "ä"),
    ("ksi", ""),
)


def nominative_of_genitive(word: str, text: str = "") -> str:
    """ "HALLINTOTOIMEN" -> "Hallintotoimi": the candidate the text itself writes wins, else the
    first rule that applies."""
    low = word.lower()
    candidates = [low[: -len(end)] + rep for end, rep in _GENITIVE_ENDINGS if low.endswith(end)]
    lowered = text.lower()
    for candidate in candidates:
        if re.search(rf"(?<!\w){re.escape(candidate)}(?!\w)", lowered):
            return candidate.capitalize()
    return (candidates[0] if candidates else low).capitalize()


_CONJUNCTION_WORDS = frozenset(["ja", "sekä", "tai"])


def genitive_phrase(title: str, generic: frozenset[str] = frozenset()) -> str | None:
    """The genitive words a heading starts with, lower case: "TEKNISEN TOIMEN PALVELUT" ->
    "teknisen toimen", "KULTTUURI- JA VAPAA-AIKAPALVELUIDEN TAVOITTEET" -> "kulttuuri- ja
    vapaa-aikapalveluiden"; None when the first word is not a genitive (or a generic one)."""
    words = title.lower().split()
    taken: list[str] = []
    for k, word in enumerate(words):
        elided = word.endswith("-") or (
            word in _CONJUNCTION_WORDS and bool(taken) and taken[-1].endswith("-")
        )
        if elided and k + 1 < len(words):
            taken.append(word)
            continue
        if word.endswith("n") and word not in generic and len(word) > 3:
            taken.append(word)
            continue
        break
    while taken and not taken[-1].endswith("n"):
        taken.pop()
    return " ".join(taken) or None


def nominative_of_genitive_phrase(phrase: str, text: str = "") -> str:
    """ "teknisen toimen" -> "Tekninen toimi": each genitive word in the nominative; elided
    compound parts and conjunctions ("kulttuuri- ja") stay as they are."""
    words = []
    for word in phrase.split():
        if word.endswith("-") or word in _CONJUNCTION_WORDS:
            words.append(word)
        else:
            words.append(nominative_of_genitive(word, text).lower())
    out = " ".join(words)
    return out[:1].upper() + out[1:]


def nominative_of_translative(word: str) -> str | None:
    """ "ohjelmakokonaisuudeksi" -> "Ohjelmakokonaisuus"; None when not a translative."""
    low = word.lower()
    for end, rep in _TRANSLATIVE_ENDINGS:
        if low.endswith(end) and len(low) > len(end) + 2:
            return (low[: -len(end)] + rep).capitalize()
    return None


# --- indicators ------------------------------------------------------------------------------

_LEVEL_IN_TEXT = re.compile(
    r"(?<!\w)(?:yli|alle|vähintään|enintään|korkeintaan|min\.|maks\.|max\.)\s*[-−]?\d(?:[\d\u00a0 ]*\d)?"
    r"(?:[,.]\d+)?(?:\s*(?:%|€|pv|kpl|htv|opp\.|hlö))?",
    _I,
)
_SURVEY = re.compile(r"(?<!\w)([^\W\d_]*kysely)[^\W\d_]*", _I)
_DATA_OF = re.compile(r"(?<!\w)([A-ZÅÄÖ][^\W\d_]+?)n\s+(?:tiedot|tilastot|tilasto|rekisteri|data)\b")


def text_period(text: str) -> str | None:
    return parse_period(text)


def indicator_source(name: str) -> str | None:
    """Where an indicator's data comes from, when its name says: a survey, an organisation's data."""
    m = _SURVEY.search(name)
    if m:
        return m[1].lower()
    m = _DATA_OF.search(name)
    if m:
        return m[1]
    return None


# what may follow a level that ends the text: its unit and a scale ("vähintään 3,5 (asteikko 1–5)")
_LEVEL_TAIL = re.compile(r"^\s*(?:[^\W\d_]{1,6}\.?(?:/[^\W\d_²³]{1,4}[²³]?)?)?\s*(?:\([^()]*\))?\s*\.?$")
# what ties a trailing level to the name: "; tavoite", ", tavoitetaso", "–"
_NAME_TAIL = re.compile(r"(?:[;,:–-]\s*)?(?:\btavoite(?:taso)?\b\s*[:]?)?\s*$", _I)


def indicator_from_text(name: str) -> Indicator:
    """An indicator named by a sentence; a level stated in it ("yli 80 %") becomes its target.

    A level that ends the text ("Asiakastyytyväisyys vähintään 4,0 (asteikko 1–5)",
    "... vuodessa; tavoite vähintään 12 km") is the target and not part of the name; a level
    inside the sentence ("Valtaosa (yli 80 %) vastanneista ...") leaves the name whole.
    """
    targets: list[Measure] = []
    unit = None
    m = _LEVEL_IN_TEXT.search(name)
    if m:
        level = m[0]
        head = name[: m.start()]
        trailing = (
            bool(_LEVEL_TAIL.match(name[m.end() :]))
            and "(" not in head[-2:]
            and len(_NAME_TAIL.sub("", head).split()) >= 1
        )
        if trailing:
            level = name[m.start() :].strip()
        measure = parse_measure(level)
        if measure.kind in ("min", "max", "value") and measure.value is not None:
            targets.append(measure)
            unit = parse_unit(level)
            if trailing:
                name = _NAME_TAIL.sub("", head).strip()
    if unit is None and "%" in name:
        unit = "%"
    return Indicator(name=name, unit=unit, source=indicator_source(name), targets=targets)
