"""Background work of the plans: emptying the recycle bin of what has been there 30 days."""

from __future__ import annotations

from django.tasks import task

from seuranta.plans.recycle import purge


@task
def purge_recycle_bin() -> int:
    """Remove for good the nodes, indicators and milestones deleted more than 30 days ago."""
    return purge()
