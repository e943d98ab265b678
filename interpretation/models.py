"""Interpretation: how a session and each sitting offer the languages of the list of
languages (booths in the room, remote simultaneous interpretation for online participants, or
both) and the channels a participant listens on."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from languages.models import Language, validate_language_codes


class InterpretationMode(models.TextChoices):
    BOOTHS = "booths", _("Booths in the room")
    RSI = "rsi", _("Remote simultaneous interpretation (RSI) for online participants")
    BOTH = "both", _("Booths in the room and RSI for online participants")


class SessionInterpretation(models.Model):
    """How a session offers interpretation. Its languages are the session's own
    (`Session.languages`); a sitting inherits them unless it has its own."""

    session = models.OneToOneField(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="interpretation",
        verbose_name=_("session"),
    )
    mode = models.CharField(
        _("mode"),
        max_length=8,
        choices=InterpretationMode.choices,
        blank=True,
        help_text=_("Empty: from the session's format (in person: booths; online: RSI)."),
    )
    rsi_platform = models.CharField(
        _("RSI platform"), max_length=120, blank=True, help_text=_("For example Interprefy.")
    )
    floor_channel = models.PositiveSmallIntegerField(
        _("floor channel"), default=0, help_text=_("The speaker's own voice, in the room.")
    )
    # Personal calendar feeds tell participants their channels: their ETag follows this.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("interpretation of a session")
        verbose_name_plural = _("interpretation of sessions")

    def __str__(self) -> str:
        return str(self.session)


class LanguageChannel(models.Model):
    """Where a participant listens to one language: the channel on the room's receivers and,
    online, the RSI platform's channel or link."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="language_channels",
        verbose_name=_("session"),
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    room_channel = models.PositiveSmallIntegerField(_("channel in the room"), null=True, blank=True)
    online_channel = models.CharField(
        _("online channel"),
        max_length=300,
        blank=True,
        help_text=_("The RSI platform's channel for this language, as participants choose it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("language channel")
        verbose_name_plural = _("language channels")
        ordering = ["session", "room_channel", "language__order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "language"], name="one_channel_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.room_channel}"

    # Saving or deleting a channel touches its session: the participants' calendar feeds
    # (which show their channel) follow the session's last change.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._touch_session()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._touch_session()
        return result

    def _touch_session(self) -> None:
        from sessions_app.models import Session

        Session.objects.filter(pk=self.session_id).update(updated_at=timezone.now())


class SittingInterpretation(models.Model):
    """What a sitting changes from its session's interpretation."""

    sitting = models.OneToOneField(
        "sessions_app.Sitting",
        on_delete=models.CASCADE,
        related_name="interpretation",
        verbose_name=_("sitting"),
    )
    languages = models.JSONField(
        _("languages"),
        null=True,
        blank=True,
        help_text=_("Language codes; empty: the session's languages."),
    )
    mode = models.CharField(
        _("mode"),
        max_length=8,
        choices=InterpretationMode.choices,
        blank=True,
        help_text=_("Empty: the session's."),
    )
    long_remote_interventions = models.BooleanField(
        _("remote interventions may exceed 30 minutes"), default=False
    )

    class Meta:
        verbose_name = _("interpretation of a sitting")
        verbose_name_plural = _("interpretation of sittings")

    def __str__(self) -> str:
        return str(self.sitting)

    def clean(self) -> None:
        if self.languages is not None:
            try:
                validate_language_codes(self.languages)
            except ValidationError as error:
                raise ValidationError({"languages": error}) from error
