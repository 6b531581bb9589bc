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
from django.utils.safestring import SafeString, mark_safe

from seuranta.plans.access import PlanAccess
from seuranta.plans.models import Plan
from seuranta.reports.plan_cache import cached_read, evaluated_plan
from seuranta.web.tree import FilterOptions, Filters, filter_options, plan_rows


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


def plan_page(plan: Plan, access: PlanAccess, filters: Filters, on: date, lang: str) -> PlanPage:
    """The plan page's evaluated part, from the cache or built (and kept) from the evaluated plan."""

    def build() -> PlanPage:
        core_plan, evaluation = evaluated_plan(plan, on, lang)
        rows = plan_rows(core_plan, plan.pk, evaluation, filters)
        tree = render_to_string(
            "web/includes/plan_tree.html", {"plan": plan, "rows": rows, "filters": filters}
        )
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
