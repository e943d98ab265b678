"""The Secretariat's view of the lists of speakers. Lists open, close and let delegations
repeat through the services (the actions here); inscriptions and the order change only
through the services too (pages and API), so here they are read only."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from . import queries, services
from .models import Inscription, OrderChange, SpeakersList, SpeakingRules


@admin.register(SpeakingRules)
class SpeakingRulesAdmin(admin.ModelAdmin):
    list_display = ["session", "by_level", "statement_minutes", "group_minutes", "reply_minutes"]
    list_select_related = ["session"]


class ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class InscriptionInline(ReadOnly, admin.TabularInline):
    model = Inscription
    fields = ["delegation", "speaker", "kind", "on_behalf_of", "level", "state", "inscribed_at"]
    readonly_fields = fields
    extra = 0


class SpeakersListForm(forms.ModelForm):
    class Meta:
        model = SpeakersList
        fields = ["session", "item_number"]

    def clean(self):
        cleaned = super().clean()
        session, number = cleaned.get("session"), cleaned.get("item_number")
        if session and number is not None and number not in queries.agenda(session):
            raise forms.ValidationError(
                _("The session's agenda has no item %(number)d.") % {"number": number}
            )
        return cleaned


@admin.register(SpeakersList)
class SpeakersListAdmin(admin.ModelAdmin):
    """A list is opened here (for an item of the session's agenda) or by the actions;
    what it holds is read only."""

    form = SpeakersListForm
    list_display = ["session", "item_number", "is_open", "allows_repeats", "updated_at"]
    list_filter = ["session", "is_open"]
    list_select_related = ["session"]
    inlines = [InscriptionInline]
    actions = ["open_lists", "close_lists", "allow_repeats", "refuse_repeats"]

    def get_readonly_fields(self, request, obj=None):
        return ["session", "item_number", "is_open", "allows_repeats"] if obj else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a list with its inscriptions is the record of who spoke

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            opened = services.open_list(obj.session, obj.item_number, request.user)
            obj.pk = opened.pk

    def _each(self, request, queryset, change) -> None:
        for speakers_list in queryset:
            try:
                change(speakers_list)
            except DomainError as error:
                self.message_user(request, f"{speakers_list}: {error}", messages.WARNING)

    @admin.action(description=_("Open the selected lists"), permissions=["change"])
    def open_lists(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda s: services.open_list(s.session, s.item_number, request.user),
        )

    @admin.action(description=_("Close the selected lists"), permissions=["change"])
    def close_lists(self, request, queryset):
        self._each(request, queryset, lambda s: services.close_list(s, request.user))

    @admin.action(
        description=_("Let delegations be on the selected lists more than once"),
        permissions=["change"],
    )
    def allow_repeats(self, request, queryset):
        self._each(request, queryset, lambda s: services.allow_repeats(s, True, request.user))

    @admin.action(
        description=_("Let each delegation be on the selected lists once"), permissions=["change"]
    )
    def refuse_repeats(self, request, queryset):
        self._each(request, queryset, lambda s: services.allow_repeats(s, False, request.user))


@admin.register(Inscription)
class InscriptionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["delegation", "speakers_list", "kind", "state", "inscribed_at"]
    list_filter = ["speakers_list__session", "state", "kind", "mode"]
    search_fields = ["delegation__entity__name_en", "speaker__family_name"]
    list_select_related = ["delegation__entity", "speakers_list__session"]


@admin.register(OrderChange)
class OrderChangeAdmin(ReadOnly, admin.ModelAdmin):
    """Every change of order: kept, read only."""

    list_display = ["inscription", "from_position", "to_position", "actor", "at"]
    list_filter = ["inscription__speakers_list__session"]
    list_select_related = ["inscription__delegation__entity", "actor"]
