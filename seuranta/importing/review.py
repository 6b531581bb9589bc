"""The review of an imported plan: warnings anchored to nodes, and corrections applied to the JSON.

Nodes are addressed by their position from the root ("0", "0.2", "0.2.1"), so
renaming a node during review does not lose the warnings about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seuranta.core.measures import parse_levels, parse_measure
from seuranta.core.parsing import ImportWarning

MAX_TITLE = 2000


def walk(nodes: list[dict], prefix: str = "", titles: tuple[str, ...] = ()):
    """Yield (address, node dict, titles from the root) for every node, top-down."""
    for index, node in enumerate(nodes):
        address = f"{prefix}.{index}" if prefix else str(index)
        path = (*titles, node.get("title", ""))
        yield address, node, path
        yield from walk(node.get("children") or [], address, path)


def anchored_warnings(plan: dict, warnings: list[ImportWarning]) -> list[dict]:
    by_path: dict[tuple[str, ...], str] = {}
    for address, _, path in walk(plan.get("nodes") or []):
        by_path.setdefault(path, address)
    return [
        {
            "code": w.code,
            "message": w.message,
            "path": list(w.path),
            "indicator": w.indicator,
            "field": w.field,
            "node": by_path.get(tuple(w.path), "") if w.path else "",
            "checked": False,
        }
        for w in warnings
    ]


@dataclass
class ReviewNode:
    address: str
    node: dict
    depth: int
    warnings: list[tuple[int, dict]] = field(default_factory=list)
    children: list[ReviewNode] = field(default_factory=list)


def review_tree(plan: dict, warnings: list[dict]) -> tuple[list[ReviewNode], list[tuple[int, dict]]]:
    """The nodes as a tree with their warnings, and the warnings about the document itself."""
    by_node: dict[str, list[tuple[int, dict]]] = {}
    for index, warning in enumerate(warnings):
        by_node.setdefault(warning.get("node") or "", []).append((index, warning))

    def build(nodes: list[dict], prefix: str, depth: int) -> list[ReviewNode]:
        out = []
        for index, node in enumerate(nodes):
            address = f"{prefix}.{index}" if prefix else str(index)
            out.append(
                ReviewNode(
                    address,
                    node,
                    depth,
                    by_node.get(address, []),
                    build(node.get("children") or [], address, depth + 1),
                )
            )
        return out

    return build(plan.get("nodes") or [], "", 0), by_node.get("", [])


def _target_texts(indicator: dict) -> list[str]:
    return [t.get("text", "") for t in indicator.get("targets") or []]


def apply_corrections(plan: dict, warnings: list[dict], data) -> list[str]:
    """Apply the review form's fields to the plan and warnings in place; return problems found."""
    problems = []
    for address, node, _ in walk(plan.get("nodes") or []):
        title = (data.get(f"n{address}-title") or "").strip()
        level = (data.get(f"n{address}-level") or "").strip()
        if f"n{address}-title" in data:
            if title:
                node["title"] = title[:MAX_TITLE]
            else:
                problems.append(address)
        if level:
            node["level"] = level[:100]
        for i, indicator in enumerate(node.get("indicators") or []):
            key = f"n{address}-i{i}"
            name = (data.get(f"{key}-name") or "").strip()
            if name:
                indicator["name"] = name[:MAX_TITLE]
            if f"{key}-baseline" in data:
                baseline = (data.get(f"{key}-baseline") or "").strip()
                old = (indicator.get("baseline") or {}).get("text", "")
                if baseline != old:
                    indicator["baseline"] = parse_measure(baseline).to_dict() if baseline else None
            if f"{key}-targets" in data:
                lines = [
                    line.strip() for line in (data.get(f"{key}-targets") or "").splitlines() if line.strip()
                ]
                if lines != _target_texts(indicator):
                    indicator["targets"] = [m.to_dict() for line in lines for m in parse_levels(line)]
    levels = []
    for _, node, _ in walk(plan.get("nodes") or []):
        if node.get("level") and node["level"] not in levels:
            levels.append(node["level"])
    plan["levels"] = [lv for lv in plan.get("levels") or [] if lv in levels] + [
        lv for lv in levels if lv not in (plan.get("levels") or [])
    ]
    title = (data.get("plan-title") or "").strip()
    if title:
        plan["title"] = title[:500]
    for index, warning in enumerate(warnings):
        warning["checked"] = data.get(f"w{index}-checked") == "on"
    return problems
