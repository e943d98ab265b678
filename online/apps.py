from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineConfig(AppConfig):
    name = "online"
    verbose_name = _("Online participation")

    def ready(self) -> None:
        from . import guides, receivers  # noqa: F401  (connects the receivers)

        guides.connect()
