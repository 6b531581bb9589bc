"""Background work of values from elsewhere: reading Sotkanet (on demand and on a schedule).

`seuranta manage fetch_sotkanet` (from cron or a systemd timer) enqueues `fetch_sotkanet` for every
linked indicator; the indicator's page enqueues it for one. The worker runs them.
"""

from __future__ import annotations

from django.tasks import task

from seuranta.values.models import SotkanetLink


@task
def fetch_sotkanet(link_id: int, user_id: int | None = None) -> bool:
    """Read one linked indicator's values from Sotkanet; whether it succeeded. The values' history names
    the person who asked for the reading (none for the scheduled ones)."""
    from django.contrib.auth import get_user_model

    from seuranta.values.sotkanet import fetch

    link = SotkanetLink.objects.select_related("indicator__node__plan").filter(pk=link_id).first()
    if link is None:
        return False
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    return fetch(link, user).ok
