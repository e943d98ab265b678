from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.errors import DomainError
from languages.content import columns

from . import services
from .models import Booking, Room, Series, Session, Sitting, Venue


# Content fields show once per language, side by side (English first, the default): plain
# TranslationAdmin, not the tabbed one, whose jQuery UI comes from a CDN.
@admin.register(Series)
class SeriesAdmin(TranslationAdmin):
    list_display = ["short_name", "name", "slug"]
    search_fields = columns("name", "short_name", "mandates")
    prepopulated_fields = {"slug": ["short_name"]}


class RoomInline(TranslationTabularInline):
    model = Room
    fields = ["name", "slug", "building", "floor", "capacity", "interpretation_booths"]
    extra = 0
    show_change_link = True


@admin.register(Venue)
class VenueAdmin(TranslationAdmin):
    list_display = ["name", "time_zone"]
    search_fields = [*columns("name"), "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The feeds show the venue and its rooms (the inline's): their sittings change.
        services.shown_changed(venues=[form.instance.pk])


@admin.register(Room)
class RoomAdmin(TranslationAdmin):
    list_display = [
        "name",
        "venue",
        "building",
        "floor",
        "capacity",
        "interpretation_booths",
        "bookable_from",
        "bookable_until",
    ]
    list_filter = ["venue", "building"]
    search_fields = [*columns("name"), "building", "equipment"]
    prepopulated_fields = {"slug": ["name"]}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.shown_changed(rooms=[form.instance.pk])  # the feeds show its names


class SittingInline(admin.TabularInline):
    model = Sitting
    fields = ["title", "start", "end", "room", "format", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # sittings are added on their own page, which books the room


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = [
        "title",
        "slug",
        "start_date",
        "end_date",
        "format",
        "room",
        "status",
        "is_demonstration",
    ]
    list_filter = ["series", "format", "status", "is_demonstration", "venue"]
    search_fields = [*columns("title", "short_name"), "slug"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["short_name"]}
    list_select_related = ["room"]
    inlines = [SittingInline]


class ServiceCheckedForm(forms.ModelForm):
    """A model form whose instance the booking service checks before the admin saves it,
    so that a conflict shows as a form error naming the booking in the way."""

    check = None  # a service function that raises BookingError

    def _post_clean(self):
        super()._post_clean()  # copies the cleaned data onto the instance first
        if not self.errors:
            try:
                self.check(self.instance)
            except DomainError as error:
                self.add_error(None, str(error))


class SittingAdminForm(ServiceCheckedForm):
    class Meta:
        model = Sitting
        fields = ["session", "title", "agenda_items", "start", "end", "room", "format", "status"]

    check = staticmethod(services.check_sitting)


@admin.register(Sitting)
class SittingAdmin(TranslationAdmin):
    """Sittings are saved through the booking service: a sitting in a room books it, a
    change of time or room moves the booking, a cancelled sitting frees the room."""

    form = SittingAdminForm
    list_display = ["title", "session", "start", "end", "room", "format", "status"]
    list_filter = ["session", "status", "format", "room"]
    search_fields = columns("title", "agenda_items", "session__title")
    date_hierarchy = "start"
    list_select_related = ["session", "room"]
    actions = ["cancel_sittings"]

    def save_model(self, request, obj, form, change):
        services.save_sitting(obj, booked_by=request.user)

    @admin.action(description=_("Cancel the selected sittings and free their rooms"))
    def cancel_sittings(self, request, queryset):
        for sitting in queryset:
            services.cancel_sitting(sitting)
        self.message_user(request, _("Cancelled %(count)d sittings.") % {"count": len(queryset)})


class BookingAdminForm(ServiceCheckedForm):
    class Meta:
        model = Booking
        fields = [
            "room",
            "start",
            "end",
            "setup_minutes",
            "cleardown_minutes",
            "purpose",
            "status",
            "sitting",
        ]

    check = staticmethod(services.check_booking)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    form = BookingAdminForm
    list_display = ["purpose", "room", "start", "end", "status", "sitting", "booked_by"]
    list_filter = ["status", "room__venue", "room"]
    search_fields = ["purpose", *columns("room__name", "sitting__title")]
    date_hierarchy = "start"
    list_select_related = ["room__venue", "sitting__session", "booked_by"]
    raw_id_fields = ["sitting"]
    actions = ["cancel_bookings"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.booked_by = request.user
        services.save_booking(obj)  # checks again under the room's lock

    @admin.action(description=_("Cancel the selected bookings"))
    def cancel_bookings(self, request, queryset):
        for booking in queryset:
            services.cancel_booking(booking)
        self.message_user(request, _("Cancelled %(count)d bookings.") % {"count": len(queryset)})
