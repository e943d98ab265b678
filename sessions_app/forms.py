from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from .models import Booking, Room
from .services import check_booking


class BookingForm(forms.Form):
    """Book a room for a day and local times in the venue's time zone."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        help_text=_("For example: informal consultations, side event."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Booking.Status.CONFIRMED, Booking.Status.CONFIRMED.label),
            (Booking.Status.HELD, Booking.Status.HELD.label),
        ],
    )
    setup_minutes = forms.IntegerField(
        label=_("Set-up minutes"), min_value=0, max_value=240, initial=0
    )
    cleardown_minutes = forms.IntegerField(
        label=_("Clear-down minutes"), min_value=0, max_value=240, initial=0
    )

    def __init__(self, *args, room: Room, **kwargs):
        self.room = room
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        tzinfo = self.room.venue.tzinfo
        self.booking = Booking(
            room=self.room,
            purpose=data["purpose"],
            status=data["status"],
            start=datetime.combine(data["day"], data["start_time"], tzinfo),
            end=datetime.combine(data["day"], data["end_time"], tzinfo),
            setup_minutes=data["setup_minutes"],
            cleardown_minutes=data["cleardown_minutes"],
        )
        try:
            check_booking(self.booking)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error
        return data
