"""Item edits on an imported plan's tree: level, delete, merge, indent, outdent, split.

Nodes are addressed from the root ("0.2.1"), as in `review.py`. An edit moves nodes, so the
warnings anchored to addresses are re-anchored afterwards; a warning about a node that no
longer exists moves to the whole document rather than being lost.
"""

from __future__ import annotations

from collections.abc import Callable

from seuranta.importing.source import walk_nodes

OPERATIONS = ("level", "delete", "merge", "indent", "outdent", "split")
MAX_TITLE = 2000


class EditRefused(ValueError):
    """The edit does not apply to this node (the first item cannot be merged or indented...)."""


def _siblings(plan: dict, address: str) -> tuple[list[dict], int, dict | None]:
    """The list holding the node, its index there, and its parent (None at the top)."""
    parts = [int(part) for part in address.split(".")]
    siblings, parent = plan.setdefault("nodes", []), None
    for part in parts[:-1]:
        if part >= len(siblings):
            raise KeyError(address)
        parent = siblings[part]
        siblings = parent.setdefault("children", [])
    if parts[-1] >= len(siblings):
        raise KeyError(address)
    return siblings, parts[-1], parent


def node_at(plan: dict, address: str) -> dict:
    siblings, index, _ = _siblings(plan, address)
    return siblings[index]


def _merge_into(target: dict, node: dict) -> None:
    target["title"] = f"{target.get('title', '')} {node.get('title', '')}".strip()[:MAX_TITLE]
    if node.get("description"):
        target["description"] = " ".join(filter(None, [target.get("description"), node["description"]]))
    for key in ("indicators", "milestones", "progress", "children"):
        target.setdefault(key, []).extend(node.get(key) or [])
    for person in node.get("responsible") or []:
        if person not in target.setdefault("responsible", []):
            target["responsible"].append(person)
    target["schedule"] = target.get("schedule") or node.get("schedule")


def _level_below(plan: dict, level: str) -> str:
    levels = plan.get("levels") or []
    if level in levels and levels.index(level) + 1 < len(levels):
        return levels[levels.index(level) + 1]
    return level


def edit(plan: dict, address: str, operation: str, value: str = "") -> None:
    """Apply one edit in place; raises KeyError for an unknown address, EditRefused when the
    edit does not apply."""
    siblings, index, parent = _siblings(plan, address)
    node = siblings[index]
    if operation == "level":
        if not value.strip():
            raise EditRefused("empty level")
        node["level"] = value.strip()[:100]
    elif operation == "delete":
        del siblings[index]
    elif operation == "merge":
        if index == 0:
            raise EditRefused("no previous item")
        _merge_into(siblings[index - 1], siblings.pop(index))
    elif operation == "indent":
        if index == 0:
            raise EditRefused("no previous item")
        previous = siblings[index - 1]
        children = previous.setdefault("children", [])
        node["level"] = children[-1]["level"] if children else _level_below(plan, previous.get("level") or "")
        children.append(siblings.pop(index))
    elif operation == "outdent":
        if parent is None:
            raise EditRefused("already at the top")
        grand_siblings, parent_index, _ = _siblings(plan, address.rsplit(".", 1)[0])
        node["level"] = parent.get("level") or node.get("level")
        grand_siblings.insert(parent_index + 1, siblings.pop(index))
    elif operation == "split":
        parts = [part.strip() for part in value.splitlines() if part.strip()]
        if len(parts) < 2:
            raise EditRefused("nothing to split")
        node["title"] = parts[0][:MAX_TITLE]
        for offset, title in enumerate(parts[1:], start=1):
            siblings.insert(
                index + offset,
                {
                    "level": node.get("level", ""),
                    "title": title[:MAX_TITLE],
                    "indicators": [],
                    "milestones": [],
                    "progress": [],
                    "responsible": [],
                    "children": [],
                },
            )
    else:
        raise EditRefused(f"unknown operation {operation!r}")
    _collect_levels(plan)


def _collect_levels(plan: dict) -> None:
    used = []
    for _, node in walk_nodes(plan.get("nodes") or []):
        if node.get("level") and node["level"] not in used:
            used.append(node["level"])
    plan["levels"] = [lv for lv in plan.get("levels") or [] if lv in used] + [
        lv for lv in used if lv not in (plan.get("levels") or [])
    ]


def reanchored(plan: dict, warnings: list[dict], change: Callable[[], None]) -> None:
    """Run `change` on the plan and move each warning's node address along with its node."""
    held: dict[int, dict | None] = {}
    for index, warning in enumerate(warnings):
        if warning.get("node"):
            try:
                held[index] = node_at(plan, warning["node"])
            except (KeyError, ValueError):
                held[index] = None
    change()
    by_id = {id(node): address for address, node in walk_nodes(plan.get("nodes") or [])}
    for index, node in held.items():
        warnings[index]["node"] = by_id.get(id(node), "") if node is not None else ""


def _remove_value(node: dict, role: str, value: str) -> None:
    """Take a value the importer put in the wrong field out of it (best effort, by its text)."""
    if role == "progress":
        node["progress"] = [p for p in node.get("progress") or [] if (p.get("text") or "") != value]
    elif role == "milestone":
        node["milestones"] = [m for m in node.get("milestones") or [] if (m.get("title") or "") != value]
    elif role == "schedule" and node.get("schedule") == value:
        node["schedule"] = None
    elif role == "responsible":
        node["responsible"] = [p for p in node.get("responsible") or [] if p not in value]
    elif role == "description" and node.get("description"):
        node["description"] = node["description"].replace(value, "").strip() or None


def _line_value(entry: dict) -> str:
    text = entry.get("text") or ""
    if entry.get("label") and ":" in text:
        return text.split(":", 1)[1].strip()
    return text


def correct_line(plan: dict, trace: list[dict], entry: dict, role: str, level: str = "") -> None:
    """Apply a reviewer's role for one source line to this plan only: a node line becomes another
    level, a description or nothing; another line becomes a field of the item it stands under.
    Raises EditRefused when the plan has no place for it."""
    from seuranta.core.model import Node
    from seuranta.core.parsing.fields import set_field
    from seuranta.importing.source import link_items

    sources, _ = link_items(plan, trace)
    source = entry.get("source")
    own = next((address for address, at in sources.items() if at == source), None)
    if own is not None and role in ("ignore", "description", "node"):
        if role == "node":
            edit(plan, own, "level", level)
        elif role == "ignore":
            edit(plan, own, "delete")
        else:
            _, _, parent = _siblings(plan, own)
            if parent is None:
                raise EditRefused("no parent to describe")
            title = node_at(plan, own)["title"]
            edit(plan, own, "delete")
            parent["description"] = " ".join(filter(None, [parent.get("description"), title]))
        return
    before = [
        (at, address)
        for address, at in sources.items()
        if source is not None and at < source and address != own
    ]
    if not before:
        raise EditRefused("no item above the line")
    owner_address = max(before)[1]
    owner = node_at(plan, owner_address)
    value = _line_value(entry)
    _remove_value(owner, entry.get("role") or "", value)
    if role == "node":
        if not level.strip():
            raise EditRefused("empty level")
        siblings, index, _ = _siblings(plan, owner_address)
        siblings.insert(
            index + 1,
            {
                "level": level.strip()[:100],
                "title": value[:MAX_TITLE],
                "indicators": [],
                "milestones": [],
                "progress": [],
                "responsible": [],
                "children": [],
            },
        )
    elif role in ("ignore", "unit"):
        if role == "unit":
            raise EditRefused("unit needs a heading style")
    else:
        corrected = Node.from_dict(owner)
        set_field(corrected, role, value)
        owner.clear()
        owner.update(corrected.to_dict())
    _collect_levels(plan)
