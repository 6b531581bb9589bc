"""The importer's vocabulary as data: level names and field labels of Finnish and Swedish plans.

The words live in `lexicon/fi.json` and `lexicon/sv.json`, never in rules. Each
entry says what a word means in a plan (a level of the goal tree, or a field:
indicator, baseline, target, actual, responsible, schedule, milestone, progress,
source, description) and lists the inflected forms it is matched in. A word
also matches as the head of a compound ("henkilöstömittarit" is a form of
"mittari"), and a form written with a trailing hyphen ("vastuu-") as the first
part of one ("vastuuhenkilö"). Every entry names the documents it was seen in; a test requires two
publishers at least, so no phrase of one document becomes a rule.

    lookup(word)        the entry a single word is a form of, or None
    label_role(text)    the entry a short label ("Mittarit", "Lähtötaso 2023") stands for
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import snowballstemmer

ROLES = (
    "level",
    "indicator",
    "baseline",
    "target",
    "actual",
    "responsible",
    "schedule",
    "milestone",
    "progress",
    "source",
    "description",
)
# Words that name a part of the document rather than of the plan: "Sisällys" heads a table of contents.
STRUCTURE_ROLES = ("contents",)
LANGUAGES = ("fi", "sv")
# Compound heads shorter than this are not trusted ("teko" inside "arkkitehtuuri..." is not a deed).
_MIN_HEAD = 4
# Finnish derivational endings: "vastuullinen" (responsible, an adjective) is no compound of "vastuu-".
_DERIVATIONS = ("llinen", "llis", "ton", "ttom", "ttomu")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Entry:
    term: str
    role: str
    language: str
    forms: tuple[str, ...]
    level: str | None = None  # the level name a plan uses, for role "level"
    rank: int | None = None  # usual depth of that level: 1 focus area ... 5 action
    attested: tuple[str, ...] = ()


def _load(language: str) -> list[Entry]:
    raw = json.loads(resources.files(__package__).joinpath("lexicon", f"{language}.json").read_text("utf-8"))
    return [
        Entry(
            term=item["term"],
            role=item["role"],
            language=language,
            forms=tuple(form.lower() for form in item["forms"]),
            level=item.get("level"),
            rank=item.get("rank"),
            attested=tuple(item.get("attested", ())),
        )
        for item in raw["entries"]
    ]


@cache
def entries() -> tuple[Entry, ...]:
    loaded: list[Entry] = []
    for language in LANGUAGES:
        loaded.extend(_load(language))
    return tuple(loaded)


@cache
def _forms() -> dict[str, Entry]:
    forms: dict[str, Entry] = {}
    for entry in entries():
        for form in entry.forms:
            if not form.endswith("-"):
                forms.setdefault(form, entry)
    return forms


@cache
def _prefixes() -> tuple[tuple[str, Entry], ...]:
    """Forms written "vastuu-": the first part of a compound that decides its meaning
    ("vastuuhenkilö", "vastuutaho", "vastuuorganisaatio" all name who is responsible)."""
    found = [(form[:-1], entry) for entry in entries() for form in entry.forms if form.endswith("-")]
    return tuple(sorted(found, key=lambda pair: -len(pair[0])))


@cache
def _heads() -> tuple[tuple[str, Entry], ...]:
    # Longest first, so "lähtötilanne" is a baseline before "tilanne" is a progress word.
    return tuple(
        sorted(((f, e) for f, e in _forms().items() if len(f) >= _MIN_HEAD), key=lambda p: -len(p[0]))
    )


@cache
def _stems() -> dict[tuple[str, str], Entry]:
    stems: dict[tuple[str, str], Entry] = {}
    for entry in entries():
        for form in entry.forms:
            if form.endswith("-"):
                continue
            stem = _stemmer(entry.language).stemWord(form)
            if len(stem) >= _MIN_HEAD:
                stems.setdefault((entry.language, stem), entry)
    return stems


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer({"fi": "finnish", "sv": "swedish"}[language])


@cache
def lookup(word: str) -> Entry | None:
    """The entry `word` is a form of: exactly, as a compound's head, or by its stem
    ("päämäärällä" is "päämäärä"); None for other words."""
    word = word.lower().strip(" .:;,")
    if not word:
        return None
    exact = _forms().get(word)
    if exact is not None:
        return exact
    for form, entry in _heads():
        if word.endswith(form) and len(word) - len(form) >= 3:
            return entry
    linked = _linked_head(word)
    if linked is not None:
        return linked
    for prefix, entry in _prefixes():
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and not rest.startswith(_DERIVATIONS):
            return entry
    for language in LANGUAGES:
        stemmed = _stems().get((language, _stemmer(language).stemWord(word)))
        if stemmed is not None:
            return stemmed
    return None


# A head shorter than _MIN_HEAD is trusted after a linking "s" of a long first part, as Swedish
# joins its compounds: "inriktnings|mål", "verksamhets|mål".
_MIN_LINKED_PREFIX = 5


def _linked_head(word: str) -> Entry | None:
    for form, entry in _forms().items():
        if len(form) >= _MIN_HEAD or not word.endswith(form):
            continue
        prefix = word[: -len(form)]
        if len(prefix) >= _MIN_LINKED_PREFIX and prefix.endswith("s"):
            return entry
    return None


def last_level_word(text: str) -> Entry | None:
    """The last level word of a sentence, as in "Visiota on täsmennetty neljällä päämäärällä:"."""
    for word in reversed(words(text)):
        entry = lookup(word)
        if entry is not None and entry.role == "level":
            return entry
    return None


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def label_role(text: str, *, max_words: int = 4) -> Entry | None:
    """The entry a short label stands for: its last vocabulary word decides ("Tavoitteen mittari"
    is an indicator, "Mittarin lähtötaso" a baseline). Longer texts are not labels."""
    found = words(text)
    if not found or len(found) > max_words:
        return None
    for word in reversed(found):
        entry = lookup(word)
        if entry is not None and entry.role in ROLES:
            return entry
    return None


def names_contents(text: str) -> bool:
    """Whether a line starts with a word for a table of contents ("Sisällys", "SISÄLTÖ:")."""
    found = words(text)
    entry = lookup(found[0]) if found else None
    return entry is not None and entry.role == "contents"


def level_entry(text: str) -> Entry | None:
    """The level a heading's first word names ("Tavoite 2: ...", "PAINOPISTE 1", "Toimenpiteet")."""
    found = words(text)
    if not found:
        return None
    entry = lookup(found[0])
    return entry if entry is not None and entry.role == "level" else None


MAX_LEVEL_LABEL_WORDS = 3


def level_label(label: str, value: str) -> Entry | None:
    """The level a label of a few words names by its first word, when its value is a title
    (capitalised, not a sentence): "Painopistealue ja kehittämiskohteet: Terveys- ja ..."."""
    if len(label.split()) > MAX_LEVEL_LABEL_WORDS or not value[:1].isupper() or value.endswith("."):
        return None
    return level_entry(label)
