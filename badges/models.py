"""Badges of approved in-person participants, their signed codes, print batches and the
check-ins at the gate."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Layout(models.TextChoices):
    A6 = "a6", _("A6 portrait (105 x 148 mm)")
    CR80 = "cr80", _("ID-1 / CR80 card (85.60 x 53.98 mm)")
    A4X4 = "a4x4", _("A4 sheet of four A6 badges, with crop marks")
    A4X10 = "a4x10", _("A4 sheet of ten 90 x 54 mm inserts")


class SessionBadging(models.Model):
    """A session's badge layout and colours, and its Ed25519 key pair: the private key
    signs the codes and never leaves the server; the public key is published for
    scanners."""

    session = models.OneToOneField(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="badging",
        verbose_name=_("session"),
    )
    layout = models.CharField(_("layout"), max_length=8, choices=Layout.choices, default=Layout.A6)
    colours = models.JSONField(
        _("colours by category"),
        default=dict,
        blank=True,
        help_text=_('For example {"member_state": "#1f5fa8"}; missing categories keep theirs.'),
    )
    private_key = models.BinaryField(_("private key"), editable=False)
    public_key = models.BinaryField(_("public key"), editable=False)

    class Meta:
        verbose_name = _("badges of a session")
        verbose_name_plural = _("badges of sessions")

    def __str__(self) -> str:
        return str(self.session)


class Badge(models.Model):
    """One issued badge. A reprint issues a new one with the next serial and revokes the
    old; a participant has at most one live badge per session."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="badges",
        verbose_name=_("session"),
    )
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="badges",
        verbose_name=_("registration"),
    )
    serial = models.PositiveIntegerField(_("serial number"))
    code = models.CharField(_("signed code"), max_length=200, editable=False)
    # The QR code's modules, one string of 0 and 1 per row: made once when the badge is
    # issued, drawn as vectors on every print.
    qr_modules = models.JSONField(_("QR code"), editable=False)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    printed_at = models.DateTimeField(_("printed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["session", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["session", "serial"], name="one_serial_per_session"),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_badge_per_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session.short_name} #{self.serial}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class PrintJob(models.Model):
    """A batch of badges printed to one PDF, by a Celery task, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Printing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    STALLED = timedelta(minutes=2)  # a batch of 2,500 badges reports progress every 50
    MAX_RUNS = 3  # a batch that stopped its worker this often is not taken up again

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="print_jobs",
        verbose_name=_("session"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    layout = models.CharField(_("layout"), max_length=8, choices=Layout.choices)
    # The page's when the officer asked: the worker prints what the preview showed.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    registrations = models.JSONField(_("registrations"), default=list)
    reprint = models.BooleanField(
        _("reprint"), default=False, help_text=_("New serials; the old badges are revoked.")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("printed"), default=0)
    total = models.PositiveIntegerField(_("to print"), default=0)
    pdf = models.FileField(_("PDF"), upload_to="badges/", blank=True)
    report = models.JSONField(_("report"), default=list, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The worker's last sign of life while printing: a job running without one for
    # STALLED was abandoned (its worker was killed) and is taken up again.
    beat_at = models.DateTimeField(null=True, blank=True, editable=False)
    runs = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("print job")
        verbose_name_plural = _("print jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.session.short_name}: {self.done}/{self.total}"

    @property
    def status_label(self) -> str:
        if self.stalled:
            return str(_("Interrupted: it starts again when a worker is free"))
        return self.get_status_display()

    @property
    def stalled(self) -> bool:
        """Running, but its worker has given no sign of life for a while."""
        return (
            self.status == self.Status.RUNNING
            and self.beat_at is not None
            and self.beat_at < timezone.now() - self.STALLED
        )


class CheckIn(models.Model):
    """A participant let in at the gate: one per participant per day per session."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("session"),
    )
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("registration"),
    )
    badge = models.ForeignKey(
        Badge, on_delete=models.PROTECT, related_name="check_ins", verbose_name=_("badge")
    )
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("at"))
    gate = models.CharField(_("gate"), max_length=80, blank=True)
    device = models.CharField(_("device"), max_length=120, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    # Made by the scanner for each scan (a UUID, say), so that a check-in made offline
    # and uploaded twice is recorded once.
    nonce = models.CharField(_("scan identifier"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration", "day"], name="one_check_in_per_day"
            ),
            models.UniqueConstraint(
                fields=["session", "nonce"],
                condition=~Q(nonce=""),
                name="one_check_in_per_scan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}"
