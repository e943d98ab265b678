from django.apps import AppConfig


class ConfigConfig(AppConfig):
    name = "config"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
