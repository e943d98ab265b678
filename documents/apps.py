from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and written contributions")

    def ready(self) -> None:
        from sessions_app.content_units import add_content_provider

        from . import queries

        add_content_provider(queries.translatable_content)
