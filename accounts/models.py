import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    # Also the default of the plain token of migration 0002.
    return secrets.token_urlsafe(32)  # 256 random bits


class CalendarFeedToken(models.Model):
    """The secret of a person's calendar feed URLs: random, replaceable; the old links stop
    working when it is replaced. Calendar apps cannot log in, so the URL is the key. Only
    its digest is kept (accounts.feed_tokens)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)


class Profile(models.Model):
    """What a person chooses for their account: the language of the mails and of the
    personal calendar feed they receive (accounts.languages). Set from the interface's
    language at sign-up; a person with none gets the site's default."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the mails and of the calendar feed you receive."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)
