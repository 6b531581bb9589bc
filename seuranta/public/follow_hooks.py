"""When a round's close is committed, the subscribers' messages are enqueued for the task worker."""

from __future__ import annotations

from django.dispatch import receiver

from seuranta.monitoring.signals import round_closed


@receiver(round_closed, dispatch_uid="seuranta.public.notify_round_closed")
def enqueue_round_news(sender, round_id: int, **kwargs) -> None:
    from seuranta.public.tasks import notify_round_closed

    notify_round_closed.enqueue(round_id)
