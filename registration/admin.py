from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Delegation, Entity, Registration, RegistrationEvent


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "regional_group", "is_active"]
    list_filter = ["kind", "regional_group", "is_active"]
    search_fields = ["name", "formal_name", "code"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["entity", "session", "head"]
    list_filter = ["session", "entity__kind", "entity__regional_group"]
    search_fields = ["entity__name", "focal_points__email"]
    list_select_related = ["entity", "session", "head"]
    autocomplete_fields = ["entity"]
    filter_horizontal = ["focal_points"]
    raw_id_fields = ["head"]


class RegistrationEventInline(admin.TabularInline):
    model = RegistrationEvent
    fields = ["at", "from_state", "to_state", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """States change only through the workflow services (the actions here, the console
    and the API), so that seats, the waiting list and the audit trail stay right."""

    list_display = [
        "family_name",
        "given_name",
        "entity",
        "session",
        "participation_mode",
        "state",
        "category",
        "state_changed_at",
    ]
    list_filter = ["session", "state", "participation_mode", "category", "entity__regional_group"]
    search_fields = ["family_name", "given_name", "email", "entity__name"]
    list_select_related = ["entity", "session"]
    readonly_fields = [
        "session",
        "delegation",
        "state",
        "state_changed_at",
        "waitlisted_at",
        "participation_mode",
        "registered_by",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["entity", "nationality"]
    raw_id_fields = ["participant"]
    inlines = [RegistrationEventInline]
    actions = ["approve_registrations"]

    def has_add_permission(self, request) -> bool:
        return False  # registrations are made through the registration pages and API

    @admin.action(description=_("Approve the selected registrations"))
    def approve_registrations(self, request, queryset):
        approved = 0
        for registration in queryset:
            try:
                services.approve(registration, request.user)
                approved += 1
            except services.RegistrationError as error:
                self.message_user(request, f"{registration}: {error}", messages.WARNING)
        self.message_user(request, _("Approved %(count)d registrations.") % {"count": approved})
