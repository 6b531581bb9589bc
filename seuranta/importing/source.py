"""The document beside the result: each source line with its role, and each item linked to its line.

The outline reader traces every line (`ParseResult.lines`); for the other families a coarse
trace is derived here by finding node titles and indicator names in the document's lines.
Everything here is plain data (the draft's JSON), so it runs without Django.

    trace_entries(doc, result)   the stored trace: one dict per non-blank line or table
    link_items(plan, trace)      where each node and indicator came from
    plan_changes(old, new)       what a re-reading changed, as a short list
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import asdict

from seuranta.core.parsing import Document, ParseResult
from seuranta.core.parsing.document import Paragraph, Table
from seuranta.core.parsing.text import fold_whitespace

MAX_ROWS = 200
MATCH_MIN_CHARS = 4
DERIVED_CONFIDENCE = 0.3
WINDOW = 40  # plan texts compared with each line after the last match
NODE_WINDOW = 200  # node lines searched after the last linked one
SHINGLE = 4
RARE = 6  # a word in at most this many plan texts picks them as a line's candidates
RARE_LINES = 20  # ... and in at most this many lines, the lines an item's candidates  # words in a shingle of a description
_FOLD_RE = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Text compared loosely: case, punctuation and spacing do not count."""
    return " ".join(part for part in _FOLD_RE.split(text.lower()) if part)


def _units(doc: Document) -> list[Paragraph | Table]:
    return list(doc.blocks) if doc.blocks else [Paragraph(line) for line in doc.text.splitlines()]


def _table_text(rows: list[list[str]]) -> str:
    return " | ".join(" | ".join(cell for cell in row if cell) for row in rows)


def _table_rows(block: Table) -> list[list[str]]:
    rows = [[fold_whitespace(cell) for cell in row] for row in block.rows[:MAX_ROWS]]
    return [row for row in rows if any(row)]


def trace_entries(doc: Document, result: ParseResult) -> list[dict]:
    """One dict per source line: source, text, role, rule, confidence, style, label (and rows
    for a table), from the reader's trace or, when the family kept none, derived from the plan."""
    units = _units(doc)
    if not result.lines:
        plan = result.plan.to_dict() if result.plan is not None else {}
        return derive_trace(units, plan)
    out = []
    for line in result.lines:
        entry = asdict(line)
        block = units[line.source] if 0 <= line.source < len(units) else None
        if isinstance(block, Table):
            entry["rows"] = _table_rows(block)
            entry["text"] = entry["text"] or _table_text(entry["rows"])
        elif block is not None and fold_whitespace(block.text):
            entry["text"] = fold_whitespace(block.text)  # the line as written, level word and number included
        out.append(entry)
    return out


def walk_nodes(nodes: list[dict], prefix: str = "") -> Iterator[tuple[str, dict]]:
    for index, node in enumerate(nodes):
        address = f"{prefix}.{index}" if prefix else str(index)
        yield address, node
        yield from walk_nodes(node.get("children") or [], address)


def _contains(haystack: str, needle: str) -> bool:
    return len(needle) >= MATCH_MIN_CHARS and needle in haystack


def _plan_texts(plan: dict) -> tuple[list[tuple[str, str]], set[str]]:
    """The plan's texts in document order as (folded text, role), and the word shingles of its
    descriptions and section texts."""
    ordered: list[tuple[str, str]] = []
    shingles: set[str] = set()
    for _, node in walk_nodes(plan.get("nodes") or []):
        ordered.append((fold(node.get("title") or ""), "node"))
        for indicator in node.get("indicators") or []:
            ordered.append((fold(indicator.get("name") or ""), "indicator"))
            ordered.append((fold((indicator.get("baseline") or {}).get("text") or ""), "baseline"))
            ordered += [(fold(m.get("text") or ""), "target") for m in indicator.get("targets") or []]
            ordered += [(fold(m.get("text") or ""), "actual") for m in indicator.get("actuals") or []]
        ordered += [(fold(person), "responsible") for person in node.get("responsible") or []]
        ordered.append((fold(node.get("schedule") or ""), "schedule"))
        ordered += [(fold(m.get("title") or ""), "milestone") for m in node.get("milestones") or []]
        ordered += [(fold(p.get("text") or ""), "progress") for p in node.get("progress") or []]
        shingles |= _shingles(fold(node.get("description") or ""))
    for section in plan.get("sections") or []:
        shingles |= _shingles(fold(section.get("text") or ""))
    return [(text, role) for text, role in ordered if text], shingles


def _shingles(folded: str) -> set[str]:
    words = folded.split()
    return (
        {" ".join(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
        if words
        else set()
    )


def _matches(line: str, text: str, role: str) -> bool:
    """Whether a line holds a plan text: a title most of the line, a name within it or wrapped
    over it, a value within it or closing it."""
    if role == "node":
        return (_contains(line, text) and len(text) * 2 >= len(line)) or (
            len(line) >= 12 and _contains(text, line)
        )
    if role == "indicator":
        return _contains(line, text) or (len(line) >= 12 and _contains(text, line))
    return _contains(line, text) or line.endswith(" " + text) or line == text


def derive_trace(units: list[Paragraph | Table], plan: dict) -> list[dict]:
    """A coarse trace: a line holding a node's title is that node, one holding an indicator's
    name, a value or a description is that field; every other line is marked as not
    imported, so misses show.

    The plan's texts and the document's lines are both in reading order, so each line is
    compared with the next few texts after the last match, then with the texts that share a
    rare word with it, and with every text for an exact match: linear in the document's size."""
    ordered, shingles = _plan_texts(plan)
    exact: dict[str, tuple[int, str]] = {}
    for index, (text, role) in enumerate(ordered):
        exact.setdefault(text, (index, role))
    rare = _word_index([text for text, _ in ordered], RARE)
    position = 0
    out = []
    for index, block in enumerate(units):
        rows = _table_rows(block) if isinstance(block, Table) else None
        text = fold_whitespace(block.text) if isinstance(block, Paragraph) else _table_text(rows or [])
        if not text:
            continue
        line = fold(text)
        found = exact.get(line)
        if found is None:
            window = range(position, min(position + WINDOW, len(ordered)))
            found = next(((i, ordered[i][1]) for i in window if _matches(line, *ordered[i])), None)
        if found is None:
            candidates = sorted({i for word in line.split() for i in rare.get(word, ())})
            found = next(((i, ordered[i][1]) for i in candidates if _matches(line, *ordered[i])), None)
        if found is not None:
            position = found[0] + 1
            role, rule = ("table" if rows is not None else found[1]), f"match:{found[1]}"
        elif rows is None and len(line.split()) >= SHINGLE and _shingles(line) <= shingles:
            role, rule = "description", "match:description"
        else:
            role, rule = "ignore", "unmatched"
        entry = {
            "source": index,
            "text": text,
            "role": role,
            "rule": rule,
            "confidence": DERIVED_CONFIDENCE if role != "ignore" else 0.0,
            "style": None,
            "label": None,
        }
        if rows is not None:
            entry["rows"] = rows
        out.append(entry)
    return out


def _word_index(texts: list[str], limit: int) -> dict[str, list[int]]:
    """Words found in at most `limit` of the texts, each with those texts' indices."""
    found: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        for word in set(text.split()):
            if len(word) >= MATCH_MIN_CHARS:
                found.setdefault(word, []).append(index)
    return {word: indices for word, indices in found.items() if len(indices) <= limit}


def _find(
    folded: list[str], start: int, window: int, matches, words: dict[str, list[int]], key: str
) -> int | None:
    """The first text from `start` on (within a window) that `matches`, else the first one
    sharing a rare word with `key` that does, nearest after `start` first."""
    for index in range(start, min(start + window, len(folded))):
        if matches(folded[index]):
            return index
    candidates = sorted(
        {i for word in key.split() for i in words.get(word, ())}, key=lambda i: (i < start, i)
    )
    return next((i for i in candidates if matches(folded[i])), None)


def link_items(plan: dict, trace: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    """(node address -> source index, "address/i" -> source index of the indicator's line).

    Nodes and lines are both in document order, so each search starts after the last match
    (an indicator's after its node's line), then tries the lines sharing a rare word."""
    node_entries = [entry for entry in trace if entry.get("role") == "node"]
    node_folded = [fold(entry.get("text") or "") for entry in node_entries]
    node_words = _word_index(node_folded, RARE_LINES)
    measure_entries = [entry for entry in trace if entry.get("role") in ("indicator", "table")]
    measure_folded = [fold(entry.get("text") or "") for entry in measure_entries]
    measure_words = _word_index(measure_folded, RARE_LINES)
    measure_sources = [entry["source"] for entry in measure_entries]
    nodes: dict[str, int] = {}
    indicators: dict[str, int] = {}
    position = 0
    for address, node in walk_nodes(plan.get("nodes") or []):
        title = fold(node.get("title") or "")
        found = (
            _find(
                node_folded, position, NODE_WINDOW, lambda line, t=title: _match(line, t), node_words, title
            )
            if title
            else None
        )
        if found is not None:
            nodes[address] = node_entries[found]["source"]
            position = found + 1
        start = bisect_right(measure_sources, nodes[address]) if address in nodes else 0
        for i, indicator in enumerate(node.get("indicators") or []):
            name = fold(indicator.get("name") or "")
            hit = (
                _find(
                    measure_folded,
                    start,
                    WINDOW,
                    lambda line, n=name: _contains(line, n) or (len(line) >= 12 and _contains(n, line)),
                    measure_words,
                    name,
                )
                if name
                else None
            )
            if hit is not None:
                indicators[f"{address}/{i}"] = measure_entries[hit]["source"]
    return nodes, indicators


def _match(line: str, title: str) -> bool:
    return bool(line) and (line == title or _contains(line, title) or _contains(title, line))


def _indicator_values(indicator: dict) -> tuple:
    def texts(measures):
        return tuple((m or {}).get("text", "") for m in measures or [])

    return (
        (indicator.get("baseline") or {}).get("text", ""),
        texts(indicator.get("targets")),
        texts(indicator.get("actuals")),
    )


def _summary(plan: dict) -> tuple[dict[str, list[str]], dict[tuple[str, str], tuple]]:
    nodes: dict[str, list[str]] = {}
    indicators: dict[tuple[str, str], tuple] = {}
    for _, node in walk_nodes(plan.get("nodes") or []):
        title = node.get("title") or ""
        nodes.setdefault(title, []).append(node.get("level") or "")
        for indicator in node.get("indicators") or []:
            indicators[(title, indicator.get("name") or "")] = _indicator_values(indicator)
    return nodes, indicators


def plan_changes(old: dict, new: dict) -> list[dict]:
    """What changed between two readings: nodes and indicators added, removed or changed.

    Each change is {"kind", "title", "detail"} (and "fields" for a changed indicator); kinds: node_added, node_removed, node_level,
    indicator_added, indicator_removed, indicator_changed."""
    old_nodes, old_indicators = _summary(old)
    new_nodes, new_indicators = _summary(new)
    changes: list[dict] = []
    for title, levels in new_nodes.items():
        if title not in old_nodes:
            changes.append({"kind": "node_added", "title": title, "detail": levels[0]})
        elif sorted(levels) != sorted(old_nodes[title]):
            changes.append(
                {
                    "kind": "node_level",
                    "title": title,
                    "detail": f"{', '.join(old_nodes[title])} → {', '.join(levels)}",
                }
            )
    changes += [
        {"kind": "node_removed", "title": title, "detail": levels[0]}
        for title, levels in old_nodes.items()
        if title not in new_nodes
    ]
    for key, values in new_indicators.items():
        if key not in old_indicators:
            changes.append({"kind": "indicator_added", "title": key[1], "detail": key[0]})
        elif values != old_indicators[key]:
            changes.append(
                {
                    "kind": "indicator_changed",
                    "title": key[1],
                    "detail": key[0],
                    "fields": _value_change(old_indicators[key], values),
                }
            )
    changes += [
        {"kind": "indicator_removed", "title": key[1], "detail": key[0]}
        for key in old_indicators
        if key not in new_indicators
    ]
    return changes


def _value_change(old: tuple, new: tuple) -> list[dict]:
    """The measures that differ: [{"field": "actuals", "before": "–", "after": "12 (2025)"}]."""

    def show(value) -> str:
        return (", ".join(value) if isinstance(value, tuple) else value) or "–"

    return [
        {"field": name, "before": show(before), "after": show(after)}
        for name, before, after in zip(("baseline", "targets", "actuals"), old, new, strict=True)
        if before != after
    ]
