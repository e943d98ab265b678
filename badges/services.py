"""Every change of state in badges: the session's key pair, issuing, reprinting and
revoking badges, and checking participants in at the gate. Views, the API, the admin and
commands all call these, so each rule is written once.

Serials are taken under the lock of the session row (as registration's seats are), and
backed by the unique (session, serial) constraint; one check-in per participant per day is
backed by its unique constraint."""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from registration.models import Registration
from registration.services import lock_for_change
from sessions_app.models import ParticipationMode, Session

from . import signing
from .models import Badge, CheckIn, SessionBadging

logger = logging.getLogger(__name__)
State = Registration.State
REASON_MAX_LENGTH = Badge._meta.get_field("revoked_reason").max_length


class BadgeError(Exception):
    """A change that the rules refuse; the message is for the user."""


class CheckInRefused(Exception):
    """A badge that does not admit its bearer. `reason` is a stable code for machines (one
    of REASONS); the message is for the officer at the gate."""

    FORGED = "forged"
    REVOKED = "revoked"
    WRONG_SESSION = "wrong_session"
    NOT_APPROVED = "not_approved"
    OUTSIDE_DATES = "outside_dates"
    REASONS = (FORGED, REVOKED, WRONG_SESSION, NOT_APPROVED, OUTSIDE_DATES)

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class RevokedBadge:
    serial: int
    revoked_at: datetime


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

    @property
    def local_time(self) -> str:
        session = self.check_in.session
        return timezone.localtime(self.check_in.at, session.tzinfo).strftime("%H:%M")

    @property
    def message(self) -> str:
        if self.created:
            return _("Checked in at %(time)s.") % {"time": self.local_time}
        return _("Already checked in today at %(time)s.") % {"time": self.local_time}


# --- Keys ------------------------------------------------------------------------------


def badging_for(session: Session) -> SessionBadging:
    """The session's badging, made with a fresh key pair the first time it is needed."""
    badging = SessionBadging.objects.filter(session=session).first()
    if badging is not None:
        return badging
    private_key, public_key = signing.new_key_pair()
    try:
        with transaction.atomic():
            return SessionBadging.objects.create(
                session=session, private_key=private_key, public_key=public_key
            )
    except IntegrityError:  # made at the same instant by another request: use that one
        return SessionBadging.objects.get(session=session)


# --- Issuing and revoking --------------------------------------------------------------


def _check_may_have_badge(registration: Registration) -> None:
    if registration.state != State.APPROVED:
        raise BadgeError(_("Only an approved registration has a badge."))
    if registration.participation_mode != ParticipationMode.IN_PERSON:
        raise BadgeError(_("Only participants in person have a badge."))


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise BadgeError(_("Give the reason."))
    if len(reason) > REASON_MAX_LENGTH:
        raise BadgeError(
            _("Keep the reason within %(count)d characters.") % {"count": REASON_MAX_LENGTH}
        )
    return reason


def _live_badge(registration: Registration) -> Badge | None:
    return Badge.objects.filter(registration=registration, revoked_at__isnull=True).first()


def _issue(registration: Registration, actor) -> Badge:
    """Issue the next serial of the session; the caller holds the session's lock."""
    session = registration.session
    badging = badging_for(session)
    last = Badge.objects.filter(session=session).aggregate(last=Max("serial"))["last"]
    serial = (last or 0) + 1
    code = signing.sign(badging.private_key, session.pk, registration.pk, serial)
    return Badge.objects.create(
        session=session,
        registration=registration,
        serial=serial,
        code=code,
        qr_modules=signing.qr_modules(code),
        issued_at=timezone.now(),
        issued_by=actor,
    )


def _revoke(badge: Badge, actor, reason: str) -> None:
    badge.revoked_at = timezone.now()
    badge.revoked_reason = reason
    badge.save(update_fields=["revoked_at", "revoked_reason"])
    logger.info(
        "Badge %s (serial %s of session %s) revoked by user %s",
        badge.pk,
        badge.serial,
        badge.session_id,
        getattr(actor, "pk", None),
    )


def issue_badge(registration: Registration, actor) -> Badge:
    """The badge of an approved in-person registration: its live badge if it has one, else
    a new one with the session's next serial, its signed code and QR modules made here
    once."""
    with transaction.atomic():
        registration = lock_for_change(registration)
        _check_may_have_badge(registration)
        return _live_badge(registration) or _issue(registration, actor)


def reprint(registration: Registration, actor, reason: str) -> Badge:
    """Revoke the registration's live badge (if any) and issue a new one with a new serial:
    the old badge no longer admits."""
    reason = _check_reason(reason)
    with transaction.atomic():
        registration = lock_for_change(registration)
        _check_may_have_badge(registration)
        live = _live_badge(registration)
        if live is not None:
            _revoke(live, actor, reason)
        return _issue(registration, actor)


def revoke(badge: Badge, actor, reason: str) -> Badge:
    """Revoke a badge (lost, stolen, or its bearer no longer admitted)."""
    reason = _check_reason(reason)
    with transaction.atomic():
        lock_for_change(badge.registration)
        badge.refresh_from_db()
        if badge.revoked_at is not None:
            raise BadgeError(_("This badge is already revoked."))
        _revoke(badge, actor, reason)
    return badge


def revoke_live_badge(registration: Registration, actor, reason: str) -> None:
    """Within the registration's own change (its session already locked): its live badge,
    if any, stops admitting and goes on the revocation list for offline scanners."""
    badge = Badge.objects.filter(registration=registration, revoked_at__isnull=True).first()
    if badge is not None:
        _revoke(badge, actor, reason[:REASON_MAX_LENGTH])


def revocation_list(session: Session) -> list[RevokedBadge]:
    """The session's revoked serials and when they were revoked, by serial."""
    rows = (
        Badge.objects.filter(session=session, revoked_at__isnull=False)
        .order_by("serial")
        .values_list("serial", "revoked_at")
    )
    return [RevokedBadge(serial, revoked_at) for serial, revoked_at in rows]


# --- Check-in --------------------------------------------------------------------------


def _verified(code: str) -> tuple[SessionBadging, int, int]:
    """The badging of the session the code names, with the registration id and serial,
    once the signature is verified with that session's public key."""
    try:
        session_id, _registration_id, _serial = signing.read_unverified(code)
    except signing.InvalidCode as error:
        raise CheckInRefused(CheckInRefused.FORGED, str(error)) from error
    badging = SessionBadging.objects.select_related("session").filter(session_id=session_id)
    badging = badging.first()
    if badging is None:
        raise CheckInRefused(
            CheckInRefused.FORGED, _("This badge code was not issued by this system.")
        )
    try:
        _session_id, registration_id, serial = signing.verify(badging.public_key, code)
    except signing.InvalidCode as error:
        raise CheckInRefused(CheckInRefused.FORGED, str(error)) from error
    return badging, registration_id, serial


def _day_of(session: Session, now: datetime) -> date:
    return timezone.localtime(now, session.tzinfo).date()


def check_in(
    code: str,
    *,
    gate: str = "",
    device: str = "",
    actor=None,
    now: datetime | None = None,
    session: Session | None = None,
) -> CheckInResult:
    """Check in the bearer of a badge, once per day (in the session's time zone) of the
    session. `session` is the one the gate checks for, if any. Verifies, in this order,
    the signature (against the key of the session the code names), the session, the
    revocation list, the registration's state and the session's days; a refusal raises
    CheckInRefused and writes nothing. A second scan the same day does not count twice."""
    now = now or timezone.now()
    badging, registration_id, serial = _verified(code)
    named = badging.session
    if session is not None and session.pk != named.pk:
        raise CheckInRefused(
            CheckInRefused.WRONG_SESSION,
            _("This badge is for %(named)s, not for %(session)s.")
            % {"named": named.short_name, "session": session.short_name},
        )
    badge = (
        Badge.objects.select_related("session", "registration__entity")
        .filter(session=named, serial=serial, registration_id=registration_id)
        .first()
    )
    if badge is None:  # signed here, then deleted: no longer valid
        raise CheckInRefused(CheckInRefused.REVOKED, _("This badge is no longer on record."))
    if badge.revoked_at is not None:
        raise CheckInRefused(
            CheckInRefused.REVOKED,
            _("This badge (serial %(serial)d) was revoked: %(reason)s.")
            % {"serial": badge.serial, "reason": badge.revoked_reason},
        )
    registration = badge.registration
    if registration.state != State.APPROVED:
        raise CheckInRefused(
            CheckInRefused.NOT_APPROVED,
            _("The registration is not approved (it is: %(state)s).")
            % {"state": registration.get_state_display()},
        )
    if registration.participation_mode != ParticipationMode.IN_PERSON:
        raise CheckInRefused(
            CheckInRefused.NOT_APPROVED,
            _("The registration is now for online participation."),
        )
    day = _day_of(named, now)
    if not named.start_date <= day <= named.end_date:
        raise CheckInRefused(
            CheckInRefused.OUTSIDE_DATES,
            _("This badge is valid from %(first)s to %(last)s.")
            % {
                "first": formats.date_format(named.start_date),
                "last": formats.date_format(named.end_date),
            },
        )
    return _record(badge, day, now, gate=gate, device=device, actor=actor)


def _record(badge: Badge, day: date, now: datetime, **details) -> CheckInResult:
    """The day's check-in, made unless there is one. Two scans at the same instant: the
    unique constraint keeps one, and the other reads it."""
    same_day = CheckIn.objects.select_related("session", "registration__entity").filter(
        session=badge.session, registration=badge.registration, day=day
    )
    earlier = same_day.first()
    if earlier is not None:
        return CheckInResult(earlier, badge, created=False)
    try:
        with transaction.atomic():
            record = CheckIn.objects.create(
                session=badge.session,
                registration=badge.registration,
                badge=badge,
                day=day,
                at=now,
                gate=details["gate"][:80],
                device=details["device"][:120],
                checked_by=details["actor"],
            )
    except IntegrityError:
        return CheckInResult(same_day.get(), badge, created=False)
    return CheckInResult(record, badge, created=True)
