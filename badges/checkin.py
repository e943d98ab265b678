"""Checking participants in at the gate, online and from offline scanners: the signature,
the revocation list, the session's dates and the registration's state, then one check-in
per participant per day per session (backed by its unique constraint). A scan made
offline carries the scanner's identifier of the scan (its nonce), unique per session, so
that uploading it again records nothing twice."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname

from core.errors import DomainError
from registration.models import Registration
from sessions_app.models import Session

from . import signing
from .models import Badge, CheckIn, SessionBadging
from .services import RevokedBadge, badging_for

State = Registration.State
NONCE_MAX_LENGTH = CheckIn._meta.get_field("nonce").max_length
# A scanner's clock may run a little ahead of the server's: a scan this far in the future
# is taken as made now.
CLOCK_TOLERANCE = timedelta(minutes=2)


class CheckInRefused(DomainError):
    """A badge that does not admit its bearer. `reason` (its code) is stable, for machines:
    one of REASONS (the API answers 409 with them; UNREADABLE are its 400s); the message
    is for the officer at the gate."""

    FORGED = "forged"
    REVOKED = "revoked"
    WRONG_SESSION = "wrong_session"
    NOT_APPROVED = "not_approved"
    OUTSIDE_DATES = "outside_dates"
    SCANNED_IN_FUTURE = "scanned_in_future"
    NONCE_REUSED = "nonce_reused"
    # A request the check-in API cannot read: it answers 400 with these, not 409.
    MISSING_CODE = "missing_code"
    INVALID = "invalid"
    TOO_MANY = "too_many"
    # Every reason, with the verdict the gate page shows for it: one list for the service,
    # the API's schema and the page.
    LABELS = {
        FORGED: gettext_lazy("Forged or unreadable badge"),
        REVOKED: gettext_lazy("Revoked badge"),
        WRONG_SESSION: gettext_lazy("Badge of another session"),
        NOT_APPROVED: gettext_lazy("Registration not approved"),
        OUTSIDE_DATES: gettext_lazy("Outside the session's dates"),
        SCANNED_IN_FUTURE: gettext_lazy("Scan dated in the future"),
        NONCE_REUSED: gettext_lazy("Scan identifier already used"),
        MISSING_CODE: gettext_lazy("No code"),
        INVALID: gettext_lazy("Refused"),
        TOO_MANY: gettext_lazy("Too many scans at once"),
    }
    REASONS = (
        FORGED,
        REVOKED,
        WRONG_SESSION,
        NOT_APPROVED,
        OUTSIDE_DATES,
        SCANNED_IN_FUTURE,
        NONCE_REUSED,
    )
    UNREADABLE = (MISSING_CODE, INVALID, TOO_MANY)

    def __init__(self, reason: str, message: str):
        super().__init__(message, code=reason)

    @property
    def reason(self) -> str:
        return self.code


@dataclass(frozen=True)
class ScannerBundle:
    """What a scanner needs to check badges offline: the session, its public key, the
    revoked serials and the live badges, by serial (with their registrations and
    entities)."""

    session: Session
    public_key: bytes
    revoked: list[RevokedBadge]
    live: list[Badge]


@dataclass(frozen=True)
class CheckInResult:
    """The day's check-in of a participant, and the badge scanned; `created` is False when
    they had already been checked in that day (the scan did not count twice)."""

    check_in: CheckIn
    badge: Badge
    created: bool

    @property
    def registration(self) -> Registration:
        return self.check_in.registration

    @cached_property
    def local_time(self) -> str:
        session = self.check_in.session
        return formats.time_format(timezone.localtime(self.check_in.at, session.tzinfo))

    @property
    def message(self) -> str:
        if self.created:
            return _("Checked in at %(time)s.") % {"time": self.local_time}
        return _("Already checked in today at %(time)s.") % {"time": self.local_time}


# --- Offline scanners ------------------------------------------------------------------


# What the gate shows of a badge's bearer and checks of their registration.
_BEARER = (
    "registration__given_name",
    "registration__family_name",
    "registration__category",
    "registration__photo",
    "registration__state",
    "registration__participation_mode",
    # What the entity's name in the reader's language needs (registration.names).
    "registration__entity__kind",
    "registration__entity__code",
    *(
        f"registration__entity__{build_localized_fieldname('name', language)}"
        for language in settings.MODELTRANSLATION_LANGUAGES
    ),
)


def scanner_bundle(session: Session) -> ScannerBundle:
    """The session's public key, revoked serials and live badges: one query for the
    badges whatever their number (their registrations and entities joined)."""
    badging = badging_for(session)
    badges = (
        Badge.objects.filter(session=session)
        .select_related("registration__entity")
        .only("serial", "revoked_at", "registration__id", *_BEARER)
        .order_by("serial")
    )
    revoked, live = [], []
    for badge in badges:
        if badge.revoked_at is None:
            live.append(badge)
        else:
            revoked.append(RevokedBadge(badge.serial, badge.revoked_at))
    return ScannerBundle(session, bytes(badging.public_key), revoked, live)


def admits(registration: Registration) -> bool:
    """Whether the bearer of the registration's live badge is let in (on the session's
    days): what an offline scanner checks after the signature and the revocation list."""
    return _registration_refusal(registration) is None


# --- Check-in --------------------------------------------------------------------------


def _one(lookup):
    """The row of a lookup by a unique key, or None (without first()'s ORDER BY)."""
    try:
        return lookup.get()
    except ObjectDoesNotExist:
        return None


# What the checks and the answer read of a scanned badge, its session (with the key that
# verifies the code), its registration and entity: one narrow query per scan.
_SCANNED = (
    "serial",
    "revoked_at",
    "revoked_reason",
    "session__slug",
    "session__short_name",
    "session__start_date",
    "session__end_date",
    "session__time_zone",
    "session__badging__public_key",
    *_BEARER,
)


def _scanned(code: str) -> tuple[Session, Badge | None]:
    """The session the code names and the badge it names (None if no longer on record),
    once the signature is verified with that session's public key. One query when the
    badge is on record."""
    try:
        session_id, registration_id, serial = signing.read_unverified(code)
    except signing.InvalidCode as error:
        raise CheckInRefused(CheckInRefused.FORGED, str(error)) from error
    badge = _one(
        Badge.objects.select_related("session__badging", "registration__entity")
        .only(*_SCANNED)
        .filter(session_id=session_id, serial=serial, registration_id=registration_id)
    )
    if badge is not None and hasattr(badge.session, "badging"):
        session, badging = badge.session, badge.session.badging
    else:  # forged, or signed here and then deleted
        badge = None
        badging = SessionBadging.objects.select_related("session").filter(session_id=session_id)
        badging = badging.first()
        if badging is None:
            raise CheckInRefused(
                CheckInRefused.FORGED, _("This badge code was not issued by this system.")
            )
        session = badging.session
    try:
        signing.verify(badging.public_key, code)
    except signing.InvalidCode as error:
        raise CheckInRefused(CheckInRefused.FORGED, str(error)) from error
    return session, badge


def _registration_refusal(registration: Registration) -> CheckInRefused | None:
    if registration.holds_badge:
        return None
    if registration.state != State.APPROVED:
        return CheckInRefused(
            CheckInRefused.NOT_APPROVED,
            _("The registration is not approved (it is: %(state)s).")
            % {"state": registration.get_state_display()},
        )
    return CheckInRefused(
        CheckInRefused.NOT_APPROVED,
        _("The registration is now for online participation."),
    )


def _scan_time(session: Session, scanned_at: datetime | None, now: datetime) -> datetime:
    """When the badge was scanned: now, or the time a scanner gives for a scan made
    offline (without an offset: the session's local time). Not in the future."""
    if scanned_at is None:
        return now
    if timezone.is_naive(scanned_at):
        scanned_at = timezone.make_aware(scanned_at, session.tzinfo)
    try:
        scanned_at = scanned_at.astimezone(UTC)
        _day_of(session, scanned_at)  # a day in the session's own time zone, too
    except OverflowError as error:  # a clock reset to the first (or last) day of the calendar
        raise CheckInRefused(
            CheckInRefused.OUTSIDE_DATES,
            _("The time of this scan is not a day of the session: check the scanner's clock."),
        ) from error
    if scanned_at > now + CLOCK_TOLERANCE:
        raise CheckInRefused(
            CheckInRefused.SCANNED_IN_FUTURE,
            _("The time of this scan is in the future: check the scanner's clock."),
        )
    return min(scanned_at, now)


def _day_of(session: Session, now: datetime) -> date:
    return timezone.localtime(now, session.tzinfo).date()


def _replayed(session: Session, nonce: str, badge: Badge | None) -> CheckInResult | None:
    """The check-in an earlier upload of the same scan recorded, answered as it was then;
    None if this scan was not recorded yet."""
    earlier = _one(CheckIn.objects.filter(session=session, nonce=nonce))
    if earlier is None:
        return None
    if badge is None or earlier.badge_id != badge.pk:
        raise CheckInRefused(
            CheckInRefused.NONCE_REUSED,
            _("This scan identifier was already used for another badge."),
        )
    return _result(earlier, badge, created=True)


def check_in(
    code: str,
    *,
    gate: str = "",
    device: str = "",
    actor=None,
    now: datetime | None = None,
    session: Session | None = None,
    nonce: str = "",
    scanned_at: datetime | None = None,
) -> CheckInResult:
    """Check in the bearer of a badge, once per day (in the session's time zone) of the
    session. `session` is the one the gate checks for, if any. Verifies, in this order,
    the signature (against the key of the session the code names), the session, the time
    of the scan, the revocation list, the registration's state and the session's days; a
    refusal raises CheckInRefused and writes nothing. A second scan the same day does not
    count twice.

    A scan made offline is uploaded with `scanned_at` (when it was made: its day and time
    are recorded) and the scanner's `nonce` for it: the same nonce uploaded again records
    nothing and answers as the first upload did."""
    now = now or timezone.now()
    nonce = (nonce or "").strip()
    if len(nonce) > NONCE_MAX_LENGTH:
        raise ValueError(f"A nonce has at most {NONCE_MAX_LENGTH} characters.")
    named, badge = _scanned(code)
    if session is not None and session.pk != named.pk:
        raise CheckInRefused(
            CheckInRefused.WRONG_SESSION,
            _("This badge is for %(named)s, not for %(session)s.")
            % {"named": named.short_name, "session": session.short_name},
        )
    at = _scan_time(named, scanned_at, now)
    if nonce:
        replayed = _replayed(named, nonce, badge)
        if replayed is not None:
            return replayed
    if badge is None:  # signed here, then deleted: no longer valid
        raise CheckInRefused(CheckInRefused.REVOKED, _("This badge is no longer on record."))
    if badge.revoked_at is not None:
        raise CheckInRefused(
            CheckInRefused.REVOKED,
            _("This badge (serial %(serial)d) was revoked: %(reason)s.")
            % {"serial": badge.serial, "reason": badge.revoked_reason},
        )
    refusal = _registration_refusal(badge.registration)
    if refusal is not None:
        raise refusal
    day = _day_of(named, at)
    if not named.start_date <= day <= named.end_date:
        raise CheckInRefused(
            CheckInRefused.OUTSIDE_DATES,
            _("This badge is valid from %(first)s to %(last)s.")
            % {
                "first": formats.date_format(named.start_date),
                "last": formats.date_format(named.end_date),
            },
        )
    return _record(badge, day, at, gate=gate, device=device, actor=actor, nonce=nonce)


def _record(badge: Badge, day: date, at: datetime, nonce: str, **details) -> CheckInResult:
    """The day's check-in, made unless there is one. Most scans are the day's first, so the
    insert comes first: the unique constraints refuse a second, which then reads the one
    kept (two scans at the same instant too; the same scan uploaded twice at once answers
    as the first). The price of the query saved: PostgreSQL logs each refused insert as an
    error, and django-prometheus counts it among the database errors."""
    record = CheckIn(
        session=badge.session,
        registration=badge.registration,
        badge=badge,
        day=day,
        at=at,
        gate=details["gate"][:80],
        device=details["device"][:120],
        checked_by=details["actor"],
        nonce=nonce,
    )
    try:
        # One INSERT needs no transaction of its own; within a caller's transaction, a
        # savepoint keeps that transaction usable if the insert is refused.
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                record.save(force_insert=True)
        else:
            record.save(force_insert=True)
    except IntegrityError:
        replayed = nonce and _replayed(badge.session, nonce, badge)
        if replayed:
            return replayed
        earlier = CheckIn.objects.get(
            session_id=badge.session_id, registration_id=badge.registration_id, day=day
        )
        # With this scan's nonce, it was made by the same scan uploaded at the same
        # instant, after this one looked for the nonce: answer as that upload did.
        return _result(earlier, badge, created=bool(nonce) and earlier.nonce == nonce)
    return CheckInResult(record, badge, created=True)


def _result(check_in: CheckIn, badge: Badge, created: bool) -> CheckInResult:
    """The answer with a check-in read back, given the session and registration already
    read with the badge."""
    check_in.session, check_in.registration = badge.session, badge.registration
    return CheckInResult(check_in, badge, created)
