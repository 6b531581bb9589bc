"""The plan page's tree, overall status and filter choices, rendered once per version of the plan.

On a plan of a thousand actions, taking the evaluated plan out of the cache (unpickling it) and
rendering its tree of a thousand rows costs the better part of a second; the page needs only the
rendered tree and a few plain values. These are kept in the plan's read cache
(`seuranta.reports.plan_cache.cached_read`), so they follow every write the way the evaluated plan
does (the plan's content version and the freshness generation), and under:

- the evaluation date and the page's language (statuses and texts change with them);
- the viewer's permission class (`viewer_class`): what one role may see is never served to another,
  even though the tree today shows the same to every viewer who may see the plan at all;
- the filters and the search (a filtered tree is another tree).

Only shared content goes in: the tree is rendered without the request (no CSRF token, no user,
no per-person text); the page around it (actions, changes, the form) is rendered for each request.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from seuranta.common.urls import url_pattern
from seuranta.plans.access import PlanAccess
from seuranta.plans.models import Plan
from seuranta.plans.translations import shown
from seuranta.reports.plan_cache import cached_read, evaluated_plan
from seuranta.web.statuses import badge
from seuranta.web.tree import FilterOptions, Filters, Row, filter_options, plan_rows


@dataclass(frozen=True)
class PlanPage:
    """What the plan page shows of the evaluated plan, as plain values and one rendered fragment."""

    status: str
    summary: str
    options: FilterOptions
    matches: int  # rows that match the filters (all rows without filters)
    tree_html: str

    @property
    def tree(self) -> SafeString:
        return mark_safe(self.tree_html)  # noqa: S308 - rendered by our template, escaped there


def viewer_class(access: PlanAccess) -> str:
    """The permissions that decide what a viewer may see of a plan, as a part of a cache key."""
    flags = (access.can_view, access.can_edit, access.can_coordinate, access.can_report, access.is_superuser)
    return f"{access.role or '-'}:{''.join('1' if f else '0' for f in flags)}"


def tree_rows(plan: Plan, rows: list[Row], filters: Filters) -> str:
    """The tree's rows as HTML: a Django template loop over a thousand rows takes the better part of a
    second, this some tens of milliseconds. Every text is escaped; the markup is the page's own."""
    node_url = url_pattern("node")
    responsible_label = escape(gettext("Responsible:"))
    parts = []
    for row in rows:
        kind = (" tree-item--match" if row.matched else " tree-item--context") if filters.active else ""
        result, node = row.evaluation, row.node
        reason = str(result.reason or "")
        meta = str(escape(str(result.summary) if result.summary else reason))
        if node.unit:
            meta += f" · {escape(node.unit)}"
        if node.responsible:
            meta += f" · {responsible_label} {', '.join(escape(r) for r in node.responsible)}"
        parts.append(
            f'<li class="tree-item{kind}">\n  <div class="tree-item__head">\n'
            f'    <span class="tree-item__level">{shown(node, "level", plan).__html__()}</span>\n'
            f'    <a class="tree-item__title" href="{node_url(row.id)}">'
            f"{shown(node, 'title', plan).__html__()}</a>\n"
            f"    {badge(result.status, reason)}  </div>\n"
            f'  <p class="tree-item__meta">{meta}</p>\n'
            f"{'<ul>' if row.has_children else '</li>'}\n{'</ul></li>' * len(row.closes)}\n"
        )
    return "".join(parts)


def plan_page(plan: Plan, access: PlanAccess, filters: Filters, on: date, lang: str) -> PlanPage:
    """The plan page's evaluated part, from the cache or built (and kept) from the evaluated plan."""

    def build() -> PlanPage:
        core_plan, evaluation = evaluated_plan(plan, on, lang)
        rows = plan_rows(core_plan, plan.pk, evaluation, filters)
        rows_html = mark_safe(tree_rows(plan, rows, filters))  # noqa: S308 - every text escaped there
        context = {"rows": bool(rows), "rows_html": rows_html, "filters": filters}
        tree = render_to_string("web/includes/plan_tree.html", context)
        return PlanPage(
            status=str(evaluation.status),
            summary=str(evaluation.summary),
            options=filter_options(core_plan),
            matches=sum(1 for r in rows if r.matched),
            tree_html=str(tree),
        )

    # The filters hashed: a search may hold any text, a cache key may not (memcached's rules).
    chosen = hashlib.sha256(repr(astuple(filters)).encode()).hexdigest()[:32]
    return cached_read(plan, build, "plan-page", on, lang, viewer_class(access), chosen)
