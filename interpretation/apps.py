from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretationConfig(AppConfig):
    name = "interpretation"
    verbose_name = _("Interpretation")

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
