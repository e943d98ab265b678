from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineConfig(AppConfig):
    name = "online"
    verbose_name = _("Online participation")

    def ready(self) -> None:
        from badges.hooks import add_attendance_provider
        from registration.hooks import add_api_field, add_console_panel_provider

        from . import guides, receivers  # noqa: F401  (connects the receivers)
        from .api_fields import JoinUrlField
        from .console import link_panel
        from .reports import attendance_part

        guides.connect()
        add_attendance_provider(attendance_part)
        add_api_field("join_url", JoinUrlField, related=("join_link",))
        add_console_panel_provider(link_panel)
