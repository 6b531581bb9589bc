"""A counter that moves whenever plan content is saved outside the paths that record history.

The report cache key (building.report_cache_key) already changes with every
ChangeRecord and plan version. Saves that leave no record (the Django admin,
a shell) bump this one global counter instead, which retires every cached
report at once: such saves are rare, and a missed one would serve a stale
report for a day. Deletions of plans, nodes and indicators count too; the rows
below them (measures, milestones) go with them.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "report-generation"


def generation() -> int:
    return cache.get(GENERATION_KEY, 0)


def bump(**_kwargs) -> None:
    if not cache.add(GENERATION_KEY, 1, timeout=None):
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 1, timeout=None)


def connect() -> None:
    from seuranta.plans import models

    for model in (
        models.Plan,
        models.Section,
        models.Node,
        models.Indicator,
        models.Measure,
        models.Milestone,
        models.ProgressEntry,
        models.Organization,
        models.OrganizationUnit,
    ):
        post_save.connect(bump, sender=model, dispatch_uid=f"report-freshness-save-{model.__name__}")
    # Only models whose deletion Django collects row by row anyway, so that no fast delete is lost.
    for model in (models.Plan, models.Node, models.Indicator):
        post_delete.connect(bump, sender=model, dispatch_uid=f"report-freshness-delete-{model.__name__}")
