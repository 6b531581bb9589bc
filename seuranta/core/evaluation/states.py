"""Qualitative states ("Ei" < "Valmistelussa" < "Valmis") placed on an ordered scale.

A state is placed by, in order: its normalised text on the scale ("Kyllä." is
"kyllä"), a scale entry whose words begin it or that it begins ("Ei ole" and
"Ei", "On laadittu" and "On laadittu, käytössä"), a close spelling, and last
its meaning: a negation ("Ei ole laadittu", "not yet") sits at the bottom, a
word of completion ("valmis", "laadittu", "kyllä", "done") at the top, and a
word of work under way ("valmistelussa", "käynnissä", "osittain", "pågår")
on a matching middle entry, or halfway up a scale that has none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)

NEGATIONS = frozenset({"ei", "eikä", "no", "not", "nej", "inte", "ej", "puuttuu", "none", "missing"})
UNDER_WAY = frozenset(
    {
        "valmistelussa",
        "valmistelu",
        "valmisteilla",
        "käynnissä",
        "kesken",
        "osittain",
        "aloitettu",
        "työn",
        "työstetään",
        "luonnos",
        "pilotti",
        "pilottihaku",
        "pilotoidaan",
        "suunnitteilla",
        "pågår",
        "delvis",
        "påbörjad",
        "påbörjat",
        "beredning",
        "utkast",
        "progress",
        "partially",
        "partly",
        "started",
        "ongoing",
        "underway",
        "draft",
        "preparing",
    }
)
COMPLETE = frozenset(
    {
        "kyllä",
        "valmis",
        "valmiina",
        "valmistunut",
        "laadittu",
        "tehty",
        "toteutettu",
        "toteutunut",
        "käytössä",
        "olemassa",
        "varmistettu",
        "hyväksytty",
        "päivitetty",
        "selvitetty",
        "luotu",
        "sovittu",
        "toimii",
        "otettu",
        "on",
        "yes",
        "ja",
        "klar",
        "färdig",
        "gjort",
        "done",
        "ready",
        "completed",
        "complete",
        "implemented",
        "adopted",
        "approved",
    }
)


@lru_cache(maxsize=8192)
def normalise(state: str) -> str:
    return " ".join(_WORD.findall(state.casefold()))


def meaning(state: str) -> str | None:
    """ "negative", "under_way", "complete" or None."""
    words = normalise(state).split()
    if not words:
        return None
    if words[0] in NEGATIONS:
        return "negative"
    if any(w in UNDER_WAY for w in words):
        return "under_way"
    if any(w in COMPLETE for w in words):
        return "complete"
    if any(w in NEGATIONS for w in words):
        return "negative"
    return None


def infer_scale(baseline: str | None, targets: list[str]) -> list[str]:
    """Baseline state first, then the target states in date order, duplicates dropped."""
    return list(inferred_scale(baseline, tuple(targets)))


@lru_cache(maxsize=8192)
def inferred_scale(baseline: str | None, targets: tuple[str, ...]) -> tuple[str, ...]:
    """`infer_scale` memoised: plans write the same few scales for many indicators."""
    scale: list[str] = []
    seen: set[str] = set()
    for state in ((baseline,) if baseline else ()) + targets:
        key = normalise(state)
        if key and key not in seen:
            seen.add(key)
            scale.append(state)
    return tuple(scale)


def place(state: str, scale: Sequence[str]) -> float | None:
    """The position of a state on the scale (0 = first), fractional for work under way."""
    if not scale:
        return None
    return _place(state, scale if type(scale) is tuple else tuple(scale))


@lru_cache(maxsize=8192)
def _place(state: str, scale: tuple[str, ...]) -> float | None:
    """`place` memoised: plans write the same few states against the same few scales."""
    key = normalise(state)
    if not key:
        return None
    keys = [normalise(s) for s in scale]
    if key in keys:
        return float(keys.index(key))
    words = key.split()
    prefixed = [
        i
        for i, k in enumerate(keys)
        if k and (words[: len(k.split())] == k.split() or k.split()[: len(words)] == words)
    ]
    if len(prefixed) == 1:
        return float(prefixed[0])
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.85)
    if close:
        return float(keys.index(close[0]))
    sense = meaning(state)
    if sense is None:
        return None
    top = len(scale) - 1
    senses = [meaning(s) for s in scale]
    if sense == "negative":
        return float(senses.index("negative")) if "negative" in senses else 0.0
    if sense == "complete":
        matches = [i for i, s in enumerate(senses) if s == "complete"]
        return float(matches[-1]) if matches else float(top)
    matches = [i for i, s in enumerate(senses) if s == "under_way"]
    if matches:
        return float(matches[0])
    return top / 2 if top else None
