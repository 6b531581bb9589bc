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
from collections.abc import Iterator
from dataclasses import asdict

from seuranta.core.parsing import Document, ParseResult
from seuranta.core.parsing.document import Paragraph, Table
from seuranta.core.parsing.text import fold_whitespace

MAX_ROWS = 200
MATCH_MIN_CHARS = 4
DERIVED_CONFIDENCE = 0.3
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


def _plan_texts(plan: dict) -> tuple[list[str], list[str], list[tuple[str, str]], list[str]]:
    """Folded titles, indicator names, (value, role) pairs and descriptions of a plan."""
    titles, names, values, descriptions = [], [], [], []
    for _, node in walk_nodes(plan.get("nodes") or []):
        titles.append(fold(node.get("title") or ""))
        descriptions.append(fold(node.get("description") or ""))
        values += [(fold(person), "responsible") for person in node.get("responsible") or []]
        values += [(fold(node.get("schedule") or ""), "schedule")]
        values += [(fold(m.get("title") or ""), "milestone") for m in node.get("milestones") or []]
        values += [(fold(p.get("text") or ""), "progress") for p in node.get("progress") or []]
        for indicator in node.get("indicators") or []:
            names.append(fold(indicator.get("name") or ""))
            values.append((fold((indicator.get("baseline") or {}).get("text") or ""), "baseline"))
            values += [(fold(m.get("text") or ""), "target") for m in indicator.get("targets") or []]
            values += [(fold(m.get("text") or ""), "actual") for m in indicator.get("actuals") or []]
    return titles, names, [(v, role) for v, role in values if v], descriptions


def _derived_role(folded: str, table: bool, texts) -> tuple[str, str]:
    titles, names, values, descriptions = texts
    if table:
        found = any(_contains(folded, name) for name in names)
        return ("table", "match:indicator") if found else ("ignore", "unmatched")
    if any(_contains(folded, title) and len(title) * 2 >= len(folded) for title in titles):
        return "node", "match:title"
    if any(_contains(folded, name) or len(folded) >= 12 and _contains(name, folded) for name in names):
        return "indicator", "match:indicator"
    for value, role in values:
        if _contains(folded, value) or folded.endswith(" " + value) or folded == value:
            return role, "match:value"
    if len(folded) >= 12 and any(_contains(text, folded) for text in descriptions):
        return "description", "match:description"
    if any(_contains(title, folded) for title in titles):
        return "node", "match:title"
    return "ignore", "unmatched"


def derive_trace(units: list[Paragraph | Table], plan: dict) -> list[dict]:
    """A coarse trace: a line holding a node's title is that node, one holding an indicator's
    name, a value or a description is that field; every other line is marked as not
    imported, so misses show."""
    texts = _plan_texts(plan)
    out = []
    for index, block in enumerate(units):
        rows = _table_rows(block) if isinstance(block, Table) else None
        text = _table_text(rows) if rows is not None else fold_whitespace(block.text)
        if not text:
            continue
        role, rule = _derived_role(fold(text), rows is not None, texts)
        entry = {"source": index, "text": text, "role": role, "rule": rule,
                 "confidence": DERIVED_CONFIDENCE if role != "ignore" else 0.0, "style": None, "label": None}
        if rows is not None:
            entry["rows"] = rows
        out.append(entry)
    return out


def _find(entries: list[dict], start: int, matches) -> int | None:
    """The first entry from `start` on (then from the beginning) that `matches`."""
    for index in [*range(start, len(entries)), *range(0, start)]:
        if matches(entries[index]):
            return index
    return None


def link_items(plan: dict, trace: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    """(node address -> source index, "address/i" -> source index of the indicator's line).

    Nodes and lines are both in document order, so each search starts after the last match."""
    folded = [fold(entry.get("text") or "") for entry in trace]
    node_lines = [i for i, entry in enumerate(trace) if entry.get("role") == "node"]
    nodes: dict[str, int] = {}
    indicators: dict[str, int] = {}
    position = 0
    node_entries = [trace[i] for i in node_lines]
    for address, node in walk_nodes(plan.get("nodes") or []):
        title = fold(node.get("title") or "")
        found = _find(node_entries, position, lambda e, t=title: _match(fold(e.get("text") or ""), t)) \
            if title else None
        if found is not None:
            nodes[address] = node_entries[found]["source"]
            position = found + 1
        for i, indicator in enumerate(node.get("indicators") or []):
            name = fold(indicator.get("name") or "")
            hit = next((trace[j]["source"] for j in range(len(trace))
                        if trace[j].get("role") in ("indicator", "table") and (
                            _contains(folded[j], name) or len(folded[j]) >= 12 and _contains(name, folded[j]))),
                       None)
            if hit is not None:
                indicators[f"{address}/{i}"] = hit
    return nodes, indicators


def _match(line: str, title: str) -> bool:
    return bool(line) and (line == title or _contains(line, title) or _contains(title, line))


def _indicator_values(indicator: dict) -> tuple:
    def texts(measures):
        return tuple((m or {}).get("text", "") for m in measures or [])

    return ((indicator.get("baseline") or {}).get("text", ""), texts(indicator.get("targets")),
            texts(indicator.get("actuals")))


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
            changes.append({"kind": "node_level", "title": title,
                            "detail": f"{', '.join(old_nodes[title])} → {', '.join(levels)}"})
    changes += [{"kind": "node_removed", "title": title, "detail": levels[0]}
                for title, levels in old_nodes.items() if title not in new_nodes]
    for key, values in new_indicators.items():
        if key not in old_indicators:
            changes.append({"kind": "indicator_added", "title": key[1], "detail": key[0]})
        elif values != old_indicators[key]:
            changes.append({"kind": "indicator_changed", "title": key[1], "detail": key[0],
                            "fields": _value_change(old_indicators[key], values)})
    changes += [{"kind": "indicator_removed", "title": key[1], "detail": key[0]}
                for key in old_indicators if key not in new_indicators]
    return changes


def _value_change(old: tuple, new: tuple) -> list[dict]:
    """The measures that differ: [{"field": "actuals", "before": "–", "after": "12 (2025)"}]."""
    def show(value) -> str:
        return (", ".join(value) if isinstance(value, tuple) else value) or "–"

    return [{"field": name, "before": show(before), "after": show(after)}
            for name, before, after in zip(("baseline", "targets", "actuals"), old, new, strict=True)
            if before != after]
