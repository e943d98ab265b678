"""Reminders to approved online participants: the day before the session and an hour
before the first sitting of each day, each sent once, with the personal link, in the
participant's language, never with the platform's meeting link."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.languages import set_preferred_language
from online import reminders, services, tasks
from online.models import Reminder
from registration import services as registration
from tests.concurrency import at_once
from tests.factories import (
    SittingFactory,
    UserFactory,
    register,
    vienna,
)
from tests.online.common import DAY, ZOOM

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(session):
    """The conftest's session, with a third sitting the next day."""
    SittingFactory(
        session=session,
        title="3rd plenary",
        start=vienna(DAY + timedelta(days=1), 9),
        end=vienna(DAY + timedelta(days=1), 12),
    )
    return session


@pytest.fixture
def online(session, officer):
    participant = registration.approve(register(session, mode="online"), officer)
    mail.outbox.clear()
    return participant


def sent(now) -> list:
    mail.outbox.clear()
    reminders.send_due(now)
    return list(mail.outbox)


def test_the_day_before_the_session_brings_a_reminder_with_the_personal_link(online):
    (message,) = sent(vienna(DAY - timedelta(days=1), 8))

    assert message.to == [online.email]
    assert services.join_url(online) in message.body
    assert ZOOM not in message.body and "zoom.example.org" not in message.body
    assert Reminder.objects.get().kind == "day_before"


def test_two_days_before_nothing_is_due(online):
    assert sent(vienna(DAY - timedelta(days=2), 23, 50)) == []


def test_an_hour_before_each_days_first_sitting_brings_a_reminder(online):
    assert sent(vienna(DAY, 8, 59)) == []
    (first_day,) = sent(vienna(DAY, 9, 0))
    assert sent(vienna(DAY, 14, 30)) == []  # the day's second sitting: none
    (second_day,) = sent(vienna(DAY + timedelta(days=1), 8, 10))

    assert services.join_url(online) in first_day.body and "1st plenary" in first_day.body
    assert "3rd plenary" in second_day.body and ZOOM not in second_day.body
    assert [(r.kind, r.day) for r in Reminder.objects.order_by("day")] == [
        ("hour_before", DAY),
        ("hour_before", DAY + timedelta(days=1)),
    ]


def test_once_the_sitting_has_begun_the_hours_reminder_is_no_longer_due(online):
    assert sent(vienna(DAY, 10, 0)) == []


def test_a_reminder_is_sent_once_however_often_it_runs(online):
    now = vienna(DAY, 9, 5)

    assert len(sent(now)) == 1
    assert sent(now) == []
    assert sent(vienna(DAY, 9, 15)) == []
    assert Reminder.objects.count() == 1


def test_nobody_in_person_not_approved_or_deactivated_gets_one(session, officer, online):
    registration.approve(register(session, mode="in_person"), officer)
    register(session, mode="online")  # submitted, not approved
    registration.reject(register(session, mode="online"), officer, "Late.")
    deactivated = registration.approve(register(session, mode="online"), officer)
    deactivated.participant = UserFactory(email=deactivated.email, is_active=False)
    deactivated.save(update_fields=["participant"])

    messages = sent(vienna(DAY, 9, 30))

    assert [m.to for m in messages] == [[online.email]]


def test_the_reminder_is_in_the_participants_language(session, officer):
    reader = UserFactory()
    set_preferred_language(reader, "fr")
    participant = registration.approve(
        register(session, mode="online", email=reader.email, participant=reader), officer
    )

    (message,) = sent(vienna(DAY - timedelta(days=1), 12))

    assert "janvier" in message.body and "Programme\xa0:" in message.body
    assert services.join_url(participant) in message.body


def test_the_task_and_the_command_send_what_is_due(online):
    with mock.patch("online.reminders.timezone.now", return_value=vienna(DAY, 9, 1)):
        mail.outbox.clear()
        tasks.send_reminders.delay()
        assert len(mail.outbox) == 1
        call_command("send_reminders", stdout=StringIO())
        assert len(mail.outbox) == 1


def test_beat_runs_the_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["online-reminders"]
    assert entry["task"] == "online.tasks.send_reminders"
    assert entry["schedule"] <= 600


def test_a_mail_that_fails_is_tried_again_and_does_not_stop_the_others(session, officer):
    first, second = (
        registration.approve(register(session, mode="online"), officer) for _ in range(2)
    )
    mail.outbox.clear()
    real_send = reminders.message

    def failing_for_the_first(registration_, kind, sitting):
        built = real_send(registration_, kind, sitting)
        if registration_.pk == first.pk:
            built.send = mock.Mock(side_effect=OSError("refused"))
        return built

    with mock.patch("online.reminders.message", failing_for_the_first):
        reminders.send_due(vienna(DAY, 9, 0))

    assert [message.to for message in mail.outbox] == [[second.email]]
    assert list(Reminder.objects.values_list("registration", flat=True)) == [second.pk]
    assert sent(vienna(DAY, 9, 5))[0].to == [first.email]  # the next run sends it


def test_a_session_no_longer_held_brings_no_reminder(session, online):
    session.status = "postponed"
    session.save(update_fields=["status"])

    assert sent(vienna(DAY - timedelta(days=1), 8)) == []
    assert sent(vienna(DAY, 9, 30)) == []


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_instant_send_each_reminder_once(session, officer):
    people = [registration.approve(register(session, mode="online"), officer) for _ in range(5)]
    mail.outbox.clear()

    counts = at_once(4, lambda index: reminders.send_due(vienna(DAY, 9, 30)), ())

    assert sum(counts) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
