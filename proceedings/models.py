"""The proceedings of a session's sittings: a list of speakers per agenda item, its
inscriptions in the order the rules set (proceedings.order), every change of that order
made by an officer, the session's speaking rules (time limits, order by level), and the
statements sent for the interpreters."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from languages.official import OFFICIAL_LANGUAGES
from registration.models import RegionalGroup
from sessions_app.models import ParticipationMode


class SpeakingRules(models.Model):
    """A session's rules for its lists of speakers. A session without its own rules follows
    the defaults of a new one (queries.rules)."""

    session = models.OneToOneField(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="speaking_rules",
        verbose_name=_("session"),
    )
    by_level = models.BooleanField(
        _("Member States by level of representation"),
        default=False,
        help_text=_(
            "Ministers first, then deputy ministers, then ambassadors and heads of "
            "delegation, each in order of inscription."
        ),
    )
    statement_minutes = models.PositiveSmallIntegerField(
        _("national statement (minutes)"), default=5, validators=[MinValueValidator(1)]
    )
    group_minutes = models.PositiveSmallIntegerField(
        _("statement on behalf of a group (minutes)"), default=7, validators=[MinValueValidator(1)]
    )
    reply_minutes = models.PositiveSmallIntegerField(
        _("right of reply (minutes)"), default=3, validators=[MinValueValidator(1)]
    )
    absent_moves_down = models.BooleanField(
        _("a speaker absent when called moves down once"),
        default=False,
        help_text=_(
            "Called and absent, a speaker goes to the end of the statements (before the "
            "rights of reply); absent a second time, off the list. Otherwise off at once."
        ),
    )

    class Meta:
        verbose_name = _("speaking rules")
        verbose_name_plural = _("speaking rules")

    def __str__(self) -> str:
        return str(self.session)

    def time_limit(self, inscription: "Inscription") -> int:
        """The minutes a statement of this kind may last."""
        if inscription.kind == Inscription.Kind.RIGHT_OF_REPLY:
            return self.reply_minutes
        return self.group_minutes if inscription.on_behalf_of else self.statement_minutes


class SpeakersList(models.Model):
    """The list of speakers of one agenda item of a session (the item's number, as on the
    sittings' agendas: "3. Promising practices…" is item 3). A closed list takes no more
    inscriptions. A delegation is on it once (proceedings.services.inscribe), unless an
    officer lets delegations be on it more than once."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="speakers_lists",
        verbose_name=_("session"),
    )
    item_number = models.PositiveSmallIntegerField(_("agenda item"))
    is_open = models.BooleanField(_("open"), default=True)
    allows_repeats = models.BooleanField(
        _("delegations may inscribe more than once"),
        default=False,
        help_text=_("Set by an officer: a delegation may then be on this list more than once."),
    )
    taken_up_at = models.DateTimeField(
        _("taken up"),
        null=True,
        blank=True,
        help_text=_("When the Chair last took up this item: the live display shows it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("list of speakers")
        verbose_name_plural = _("lists of speakers")
        ordering = ["session", "item_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "item_number"], name="one_list_of_speakers_per_item"
            ),
        ]

    def __str__(self) -> str:
        return _("Item %(number)d, %(session)s") % {
            "number": self.item_number,
            "session": self.session.short_name,
        }


class Group(models.TextChoices):
    """The groups on whose behalf a delegation may speak."""

    AFRICA = RegionalGroup.AFRICA.value, RegionalGroup.AFRICA.label
    ASIA_PACIFIC = RegionalGroup.ASIA_PACIFIC.value, RegionalGroup.ASIA_PACIFIC.label
    EASTERN_EUROPE = RegionalGroup.EASTERN_EUROPE.value, RegionalGroup.EASTERN_EUROPE.label
    LATIN_AMERICA_CARIBBEAN = (
        RegionalGroup.LATIN_AMERICA_CARIBBEAN.value,
        RegionalGroup.LATIN_AMERICA_CARIBBEAN.label,
    )
    WESTERN_EUROPE_OTHERS = (
        RegionalGroup.WESTERN_EUROPE_OTHERS.value,
        RegionalGroup.WESTERN_EUROPE_OTHERS.label,
    )
    EUROPEAN_UNION = "EU", _("European Union")
    G77_CHINA = "G77", _("Group of 77 and China")
    OTHER = "OTHER", _("Another group")


class Inscription(models.Model):
    """A delegation's place on a list of speakers: who speaks, how, in which language and
    for whom. Withdrawn ones stay, out of the order. `position` is set for every
    inscription of a list or for none: for none, the order is the rule's
    (proceedings.order); once an officer has moved a speaker, the order is by position."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        RIGHT_OF_REPLY = "reply", _("Right of reply")

    class Level(models.TextChoices):
        """Levels of representation, highest first."""

        MINISTER = "minister", _("Minister")
        DEPUTY_MINISTER = "deputy_minister", _("Deputy minister")
        AMBASSADOR = "ambassador", _("Ambassador or head of delegation")
        OTHER = "other", pgettext_lazy("level of representation", "Other")

    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("speaker state", "Waiting")
        SPEAKING = "speaking", pgettext_lazy("speaker state", "Has the floor")
        SPOKE = "spoke", pgettext_lazy("speaker state", "Spoke")
        ABSENT = "absent", pgettext_lazy("speaker state", "Absent")
        WITHDRAWN = "withdrawn", pgettext_lazy("speaker state", "Withdrawn")

    speakers_list = models.ForeignKey(
        SpeakersList,
        on_delete=models.CASCADE,
        related_name="inscriptions",
        verbose_name=_("list of speakers"),
    )
    delegation = models.ForeignKey(
        "registration.Delegation",
        on_delete=models.CASCADE,
        related_name="inscriptions",
        verbose_name=_("delegation"),
    )
    speaker = models.ForeignKey(
        "registration.Registration",
        on_delete=models.PROTECT,
        related_name="inscriptions",
        verbose_name=_("speaker"),
    )
    mode = models.CharField(
        _("speaks"),
        max_length=12,
        choices=ParticipationMode.choices,
        default=ParticipationMode.IN_PERSON,
    )
    level = models.CharField(
        _("level of representation"), max_length=16, choices=Level.choices, default=Level.OTHER
    )
    on_behalf_of = models.CharField(
        _("on behalf of"), max_length=30, choices=Group.choices, blank=True
    )
    group_name = models.CharField(
        _("name of the group"), max_length=200, blank=True, help_text=_("For another group.")
    )
    language = models.CharField(_("language of delivery"), max_length=2, choices=OFFICIAL_LANGUAGES)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STATEMENT)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    inscribed_at = models.DateTimeField(_("inscribed"), default=timezone.now)
    inscribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inscribed by"),
    )
    position = models.PositiveIntegerField(
        _("place in the order fixed by an officer"), null=True, blank=True
    )
    # The timer: given the floor at `started_at`, running since `running_since` (none while
    # paused), `seconds_spoken` before that; done at `ended_at`.
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    running_since = models.DateTimeField(_("timer running since"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    seconds_spoken = models.PositiveIntegerField(_("seconds spoken"), default=0)
    absences = models.PositiveSmallIntegerField(_("times absent when called"), default=0)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["speakers_list", "inscribed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(on_behalf_of="OTHER", group_name__gt="")
                | (~Q(on_behalf_of="OTHER") & Q(group_name="")),
                name="a_group_name_for_another_group_only",
            ),
            models.UniqueConstraint(
                fields=["speakers_list"],
                condition=Q(state="speaking"),
                name="one_speaker_at_a_time",
            ),
        ]
        indexes = [models.Index(fields=["speakers_list", "state"])]

    def __str__(self) -> str:
        return f"{self.delegation.entity.display_name}: {self.speakers_list}"

    def elapsed(self, now) -> int:
        """Seconds spoken until `now`, the timer's pauses left out."""
        running = (now - self.running_since).total_seconds() if self.running_since else 0
        return self.seconds_spoken + int(running)

    @property
    def group_label(self) -> str:
        """The group it speaks for, by name ("" for none)."""
        if self.on_behalf_of == Group.OTHER:
            return self.group_name
        return str(self.get_on_behalf_of_display()) if self.on_behalf_of else ""


class OrderChange(models.Model):
    """A speaker moved by an officer: from which place to which (counted from 1 in the
    order as it then was), who, when and why. Kept."""

    inscription = models.ForeignKey(
        Inscription,
        on_delete=models.CASCADE,
        related_name="order_changes",
        verbose_name=_("inscription"),
    )
    from_position = models.PositiveIntegerField(_("from place"))
    to_position = models.PositiveIntegerField(_("to place"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moved by"),
    )
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("change of order")
        verbose_name_plural = _("changes of order")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.inscription}: {self.from_position} → {self.to_position}"


def statement_path(instance, filename: str) -> str:
    """A random name under the session, as for the other private uploads: the uploaded
    file's own name is not kept (it may carry personal data and must not be guessable)."""
    session = instance.inscription.speakers_list.session_id
    return f"statements/{session}/{secrets.token_hex(16)}.{instance.extension}"


class Statement(models.Model):
    """The text of a speaker's statement, sent before delivery for the interpreters: one
    per inscription, a new upload replacing the file. Private until published: only
    interpreters, interpretation coordinators and officers read it
    (proceedings.statements). After delivery, an officer may publish it with the session's
    documents, marked "check against delivery", if the delegation consented at upload."""

    inscription = models.OneToOneField(
        Inscription,
        on_delete=models.CASCADE,
        related_name="statement",
        verbose_name=_("inscription"),
    )
    file = models.FileField(_("file"), upload_to=statement_path)
    extension = models.CharField(_("type"), max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    consent_to_publish = models.BooleanField(
        _("consent to publish after delivery"),
        default=False,
        help_text=_("Given by the delegation at upload: published as delivered, if at all."),
    )
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statement",
        verbose_name=_("published as"),
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return str(self.inscription)
