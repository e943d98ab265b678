"""Every change of state in registration: entities, delegations, registrations and their
workflow, with in-person capacity, delegation quotas and the waiting list. Views, the API,
the admin and commands all call these, so each rule is written once."""

import csv
from collections import Counter
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from sessions_app.models import ParticipationMode, Session

from . import mail, queries, signals
from .models import Delegation, Entity, Registration, RegistrationEvent

STATES_CSV = Path(__file__).parent / "data" / "states.csv"
State = Registration.State


class RegistrationError(DomainError):
    """A change that the registration rules refuse."""


@transaction.atomic
def load_states(path: Path = STATES_CSV) -> int:
    """Create or update the UN Member States and observer States from the reference list
    (matched by ISO code). Returns how many rows were loaded."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    existing = {
        entity.code: entity
        for entity in Entity.objects.filter(code__in=[row["iso3"] for row in rows])
    }
    for row in rows:
        entity = existing.get(row["iso3"]) or Entity(code=row["iso3"])
        entity.kind = row["kind"]
        entity.name_en = row["name"]
        entity.formal_name = row["formal_name"]
        entity.regional_group = row["regional_group"]
        entity.save()
    return len(rows)


# --- Seats -----------------------------------------------------------------------------


def lock_session(session: Session) -> Session:
    """The session read afresh and locked until the transaction ends: changes of its
    registrations (and of the badges' serials) are made one transaction at a time."""
    # SQLite ignores the lock; its IMMEDIATE transactions are already serialised.
    return Session.objects.select_for_update(of=("self",)).select_related("room").get(pk=session.pk)


# What decides a session's seats, read afresh under its lock: an officer may just have
# changed it.
SEAT_FIELDS = ("format", "in_person_capacity", "online_capacity", "delegation_in_person_quota")


def _lock_seats(session: Session) -> Session:
    """Lock the session as lock_session does, but read afresh only what decides its
    seats, into `session` (whose other fields the caller has just read): a short query
    where the seat lock is held."""
    fresh = (
        Session.objects.select_for_update(of=("self",))
        .values(*SEAT_FIELDS, "room_id", "room__capacity")
        .get(pk=session.pk)
    )
    room_capacity = fresh.pop("room__capacity")
    if fresh["room_id"] != session.room_id and Session.room.is_cached(session):
        Session.room.field.delete_cached_value(session)  # another room: read when asked
    for name, value in fresh.items():
        setattr(session, name, value)
    if Session.room.is_cached(session) and session.room is not None:
        session.room.capacity = room_capacity
    return session


def capacity(session: Session, mode: str) -> int | None:
    """Places in this mode; None: no limit."""
    if mode == ParticipationMode.IN_PERSON:
        return session.seats_in_person
    return session.online_capacity


def seats_taken(session: Session, mode: str) -> Counter:
    """Places held (submitted or approved) in this mode: `total` and per delegation id;
    and how many wait for one (`waitlisted`)."""
    taken = Counter()
    rows = (
        Registration.objects.filter(
            session=session,
            participation_mode=mode,
            state__in=(*Registration.SEAT_STATES, State.WAITLISTED),
        )
        .values_list("delegation_id", "state")
        .annotate(held=Count("pk"))
        .order_by()
    )
    for delegation_id, state, held in rows:
        if state == State.WAITLISTED:
            taken["waitlisted"] += held
        else:
            taken[delegation_id] += held
            taken["total"] += held
    return taken


def _fits(session: Session, mode: str, delegation_id: int, taken: Counter) -> bool:
    limit = capacity(session, mode)
    if limit is not None and taken["total"] >= limit:
        return False
    quota = session.delegation_in_person_quota
    return not (
        mode == ParticipationMode.IN_PERSON and quota is not None and taken[delegation_id] >= quota
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in the queue of its mode; None when not waitlisted. Counted as a
    list counts it (queries.with_waitlist_position), so the two never disagree."""
    if registration.state != State.WAITLISTED:
        return None
    return (
        queries.with_waitlist_position(Registration.objects.filter(pk=registration.pk))
        .values_list("queue_position", flat=True)
        .get()
    )


# --- Changes of state ------------------------------------------------------------------


def _move(
    registration: Registration,
    to_state: str,
    actor=None,
    reason: str = "",
    from_mode: str | None = None,
) -> None:
    """Change the state and write the audit trail; tell the upper apps (`from_mode`: the
    participation mode before the change, when the caller has just changed it)."""
    from_state = registration.state if registration.pk else ""
    now = timezone.now()
    registration.state = to_state
    registration.state_changed_at = now
    if to_state == State.WAITLISTED:
        registration.waitlisted_at = now
    registration.save()
    RegistrationEvent.objects.create(
        registration=registration,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        reason=reason,
        at=now,
    )
    _changed(
        registration,
        from_state,
        from_mode or registration.participation_mode,
        actor,
        registration.get_state_display(),
    )


def _changed(registration: Registration, from_state: str, from_mode: str, actor, change) -> None:
    """`change` in a few words (the new state or mode), which the upper apps may show: never
    the free-text reason, which stays in the registration's history."""
    signals.registration_changed.send(
        sender=Registration,
        registration=registration,
        from_state=from_state,
        from_mode=from_mode,
        actor=actor,
        change=str(change),
    )


def _place(registration: Registration, actor, *mails: str, from_mode: str | None = None) -> None:
    """Give the registration a place if one is free, else put it on the waiting list (at
    the end: `position_on_joining` comes from the same count)."""
    session = registration.session
    taken = seats_taken(session, registration.participation_mode)
    if _fits(session, registration.participation_mode, registration.delegation_id, taken):
        _move(registration, State.SUBMITTED, actor, from_mode=from_mode)
    else:
        _move(registration, State.WAITLISTED, actor, from_mode=from_mode)
        registration.position_on_joining = taken["waitlisted"] + 1
    mail.on_commit_send(registration, registration.state, *mails)


def lock_for_change(registration: Registration) -> Registration:
    """Lock the registration's session, then read the registration afresh (in place, so
    that the caller's instance shows the outcome)."""
    session = lock_session(registration.session)
    registration.refresh_from_db()
    registration.session = session
    return registration


def delegation_for(session: Session, entity: Entity) -> Delegation:
    delegation, _created = Delegation.objects.get_or_create(session=session, entity=entity)
    return delegation


def register(
    session: Session,
    *,
    entity: Entity,
    actor,
    participant=None,
    submit: bool = True,
    by_officer: bool = False,
    delegation: Delegation | None = None,
    **fields,
) -> Registration:
    """Create a registration in the entity's delegation (given, or found or made here)
    and, unless `submit` is False, submit it: it takes a place if one is free and is
    waitlisted otherwise. Outside the registration window only officers register anyone."""
    if not by_officer and not session.registration_is_open:
        raise RegistrationError(_("Registration for this session is not open."), code="closed")
    mode = fields.get("participation_mode")
    if mode not in session.participation_modes:
        raise RegistrationError(
            _("This session does not offer that participation mode."), code="mode_not_offered"
        )
    email = (fields.get("email") or "").strip()
    if not email:
        raise RegistrationError(_("Give the participant's e-mail address."), code="email_required")
    if participant is not None:
        check_identity_document(mode, fields)
    fields.setdefault("category", entity.kind)
    # Outside the seat lock, which is then held only for the count and the insert.
    delegation = delegation or delegation_for(session, entity)
    try:
        with transaction.atomic():
            registration = Registration(
                session=_lock_seats(session),
                delegation=delegation,
                entity=entity,
                participant=participant,
                registered_by=actor,
                **fields,
            )
            # A second live registration of the same person is refused by the unique
            # constraint (one_live_registration_per_person), caught below.
            if submit:  # straight to its place: one write, one line of audit trail
                _place(registration, actor, "new_member")
            else:
                _move(registration, State.DRAFT, actor)
    except IntegrityError as error:
        raise RegistrationError(
            _("%(email)s is already registered for this session.") % {"email": email},
            code="already_registered",
        ) from error
    return registration


def submit(registration: Registration, actor) -> Registration:
    with transaction.atomic():
        registration = lock_for_change(registration)
        if registration.state != State.DRAFT:
            raise RegistrationError(_("Only a draft can be submitted."), code="not_a_draft")
        _place(registration, actor, "new_member")
    return registration


# The states from which an officer's decisions start, written once: the services refuse
# the others, and the console offers only these buttons.
DECIDABLE_FROM = {
    "approve": (State.SUBMITTED,),
    "reject": (State.DRAFT, State.SUBMITTED, State.WAITLISTED),
    "return": (State.APPROVED,),
}


def decisions_for(registration: Registration) -> set[str]:
    """The officer's decisions this registration's state allows."""
    return {name for name, states in DECIDABLE_FROM.items() if registration.state in states}


def approve(registration: Registration, actor, reason: str = "") -> Registration:
    with transaction.atomic():
        registration = lock_for_change(registration)
        if registration.state not in DECIDABLE_FROM["approve"]:
            raise RegistrationError(
                _("Only a submitted registration can be approved."), code="not_submitted"
            )
        _move(registration, State.APPROVED, actor, reason)
        mail.on_commit_send(registration, "approved")
    return registration


def return_to_submitted(registration: Registration, actor, reason: str) -> Registration:
    """An officer reopens an approved registration (the delegate may then edit it), saying
    why (kept in its history)."""
    if not reason.strip():
        raise RegistrationError(_("Give the reason for returning it."), code="reason_required")
    with transaction.atomic():
        registration = lock_for_change(registration)
        if registration.state not in DECIDABLE_FROM["return"]:
            raise RegistrationError(
                _("Only an approved registration can be returned."), code="not_approved"
            )
        _move(registration, State.SUBMITTED, actor, reason)
    return registration


def _end(registration: Registration, to_state: str, from_states, actor, reason: str, error: str):
    """End a registration; a place it held goes to the first in the queue who fits."""
    with transaction.atomic():
        registration = lock_for_change(registration)
        if registration.state not in from_states:
            raise RegistrationError(error, code="wrong_state")
        _move(registration, to_state, actor, reason)
        mail.on_commit_send(registration, to_state)
        promote_waitlisted(registration.session)
    return registration


def reject(registration: Registration, actor, reason: str) -> Registration:
    if not reason.strip():
        raise RegistrationError(_("Give the reason for the rejection."), code="reason_required")
    return _end(
        registration,
        State.REJECTED,
        DECIDABLE_FROM["reject"],
        actor,
        reason,
        _("Only a pending or waitlisted registration can be rejected."),
    )


def withdraw(registration: Registration, actor, reason: str = "") -> Registration:
    return _end(
        registration,
        State.WITHDRAWN,
        Registration.LIVE_STATES,
        actor,
        reason,
        _("This registration has already ended."),
    )


def cancel(registration: Registration, actor, reason: str) -> Registration:
    if not reason.strip():
        raise RegistrationError(_("Give the reason for the cancellation."), code="reason_required")
    return _end(
        registration,
        State.CANCELLED,
        (State.APPROVED,),
        actor,
        reason,
        _("Only an approved registration can be cancelled."),
    )


def change_mode(registration: Registration, mode: str, actor) -> Registration:
    """Move a live registration to the other participation mode. A pending or waitlisted
    one is placed again in its new mode; an approved one keeps its approval only if a place
    is free. A place it leaves goes to the first in the queue who fits."""
    with transaction.atomic():
        registration = lock_for_change(registration)
        session = registration.session
        if mode not in session.participation_modes:
            raise RegistrationError(
                _("This session does not offer that participation mode."), code="mode_not_offered"
            )
        if not registration.is_live:
            raise RegistrationError(_("This registration has already ended."), code="ended")
        if registration.participation_mode == mode:
            return registration
        if registration.state == State.APPROVED and not _fits(
            session, mode, registration.delegation_id, seats_taken(session, mode)
        ):
            raise RegistrationError(_("No place is free in that mode."), code="no_place")
        from_mode = registration.participation_mode
        registration.participation_mode = mode
        _check_identity_given_by_owner(registration, actor)
        if registration.state in (State.SUBMITTED, State.WAITLISTED):
            _place(registration, actor, from_mode=from_mode)
        else:
            registration.save()
            _changed(
                registration,
                registration.state,
                from_mode,
                actor,
                _("Participation: %(mode)s")
                % {"mode": registration.get_participation_mode_display()},
            )
        promote_waitlisted(session)
    return registration


def switch_to_online(registration: Registration, actor) -> Registration:
    return change_mode(registration, ParticipationMode.ONLINE, actor)


def promote_waitlisted(session: Session) -> list[Registration]:
    """Give free places to the waiting list, first come first served, skipping those whose
    delegation has used its quota. Called after every change that may free a place."""
    promoted = []
    with transaction.atomic():
        session = lock_session(session)
        for mode in session.participation_modes:
            queue = Registration.objects.filter(
                session=session, participation_mode=mode, state=State.WAITLISTED
            ).order_by("waitlisted_at", "pk")
            taken = seats_taken(session, mode)
            limit = capacity(session, mode)
            for registration in queue:
                if limit is not None and taken["total"] >= limit:
                    break
                if _fits(session, mode, registration.delegation_id, taken):
                    _move(registration, State.SUBMITTED, None, _("Promoted from the waiting list"))
                    taken[registration.delegation_id] += 1
                    taken["total"] += 1
                    mail.on_commit_send(registration, "promoted")
                    promoted.append(registration)
    return promoted


# Fields a delegate may change on their own registration (mode and entity have their own
# steps: switching mode moves seats; another entity means another delegation).
EDITABLE_FIELDS = (
    "salutation",
    "given_name",
    "family_name",
    "name_in_own_script",
    "function_title",
    "gender",
    "nationality",
    "phone",
    "listening_language",
    "speaking_language",
    "documentation_language",
    "needs_hearing_assistance",
    "accessibility_needs",
    "needs_visa_letter",
    "consents_to_list",
)


# Personal data that only officers and the person see (never focal points).
PERSONAL_FIELDS = ("identity_document_type", "identity_document_number", "identity_document_expiry")


def update_registration(
    registration: Registration, actor, *, by_officer: bool = False, **fields
) -> Registration:
    """Change a registration's details: the delegate until approval, an officer while it
    is live."""
    unknown = set(fields) - set(EDITABLE_FIELDS) - set(PERSONAL_FIELDS)
    if unknown:
        raise RegistrationError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="not_editable_field",
        )
    with transaction.atomic():
        registration = lock_for_change(registration)
        check_editable(registration, by_officer)
        for name, value in fields.items():
            setattr(registration, name, value)
        if not by_officer:
            _check_identity_given_by_owner(registration, actor)
        registration.save()
    return registration


def missing_identity_fields(mode: str, details) -> list[str]:
    """In person, the VIC's security service needs the person's identity document (its
    type, number and expiry): the fields of `details` it lacks."""
    if mode != ParticipationMode.IN_PERSON:
        return []
    return [name for name in PERSONAL_FIELDS if not details.get(name)]


def _check_identity_given_by_owner(registration: Registration, actor) -> None:
    if actor is not None and registration.is_owned_by(actor):
        check_identity_document(
            registration.participation_mode,
            {name: getattr(registration, name) for name in PERSONAL_FIELDS},
        )


def check_identity_document(mode: str, details) -> None:
    """The person gives their identity document for in-person participation when they
    register, change their details or move in person themself (a focal point, who may not
    see it, registers a member without it; the member adds it)."""
    if missing_identity_fields(mode, details):
        raise RegistrationError(
            _(
                "In-person participation needs the identity document (type, number and "
                "expiry) for the VIC's security service."
            ),
            code="identity_document_required",
        )


def check_editable(registration: Registration, by_officer: bool) -> None:
    if not registration.is_live:
        raise RegistrationError(_("This registration has already ended."), code="ended")
    if not by_officer and not registration.is_editable_by_participant:
        raise RegistrationError(
            _("An approved registration can be changed only by the Secretariat."),
            code="not_editable",
        )
