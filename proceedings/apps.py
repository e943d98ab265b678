from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "proceedings"
    verbose_name = _("Proceedings")

    def ready(self) -> None:
        from sessions_app import hooks

        from . import links

        hooks.add_session_links(links.session_links)
