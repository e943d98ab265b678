from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from core.errors import DomainError

from . import services
from .models import Delegation, DelegationInvitation, Entity, Registration, RegistrationEvent


# An organisation's names show once per language, side by side (as sessions' content);
# States are named from their ISO code and need only the English.
@admin.register(Entity)
class EntityAdmin(TranslationAdmin):
    fields = ["kind", "name", "formal_name", "code", "regional_group", "is_active"]
    list_display = ["name_en", "kind", "code", "regional_group", "is_active"]
    list_filter = ["kind", "regional_group", "is_active"]
    search_fields = [
        *(build_localized_fieldname("name", code) for code in settings.MODELTRANSLATION_LANGUAGES),
        "formal_name",
        "code",
    ]


class UsersByEmailField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return user.email or user.get_username()


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["entity", "session", "head"]
    list_filter = ["session", "entity__kind", "entity__regional_group"]
    search_fields = ["entity__name_en", "focal_points__email"]
    list_select_related = ["entity", "session", "head"]
    autocomplete_fields = ["entity"]
    filter_horizontal = ["focal_points"]
    raw_id_fields = ["head"]
    # Uploaded through the delegation page, which checks that it is a PDF.
    readonly_fields = ["nomination_document", "nomination_uploaded_at", "nomination_uploaded_by"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "focal_points":
            # People by the e-mail address they signed up with (the picker's filter box
            # searches what is shown), not by the username made for them.
            kwargs["form_class"] = UsersByEmailField
            kwargs["queryset"] = get_user_model().objects.order_by("email")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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
    search_fields = ["family_name", "given_name", "email", "entity__name_en"]
    list_select_related = ["entity", "session"]
    exclude = ["photo"]
    readonly_fields = [
        "badge_photo",  # set through the registration pages, which check and re-encode it
        "visa_letter_signed_by",
        "visa_letter_signed_at",
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

    @admin.display(description=_("photo"))
    def badge_photo(self, registration):
        if not registration.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120">',
            reverse("registration:photo", args=[registration.pk]),
        )

    @admin.action(description=_("Approve the selected registrations"))
    def approve_registrations(self, request, queryset):
        approved = 0
        for registration in queryset:
            try:
                services.approve(registration, request.user)
                approved += 1
            except DomainError as error:
                self.message_user(request, f"{registration}: {error}", messages.WARNING)
        self.message_user(request, _("Approved %(count)d registrations.") % {"count": approved})


@admin.register(DelegationInvitation)
class DelegationInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "delegation", "invited_by", "created_at", "accepted_at"]
    list_filter = ["delegation__session"]
    search_fields = ["email", "delegation__entity__name_en"]
    list_select_related = ["delegation__entity", "delegation__session", "invited_by"]
    readonly_fields = ["delegation", "email", "invited_by", "accepted_at"]

    def has_add_permission(self, request) -> bool:
        return False  # invitations are sent from the delegation page, which mails them


@admin.register(RegistrationEvent)
class RegistrationEventAdmin(admin.ModelAdmin):
    """The audit trail: read only."""

    list_display = ["registration", "from_state", "to_state", "actor", "at"]
    list_filter = ["to_state", "registration__session"]
    search_fields = ["registration__family_name", "registration__email", "reason"]
    list_select_related = ["registration__session", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
