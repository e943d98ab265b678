from django.apps import AppConfig


class ConfigConfig(AppConfig):
    name = "config"

    def ready(self) -> None:
        from . import checks  # registers the deploy checks

        checks.log_production_services()
