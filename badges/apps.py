from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Badges and check-in")

    def ready(self) -> None:
        from . import metrics, receivers  # noqa: F401  (registers them)
