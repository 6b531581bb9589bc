from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_guard(sender, using, **kwargs) -> None:
    # SQLite drops a table's triggers when a migration rebuilds the table: put them back after every migrate.
    from django.db import connections

    from seuranta.plans.guard import install_triggers

    install_triggers(connections[using])


class PlansConfig(AppConfig):
    name = "seuranta.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        post_migrate.connect(_install_guard, sender=self, dispatch_uid="seuranta.plans.guard")
