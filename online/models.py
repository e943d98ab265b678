"""The online half of a meeting: the platform's meeting links (kept on the server only),
each approved online participant's personal join link, every opening of it, and the
online attendance it records."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import links


class Platform(models.TextChoices):
    ZOOM = "zoom", "Zoom"
    INTERPREFY = "interprefy", "Interprefy"
    KUDO = "kudo", "KUDO"
    WEBEX = "webex", "Webex"
    TEAMS = "teams", "Microsoft Teams"
    OTHER = "other", _("Other platform")


class MeetingLink(models.Model):
    """The link of the platform the Secretariat uses, for a session or for one of its
    sittings where it differs. Shown to no one: a valid personal join link leads to it."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="meeting_links",
        verbose_name=_("session"),
    )
    sitting = models.OneToOneField(
        "sessions_app.Sitting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_link",
        verbose_name=_("sitting"),
        help_text=_("Only where this sitting's link differs from the session's."),
    )
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    url = models.CharField(
        _("meeting link"),
        max_length=500,
        validators=[URLValidator(schemes=["https"])],
        help_text=_("The platform's https link, with its passcode if it carries one."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting link")
        verbose_name_plural = _("meeting links")
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=Q(sitting__isnull=True), name="one_link_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.session}"

    def clean(self) -> None:
        if self.sitting_id and self.session_id and self.sitting.session_id != self.session_id:
            raise ValidationError({"sitting": _("This sitting belongs to another session.")})


class JoinLink(models.Model):
    """An approved online participant's personal link `/join/<token>`. The token is an
    HMAC of a random salt and of its holder under the site's secret (online.links): only
    its digest is stored, yet the site can show the link again on the participant's page,
    in their mail and feed. A new salt replaces the link; the old one dies."""

    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="join_link",
        verbose_name=_("registration"),
    )
    salt = models.CharField(max_length=32, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("join link")
        verbose_name_plural = _("join links")

    def __str__(self) -> str:
        return str(self.registration)

    @property
    def token(self) -> str:
        """The link's token for the registration's holder as they are now."""
        return links.token(self.salt, links.holder(self.registration))

    @property
    def is_its_holders(self) -> bool:
        """False once the registration has passed to another account or address."""
        return self.digest == links.digest(self.token)

    def bind(self) -> None:
        """The link for the holder as they are now (a new holder: the old one's is dead)."""
        self.digest = links.digest(self.token)

    def renew(self) -> None:
        """A new salt: the old link dies."""
        self.salt = links.new_salt()
        self.bind()


class JoinOpening(models.Model):
    """Every opening of a personal link, whether it let them in or not."""

    class Outcome(models.TextChoices):
        JOINED = "joined", _("Joined a sitting")
        OUTSIDE = "outside", _("Outside the sittings' windows")
        REFUSED = "refused", _("Refused: not an approved online participant")

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="join_openings",
        verbose_name=_("registration"),
    )
    sitting = models.ForeignKey(
        "sessions_app.Sitting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sitting"),
    )
    at = models.DateTimeField(_("when"), db_index=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    ip_prefix = models.CharField(_("address (start)"), max_length=24, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("opening of a join link")
        verbose_name_plural = _("openings of join links")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.registration}: {self.at:%Y-%m-%d %H:%M}"


class OnlineAttendance(models.Model):
    """A participant who joined a sitting online: once per person per sitting, with the
    sitting's day in the session's time zone and the first time they joined."""

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="online_attendance",
        verbose_name=_("registration"),
    )
    sitting = models.ForeignKey(
        "sessions_app.Sitting",
        on_delete=models.CASCADE,
        related_name="online_attendance",
        verbose_name=_("sitting"),
    )
    day = models.DateField(_("day"))
    first_joined_at = models.DateTimeField(_("first joined"))

    class Meta:
        verbose_name = _("online attendance")
        verbose_name_plural = _("online attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "sitting"], name="attended_a_sitting_online_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.sitting}"


class Reminder(models.Model):
    """A reminder mailed to an approved online participant with their personal link: the
    day before the session, and an hour before the first sitting of each day. One of each
    kind per day, whoever runs the sending and however often."""

    class Kind(models.TextChoices):
        DAY_BEFORE = "day_before", _("The day before the session")
        HOUR_BEFORE = "hour_before", _("An hour before the day's first sitting")

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="online_reminders",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    day = models.DateField(_("day"), help_text=_("The day of sittings it reminds of."))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "day"], name="one_reminder_of_a_kind_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.get_kind_display()} {self.day}"
