import pytest
from django.core import mail

from registration import services
from registration.models import Registration
from tests.factories import EntityFactory, SessionFactory, register

State = Registration.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", in_person_capacity=2)


def test_a_registration_with_a_free_seat_is_submitted(session):
    assert register(session).state == State.SUBMITTED


def test_beyond_capacity_an_in_person_registration_is_waitlisted(session):
    register(session), register(session)

    assert register(session).state == State.WAITLISTED


def test_online_registrations_are_not_limited_by_in_person_seats(session):
    register(session), register(session)

    assert register(session, mode="online").state == State.SUBMITTED


def test_online_cap_waitlists_online_registrations(session):
    session.online_capacity = 1
    session.save()
    register(session, mode="online")

    assert register(session, mode="online").state == State.WAITLISTED


def test_delegation_quota_waitlists_beyond_the_quota(session):
    session.in_person_capacity, session.delegation_in_person_quota = 10, 1
    session.save()
    state = EntityFactory()
    register(session, state)

    assert register(session, state).state == State.WAITLISTED
    assert register(session).state == State.SUBMITTED


def test_capacity_defaults_to_the_main_room_seats(room):
    room.capacity = 1
    room.save()
    session = SessionFactory(format="in_person", room=room, venue=room.venue)
    register(session)

    assert register(session).state == State.WAITLISTED


def test_the_seats_are_read_afresh_under_the_lock_not_from_the_callers_copy(session, room):
    register(session), register(session)
    copy = type(session).objects.get(pk=session.pk)  # as a page read it, before...
    session.in_person_capacity = 3  # ...an officer gave one more seat
    session.save()

    assert register(copy).state == State.SUBMITTED
    assert register(copy).state == State.WAITLISTED

    session.in_person_capacity, session.room = None, room  # now the room's seats count
    session.save()
    room.capacity = 5
    room.save()
    assert register(copy).state == State.SUBMITTED


def test_online_session_refuses_in_person(session):
    session.format = "online"
    session.save()

    with pytest.raises(services.RegistrationError):
        register(session, mode="in_person")


def test_one_live_registration_per_person_and_session(session):
    register(session, email="amina@example.org")

    with pytest.raises(services.RegistrationError, match="already registered"):
        register(session, email="Amina@Example.org")
    assert Registration.objects.count() == 1


def test_a_person_may_register_again_after_withdrawing(session):
    services.withdraw(register(session, email="amina@example.org"), actor=None)

    assert register(session, email="amina@example.org").state == State.SUBMITTED


def test_waitlist_positions_follow_the_queue(session):
    register(session), register(session)
    first, second = register(session), register(session)

    assert [services.waitlist_position(r) for r in (first, second)] == [1, 2]


def test_withdrawal_promotes_the_first_in_the_queue_and_tells_them(
    session, django_capture_on_commit_callbacks
):
    leaving = register(session)
    register(session)
    first, second = register(session), register(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(leaving, actor=None)

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.state, second.state) == (State.SUBMITTED, State.WAITLISTED)
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert services.waitlist_position(second) == 1


def test_promotion_skips_those_whose_delegation_is_at_its_quota(session):
    session.delegation_in_person_quota = 1
    session.save()
    full, other = EntityFactory(), EntityFactory()
    leaving = register(session)
    register(session, full)
    blocked = register(session, full)
    fitting = register(session, other)

    services.withdraw(leaving, actor=None)

    blocked.refresh_from_db(), fitting.refresh_from_db()
    assert (blocked.state, fitting.state) == (State.WAITLISTED, State.SUBMITTED)


def test_rejection_needs_a_reason_and_frees_the_seat(session, officer):
    rejected = register(session)
    register(session)
    waiting = register(session)

    with pytest.raises(services.RegistrationError):
        services.reject(rejected, officer, reason=" ")
    services.reject(rejected, officer, reason="Not nominated by the Mission")

    waiting.refresh_from_db()
    assert waiting.state == State.SUBMITTED


def test_rejection_mail_gives_the_reason(session, officer, django_capture_on_commit_callbacks):
    registration = register(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.reject(registration, officer, reason="Not nominated by the Mission")

    assert "Not nominated by the Mission" in mail.outbox[0].body


def test_switching_to_online_frees_the_seat_for_the_queue(session):
    switching = register(session)
    register(session)
    waiting = register(session)

    services.switch_to_online(switching, actor=None)

    switching.refresh_from_db(), waiting.refresh_from_db()
    assert switching.participation_mode == "online"
    assert (switching.state, waiting.state) == (State.SUBMITTED, State.SUBMITTED)


def test_a_waitlisted_delegate_switches_to_online_in_one_step(session):
    register(session), register(session)
    waiting = register(session)

    services.switch_to_online(waiting, actor=None)

    waiting.refresh_from_db()
    assert (waiting.participation_mode, waiting.state) == ("online", State.SUBMITTED)


def test_a_larger_capacity_promotes_the_queue(session):
    register(session), register(session)
    waiting = register(session)
    session.in_person_capacity = 3
    session.save()

    services.promote_waitlisted(session)

    waiting.refresh_from_db()
    assert waiting.state == State.SUBMITTED


def test_approval_only_from_submitted(session, officer):
    register(session), register(session)

    with pytest.raises(services.RegistrationError):
        services.approve(register(session), officer)


def test_approval_sends_mail_and_keeps_the_seat(
    session, officer, django_capture_on_commit_callbacks
):
    registration = register(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(registration, officer)

    assert registration.state == State.APPROVED and registration.holds_seat
    assert "approved" in mail.outbox[0].subject.lower()


def test_officer_returns_an_approved_registration_to_submitted(session, officer):
    registration = services.approve(register(session), officer)

    services.return_to_submitted(registration, officer, reason="Passport number to check")

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_returning_to_submitted_needs_a_reason(session, officer):
    registration = services.approve(register(session), officer)

    with pytest.raises(services.RegistrationError):
        services.return_to_submitted(registration, officer, reason=" ")

    registration.refresh_from_db()
    assert registration.state == State.APPROVED


def test_audit_trail_records_who_when_and_why(session, officer):
    registration = register(session)
    services.approve(registration, officer, reason="Nominated by note verbale")

    events = list(registration.events.values_list("from_state", "to_state", "actor", "reason"))

    assert events == [
        ("", "submitted", None, ""),
        ("submitted", "approved", officer.pk, "Nominated by note verbale"),
    ]


def test_a_draft_holds_no_seat_until_submitted(session):
    draft = register(session, submit=False)
    register(session), register(session)

    services.submit(draft, actor=None)

    assert draft.state == State.WAITLISTED


def test_ended_registrations_cannot_change(session, officer):
    registration = services.withdraw(register(session), actor=None)

    with pytest.raises(services.RegistrationError):
        services.approve(registration, officer)
    with pytest.raises(services.RegistrationError):
        services.switch_to_online(registration, actor=None)


def test_focal_points_are_told_of_a_new_member(
    session, delegate, django_capture_on_commit_callbacks
):
    entity = EntityFactory()
    services.delegation_for(session, entity).focal_points.add(delegate)

    with django_capture_on_commit_callbacks(execute=True):
        register(session, entity)

    assert [delegate.email] in [m.to for m in mail.outbox]


def test_submission_and_waitlisting_are_mailed(session, django_capture_on_commit_callbacks):
    register(session), register(session)

    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(session)

    assert mail.outbox[-1].to == [waiting.email]
    assert "waiting list" in mail.outbox[-1].subject.lower()


def test_approval_mail_attaches_the_programme_in_the_session_time_zone(
    session, officer, room, django_capture_on_commit_callbacks
):
    import icalendar

    from sessions_app import services as sessions
    from tests.factories import vienna

    sessions.schedule_sitting(
        session,
        title="1st plenary meeting",
        room=room,
        start=vienna(session.start_date, 10),
        end=vienna(session.start_date, 13),
    )
    registration = register(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(registration, officer)

    name, content, mimetype = mail.outbox[-1].attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert (name, mimetype) == (f"{session.slug}.ics", "text/calendar")
    assert event["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert event.decoded("DTSTART").hour == 10
    assert "BEGIN:VTIMEZONE" in str(content)
