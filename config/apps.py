from django.apps import AppConfig


class ConfigConfig(AppConfig):
    name = "config"

    def ready(self) -> None:
        from core import metrics  # noqa: F401  (counts the Celery tasks that end)

        from . import checks  # noqa: F401  (registers the deploy checks)
