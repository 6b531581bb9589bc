"""Indicators from evaluation text: the measured thing, its baseline and targets.

Goal tables and brochures write an indicator as one sentence or bullet with
its levels inside: "Anonyymien rekrytointien lukumäärä yli 20 (lähtötaso v.
2022 11).", "… Lähtötaso (ka) 3,8. Tavoitetaso v. 2026 3,9 ja v. 2028 4,1.",
"Palkkaerot sukupuolten välillä maks. 2 % (…)". This module finds where the
levels are written (a "lähtötaso"/"tavoitetaso" part, a level closing the
sentence, a comparison inside it) and leaves their reading to the measure
language, `seuranta.core.measures`.

The name is the indicator's text without the lähtötaso/tavoitetaso parts; a
level that closes the sentence is cut from the name (it is the target, not
what is measured), one inside the sentence stays in it.
"""

from __future__ import annotations

import re

from seuranta.core import measures
from seuranta.core.model import Indicator, Measure
from seuranta.core.parsing.document import ImportWarning
from seuranta.core.parsing.families.goal_table_text import fold
from seuranta.core.parsing.text import split_sentences
from seuranta.core.periods import parse_period

_KEYWORD = r"(?:lähtötaso|lähtötilanne|tavoitetaso|tavoite)"
_PAREN_LEVEL = re.compile(rf"\s*\((?P<kw>{_KEYWORD})\b(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)", re.IGNORECASE)
_SENTENCE_LEVEL = re.compile(rf"^(?P<kw>{_KEYWORD})\b\s*(?P<body>.*)$", re.IGNORECASE)
_UNIT_PAREN = re.compile(r"^\s*\((?P<unit>[^()\d]{1,12})\)\s*")
_NUMBER = r"[-+−]?\d[\d\u00a0 ]*(?:[,.]\d+)?"
_COMPARATOR = r"(?:yli|alle|vähintään|enintään|maks\.?|max\.?|min\.?|korkeintaan|alle)"
_TRAILING_LEVEL = re.compile(
    rf"(?P<level>(?:{_COMPARATOR}\s+)?{_NUMBER}\s*(?:%|€|/\s*[a-zåäö]+|[a-zåäö]+(?:\s*/\s*[a-zåäö]+)?)?)"
    r"\s*[.:;]?\s*$",
    re.IGNORECASE,
)
_INLINE_LEVEL = re.compile(
    rf"(?:(?<![\w-])(?P<cmp>{_COMPARATOR}\s+{_NUMBER}\s*(?:%|€)?)"
    rf"|\bmäärä\s+(?P<count>\d+\s+(?:kpl|kertaa|vuodessa|kuukaudessa|vuosittain)))",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "… -20 % vuoteen 2030 mennessä": the year a closing level is due.
_DUE = re.compile(
    r"\s+(?:vuoteen\s+(?P<a>(?:19|20)\d\d)\s+mennessä|(?:vuonna|v\.)\s*(?P<b>(?:19|20)\d\d))\s*[.]?$",
    re.IGNORECASE,
)
_REFERENCE = re.compile(r"\(\s*(?P<text>vrt\.?\s*(?P<year>(?:19|20)\d\d))\s*\)", re.IGNORECASE)
_PERIOD_WORDS = re.compile(
    r"(?:\b(?:v\.|vuonna|vuoden|vuodelle|vuosi)\s*(?:19|20)\d\d\s*:?|\b(?:19|20)\d\d\s*:)", re.IGNORECASE
)
_SOURCE = re.compile(
    r"\b(?P<word>[\wåäö-]*?(?:kysely|tilasto|rekisteri|mittaus|arviointi))(?:ssä|ssa|stä|sta|n)?\b",
    re.IGNORECASE,
)


def _clean_name(text: str) -> str:
    text = fold(text).strip(" ,;:")
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _source(text: str) -> str | None:
    m = _SOURCE.search(text)
    if not m:
        return None
    word = m.group("word")
    return word[:1].upper() + word[1:] if text[: m.start()].strip() == "" else word


def _measure(text: str, *, period: str | None = None) -> Measure | None:
    text = fold(text).strip(" .,;:")
    if not text:
        return None
    measure = measures.parse_measure(text, period=period)
    return measure


def _baseline(body: str) -> tuple[Measure | None, str | None]:
    """The baseline of a "lähtötaso …" part and the source it names."""
    source = _source(body)
    period = parse_period(body)
    level = _PERIOD_WORDS.sub(" ", body)
    if source:
        level = re.sub(rf"\b{re.escape(source)}\w*", " ", level, flags=re.IGNORECASE)
    level = fold(level).strip(" .,;:")
    if not level or _YEAR.match(level):
        # "(lähtötaso 2019)", "(lähtötaso v. 2022)": the reference year of a change, no level
        year = period or (level if _YEAR.match(level) else None)
        text = fold(body).strip(" .,;:")
        return (Measure(text=text, kind=None, value=None, period=year) if year and text else None), source
    return _measure(level, period=period), source


_LEADING_YEAR = re.compile(r"^(?:v\.|vuonna|vuodelle)\s*(?P<year>(?:19|20)\d\d)\s*:?\s+(?=\S)", re.IGNORECASE)


def _targets(body: str) -> list[Measure]:
    body = fold(body).strip(" .,;:")
    if not body:
        return []
    levels = measures.parse_levels(body)
    if not levels:
        measure = _measure(body)
        levels = [measure] if measure else []
    for measure in levels:
        m = _LEADING_YEAR.match(measure.text)
        if m:  # "v. 2030 tyydyttävä": the level is what follows the year
            measure.text = measure.text[m.end() :]
            measure.period = measure.period or m.group("year")
    return levels


def _trailing_level(name: str) -> tuple[str, str] | None:
    m = _TRAILING_LEVEL.search(name)
    if not m:
        return None
    level = fold(m.group("level"))
    number = re.match(_NUMBER, level.split(" ", 1)[-1] if level.split(" ")[0].isalpha() else level)
    if number and _YEAR.match(fold(number.group(0))) and not re.match(_COMPARATOR, level, re.IGNORECASE):
        return None  # a year, not a level
    before = name[: m.start()].rstrip()
    if not before or before.endswith(("-", "(", "/")):
        return None
    return before, level


def parse_indicator(text: str) -> tuple[Indicator, list[str]]:
    """One indicator from its text; also the fields that were in doubt."""
    doubts: list[str] = []
    text = fold(text)
    baseline: Measure | None = None
    source: str | None = None
    unit: str | None = None
    targets: list[Measure] = []
    keyword_found = False

    def take(kw: str, body: str) -> None:
        nonlocal baseline, source, unit, keyword_found
        keyword_found = True
        m = _UNIT_PAREN.match(body)
        if m:
            unit = fold(m.group("unit"))
            body = body[m.end() :]
        body = body.strip(" :")
        if kw.lower().startswith("lähtö"):
            baseline, found = _baseline(body)
            source = source or found
        else:
            targets.extend(_targets(body))

    def paren(m: re.Match[str]) -> str:
        take(m.group("kw"), m.group("body"))
        return ""

    name = _PAREN_LEVEL.sub(paren, text)
    kept: list[str] = []
    for sentence in split_sentences(name, capital_only=True):
        m = _SENTENCE_LEVEL.match(sentence)
        if m and kept:
            take(m.group("kw"), m.group("body"))
        else:
            kept.append(sentence)
    name = " ".join(kept)
    if not targets:
        name = _untagged_targets(name, targets, keyword_found)
    if baseline is None:
        ref = _REFERENCE.search(name)
        if ref:
            baseline = Measure(text=fold(ref.group("text")), kind=None, value=None, period=ref.group("year"))
    if source is None and re.match(r"^\w*kysely(stä|ssä)\b", name, re.IGNORECASE):
        source = _source(name)
    levels = [*targets, *([baseline] if baseline else [])]
    if unit is None:
        unit = next((found for found in (measures.parse_unit(m.text) for m in levels) if found), None)
    for measure in levels:
        if measure.kind is None and measure.value is None and not measure.text.lower().startswith("vrt"):
            doubts.append("targets" if measure is not baseline else "baseline")
    indicator = Indicator(
        name=_clean_name(name) or text, unit=unit, source=source, baseline=baseline, targets=targets
    )
    return indicator, doubts


def _untagged_targets(name: str, targets: list[Measure], keyword_found: bool) -> str:
    """Targets printed without a keyword: at the end of the name, else inline; the name without them."""
    due = _DUE.search(name.rstrip(" ."))
    trailing = _trailing_level((name[: due.start()] if due else name).rstrip(" ."))
    if trailing:
        name, level = trailing
        measure = _measure(level, period=(due.group("a") or due.group("b")) if due else None)
        if measure:
            targets.append(measure)
    elif not keyword_found:
        for m in _INLINE_LEVEL.finditer(name):
            measure = _measure(m.group("cmp") or m.group("count"))
            if measure:
                targets.append(measure)
    return name


def split_evaluations(text: str) -> list[str]:
    """An evaluation cell's indicators: one per sentence, a level-only sentence kept with the one before."""
    out: list[str] = []
    for sentence in split_sentences(text, capital_only=True):
        if out and (_SENTENCE_LEVEL.match(sentence) or not re.search(r"[A-Za-zÅÄÖåäö]{3}", sentence)):
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def indicator_warnings(indicator: Indicator, doubts: list[str], path: tuple[str, ...]) -> list[ImportWarning]:
    return [
        ImportWarning(
            "unparsed_measure",
            f"Mittarin tasoa ei voitu tulkita luvuksi tai tilaksi: tarkista kenttä {field}.",
            path=path,
            indicator=indicator.name,
            field=field,
        )
        for field in doubts
    ]
