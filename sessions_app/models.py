"""Series (the body), its sessions and their sittings; venues, rooms and room bookings."""

import zoneinfo
from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import validate_no_web_link, validate_single_line
from languages.models import language_names, validate_language_codes


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class MeetingFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person with online participation)")
    IN_PERSON = "in_person", _("In person")


class ParticipationMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Series(models.Model):
    """The standing body, e.g. the expert group on reducing reoffending."""

    name = models.CharField(_("name"), max_length=300, validators=[validate_single_line])
    short_name = models.CharField(_("short name"), max_length=80, validators=[validate_single_line])
    slug = models.SlugField(_("slug"), unique=True)
    mandates = models.TextField(
        _("mandates"), blank=True, help_text=_("Resolutions that mandate the body, one per line.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def mandate_list(self) -> list[str]:
        return [line.strip() for line in self.mandates.splitlines() if line.strip()]


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    address = models.TextField(_("address"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Vienna", validators=[validate_time_zone]
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    building = models.CharField(_("building"), max_length=40, blank=True)
    floor = models.CharField(_("floor"), max_length=40, blank=True)
    capacity = models.PositiveIntegerField(_("seating capacity"))
    interpretation_booths = models.PositiveSmallIntegerField(_("interpretation booths"), default=0)
    equipment = models.TextField(_("equipment"), blank=True)
    bookable_from = models.TimeField(_("bookable from"), default=time(8))
    bookable_until = models.TimeField(_("bookable until"), default=time(21))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bookable_from__lt=models.F("bookable_until")),
                name="room_bookable_hours_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.venue.name})"

    def get_absolute_url(self) -> str:
        return reverse("sessions_app:room", args=[self.slug])


class Session(models.Model):
    """One meeting of the body over several days (or one part of it)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("session status", "Scheduled")
        POSTPONED = "postponed", pgettext_lazy("session status", "Postponed")
        CANCELLED = "cancelled", pgettext_lazy("session status", "Cancelled")

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("series")
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    short_name = models.CharField(_("short name"), max_length=80, validators=[validate_single_line])
    slug = models.SlugField(_("slug"), unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Vienna", validators=[validate_time_zone]
    )
    format = models.CharField(_("format"), max_length=12, choices=MeetingFormat.choices)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("venue"),
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("main room"),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    languages = models.JSONField(
        _("languages of interpretation"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    in_person_capacity = models.PositiveIntegerField(
        _("in-person capacity"),
        null=True,
        blank=True,
        help_text=_("Seats for in-person participants; empty: the main room's seats."),
    )
    delegation_in_person_quota = models.PositiveIntegerField(
        _("in-person seats per delegation"),
        null=True,
        blank=True,
        help_text=_("Empty: no quota."),
    )
    online_capacity = models.PositiveIntegerField(
        _("online capacity"), null=True, blank=True, help_text=_("Empty: unlimited.")
    )
    is_demonstration = models.BooleanField(
        _("demonstration session"),
        default=False,
        help_text=_("Made up to try the system; not a real meeting."),
    )
    description = models.TextField(_("description"), blank=True)
    joining_details = models.TextField(
        _("joining details for online participants"),
        blank=True,
        validators=[validate_no_web_link],
        help_text=_(
            "Meeting ID and what else is general; never the platform's link, which each "
            "participant reaches through their personal link. Shown only to approved online "
            "participants, never on a public page or feed."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")),
                name="session_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sessions_app:session", args=[self.slug])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValidationError({"end_date": _("The last day is before the first day.")})
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_opens >= self.registration_closes
        ):
            raise ValidationError(
                {"registration_closes": _("Registration closes before it opens.")}
            )
        if self.room_id and self.venue_id and self.room.venue_id != self.venue_id:
            raise ValidationError({"room": _("The main room is not in the session's venue.")})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def language_names(self) -> list[str]:
        return language_names(self.languages)

    @property
    def seats_in_person(self) -> int | None:
        """In-person seats: the capacity set, else the main room's seats; None: no limit.
        An online session has no in-person seats."""
        if self.format == MeetingFormat.ONLINE:
            return 0
        if self.in_person_capacity is not None:
            return self.in_person_capacity
        return self.room.capacity if self.room_id else None

    @property
    def participation_modes(self) -> list[str]:
        """The participation modes this session offers, by its format."""
        return {
            MeetingFormat.ONLINE: [ParticipationMode.ONLINE],
            MeetingFormat.IN_PERSON: [ParticipationMode.IN_PERSON],
        }.get(self.format, [ParticipationMode.IN_PERSON, ParticipationMode.ONLINE])

    @property
    def registration_is_open(self) -> bool:
        """From `registration_opens` until `registration_closes`; with no closing date set,
        until the end of the session's last day (in its own time zone)."""
        now = timezone.now()
        if self.registration_closes is None:
            before_closing = timezone.localtime(now, self.tzinfo).date() <= self.end_date
        else:
            before_closing = now < self.registration_closes
        return (
            self.status == self.Status.SCHEDULED
            and self.registration_opens is not None
            and self.registration_opens <= now
            and before_closing
        )


class SittingQuerySet(models.QuerySet):
    def held(self):
        """The sittings that are to be held: not cancelled, of a session neither cancelled
        nor postponed."""
        return self.exclude(status=Sitting.Status.CANCELLED).filter(
            session__status=Session.Status.SCHEDULED
        )


class Sitting(models.Model):
    """One block of a session in one room, e.g. the 3rd plenary meeting, 10:00-13:00."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("sitting status", "Scheduled")
        CHANGED = "changed", pgettext_lazy("sitting status", "Changed")
        CANCELLED = "cancelled", pgettext_lazy("sitting status", "Cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="sittings", verbose_name=_("session")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    agenda_items = models.TextField(
        _("agenda items"), blank=True, help_text=_("One agenda item per line.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sittings",
        verbose_name=_("room"),
    )
    format = models.CharField(_("format"), max_length=12, choices=MeetingFormat.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    # Raised on every change of time, room or status: calendar apps then take the change.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SittingQuerySet.as_manager()

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="sitting_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.session.short_name}"

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.session.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.session.tzinfo)

    @property
    def languages(self) -> list[str]:
        """Its own languages of interpretation if it has them (interpretation app), else
        the session's."""
        own = getattr(self, "interpretation", None)
        if own is not None and own.languages is not None:
            return own.languages
        return self.session.languages

    @property
    def agenda_item_list(self) -> list[str]:
        return [line.strip() for line in self.agenda_items.splitlines() if line.strip()]


class Booking(models.Model):
    """A room held for a time range. Set-up and clear-down minutes count toward the overlap:
    `blocked_from`/`blocked_until` are the range that two live bookings may not share. On
    PostgreSQL an exclusion constraint (migration 0002) holds this in the database."""

    class Status(models.TextChoices):
        HELD = "held", pgettext_lazy("booking status", "Held (provisional)")
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")

    LIVE_STATUSES = (Status.HELD, Status.CONFIRMED)

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    setup_minutes = models.PositiveSmallIntegerField(_("set-up minutes"), default=0)
    cleardown_minutes = models.PositiveSmallIntegerField(_("clear-down minutes"), default=0)
    blocked_from = models.DateTimeField(editable=False)
    blocked_until = models.DateTimeField(editable=False)
    purpose = models.CharField(_("purpose"), max_length=300, validators=[validate_single_line])
    sitting = models.ForeignKey(
        Sitting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("sitting"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [models.Index(fields=["room", "blocked_from", "blocked_until"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="booking_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start, self.room.venue.tzinfo)
        end = timezone.localtime(self.end, self.room.venue.tzinfo)
        return f"{self.purpose}, {self.room.name}, {local:%d %b %Y %H:%M}-{end:%H:%M}"

    def save(self, *args, **kwargs) -> None:
        self.blocked_from, self.blocked_until = self.blocked_range(
            self.start, self.end, self.setup_minutes, self.cleardown_minutes
        )
        super().save(*args, **kwargs)

    @staticmethod
    def blocked_range(start, end, setup_minutes: int = 0, cleardown_minutes: int = 0):
        """The range the room is taken for: the booking plus set-up and clear-down."""
        return start - timedelta(minutes=setup_minutes), end + timedelta(minutes=cleardown_minutes)

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES
