from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and written contributions")

    def ready(self) -> None:
        from sessions_app import hooks
        from sessions_app.content_units import add_content_provider

        from . import links, queries

        add_content_provider(queries.translatable_content)
        hooks.add_session_links(links.session_links)
        hooks.add_sitting_links(links.sitting_links)
