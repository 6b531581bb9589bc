from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "seuranta.public"
    label = "public"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from seuranta.public import follow_hooks  # noqa: F401 (connects to the round-closed signal)
