"""A plan's content version: one `bump` that every write path calls, and the key of what is read from it.

A plan is read into the core model and evaluated once per version (seuranta.web.views.evaluated
caches both). The version is the plan row's `updated_at`, which `bump` moves, with `Plan.version`
(the plan's own settings) and the freshness generation (seuranta.reports.freshness: saves that
leave no history record, such as the admin's, and a restore move it; the caller adds it). Who bumps:

    seuranta.plans.saving.record        every recorded write: web edits, creations, deletions
    seuranta.monitoring.reporting       a report's actuals and progress written into the plan
    seuranta.reports.freshness          the admin and other saves by signal, a restore

The key is built from the plan row the view has already read: no query of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

from seuranta.plans.models import Plan

_deferred: ContextVar[set[int] | None] = ContextVar("deferred_bumps", default=None)


def bump(plan_id: int | None) -> None:
    """Move the plan's content version: pages read from an older version are not served again."""
    if plan_id is None:
        return
    deferred = _deferred.get()
    if deferred is not None:
        deferred.add(plan_id)
        return
    Plan.objects.filter(pk=plan_id).update(updated_at=timezone.now())


@contextmanager
def bumped_once() -> Iterator[None]:
    """Within this block the bumps of one plan are one write, made when the block ends without error."""
    if _deferred.get() is not None:  # an outer block bumps
        yield
        return
    plans: set[int] = set()
    token = _deferred.set(plans)
    try:
        yield
    finally:
        _deferred.reset(token)
    for plan_id in sorted(plans):
        bump(plan_id)


def content_key(plan: Plan, *parts: object) -> str:
    """A cache key that changes with every write to the plan and with `parts` (the caller adds the
    freshness generation, the date and the language)."""
    stamp = plan.updated_at.isoformat() if plan.updated_at else ""
    return ":".join(str(p) for p in ("plan-read", plan.pk, stamp, plan.version, *parts))
