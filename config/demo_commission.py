"""A demonstration session at the size of a Commission (`seed_demo --participants 2500`):
150 delegations, participants in both modes and every state, portraits for those in person,
the badges of the approved ones in person, and check-ins at the gate yesterday and today.
It is what benches and trials of the console, the exports and badge printing run on.

The registrations are written in bulk, each with its line of history, in the mix of states
a session shows while it sits; the workflow services would take minutes for thousands of
them. The session is full in person, so that those waiting are waiting for a seat. Badges
and check-ins go through their services, as at the gate."""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from badges import checkin
from badges import services as badges
from config.demo_portraits import portrait
from config.demo_registrations import LISTENING, PEOPLE, demo_email
from registration.models import Delegation, Entity, Registration, RegistrationEvent
from sessions_app.models import MeetingFormat, ParticipationMode

SLUG = "commission-demo"
DELEGATIONS = 150
ORGANISATIONS = 20  # of the delegations; the others are Member States
State = Registration.State
# One in three takes part online; in forty, the states of a session that sits.
STATES = (
    [State.APPROVED] * 28
    + [State.SUBMITTED] * 6
    + [State.WAITLISTED] * 2
    + [State.REJECTED, State.WITHDRAWN, State.CANCELLED, State.DRAFT]
)
CHECKED_IN = (7, 6)  # of ten badges, how many were scanned on the first day, the second


def spec(today):
    from config.demo import SessionSpec

    return SessionSpec(
        SLUG,
        "Commission on Crime Prevention and Criminal Justice, demonstration at full size "
        "(not a real meeting)",
        "CCPCJ demo",
        today - timedelta(days=1),
        today + timedelta(days=3),
        MeetingFormat.HYBRID,
        "conference-room-m3",
        demonstration=True,
    )


def seed_commission(session, participants: int, officer, now, *, log=print) -> int:
    """Fill the session with `participants` registrations once (skipped when it has
    some), as if it were `now`. Returns how many were made."""
    if session.registrations.exists():
        return 0
    with transaction.atomic():
        delegations = _delegations(session)
        made = Registration.objects.bulk_create(
            _registration(session, delegations[n % len(delegations)], n)
            for n in range(participants)
        )
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent(
                registration=registration,
                to_state=registration.state,
                actor=officer,
                at=registration.state_changed_at,
            )
            for registration in made
        )
        holding = [r for r in made if r.participation_mode == ParticipationMode.IN_PERSON]
        session.in_person_capacity = sum(r.state in Registration.SEAT_STATES for r in holding)
        session.save(update_fields=["in_person_capacity", "updated_at"])
    log(f"  {SLUG}: {len(made)} registrations in {len(delegations)} delegations")
    _portraits([r for r in holding if r.state in Registration.LIVE_STATES], log)
    _badges_and_check_ins(session, holding, officer, now, log)
    return len(made)


def _delegations(session) -> list[Delegation]:
    states = list(Entity.objects.filter(kind=Entity.Kind.MEMBER_STATE).order_by("code"))
    kinds = [Entity.Kind.IGO, Entity.Kind.NGO]
    organisations = [
        Entity.objects.get_or_create(
            name=f"Demonstration organisation {number:02d}",
            defaults={"kind": kinds[number % 2]},
        )[0]
        for number in range(1, ORGANISATIONS + 1)
    ]
    entities = states[: DELEGATIONS - ORGANISATIONS] + organisations
    return Delegation.objects.bulk_create(
        Delegation(session=session, entity=entity) for entity in entities
    )


def _registration(session, delegation: Delegation, n: int) -> Registration:
    """The n-th participant: a given name and a family name of the demo people, combined
    (the name in its own script when both are one person's), in turn online or in person
    and in one of STATES (those waiting wait for a seat in the room)."""
    code, salutation, given, _family, own, gender = PEOPLE[n % len(PEOPLE)]
    family = PEOPLE[n // len(PEOPLE) % len(PEOPLE)][3]
    state = STATES[n % len(STATES)]
    online = n % 3 == 0 and state != State.WAITLISTED
    changed = timezone.now() - timedelta(minutes=n)
    return Registration(
        session=session,
        delegation=delegation,
        entity=delegation.entity,
        category=delegation.entity.kind,
        participation_mode=ParticipationMode.ONLINE if online else ParticipationMode.IN_PERSON,
        state=state,
        state_changed_at=changed,
        waitlisted_at=changed if state == State.WAITLISTED else None,
        salutation=salutation,
        given_name=given,
        family_name=family,
        name_in_own_script=own if family == _family else "",
        gender=gender,
        email=demo_email(given, f"{family}-{n}", SLUG),
        listening_language=LISTENING.get(code, "en"),
        speaking_language="en" if n % 3 == 0 else LISTENING.get(code, "en"),
        consents_to_list=n % 7 != 0,
    )


def _portraits(registrations: list[Registration], log) -> None:
    """Each its placeholder portrait, kept as an uploaded photo is (config.demo_portraits:
    the same name, the same picture)."""
    for registration in registrations:
        image = portrait(registration.given_name, registration.family_name)
        registration.photo.save("portrait.jpg", ContentFile(image), save=False)
    Registration.objects.bulk_update(registrations, ["photo"], batch_size=500)
    log(f"  {SLUG}: {len(registrations)} portraits")


def _badges_and_check_ins(session, holding: list[Registration], officer, now, log) -> None:
    """The approved in person get their badges; most were scanned at the gate on the
    session's first day (yesterday) and today, from 08:00 in Vienna, until `now`."""
    approved = [r for r in holding if r.state == State.APPROVED]
    with transaction.atomic():  # one commit for all
        issued = [badges.issue_badge(registration, officer) for registration in approved]
        scans = _check_ins(session, issued, officer, now)
    log(f"  {SLUG}: {len(issued)} badges, {scans} check-ins")


def _check_ins(session, issued, officer, now) -> int:
    scans = 0
    for days_in, share in enumerate(CHECKED_IN):
        day = session.start_date + timedelta(days=days_in)
        morning = datetime.combine(day, time(8), session.tzinfo)
        for number, badge in enumerate(issued):
            if number % 10 < share:
                at = min(morning + timedelta(seconds=10 * number), now)
                checkin.check_in(badge.code, gate="Gate 1", device="demo", actor=officer, now=at)
                scans += 1
    return scans
