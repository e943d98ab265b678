from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from . import services, signing
from .models import Badge, CheckIn, PrintJob, SessionBadging


@admin.register(SessionBadging)
class SessionBadgingAdmin(admin.ModelAdmin):
    """Layout and colours; the key pair is made once and never shown (the public key is)."""

    list_display = ["session", "layout"]
    list_select_related = ["session"]
    readonly_fields = ["public_key_base64"]
    fields = ["session", "layout", "colours", "public_key_base64"]

    @admin.display(description=_("public key (base64)"))
    def public_key_base64(self, badging) -> str:
        return signing.public_key_base64(badging.public_key) if badging.public_key else "—"

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "session"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            services.with_new_key_pair(obj)
        super().save_model(request, obj, form, change)


@admin.register(Badge)
class BadgeAdmin(admin.ModelAdmin):
    """Badges are issued, reprinted and revoked through the services (the actions here),
    so that serials and signed codes stay right."""

    list_display = ["serial", "session", "registration", "issued_at", "printed_at", "revoked_at"]
    list_filter = ["session", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["registration__family_name", "registration__given_name", "code"]
    list_select_related = ["session", "registration__session"]
    fields = [
        "session",
        "registration",
        "serial",
        "code",
        "issued_at",
        "issued_by",
        "printed_at",
        "revoked_at",
        "revoked_reason",
    ]
    readonly_fields = fields
    actions = ["reprint_badges", "revoke_badges"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: a deleted badge leaves no trace of its serial

    @admin.action(description=_("Reprint the selected badges (revokes them)"))
    def reprint_badges(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda badge: services.reprint(
                badge.registration, request.user, gettext("Reprinted by the Secretariat")
            ),
            _("Reprinted %(count)d badges."),
        )

    @admin.action(description=_("Revoke the selected badges"))
    def revoke_badges(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda badge: services.revoke(
                badge, request.user, gettext("Revoked by the Secretariat")
            ),
            _("Revoked %(count)d badges."),
        )

    def _apply(self, request, queryset, change, done):
        count = 0
        for badge in queryset.filter(revoked_at__isnull=True).select_related("registration"):
            try:
                change(badge)
                count += 1
            except DomainError as error:
                self.message_user(request, f"{badge}: {error}", messages.WARNING)
        self.message_user(request, done % {"count": count})


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Check-ins are made at the gate: read only."""

    list_display = ["registration", "session", "day", "at", "gate", "device", "checked_by"]
    list_filter = ["session", "day", "gate"]
    search_fields = ["registration__family_name", "registration__given_name", "gate"]
    list_select_related = ["registration__session", "session", "checked_by"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    """Print jobs are made by the badge printing pages: read only here."""

    list_display = ["session", "layout", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status", "session"]
    list_select_related = ["session"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
