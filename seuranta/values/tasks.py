"""Background work of values from elsewhere: reading Sotkanet (on demand and on a schedule).

`seuranta manage fetch_sotkanet` (from cron or a systemd timer) enqueues `fetch_sotkanet` for every
linked indicator; the indicator's page enqueues it for one. The worker runs them.
"""

from __future__ import annotations

from django.tasks import task

from seuranta.values.models import SotkanetLink


@task
def fetch_sotkanet(link_id: int) -> bool:
    """Read one linked indicator's values from Sotkanet; whether it succeeded."""
    from seuranta.values.sotkanet import fetch

    link = SotkanetLink.objects.select_related("indicator__node__plan").filter(pk=link_id).first()
    if link is None:
        return False
    return fetch(link).ok
