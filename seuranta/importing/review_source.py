"""What the review page shows beside the parsed plan: the document's lines with their roles."""

from __future__ import annotations

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from seuranta.common.urls import url_pattern
from seuranta.importing.models import ImportDraft
from seuranta.importing.source import fold, link_items, walk_nodes
from seuranta.plans.access import managed_organizations

ROLE_LABELS = {
    "node": _("Item"),
    "indicator": _("Indicator"),
    "baseline": _("Baseline"),
    "target": _("Target level"),
    "actual": _("Actual"),
    "responsible": _("Responsible"),
    "schedule": _("Schedule"),
    "milestone": _("Milestone"),
    "progress": _("Progress"),
    "source": _("Data source"),
    "description": _("Description"),
    "table": _("Table"),
    "unit": _("Unit"),
    "ignore": _("Not imported"),
    "title": _("Plan title"),
}
CHANGE_LABELS = {
    "node_added": _("Item added"),
    "node_removed": _("Item removed"),
    "node_level": _("Level changed"),
    "level_renamed": _("Level renamed"),
    "indicator_added": _("Indicator added"),
    "indicator_removed": _("Indicator removed"),
    "indicator_changed": _("Indicator changed"),
}
FIELD_LABELS = {"baseline": _("baseline"), "targets": _("targets"), "actuals": _("actuals")}
MAX_CHANGES_SHOWN = 40
TABLE_ROWS_SHOWN = 4


def role_label(role: str) -> str:
    if role.startswith("level:"):
        return str(_("Item")) + f" ({role[len('level:') :]})"
    return str(ROLE_LABELS.get(role, role))


def can_teach(user, draft: ImportDraft) -> bool:
    return user.is_authenticated and managed_organizations(user).filter(pk=draft.organization_id).exists()


def _attach(items, nodes: dict[str, int], indicators: dict[str, int], item_url) -> None:
    for item in items:
        item.source = nodes.get(item.address)
        item.edit_url = item_url(item.address)
        item.short_title = Truncator(item.node.get("title") or "").chars(40)
        item.indicator_sources = [
            indicators.get(f"{item.address}/{i}") for i in range(len(item.node.get("indicators") or []))
        ]
        _attach(item.children, nodes, indicators, item_url)


def source_lines(draft: ImportDraft, node_sources: dict[str, int]) -> list[dict]:
    line_url = url_pattern("importing:line", draft.pk)
    first_item: dict[int, str] = {}
    for address, source in node_sources.items():
        first_item.setdefault(source, address)
    title = fold(draft.plan.get("title") or "")
    described = _described(draft.plan)
    units = {fold(node["unit"]) for _, node in walk_nodes(draft.plan.get("nodes") or []) if node.get("unit")}
    lines = []
    for entry in draft.trace or []:
        rows = entry.get("rows") or []
        if entry.get("role") == "ignore" and fold(entry.get("text") or "") in units:
            # A heading that names the unit of the items below it was imported, as their unit.
            entry = {**entry, "role": "unit"}
        if entry.get("role") == "description" and fold(entry.get("text") or "") not in described:
            # Traced as description but not in the plan's texts: show it as the miss it is.
            entry = {**entry, "role": "ignore", "rule": f"{entry.get('rule')}:dropped"}
        if (
            entry.get("role") == "node"
            and entry.get("source") not in first_item
            and title
            and fold(entry.get("text") or "") == title
        ):
            entry = {**entry, "role": "title"}  # the document's heading became the plan's title, not an item
        lines.append(
            {
                **entry,
                "role_label": role_label(entry.get("role", "")),
                "imported": entry.get("role") != "ignore",
                "item": first_item.get(entry.get("source")),
                "correct_url": line_url(entry.get("source")),
                "short": Truncator(entry.get("text") or "").chars(40),
                "shown_rows": [" | ".join(row) for row in rows[:TABLE_ROWS_SHOWN]],
                "more_rows": max(len(rows) - TABLE_ROWS_SHOWN, 0),
                "uncertain": entry.get("role") != "ignore" and (entry.get("confidence") or 0) < 0.5,
                "rule_ids": " · ".join(rule for rule in entry.get("rules") or [entry.get("rule")] if rule),
            }
        )
    return lines


def _described(plan: dict) -> str:
    """All description and section texts of a plan, folded, to check what really was imported."""
    texts = [plan.get("description") or ""] + [
        section.get("text") or "" for section in plan.get("sections") or []
    ]
    texts += [node.get("description") or "" for _, node in walk_nodes(plan.get("nodes") or [])]
    return " \n ".join(fold(text) for text in texts if text)


def changes(draft: ImportDraft) -> list[dict]:
    return [
        {
            **change,
            "label": CHANGE_LABELS.get(change.get("kind"), change.get("kind")),
            "fields": [
                {**f, "label": FIELD_LABELS.get(f["field"], f["field"])} for f in change.get("fields") or []
            ],
        }
        for change in (draft.changes or [])[:MAX_CHANGES_SHOWN]
    ]


def source_context(user, draft: ImportDraft, items) -> dict:
    """The review page's source column, with each review item given the line it came from."""
    node_sources, indicator_sources = link_items(draft.plan, draft.trace or [])
    _attach(items, node_sources, indicator_sources, url_pattern("importing:item", draft.pk))
    lines = source_lines(draft, node_sources)
    return {
        "source_lines": lines,
        "not_imported": sum(1 for line in lines if not line["imported"]),
        "can_teach": can_teach(user, draft),
        "changes": changes(draft),
        "more_changes": max(len(draft.changes or []) - MAX_CHANGES_SHOWN, 0),
    }
