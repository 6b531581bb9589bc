"""`seuranta manage purge_recycle_bin`: run daily (cron) to empty the bins of items older than 30 days."""

from django.core.management.base import BaseCommand

from seuranta.plans.recycle import purge


class Command(BaseCommand):
    help = "Remove for good the nodes, indicators and milestones deleted more than 30 days ago."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge()}")
