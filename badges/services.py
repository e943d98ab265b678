"""Every change of state in badges: the session's key pair, issuing, reprinting and
revoking badges. Views, the API, the admin and commands all call these, so each rule is
written once; checking in at the gate is in checkin.py.

Serials are taken under the lock of the session row (as registration's seats are), and
backed by the unique (session, serial) constraint."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from registration.models import Registration
from registration.services import lock_for_change, lock_session
from sessions_app.models import Session

from . import signing
from .models import Badge, SessionBadging

logger = logging.getLogger(__name__)
State = Registration.State
REASON_MAX_LENGTH = Badge._meta.get_field("revoked_reason").max_length


class BadgeError(DomainError):
    """A change of a badge that the rules refuse."""


@dataclass(frozen=True)
class RevokedBadge:
    serial: int
    revoked_at: datetime


# --- Keys ------------------------------------------------------------------------------


def badging_for(session: Session) -> SessionBadging:
    """The session's badging, made with a fresh key pair the first time it is needed."""
    badging = SessionBadging.objects.filter(session=session).first()
    if badging is not None:
        return badging
    try:
        with transaction.atomic():
            badging = with_new_key_pair(SessionBadging(session=session))
            badging.save()
            return badging
    except IntegrityError:  # made at the same instant by another request: use that one
        return SessionBadging.objects.get(session=session)


def with_new_key_pair(badging: SessionBadging) -> SessionBadging:
    """A new badging gets its signing key pair here (and nowhere else): the private key is
    never shown, the public key goes to the scanners."""
    badging.private_key, badging.public_key = signing.new_key_pair()
    return badging


# --- Issuing and revoking --------------------------------------------------------------


def _check_may_have_badge(registration: Registration) -> None:
    if registration.holds_badge:
        return
    if registration.state != State.APPROVED:
        raise BadgeError(_("Only an approved registration has a badge."), code="not_approved")
    raise BadgeError(_("Only participants in person have a badge."), code="not_in_person")


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise BadgeError(_("Give the reason."), code="reason_required")
    if len(reason) > REASON_MAX_LENGTH:
        raise BadgeError(
            _("Keep the reason within %(count)d characters.") % {"count": REASON_MAX_LENGTH},
            code="reason_too_long",
        )
    return reason


def _live_badge(registration: Registration) -> Badge | None:
    return Badge.objects.filter(registration=registration, revoked_at__isnull=True).first()


def _issue(registration: Registration, actor) -> Badge:
    """Issue the next serial of the session; the caller holds the session's lock."""
    session = registration.session
    badge = _new_badge(badging_for(session), registration, _last_serial(session) + 1, actor)
    badge.save(force_insert=True)
    return badge


def _last_serial(session: Session) -> int:
    return Badge.objects.filter(session=session).aggregate(last=Max("serial"))["last"] or 0


def _new_badge(badging: SessionBadging, registration: Registration, serial: int, actor) -> Badge:
    """A badge with this serial, its signed code and its QR modules (made here, once)."""
    code = signing.sign(badging.private_key, registration.session_id, registration.pk, serial)
    return Badge(
        session_id=registration.session_id,
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


def issue_badges(registrations: list[Registration], actor) -> list[Badge]:
    """issue_badge for each of these registrations of one session, in their order, in a
    few queries whatever their number (a print batch of thousands): the session locked
    once, the registrations read afresh and their live badges in one query each, the new
    badges made together with the next serials. One that may not have a badge refuses
    the whole batch."""
    if not registrations:
        return []
    ids = [registration.pk for registration in registrations]
    with transaction.atomic():
        session = lock_session(registrations[0].session)
        fresh = Registration.objects.select_related("session", "entity").in_bulk(ids)
        for pk in ids:
            if fresh[pk].session_id != session.pk:
                raise ValueError("A batch of badges is for one session.")
            _check_may_have_badge(fresh[pk])
        live = {
            badge.registration_id: badge
            for badge in Badge.objects.filter(registration_id__in=ids, revoked_at__isnull=True)
        }
        missing = [fresh[pk] for pk in ids if pk not in live]
        if missing:
            badging, last = badging_for(session), _last_serial(session)
            made = Badge.objects.bulk_create(
                _new_badge(badging, registration, last + number, actor)
                for number, registration in enumerate(missing, start=1)
            )
            live |= {badge.registration_id: badge for badge in made}
    return [live[pk] for pk in ids]


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
            raise BadgeError(_("This badge is already revoked."), code="already_revoked")
        _revoke(badge, actor, reason)
    return badge


def revoke_live_badge(registration: Registration, actor, reason: str) -> None:
    """Within the registration's own change (its session already locked): its live badge,
    if any, stops admitting and goes on the revocation list for offline scanners."""
    badge = _live_badge(registration)
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
