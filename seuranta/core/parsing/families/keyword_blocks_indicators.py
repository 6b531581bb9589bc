"""MITTARI regions of keyword-block documents: indicator names, baselines and targets.

A MITTARI region is the label line ("MITTARI", "MITTARI 2 Oppilasmäärä / kuraattori*")
and the lines after it up to the next labelled line. It holds indicator names, a
"Lähtötaso Tavoitetaso" column header (once per action, sometimes on the name
line) and the levels. PDF extraction prints the two level columns either row by
row ("0,03 t/opp. (20.9.22) sama tai suurempi" / "kuin lähtötaso") or column by
column (all baselines, then all targets); the levels are paired in order and the
pairing is reported as a warning when the region holds more than one indicator.

`parse_region(label_rest, body, numbered)` returns the indicators as
(name, source, baseline text, target text) plus doubts; turning level texts into
Measures is `build_indicator`, which uses the measure language module.
"""

from __future__ import annotations

from seuranta.core.measures import parse_levels, parse_measure
from seuranta.core.model import Indicator, Measure
from seuranta.core.parsing.families.keyword_blocks_levels import (
    HEADER_FIRST_RE,
    HEADER_RE,
    HEADER_SECOND_RE,
    RawIndicator,
    RegionResult,
    _items,
    _unit,
    clean,
    inline_levels,
    pair_levels,
    single_pair,
    split_names,
    split_pair,
)
from seuranta.core.parsing.text import join_lines


def _split_header(lines: list[str], result: RegionResult) -> tuple[list[str], list[str]]:
    """(name lines, level lines) of a region, split at its column header or its first paragraph."""
    for i, line in enumerate(lines):
        m = HEADER_RE.search(line)
        if m:
            result.baseline_year, result.target_year = m.group(1), m.group(2)
            return lines[:i] + [line[: m.start()].strip()], [line[m.end() :].strip()] + lines[i + 1 :]
        if HEADER_FIRST_RE.match(line):
            # the next non-blank line only: a list of all of them per line made long regions quadratic
            after = next((j for j in range(i + 1, len(lines)) if lines[j]), None)
            if after is not None and (second := HEADER_SECOND_RE.match(lines[after])):
                result.target_year = second.group(1)
                return lines[:i], lines[after + 1 :]
    # No header: the names are the first paragraph, the levels the rest.
    start = 0 if lines[0] else next((j for j, line in enumerate(lines) if line), len(lines))
    end = next((j for j in range(start, len(lines)) if not lines[j]), len(lines))
    return lines[:end], lines[end:]


def _names_in_levels(
    level_items: list[list[str]], prefixes: frozenset[str], result: RegionResult
) -> tuple[list[RawIndicator], list[list[str]]] | None:
    """(names, level items) of a region without names above its header; None when it is done."""
    rows = [RawIndicator(join_lines(item, prefixes)) for item in level_items]
    if rows and all(inline_levels(row) for row in rows):
        # A table printed row by row: "Asiakastyytyväisyys 4,3 4,5".
        result.indicators = rows
        for row in rows:
            result.doubts.append(
                (
                    "split_levels",
                    "Mittarin nimi ja tasot on erotettu samalta riviltä; tarkista rajat.",
                    row.name,
                    "name",
                )
            )
        return None
    # Names printed in the level columns' place: names, then baselines, then targets.
    if level_items and len(level_items) % 3 == 0:
        count = len(level_items) // 3
        names = [RawIndicator(join_lines(item, prefixes)) for item in level_items[:count]]
        return names, level_items[count:]
    result.doubts.append(
        (
            "unpaired_levels",
            "Mittarin nimiä ei voitu erottaa lähtö- ja tavoitetasoista.",
            None,
            "name",
        )
    )
    return None


def parse_region(
    label_rest: str, body: list[str], *, numbered: bool, prefixes: frozenset[str] = frozenset()
) -> RegionResult:
    """The indicators of one MITTARI region; `body` lines are raw, blank lines ''."""
    result = RegionResult()
    lines = [clean(label_rest)] + [clean(line) for line in body]
    names_part, levels_part = _split_header(lines, result)
    names = split_names(names_part, prefixes)
    if numbered and len(names) > 1:
        first = names[0]
        first.name = join_lines([n.name for n in names], prefixes)
        names = [first]

    level_items = _items(levels_part, names=False)
    if not names:
        found = _names_in_levels(level_items, prefixes, result)
        if found is None:
            return result
        names, level_items = found

    result.indicators = names
    for raw in names:
        raw.baseline_year, raw.target_year = result.baseline_year, result.target_year
    texts = [join_lines(item, prefixes) for item in level_items]
    if len(names) == 1:
        _one_indicator(names[0], texts, levels_part, prefixes, result)
    else:
        _several_indicators(names, texts, level_items, result)
    return result


def _one_indicator(
    raw: RawIndicator,
    texts: list[str],
    levels_part: list[str],
    prefixes: frozenset[str],
    result: RegionResult,
) -> None:
    """The baseline and target of a region's only indicator."""
    if not texts:
        if not inline_levels(raw):
            result.doubts.append(
                (
                    "missing_levels",
                    "Mittarille ei löytynyt lähtö- eikä tavoitetasoa.",
                    raw.name,
                    "baseline",
                )
            )
        return
    pair = single_pair(levels_part, prefixes)
    if pair:
        raw.baseline, raw.target, guessed = pair
        if guessed:
            result.doubts.append(
                (
                    "split_levels",
                    "Lähtö- ja tavoitetaso on erotettu toisistaan tekstin perusteella; tarkista raja.",
                    raw.name,
                    "baseline",
                )
            )
    else:
        raw.baseline = join_lines(levels_part, prefixes) or None
        result.doubts.append(
            (
                "unpaired_levels",
                "Lähtö- ja tavoitetasoa ei voitu erottaa toisistaan.",
                raw.name,
                "targets",
            )
        )


def _several_indicators(
    names: list[RawIndicator], texts: list[str], level_items: list[list[str]], result: RegionResult
) -> None:
    """Several indicators' levels, paired with the names by their order (column or row)."""
    count = len(names)
    if len(texts) > 2 * count:
        extra = level_items[2 * count :]
        result.leftover = [line for item in extra for line in item]
        texts = texts[: 2 * count]
    if len(texts) == 2 * count:
        pairs, order = pair_levels(texts, count)
        how = "sarakkeittain" if order == "column" else "riveittäin"
        for raw, (baseline, target) in zip(names, pairs, strict=True):
            raw.baseline, raw.target = baseline, target
            result.doubts.append(
                (
                    "paired_by_position",
                    f"Lähtö- ja tavoitetaso on yhdistetty mittariin järjestyksen perusteella ({how}).",
                    raw.name,
                    "baseline",
                )
            )
        return
    if len(texts) == count:
        for raw, text in zip(names, texts, strict=True):
            both = split_pair(text)
            if both:
                raw.baseline, raw.target = both
            else:
                raw.baseline = text
            result.doubts.append(
                (
                    "paired_by_position",
                    "Lähtö- ja tavoitetaso on yhdistetty mittariin järjestyksen perusteella (riveittäin).",
                    raw.name,
                    "baseline",
                )
            )
        return
    for i, raw in enumerate(names):
        raw.baseline = texts[i] if i < len(texts) else None
        raw.target = texts[count + i] if count + i < len(texts) else None
        result.doubts.append(
            (
                "unpaired_levels",
                "Mittareita ja tasoja on eri määrä; tasot on yhdistetty arvaamalla.",
                raw.name,
                "targets",
            )
        )


def _unit_of(measures: list[Measure]) -> str | None:
    for measure in measures:
        if measure.kind in ("change_percent", "state", None):
            continue
        unit = _unit(measure.text)
        if unit:
            return unit
    return None


def build_indicator(
    raw: RawIndicator, *, target_period: str | None, baseline_period: str | None = None
) -> tuple[Indicator, list[str]]:
    """An Indicator from raw level texts; also the fields whose levels the measure language did not classify."""
    doubtful: list[str] = []
    indicator = Indicator(name=raw.name, source=raw.source)
    if raw.baseline:
        levels = parse_levels(raw.baseline, period=baseline_period)
        if len(levels) > 1:
            whole = parse_measure(raw.baseline, period=baseline_period)
            indicator.baseline_series = levels
            whole.kind = whole.kind or "value"
        else:
            whole = levels[0] if levels else parse_measure(raw.baseline, period=baseline_period)
        indicator.baseline = whole
        if whole.kind is None:
            doubtful.append("baseline")
    if raw.target:
        levels = parse_levels(raw.target, period=target_period)
        indicator.targets = levels
        if any(m.kind is None for m in levels):
            doubtful.append("targets")
    measures = (
        ([indicator.baseline] if indicator.baseline else []) + indicator.baseline_series + indicator.targets
    )
    indicator.unit = _unit_of(
        [m for m in measures if not (m is indicator.baseline and indicator.baseline_series)]
    )
    return indicator, doubtful
