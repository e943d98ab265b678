"""A session's documents by UN symbol, each with one file per official language, and the
written contributions that Member States and stakeholders send to a call."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import validate_single_line
from languages.official import OFFICIAL_LANGUAGES
from registration.models import Entity

from .symbols import file_stem, validate_symbol

EXTENSIONS = ("pdf", "docx")


def stored_path(instance, filename: str) -> str:
    """A random name under the session: an uploaded file's own name is not kept in storage
    (it may carry personal data and must not be guessable)."""
    return f"documents/{instance.document.session_id}/{secrets.token_hex(16)}.{instance.extension}"


class Document(models.Model):
    """One document of a session under one symbol, in up to six language versions."""

    class Kind(models.TextChoices):
        PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")
        ANNOTATED_AGENDA = "annotated_agenda", _("Annotated provisional agenda")
        WORKING_PAPER = "working_paper", _("Working paper")
        CHAIRS_DRAFT = "chairs_draft", _("Chair's draft")
        REPORT = "report", _("Report")
        INFORMATION_NOTE = "information_note", _("Information note for participants")
        CONFERENCE_ROOM_PAPER = "conference_room_paper", _("Conference room paper")
        WRITTEN_CONTRIBUTION = "written_contribution", _("Written contribution")
        STATEMENT = "statement", _("Statement")
        OTHER = "other", _("Other")

    class Distribution(models.TextChoices):
        GENERAL = "general", pgettext_lazy("distribution", "General")
        LIMITED = "limited", pgettext_lazy("distribution", "Limited")
        RESTRICTED = "restricted", pgettext_lazy("distribution", "Restricted")

    class Status(models.TextChoices):
        FORTHCOMING = "forthcoming", pgettext_lazy("document status", "Forthcoming")
        PUBLISHED = "published", pgettext_lazy("document status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("document status", "Withdrawn")
        SUPERSEDED = "superseded", pgettext_lazy("document status", "Superseded by a revision")

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("session"),
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=80,
        blank=True,
        validators=[validate_symbol],
        help_text=_("As in E/CN.15/2024/15; a written contribution may have none."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500, validators=[validate_single_line])
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    distribution = models.CharField(
        _("distribution"), max_length=12, choices=Distribution.choices, default="general"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default="forthcoming"
    )
    agenda_items = models.JSONField(
        _("agenda items"),
        default=list,
        blank=True,
        help_text=_("The numbers of the agenda items it belongs to."),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        blank=True,
        choices=OFFICIAL_LANGUAGES,
        help_text=_("For a document that exists only in the language it was written in."),
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises, corrects or adds to"),
    )
    entity = models.ForeignKey(
        Entity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["session", "symbol", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol"],
                condition=~Q(symbol=""),
                name="one_document_per_symbol",
                violation_error_message=_(
                    "A document with this symbol already exists: one symbol, one document."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.symbol or self.title

    @property
    def file_stem(self) -> str:
        """The start of its files' names when served: the symbol, else the kind and id."""
        return file_stem(self.symbol) if self.symbol else f"{self.kind}_{self.pk}"

    @property
    def is_listed_with_files(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)


class DocumentFile(models.Model):
    """One language version of a document: a PDF or a Word (DOCX) file."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    language = models.CharField(_("language"), max_length=2, choices=OFFICIAL_LANGUAGES)
    file = models.FileField(_("file"), upload_to=stored_path)
    extension = models.CharField(_("type"), max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="one_file_per_document_language"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def file_name(self) -> str:
        """The name a reader's download gets: `E_CN.15_2024_15_ar.pdf`."""
        return f"{self.document.file_stem}_{self.language}.{self.extension}"


class Call(models.Model):
    """A call for written contributions, for one session or for a series between its
    sessions, to some kinds of entity."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("session"),
    )
    series = models.ForeignKey(
        "sessions_app.Series",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("series"),
        help_text=_("For contributions received between sessions; leave the session empty."),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    themes = models.TextField(_("questions or themes"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    deadline = models.DateTimeField(_("deadline"))
    invited_kinds = models.JSONField(
        _("invited kinds of entity"),
        default=list,
        help_text=_("Member States, observer States, UN entities, institutes, IGOs, NGOs."),
    )
    accepts_late = models.BooleanField(_("accepts contributions after the deadline"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call for contributions")
        verbose_name_plural = _("calls for contributions")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=False, series__isnull=True)
                | Q(session__isnull=True, series__isnull=False),
                name="call_for_a_session_or_a_series",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opens_at")), name="call_deadline_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    """What one entity sends to a call, in its original language (and perhaps others)."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("contribution state", "Submitted")
        RETURNED = "returned", pgettext_lazy("contribution state", "Returned to the submitter")
        ACCEPTED = "accepted", pgettext_lazy("contribution state", "Accepted for publication")
        DECLINED = "declined", pgettext_lazy("contribution state", "Declined")

    # The submitter may replace its files only in these states.
    EDITABLE_STATES = (State.SUBMITTED, State.RETURNED)

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("call")
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("entity")
    )
    title = models.CharField(_("title"), max_length=500, validators=[validate_single_line])
    original_language = models.CharField(
        _("original language"), max_length=2, choices=OFFICIAL_LANGUAGES
    )
    consents_to_publication = models.BooleanField(_("consent to publication"), default=False)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    is_late = models.BooleanField(_("received after the deadline"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="contributions",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    document = models.OneToOneField(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution",
        verbose_name=_("published as"),
    )

    class Meta:
        verbose_name = _("written contribution")
        verbose_name_plural = _("written contributions")
        ordering = ["call", "entity__kind", "entity__name_en", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES


def contribution_path(instance, filename: str) -> str:
    call = instance.contribution.call_id
    return f"contributions/{call}/{secrets.token_hex(16)}.{instance.extension}"


class ContributionFile(models.Model):
    """One language version of a contribution as submitted."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="files", verbose_name=_("contribution")
    )
    language = models.CharField(_("language"), max_length=2, choices=OFFICIAL_LANGUAGES)
    file = models.FileField(_("file"), upload_to=contribution_path)
    extension = models.CharField(_("type"), max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        verbose_name = _("contribution file")
        verbose_name_plural = _("contribution files")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "language"], name="one_file_per_contribution_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contribution}, {self.language}"


class ContributionEvent(models.Model):
    """The audit trail of a contribution: every change of state, who, when and why."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("contribution"),
    )
    state = models.CharField(_("state"), max_length=12, choices=Contribution.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    files_replaced = models.BooleanField(_("files replaced"), default=False)

    class Meta:
        verbose_name = _("contribution event")
        verbose_name_plural = _("contribution events")
        ordering = ["contribution", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.contribution}: {self.get_state_display()}"
