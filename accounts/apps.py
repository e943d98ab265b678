from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from . import schema  # noqa: F401 (registers the API token scheme with the schema)
        from .roles import grant_role_permissions

        # Every app's migrations: permissions are created per app, after its own.
        post_migrate.connect(grant_role_permissions, dispatch_uid="grant_role_permissions")
