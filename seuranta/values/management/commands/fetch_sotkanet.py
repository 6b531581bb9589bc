"""`seuranta manage fetch_sotkanet`: enqueue a Sotkanet reading of every linked indicator (for cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from seuranta.values.models import SotkanetLink
from seuranta.values.tasks import fetch_sotkanet


class Command(BaseCommand):
    help = "Enqueue a Sotkanet reading of every indicator linked to Sotkanet (the worker runs them)."

    def handle(self, *args, **options) -> None:
        links = list(
            SotkanetLink.objects.exclude(indicator__node__plan__state="archived").values_list("pk", flat=True)
        )
        for pk in links:
            fetch_sotkanet.enqueue(pk)
        self.stdout.write(f"{len(links)} Sotkanet readings enqueued")
