"""Who participants represent (entities), their delegations, and registrations."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import validate_single_line
from languages.models import validate_language_code
from languages.official import OFFICIAL_LANGUAGES
from sessions_app.models import ParticipationMode

from .names import entity_name


class RegionalGroup(models.TextChoices):
    AFRICA = "AFRICA", _("African States")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia-Pacific States")
    EASTERN_EUROPE = "EASTERN_EUROPE", _("Eastern European States")
    LATIN_AMERICA_CARIBBEAN = "LATIN_AMERICA_CARIBBEAN", _("Latin American and Caribbean States")
    WESTERN_EUROPE_OTHERS = "WESTERN_EUROPE_OTHERS", _("Western European and other States")


class Entity(models.Model):
    """A Member State, an observer State or an organisation that participants represent.
    `Kind` is in the order of the UN list of participants."""

    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", _("Member State")
        OBSERVER_STATE = "observer_state", _("Observer State")
        UN_ENTITY = "un_entity", _("United Nations entity")
        IGO = "igo", _("Intergovernmental organization")
        NGO = "ngo", _("Non-governmental organization in consultative status with ECOSOC")
        PNI = (
            "pni",
            _("Institute of the UN crime prevention and criminal justice programme network"),
        )
        EXPERT = "expert", _("Expert in individual capacity")
        MEDIA = "media", _("Media")
        SECRETARIAT = "secretariat", _("Secretariat")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        validators=[validate_single_line],
        help_text=_("Short name as the UN writes it; in English, required."),
    )
    formal_name = models.CharField(
        _("formal name"), max_length=300, blank=True, validators=[validate_single_line]
    )
    code = models.CharField(
        _("code"), max_length=12, blank=True, help_text=_("ISO 3166 alpha-3 code for a State.")
    )
    regional_group = models.CharField(
        _("regional group"), max_length=30, blank=True, choices=RegionalGroup.choices
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ["kind", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="entity_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (see registration.names); no query."""
        return entity_name(self)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def nomination_path(delegation, filename: str) -> str:
    # A random name: the file's own name may carry personal data, and must not be guessable.
    return f"nominations/{delegation.session_id}/{secrets.token_hex(16)}.pdf"


class Delegation(models.Model):
    """The participants of one entity at one session, managed by its focal points."""

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("session"),
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("entity")
    )
    focal_points = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="focal_point_of",
        verbose_name=_("focal points"),
    )
    head = models.ForeignKey(
        "Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of delegation"),
    )
    nomination_document = models.FileField(
        _("note verbale or nomination letter"),
        upload_to=nomination_path,
        blank=True,
        help_text=_("PDF."),
    )
    nomination_uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)
    nomination_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["session", "entity__kind", "entity__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["session", "entity"], name="one_delegation_per_entity")
        ]

    def __str__(self) -> str:
        return f"{self.entity.display_name}, {self.session.short_name}"


class IdentityDocument(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    LAISSEZ_PASSER = "laissez_passer", _("United Nations laissez-passer")
    OTHER = "other", _("Other official identity document")


class RegistrationQuerySet(models.QuerySet):
    """The rules asked in many places, named once."""

    def owned_by(self, user):
        """The person's own registrations: made by them, or made for their (verified)
        e-mail address by a focal point."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner_q(user))

    def live(self):
        return self.filter(state__in=Registration.LIVE_STATES)

    def approved(self):
        return self.filter(state=Registration.State.APPROVED)

    def badge_holders(self):
        """Those who hold a badge: approved, in person."""
        return self.filter(
            state=Registration.State.APPROVED, participation_mode=ParticipationMode.IN_PERSON
        )

    def joins_online(self):
        """Those who join online: approved to take part online, and no account that owns
        the registration (by itself or by its e-mail address, as owned_by) deactivated."""
        deactivated = get_user_model().objects.filter(is_active=False)
        return (
            self.filter(
                state=Registration.State.APPROVED, participation_mode=ParticipationMode.ONLINE
            )
            .exclude(participant__is_active=False)
            .exclude(Exists(deactivated.filter(email__iexact=OuterRef("email"))))
        )


def owner_q(user, prefix: str = "") -> models.Q:
    """Whose registration it is, as a condition: by account or by e-mail; `prefix` reaches
    registrations through a relation ("session__registrations__")."""
    return models.Q(**{f"{prefix}participant": user}) | models.Q(
        **{f"{prefix}email__iexact": user.email}
    )


def photo_path(registration, filename: str) -> str:
    return f"photos/{registration.session_id}/{secrets.token_hex(16)}.jpg"


class Registration(models.Model):
    """One person's registration for one session. A person (by e-mail) has at most one live
    registration per session; in-person seats are held by submitted and approved ones."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("registration state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("registration state", "Submitted (pending approval)")
        APPROVED = "approved", pgettext_lazy("registration state", "Approved")
        WAITLISTED = "waitlisted", pgettext_lazy("registration state", "Waitlisted")
        REJECTED = "rejected", pgettext_lazy("registration state", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("registration state", "Withdrawn")
        CANCELLED = "cancelled", pgettext_lazy("registration state", "Cancelled")

    LIVE_STATES = (State.DRAFT, State.SUBMITTED, State.APPROVED, State.WAITLISTED)
    SEAT_STATES = (State.SUBMITTED, State.APPROVED)
    EDITABLE_STATES = (State.DRAFT, State.SUBMITTED, State.WAITLISTED)

    class Salutation(models.TextChoices):
        MR = "Mr.", _("Mr.")
        MS = "Ms.", _("Ms.")
        MX = "Mx.", _("Mx.")
        DR = "Dr.", _("Dr.")
        PROF = "Prof.", _("Prof.")
        HE = "H.E.", _("H.E.")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "", _("Prefer not to say")

    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("session"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("delegation"),
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("entity")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("participant's account"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Entity.Kind.choices)
    participation_mode = models.CharField(
        _("participation mode"), max_length=12, choices=ParticipationMode.choices
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    waitlisted_at = models.DateTimeField(_("waitlisted"), null=True, blank=True)

    salutation = models.CharField(_("salutation"), max_length=8, choices=Salutation.choices)
    given_name = models.CharField(
        _("given name (as in passport)"), max_length=100, validators=[validate_single_line]
    )
    family_name = models.CharField(
        _("family name (as in passport)"), max_length=100, validators=[validate_single_line]
    )
    name_in_own_script = models.CharField(
        _("name in own script"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Optional, for the badge: in Arabic, Chinese, Cyrillic or other script."),
    )
    function_title = models.CharField(
        _("function or title"), max_length=200, blank=True, validators=[validate_single_line]
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    nationality = models.ForeignKey(
        Entity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ["member_state", "observer_state"]},
        verbose_name=_("nationality"),
    )
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[validate_single_line]
    )

    identity_document_type = models.CharField(
        _("identity document"), max_length=20, choices=IdentityDocument.choices, blank=True
    )
    identity_document_number = models.CharField(
        _("identity document number"), max_length=40, blank=True, validators=[validate_single_line]
    )
    identity_document_expiry = models.DateField(
        _("identity document expiry"), null=True, blank=True
    )
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    # Any language of the list (International Sign, say), not only the official ones.
    listening_language = models.CharField(
        _("listening language"), max_length=16, blank=True, validators=[validate_language_code]
    )
    speaking_language = models.CharField(
        _("speaking language"), max_length=16, blank=True, validators=[validate_language_code]
    )
    documentation_language = models.CharField(
        _("documentation language"), max_length=5, choices=OFFICIAL_LANGUAGES, blank=True
    )
    needs_hearing_assistance = models.BooleanField(
        _("hearing assistance (induction loop or hearing-aid compatible headset)"), default=False
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    needs_visa_letter = models.BooleanField(_("visa support letter requested"), default=False)
    consents_to_list = models.BooleanField(
        _("may be named in the public list of participants"), default=False
    )
    visa_letter_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visa letter signed off by"),
    )
    visa_letter_signed_at = models.DateTimeField(_("visa letter signed off"), null=True, blank=True)
    privacy_acknowledged_at = models.DateTimeField(
        _("privacy notice acknowledged"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=models.Q(state__in=["draft", "submitted", "approved", "waitlisted"]),
                name="one_live_registration_per_person",
            )
        ]
        indexes = [models.Index(fields=["session", "participation_mode", "state"])]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.session.short_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name.upper()}"

    @property
    def is_live(self) -> bool:
        return self.state in self.LIVE_STATES

    @property
    def holds_seat(self) -> bool:
        return self.state in self.SEAT_STATES

    @property
    def holds_badge(self) -> bool:
        """Approved, in person: as RegistrationQuerySet.badge_holders."""
        return (
            self.state == self.State.APPROVED
            and self.participation_mode == ParticipationMode.IN_PERSON
        )

    @property
    def is_editable_by_participant(self) -> bool:
        """The person (or their focal point) changes the details until approval; then
        only the Secretariat does."""
        return self.state in self.EDITABLE_STATES

    def is_owned_by(self, user) -> bool:
        """As RegistrationQuerySet.owned_by, for one registration."""
        return (
            user is not None
            and user.is_authenticated
            and (self.participant_id == user.pk or self.email.lower() == (user.email or "").lower())
        )


class RegistrationEvent(models.Model):
    """The audit trail of a registration: every change of state, who made it, when, why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, blank=True, choices=Registration.State.choices)
    to_state = models.CharField(max_length=12, choices=Registration.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state}"


class RegistrationMail(models.Model):
    """A mail about a registration (core.mail keeps it, its attempts and the server's
    answers): the officers' log of what the participant was sent."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="mails")
    email = models.OneToOneField(
        "post_office.Email", on_delete=models.CASCADE, related_name="registration_mail"
    )
    kind = models.CharField(max_length=20)  # a template of registration.mail.KINDS

    class Meta:
        verbose_name = _("mail about a registration")
        verbose_name_plural = _("mails about registrations")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.registration_id}"


class DelegationInvitation(models.Model):
    """An e-mail invitation to become a focal point of a delegation. Accepting it needs a
    signed-in account with the invited (verified) address, before it expires. The link's
    token is mailed once and kept only as its hash."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("focal point invitation")
        verbose_name_plural = _("focal point invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.delegation}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def has_expired(self) -> bool:
        return timezone.now() >= self.expires_at
